/*
 * Command-line parsing.  Portable: the host tests build it as is.
 */
#include <kernel/cmdline.h>
#include <kernel/string.h>

char boot_command_line[COMMAND_LINE_SIZE];

/* Find the word starting with `key` followed by one of `ends` ("" = space/NUL). */
static const char *find_word(const char *s, const char *key, char end)
{
	size_t n = strlen(key);

	while (*s) {
		while (*s == ' ')
			s++;
		if (!strncmp(s, key, n) &&
		    (s[n] == end || (end == ' ' && s[n] == '\0')))
			return s + n;
		while (*s && *s != ' ')
			s++;
	}
	return NULL;
}

bool cmdline_has(const char *cmdline, const char *flag)
{
	return find_word(cmdline, flag, ' ') != NULL;
}

bool cmdline_get(const char *cmdline, const char *key, char *buf, size_t size)
{
	const char *v = find_word(cmdline, key, '=');
	size_t i = 0;

	if (!v)
		return false;
	v++;	/* skip '=' */
	while (v[i] && v[i] != ' ' && i + 1 < size) {
		buf[i] = v[i];
		i++;
	}
	if (size)
		buf[i] = '\0';
	return true;
}

bool cmdline_list_has(const char *cmdline, const char *key, const char *item)
{
	char val[256];
	const char *p = val;
	size_t n = strlen(item);

	if (!cmdline_get(cmdline, key, val, sizeof(val)))
		return false;
	while (*p) {
		if (!strncmp(p, item, n) && (p[n] == ',' || p[n] == '\0'))
			return true;
		p = strchr(p, ',');
		if (!p)
			break;
		p++;
	}
	return false;
}

unsigned long simple_strtoul(const char *s, const char **end, unsigned base)
{
	unsigned long v = 0;

	if (base == 0) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
			base = 16;
			s += 2;
		}
	}
	for (;; s++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else if (*s >= 'A' && *s <= 'F')
			d = (unsigned)(*s - 'A' + 10);
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
	}
	if (end)
		*end = s;
	return v;
}

unsigned long long memparse(const char *s, const char **end)
{
	const char *e;
	unsigned long long v = simple_strtoul(s, &e, 0);

	switch (*e) {
	case 'G': case 'g':
		v <<= 10;
		/* fall through */
	case 'M': case 'm':
		v <<= 10;
		/* fall through */
	case 'K': case 'k':
		v <<= 10;
		e++;
		break;
	default:
		break;
	}
	if (end)
		*end = e;
	return v;
}
