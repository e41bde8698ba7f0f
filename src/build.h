/*
 * build.h: the build: for every tenant and month, the view model and the
 * pages of the tenant's site (SPEC 5): out/<tenant>/<month>/index.html and
 * data.json, out/<tenant>/index.html (the portal), out/<tenant>/assets/.
 */
#ifndef ROIC_BUILD_H
#define ROIC_BUILD_H

#include <stddef.h>

#include <jansson.h>

#include "store.h"
#include "util.h"

struct build_opts {
	const char *out;		/* the output folder */
	const char *month;		/* NULL: each tenant's latest complete
					   month (SPEC 5.5) */
	int all_months;
	char *const *tenants;		/* NULL: every tenant */
	size_t ntenants;
	const char *templates;		/* NULL: the built-in templates */
	const char *charts;		/* chart specs over the built-in ones */
	int png;			/* charts as PNG too */
	const char *msp_name;		/* the PDF's author, in the footers */
	const char *notes;		/* the service team's notes: a folder
					   of <tenant>/<period>.md, or NULL */
	struct signer *signer;		/* signs the PDFs, or NULL */
	const char *db;			/* the store, for the workers to open */
	int jobs;			/* worker processes; 0: the processors */
	unsigned shard_k, shard_n;	/* build shard K of N only; N 0: all */
	int no_sign;			/* unsigned, and quietly */
	int force;			/* rebuild what is up to date */
	int json;			/* a summary object on stdout */
	int operator_index;
	int quiet;
};

/*
 * Builds the sites. Returns 0, 1 when some tenant failed (the others are
 * built, each failure reported), 2 on bad input (templates), or -1 when
 * the store could not be read.
 */
int build_run(struct store *st, const struct build_opts *o);

/*
 * The shard, 1 to n, of a tenant: the 64-bit FNV-1a hash of its id's bytes
 * modulo n, plus 1. Stable across machines and versions (documented in the
 * README), so that n machines each building one shard build every tenant
 * once.
 */
unsigned build_shard_of(const char *tenant, unsigned n);

/* The templates of a build (report.md, portal.md, layout.html, style.css
 * from `dir` or built in) and the chart specs (built in, and those of
 * `charts`); NULL after reporting. Free with build_templates_free. */
struct build_templates;
struct chart_list;
struct build_templates *build_templates_load(const char *dir,
    const char *charts);
void build_templates_free(struct build_templates *t);
/* The "labels" of the strings of a locale (view_strings), or an empty
 * object; the caller json_decref()s it. */
json_t *build_labels(json_t *strings);
/* The HTML page of a tenant-month from its view model, and the charts it
 * uses laid out into `charts` (the caller releases them with
 * chart_list_release); the report's Markdown (report.md rendered by
 * Mustache, which the PDF typesets) into `md` unless it is NULL. `msp` is
 * the MSP's name for the footer, or NULL. Returns 0 or -1. */
int build_report_page(struct build_templates *t, const json_t *view,
    json_t *labels, const char *msp, struct chart_list *charts,
    struct buf *md, struct buf *out);

#endif
