/* diag.h: diagnostics, the one place that formats messages for the user. */
#ifndef ROIC_DIAG_H
#define ROIC_DIAG_H

#include <stddef.h>

#define PRINTF(a, b) __attribute__((format(printf, a, b)))

/* "FILE:LINE:COL: error: MESSAGE" */
void diag_at(const char *file, size_t line, size_t col, const char *fmt, ...) PRINTF(4, 5);
/* "FILE: error: MESSAGE", for a file as a whole (unreadable, too large). */
void diag_file(const char *file, const char *fmt, ...) PRINTF(2, 3);
/* "FILE: note: MESSAGE" */
void diag_file_note(const char *file, const char *fmt, ...) PRINTF(2, 3);
/* "FILE: warning: MESSAGE", for what a valid file leaves out. */
void diag_file_warning(const char *file, const char *fmt, ...) PRINTF(2, 3);
/* "roic: error: MESSAGE"; returns -1 so callers can `return error(...)`. */
int error(const char *fmt, ...) PRINTF(1, 2);
/* "roic: warning: MESSAGE" */
void warning(const char *fmt, ...) PRINTF(1, 2);

/* Line and column (1-based, column in characters) of byte `off` of text. */
void text_linecol(const char *text, size_t len, size_t off, size_t *line, size_t *col);

#endif
