/*
 * html.h: the HTML of a page: Markdown (a template already expanded by
 * Mustache) rendered by cmark in its safe mode, and the directives, fenced
 * blocks whose info string names them (cards, explain FIGURE, alerts,
 * table NAME, chart NAME), rendered from the view model.
 */
#ifndef ROIC_HTML_H
#define ROIC_HTML_H

#include <stddef.h>

#include <jansson.h>

#include "util.h"

struct chart_list;

/*
 * Renders md[0..len) as HTML into `out`. `view` is the view model, `labels`
 * the "labels" object of the tenant's i18n strings. The charts the page
 * uses are laid out into `charts` (its `set` the chart specs; NULL: a page
 * without charts), for the caller to write beside the page as
 * charts/<file>.svg. Returns 0, or -1 after reporting an unknown directive
 * or chart as NAME:LINE:COL: error.
 */
int html_render(const char *md, size_t len, const json_t *view,
    const json_t *labels, struct chart_list *charts, const char *name,
    struct buf *out);

/*
 * Checks the directives of md[0..len) (a template's text; info strings
 * with a Mustache tag are left for rendering) before anything is built: every fenced block with an info string names a
 * directive, `explain` a headline figure, `table` a table, and every chart
 * one of `charts`, its paths good for the argument given (chart_check_use;
 * the cards: the sparkline of each headline figure) in the view model of
 * `schema`. Returns 0, or -1 after reporting each bad one as
 * NAME:LINE:1: error.
 */
struct chart_set;
struct schema;
int html_check(const char *md, size_t len, const struct chart_set *charts,
    const struct schema *schema, const char *name);

/* Appends s with & < > " ' escaped. */
void html_escape(struct buf *out, const char *s);

#endif
