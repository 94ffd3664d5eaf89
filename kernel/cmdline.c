/*
 * Command-line parsing.  Portable: the host tests build it as is.
 */
#include <kernel/cmdline.h>
#include <kernel/errno.h>
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

/* A digit's value in any base up to 16; 16 or more for anything else. */
static unsigned digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (unsigned)((c | 0x20) - 'a' + 10);
	return 16;
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

/*
 * Linux's radix rules for base 0: "0x" and a hex digit -> 16, a leading
 * 0 -> 8, else 10; base 16 skips a "0x".  Returns where the digits start.
 */
static const char *fixup_radix(const char *s, unsigned *base)
{
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');

	if (*base == 0)
		*base = s[0] != '0' ? 10 : hex && digit_value(s[2]) < 16 ? 16 : 8;
	if (*base == 16 && hex)
		s += 2;
	return s;
}

/* The digits of s in base; *overflow if the value does not fit 64 bits (it wraps). */
static const char *parse_ull(const char *s, unsigned base, unsigned long long *v,
			     bool *overflow)
{
	unsigned d;

	*v = 0;
	*overflow = false;
	for (; (d = digit_value(*s)) < base; s++) {
		if (*v > (~0ULL - d) / base)
			*overflow = true;
		*v = *v * base + d;
	}
	return s;
}

unsigned long long simple_strtoull(const char *s, const char **end, unsigned base)
{
	unsigned long long v;
	bool overflow;

	s = fixup_radix(s, &base);
	s = parse_ull(s, base, &v, &overflow);
	if (end)
		*end = s;
	return v;
}

int kstrtoull(const char *s, unsigned base, unsigned long long *res)
{
	unsigned long long v;
	const char *e;
	bool overflow;

	if (*s == '+')
		s++;
	s = fixup_radix(s, &base);
	e = parse_ull(s, base, &v, &overflow);
	if (overflow)
		return -ERANGE;
	if (e == s)
		return -EINVAL;
	if (*e == '\n')
		e++;
	if (*e)
		return -EINVAL;
	*res = v;
	return 0;
}

unsigned long long memparse(const char *s, const char **end)
{
	static const char suffixes[] = "kmgtpe";	/* K M G T P E: 2^10 ... 2^60 */
	const char *e;
	unsigned long long v = simple_strtoull(s, &e, 0);
	const char *p = *e ? strchr(suffixes, *e | 0x20) : NULL;

	if (p) {
		v <<= 10 * (p - suffixes + 1);
		e++;
	}
	if (end)
		*end = e;
	return v;
}
