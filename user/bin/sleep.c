/*
 * sleep SECONDS[.FRACTION] - wait that long.
 * With nanosleep; e.g. `sleep 30 &`.
 */
#include <stdio.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec t = { 0, 0 };
	const char *s = argc == 2 ? argv[1] : "";
	long scale = 100000000;

	for (; *s >= '0' && *s <= '9'; s++)
		t.tv_sec = t.tv_sec * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && scale; s++, scale /= 10)
			t.tv_nsec += (*s - '0') * scale;
	if (argc != 2 || *s) {
		fprintf(stderr, "usage: sleep SECONDS[.FRACTION]\n");
		return 2;
	}
	while (nanosleep(&t, &t) < 0)
		;
	return 0;
}
