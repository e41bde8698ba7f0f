/*
 * chart.h: the charts of the reports (SPEC 6). A chart is declared by a
 * spec, charts/<name>.json (type, the view-model series it draws, title,
 * number format, target), and laid out from the view model into a scene
 * (scene.h) that a backend draws: chart_cairo.c to SVG and PNG, the PDF
 * renderer into its pages. Layout also writes the chart's text
 * alternative and its numbers as a table, from the same data.
 */
#ifndef ROIC_CHART_H
#define ROIC_CHART_H

#include <stddef.h>

#include <jansson.h>

#include "scene.h"
#include "util.h"

/* The chart specs of a build: the built-in ones, and a folder's over them. */
struct chart_set;

/*
 * Loads the built-in specs (charts/ compiled in) and every *.json of `dir`
 * (NULL: none), which wins over a built-in spec of the same name. Every bad
 * spec is reported as FILE:LINE:COL: error: ...; then returns NULL, as
 * it does after reporting that the fonts (font.h) could not be loaded.
 * Free with chart_set_free.
 */
struct chart_set *chart_set_load(const char *dir);
void chart_set_free(struct chart_set *cs);
/* 1 when the set has a chart of that name. */
int chart_set_has(const struct chart_set *cs, const char *name);

/*
 * Checks every path of every spec of `cs` against `view`, the root of the
 * view model's schema (schema.h), before anything is built: that it is in
 * the view model ("{arg}" standing for any key), relative to the element
 * of the series' `each` where the layout reads it so, and leads to what the
 * chart needs there (numbers; a list of objects for `each`; text for
 * `label_path`). Reports each bad path at its FILE:LINE:COL. Returns 0 or
 * -1.
 */
struct schema_node;
int chart_set_check(const struct chart_set *cs,
    const struct schema_node *view);

/*
 * Checks the paths of chart `name` with "{arg}" replaced by `arg` (NULL or
 * "": none), as a template asks for it (`chart NAME ARG` at FILE:LINE:COL;
 * the cards: the sparkline of each headline figure): a spec with "{arg}"
 * needs one, and each such path must lead where chart_set_check says.
 * Errors are reported at the template's position; a path bad for any
 * argument is left to chart_set_check. Returns 0 (also when `cs` has no
 * such chart) or -1.
 */
int chart_check_use(const struct chart_set *cs,
    const struct schema_node *view, const char *name, const char *arg,
    const char *file, size_t line, size_t col);

/*
 * Adds chart `name` from spec text[0..len) (NUL-terminated) read from
 * `file`, replacing a chart of that name. Returns 0, or -1 after reporting
 * (the set is unchanged). For the fuzzers.
 */
int chart_set_add(struct chart_set *cs, const char *name, const char *file,
    const char *text, size_t len);

/*
 * Checks the spec text[0..len) (NUL-terminated) of chart `file`, reporting
 * its errors like chart_set_load. Returns 0 or -1. For tests and fuzzing.
 */
int chart_spec_check(const char *file, const char *text, size_t len);

/* The numbers of a chart, as text: rows x cols cells, row 0 the headings. */
struct chart_table {
	char **cell;
	size_t rows, cols;
};

/* A laid-out chart. */
struct chart {
	char name[48], arg[48];	/* as asked for: "sparkline", "roi" */
	char file[96];		/* "hours_saved", "sparkline-roi": no suffix */
	char dir[32];		/* of its file, from the page: "" is charts/ */
	struct scene scene;	/* the chart, for the page and the PDF */
	/*
	 * The same chart laid out for a phone (CHART_COMPACT_W points wide,
	 * text at its normal size; written as <file>.compact.svg), or width
	 * 0 when there is none (a sparkline has no text to keep readable).
	 */
	struct scene compact;
	char *title;		/* in the tenant's language */
	char *alt;		/* the text alternative, from the data */
	struct chart_table table;
};

/* The width of a compact layout, in points: on a 390-pixel phone (358 CSS
 * pixels of page) its 8-point text shows at about 12 pixels. */
#define CHART_COMPACT_W 240.0

/*
 * Lays out chart `name` of `cs` from the view model `view` and the "labels"
 * of the tenant's strings, wide and compact; `arg` (or NULL) replaces
 * "{arg}" in the spec's paths (the sparkline of a card: "chart sparkline
 * roi"). Fills `out`, which the caller releases with chart_release.
 * Returns 0, or -1 when `cs` has no such chart (nothing reported: the
 * caller knows where it was asked for).
 */
int chart_layout(const struct chart_set *cs, const char *name,
    const char *arg, const json_t *view, const json_t *labels,
    struct chart *out);
void chart_release(struct chart *c);

/* 1 when charts a and b draw the same pictures (scenes, title and text
 * alternative): their SVGs are the same files. */
int chart_same(const struct chart *a, const struct chart *b);

/*
 * The charts a page uses, laid out by the HTML renderer for the build to
 * draw and write beside the page (charts/<file>.svg). Each file once.
 * With `drawn`, the charts another page of the site has in folder
 * `drawn_dir` (from this page, "2026-10/charts/"): a chart that is the same
 * as one of them is shown from there (its `dir`), not drawn again.
 */
struct chart_list {
	const struct chart_set *set;
	struct chart *v;
	size_t n;
	const struct chart_list *drawn;
	const char *drawn_dir;
};

void chart_list_release(struct chart_list *l);

/*
 * The tenant's brand colour of the view ("#1F6FEB" as 0x1F6FEB), darkened
 * until it stands out on white (3:1, as WCAG asks of graphics and large
 * text); Okabe and Ito's blue when the view has none.
 */
uint32_t chart_brand_color(const json_t *view);

#endif
