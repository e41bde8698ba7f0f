/*
 * view.h: the view model of a tenant-month (SPEC 5.0, data.json): every
 * figure of the metrics with its previous month, change, 12-month series
 * and display string in the tenant's language, the SLA checks, incidents,
 * drift, integrations, alerts and lineage. The templates, the charts and
 * data.json all read this one object.
 */
#ifndef ROIC_VIEW_H
#define ROIC_VIEW_H

#include <jansson.h>

#include "metrics.h"
#include "util.h"

/*
 * The strings of a locale: i18n/<locale>.json of the templates (folder
 * `templates`, or the built-in ones when NULL). Returns a new object (the
 * caller json_decref()s it), or NULL after reporting.
 */
json_t *view_strings(const char *templates, const char *locale);

/*
 * Builds the view model of `m` with `strings`, those of the tenant's locale
 * (view_strings). Returns a new object (the caller json_decref()s it).
 */
json_t *view_build(const struct metrics *m, json_t *strings);

/*
 * Appends figure `name`'s `value` as the view model shows it, in the
 * view's locale and currency ("—" for NAN); with `sign`, a change, with a
 * "+" before positive values. For the renderers, which see only the view.
 */
void view_format(const json_t *view, const char *name, double value, int sign,
    struct buf *out);

/*
 * How figure `name` is shown: its unit and decimals (format.h). Returns 0,
 * or -1 when no figure has that name.
 */
int view_figure_unit(const char *name, int *unit, int *decimals);

/* Appends "octobre 2026" of "2026-10", in the language of `labels` (the
 * "labels" of a locale's strings). */
void view_month_label(const json_t *labels, const char *month,
    struct buf *out);

/* Appends the title of the report of `view`, which names the report, the
 * tenant and the period: "Monthly AI service report — Northwind Health
 * Clinics — October 2026" (labels.document_title). */
void view_document_title(const json_t *view, const json_t *labels,
    struct buf *out);

/* Appends the name a report's PDF is offered under: "<tenant>-<period>.pdf". */
void view_pdf_name(const json_t *view, struct buf *out);

/* 1 when figure `f` (enum fig) is a headline one: its view carries
 * `formula` and `inputs` (for the schema, schema.c). */
int view_figure_headline(int f);

/*
 * Appends v as JSON text: keys in the object's order, two-space indents,
 * reals in the shortest form that reads back to the same double, integers
 * as integers, and a final newline.
 */
void view_write(const json_t *v, struct buf *out);

#endif
