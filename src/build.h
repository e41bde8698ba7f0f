/*
 * build.h: the build: for every tenant and month, the view model and the
 * pages of the tenant's site (SPEC 5): out/<tenant>/<month>/index.html and
 * data.json, out/<tenant>/index.html (the portal), out/<tenant>/assets/.
 */
#ifndef ROIC_BUILD_H
#define ROIC_BUILD_H

#include <stddef.h>

#include "store.h"

struct build_opts {
	const char *out;		/* the output folder */
	const char *month;		/* NULL: the latest month with data */
	int all_months;
	char *const *tenants;		/* NULL: every tenant */
	size_t ntenants;
	const char *templates;		/* NULL: the built-in templates */
	int operator_index;
	int quiet;
};

/*
 * Builds the sites. Returns 0, 1 when some tenant failed (the others are
 * built, each failure reported), 2 on bad input (templates), or -1 when
 * the store could not be read.
 */
int build_run(struct store *st, const struct build_opts *o);

#endif
