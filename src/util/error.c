/* error.c: filling struct hs_error. */
#include <stdio.h>
#include <string.h>

#include "util/error.h"

void
hs_error_init(struct hs_error *e)
{
	e->code = HS_OK;
	e->msg[0] = '\0';
	e->offset = -1;
	e->line = 0;
	e->col = 0;
	e->landed = 0;
}

static int
hs_error_vset(struct hs_error *e, int code, const char *fmt, va_list ap)
{
	if (e == NULL)
		return code;
	e->code = code;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	return code;
}

int
hs_error_set(struct hs_error *e, int code, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	hs_error_vset(e, code, fmt, ap);
	va_end(ap);
	return code;
}

int
hs_error_at(struct hs_error *e, int code, long long offset, const char *fmt,
    ...)
{
	va_list	ap;

	va_start(ap, fmt);
	hs_error_vset(e, code, fmt, ap);
	va_end(ap);
	if (e != NULL)
		e->offset = offset;
	return code;
}

int
hs_error_at_line(struct hs_error *e, int code, int line, int col,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	hs_error_vset(e, code, fmt, ap);
	va_end(ap);
	if (e != NULL) {
		e->line = line;
		e->col = col;
	}
	return code;
}

const char *
hs_error_where(const struct hs_error *e, char *buf, size_t len)
{
	if (e->offset >= 0)
		snprintf(buf, len, " (at offset %lld)", e->offset);
	else if (e->line > 0 && e->col > 0)
		snprintf(buf, len, " (at line %d:%d)", e->line, e->col);
	else if (e->line > 0)
		snprintf(buf, len, " (at line %d)", e->line);
	else if (len > 0)
		buf[0] = '\0';
	return buf;
}
