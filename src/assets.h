/*
 * assets.h: the built-in templates (templates/ compiled into roic by
 * tools/embed), each of which a file of a --templates folder overrides.
 */
#ifndef ROIC_ASSETS_H
#define ROIC_ASSETS_H

#include <stddef.h>

struct buf;

struct asset {
	const char *name;	/* relative to templates/, "i18n/en-CA.json" */
	const char *data;	/* followed by a NUL byte */
	size_t len;
};

/* The built-in files, ending with a { NULL } entry (build/gen/assets.c). */
extern const struct asset assets_builtin[];
/* The built-in chart specs, charts/ (build/gen/charts_data.c). */
extern const struct asset charts_builtin[];

/*
 * Loads template file `name`: from folder `dir` when it is set and has the
 * file, else the built-in copy. Appends it to `out`. Returns 0, or -1 after
 * reporting (no such file, or unreadable).
 */
int assets_load(const char *dir, const char *name, struct buf *out);

#endif
