/* mustache.h: roic's Mustache engine (spec core modules and inheritance) over jansson values. */
#ifndef ROIC_MUSTACHE_H
#define ROIC_MUSTACHE_H

#include <stddef.h>

#include <jansson.h>

#include "util.h"

enum mustache_escape { MUSTACHE_HTML, MUSTACHE_MARKDOWN, MUSTACHE_NONE };

/*
 * Finds partials (and parents for inheritance) by name: appends the
 * template text to `out` and returns 0, or returns -1 when there is none
 * (a missing partial renders as nothing, as the spec says).
 */
typedef int (*mustache_loader)(void *ctx, const char *name, struct buf *out);

struct mustache_opts {
	enum mustache_escape escape;	/* what {{x}} does to values */
	mustache_loader load;		/* may be NULL: no partials */
	void *ctx;
	const char *name;		/* the template's name, for errors */
	int max_depth;			/* partial/parent nesting limit; 0 = 64 */
};

/*
 * Renders template `tmpl` (len bytes, need not be NUL-terminated) with data
 * `data` (borrowed; may be NULL), appending to `out`. Partials and parents
 * are loaded once per call through o->load. Returns 0, or -1 after
 * reporting an error as "NAME:LINE:COL: error: MESSAGE" (via diag_at) for
 * an unclosed or mismatched section, a bad tag or delimiter change, or
 * nesting past max_depth; a partial's errors are reported with the
 * partial's name. On error `out` may hold part of the output.
 */
int mustache_render(const char *tmpl, size_t len, json_t *data,
    const struct mustache_opts *o, struct buf *out);

/*
 * The names a template may use, for mustache_check. A context is one of
 * the caller's nodes (such as the schema of a view model), opaque here.
 */
struct mustache_names {
	/* The member `name` (len bytes, no dots; may be empty) of context
	 * `ctx`, or NULL when ctx has none or is not an object. */
	const void *(*member)(void *arg, const void *ctx, const char *name,
	    size_t len);
	/* What a section over `v` pushes: an array's element, else v. */
	const void *(*section)(void *arg, const void *v);
	/* May be NULL: appends the file partial `name` is read from, which
	 * its errors name (else the partial's name). */
	void (*file)(void *arg, const char *name, struct buf *out);
	void *arg;
	const char *what;	/* "'x' is not in WHAT" */
};

/*
 * Checks every name of template `tmpl` (len bytes) and of the partials and
 * parents it includes, through o->load, against the names of `names`,
 * walking the context stack as rendering does: `root` first, each section
 * pushing what names->section says, dotted names, ".", blocks and their
 * overrides, partials in the context that includes them. Reports each
 * variable, section and inverted section whose name is not there, and
 * each partial that o->load does not find, as
 * "NAME:LINE:COL: error: 'x' is not in WHAT" (at most once a tag), and
 * parse errors as mustache_render does. Returns 0, or -1 after reporting.
 */
int mustache_check(const char *tmpl, size_t len, const void *root,
    const struct mustache_names *names, const struct mustache_opts *o);

#endif
