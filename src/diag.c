/* diag.c: diagnostics, the one place that formats messages for the user. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

static void
emit(const char *prefix, const char *kind, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;

	/* One write per message, so parallel processes never interleave lines. */
	buf_addf(&b, "%s: %s: ", prefix, kind);
	buf_vaddf(&b, fmt, ap);
	buf_addch(&b, '\n');
	fwrite(b.ptr, 1, b.len, stderr);
	fflush(stderr);
	buf_release(&b);
}

void
diag_at(const char *file, size_t line, size_t col, const char *fmt, ...)
{
	struct buf where = BUF_INIT;
	va_list ap;

	buf_addf(&where, "%s:%zu:%zu", file, line, col);
	va_start(ap, fmt);
	emit(where.ptr, "error", fmt, ap);
	va_end(ap);
	buf_release(&where);
}

void
diag_file(const char *file, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(file, "error", fmt, ap);
	va_end(ap);
}

void
diag_file_note(const char *file, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(file, "note", fmt, ap);
	va_end(ap);
}

void
diag_file_warning(const char *file, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(file, "warning", fmt, ap);
	va_end(ap);
}

int
error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("roic", "error", fmt, ap);
	va_end(ap);
	return -1;
}

void
warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("roic", "warning", fmt, ap);
	va_end(ap);
}

void
text_linecol(const char *text, size_t len, size_t off, size_t *line, size_t *col)
{
	size_t i, l = 1, start = 0;

	if (off > len)
		off = len;
	for (i = 0; i < off; i++)
		if (text[i] == '\n')
			l++, start = i + 1;
	*line = l;
	*col = utf8_chars(text + start, off - start) + 1;
	/* A byte-order mark is not a character the user sees. */
	if (start == 0 && off >= 3 && len >= 3 &&
	    memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		(*col)--;
}
