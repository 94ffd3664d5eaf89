/*
 * true - exit 0.
 * exec_bad's known-good program: scripts/mkbadelf.py makes /bad from it.
 */
int main(void)
{
	return 0;
}
