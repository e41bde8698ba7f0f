/*
 * chart_cairo.h: the Cairo backend of the charts: a laid-out chart drawn as
 * SVG for the page, or as PNG on request.
 */
#ifndef ROIC_CHART_CAIRO_H
#define ROIC_CHART_CAIRO_H

#include "chart.h"
#include "util.h"

/* PNG pixels per point: 2 (144 dpi), sharp on screens and in e-mail. */
#define CHART_PNG_SCALE 2.0

/*
 * Appends chart c as an SVG document to `out`: the same bytes for the same
 * chart in any process (Cairo's ids renumbered from 1 in each file), with
 * the chart's title and text alternative as <title> and <desc>. Returns 0,
 * or -1 after reporting (the fonts could not be loaded).
 */
int chart_cairo_svg(const struct chart *c, struct buf *out);

/* Appends chart c as a PNG, `scale` pixels per point, on white. */
int chart_cairo_png(const struct chart *c, double scale, struct buf *out);

#endif
