/*
 * chart_int.h: what the chart files share: a spec as read from
 * charts/<name>.json (chart_spec.c), for the layout (chart.c).
 */
#ifndef ROIC_CHART_INT_H
#define ROIC_CHART_INT_H

#include "assets.h"
#include "chart.h"

enum chart_type { CT_LINE, CT_BAR, CT_STACKED, CT_BULLET, CT_SPARKLINE,
	CT_HEAT, CT_N };
extern const char *const chart_type_names[CT_N];

#define MAX_SERIES 8

/* A number: a constant, or the number at a path of the view model. */
struct numref {
	int set;
	double value;
	char *path;	/* NULL: the constant */
};

enum { COLOR_AUTO, COLOR_BRAND, COLOR_GREY };

struct spec_series {
	char *path;		/* the numbers (a series, or one number) */
	char *per;		/* divided by these (elementwise), or NULL */
	char *each;		/* repeated for each element of this array */
	char *label_path[3];	/* with each: the element's label, joined */
	int nlabel_path;
	json_t *label;		/* a text (string or by language), or NULL */
	int color, dashed, zoom, lower_better, decimals;
	struct numref target, min, max;	/* bullets */
	json_t *target_label;
};

struct band {
	double from;
	json_t *label;
};

/* A path of a spec, where it is and what the chart reads there, for the
 * check against the view model's schema (chart_set_check). */
enum { REF_NUMBERS, REF_NUMBER, REF_EACH, REF_TEXT };
struct spec_ref {
	char *path;
	size_t line, col;	/* in the spec's file */
	int series;		/* its series, or -1: the chart's */
	int want;		/* REF_* */
};

struct spec {
	char *name;
	int type;
	json_t *title;
	int unit, decimals;	/* format.h; -1 each: from the figure */
	struct spec_series *series;
	size_t nseries;
	struct numref target, ymin, ymax;
	json_t *target_label;
	double height;		/* 0: the type's */
	struct band *bands;	/* heat strips */
	size_t nbands;
	json_t *none_label;
	int shared_scale;	/* bullets: one scale for every row */
	char *file;		/* where it was read from */
	struct spec_ref *refs;	/* its paths */
	size_t nrefs;
};

struct chart_set {
	struct spec *v;
	size_t n;
};

/* The scale of an axis over [lo, hi]: about `ticks` steps of 1, 2 or 5
 * times a power of ten, its ends on steps (chart.c; for the tests). */
void chart_nice_scale(double lo, double hi, int ticks, double *slo,
    double *shi, double *step);

const struct spec *chart_set_find(const struct chart_set *cs,
    const char *name);
void spec_release(struct spec *sp);

#endif
