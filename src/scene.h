/*
 * scene.h: a laid-out chart, the only thing its backends see: shapes and
 * text runs with their coordinates, colours and sizes, in points, origin
 * at the top left, y growing downward. Every decision (scales, ticks,
 * where a label goes, how wide a text is) has been taken when a scene
 * exists; a backend only draws it (chart_cairo.c for SVG and PNG, the PDF
 * renderer for its pages).
 */
#ifndef ROIC_SCENE_H
#define ROIC_SCENE_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* 0xRRGGBB; SCENE_NONE paints nothing. */
#define SCENE_NONE 0xFF000000u

enum scene_op {
	SCENE_RECT,	/* x, y, w, h */
	SCENE_LINE,	/* an open polyline of npts points from pts */
	SCENE_CIRCLE,	/* centre x, y; radius w */
	SCENE_TEXT	/* left x, baseline y; advance width w; size h */
};

struct scene_item {
	uint8_t op;
	uint8_t bold;		/* text: FONT_BOLD, else FONT_REGULAR */
	uint8_t dash;		/* lines: 0 solid, 1 dashed */
	uint8_t pad;
	uint32_t fill;		/* rectangles, circles, text */
	uint32_t stroke;	/* lines, and outlines of rectangles, circles */
	float lw;		/* stroke width */
	double x, y, w, h;
	uint32_t pts, npts;	/* lines: points pts[2*i], pts[2*i+1] */
	uint32_t text, len;	/* text: bytes text.ptr[text..text+len) */
};

struct scene {
	double width, height;
	uint32_t background;	/* painted first, or SCENE_NONE */
	struct scene_item *v;
	size_t n, cap;
	double *pts;
	size_t npts, ptscap;
	struct buf text;
};

/*
 * 1 when shape i and the next shape of the scene (past text runs when
 * `skip_text`) are painted alike, so that a backend may put both in one
 * path and paint it once.
 */
static inline int
scene_joins(const struct scene *sc, size_t i, int skip_text)
{
	const struct scene_item *a = &sc->v[i], *b;
	size_t k = i + 1;

	while (skip_text && k < sc->n && sc->v[k].op == SCENE_TEXT)
		k++;
	if (k >= sc->n)
		return 0;
	b = &sc->v[k];
	return b->op != SCENE_TEXT && a->op == b->op && a->fill == b->fill &&
	    a->stroke == b->stroke && a->lw == b->lw && a->dash == b->dash &&
	    (a->op != SCENE_CIRCLE || a->w == b->w);
}

#endif
