/*
 * vsnprintf: the formatter behind printk, snprintf and seq_printf.
 *
 * Conversions: %d %i %u %x %X %o %p %s %c %%.
 * Flags: '-' (left-justify), '0' (zero padding).  Width: digits or '*'.
 * Precision: '.N' for %s (at most N characters).
 * Length: hh h l ll z.
 * %p prints "0x" and 8 hex digits (the width of a 32-bit pointer).
 *
 * Portable C with no kernel dependency, so the host tests build it as is.
 */
#include <kernel/printk.h>
#include <kernel/string.h>

struct out {
	char *buf;
	size_t size;
	size_t pos;	/* characters produced, including ones that did not fit */
};

static void put(struct out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void put_padding(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

struct spec {
	bool left;
	bool zero;
	int width;
	int precision;	/* -1: none */
};

static void put_string(struct out *o, const char *s, const struct spec *sp)
{
	size_t len;
	int pad;

	if (!s)
		s = "(null)";
	len = sp->precision >= 0 ? strnlen(s, (size_t)sp->precision) : strlen(s);
	pad = sp->width > (int)len ? sp->width - (int)len : 0;
	if (!sp->left)
		put_padding(o, ' ', pad);
	while (len--)
		put(o, *s++);
	if (sp->left)
		put_padding(o, ' ', pad);
}

/* Print an unsigned number in base 8, 10 or 16, with an optional sign. */
static void put_number(struct out *o, unsigned long long v, unsigned base,
		       bool upper, bool negative, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len, pad;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);

	len = n + (negative ? 1 : 0);
	pad = sp->width > len ? sp->width - len : 0;

	if (sp->left) {
		if (negative)
			put(o, '-');
		while (n)
			put(o, tmp[--n]);
		put_padding(o, ' ', pad);
		return;
	}
	if (sp->zero) {
		if (negative)
			put(o, '-');
		put_padding(o, '0', pad);
	} else {
		put_padding(o, ' ', pad);
		if (negative)
			put(o, '-');
	}
	while (n)
		put(o, tmp[--n]);
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	sp->left = sp->zero = false;
	sp->width = 0;
	sp->precision = -1;

	for (;; fmt++) {
		if (*fmt == '-')
			sp->left = true;
		else if (*fmt == '0')
			sp->zero = true;
		else
			break;
	}
	if (*fmt == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		fmt++;
	}
	while (*fmt >= '0' && *fmt <= '9')
		sp->width = sp->width * 10 + (*fmt++ - '0');
	if (*fmt == '.') {
		sp->precision = 0;
		fmt++;
		if (*fmt == '*') {
			sp->precision = va_arg(*ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			sp->precision = sp->precision * 10 + (*fmt++ - '0');
	}
	return fmt;
}

static const char *parse_length(const char *fmt, enum length *len)
{
	*len = LEN_INT;
	if (*fmt == 'h') {
		fmt++;
		*len = LEN_SHORT;
		if (*fmt == 'h') {
			fmt++;
			*len = LEN_CHAR;
		}
	} else if (*fmt == 'l') {
		fmt++;
		*len = LEN_LONG;
		if (*fmt == 'l') {
			fmt++;
			*len = LEN_LLONG;
		}
	} else if (*fmt == 'z') {
		fmt++;
		*len = LEN_SIZE;
	}
	return fmt;
}

static long long get_signed(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_CHAR: return (signed char)va_arg(*ap, int);
	case LEN_SHORT: return (short)va_arg(*ap, int);
	case LEN_LONG: return va_arg(*ap, long);
	case LEN_LLONG: return va_arg(*ap, long long);
	case LEN_SIZE: return va_arg(*ap, ssize_t);
	default: return va_arg(*ap, int);
	}
}

static unsigned long long get_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_CHAR: return (unsigned char)va_arg(*ap, unsigned);
	case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned);
	case LEN_LONG: return va_arg(*ap, unsigned long);
	case LEN_LLONG: return va_arg(*ap, unsigned long long);
	case LEN_SIZE: return va_arg(*ap, size_t);
	default: return va_arg(*ap, unsigned);
	}
}

/*
 * vsnprintf - format into buf, at most size bytes including the NUL.
 * Returns the length the full output would have had (as C99 says), so a
 * caller can detect truncation.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct out o = { buf, size, 0 };
	struct spec sp;
	enum length len;
	va_list ap;

	va_copy(ap, ap_in);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &ap);
		fmt = parse_length(fmt, &len);
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = get_signed(&ap, len);
			put_number(&o, v < 0 ? -(unsigned long long)v : (unsigned long long)v,
				   10, false, v < 0, &sp);
			break;
		}
		case 'u':
			put_number(&o, get_unsigned(&ap, len), 10, false, false, &sp);
			break;
		case 'x':
		case 'X':
			put_number(&o, get_unsigned(&ap, len), 16, *fmt == 'X', false, &sp);
			break;
		case 'o':
			put_number(&o, get_unsigned(&ap, len), 8, false, false, &sp);
			break;
		case 'p': {
			struct spec ps = { false, true, 8, -1 };

			put(&o, '0');
			put(&o, 'x');
			put_number(&o, (uintptr_t)va_arg(ap, void *), 16, false, false, &ps);
			break;
		}
		case 's':
			put_string(&o, va_arg(ap, const char *), &sp);
			break;
		case 'c': {
			int pad = sp.width > 1 ? sp.width - 1 : 0;

			if (!sp.left)
				put_padding(&o, ' ', pad);
			put(&o, (char)va_arg(ap, int));
			if (sp.left)
				put_padding(&o, ' ', pad);
			break;
		}
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;	/* lone '%' at the end: stop */
			break;
		default:	/* unknown conversion: print it as it stands */
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	va_end(ap);
	if (size)
		buf[o.pos < size ? o.pos : size - 1] = '\0';
	return (int)o.pos;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* scnprintf - like snprintf but returns what was actually written. */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!size)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n < (int)size ? n : (int)size - 1;
}

/* seq_printf - append to a show buffer; sets s->overflow when it is full. */
void seq_printf(struct seq_buf *s, const char *fmt, ...)
{
	va_list ap;
	size_t room = s->size - s->len;
	int n;

	if (s->overflow || room == 0) {
		s->overflow = true;
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(s->buf + s->len, room, fmt, ap);
	va_end(ap);
	if ((size_t)n >= room) {
		s->len = s->size - 1;
		s->overflow = true;
	} else {
		s->len += (size_t)n;
	}
}
