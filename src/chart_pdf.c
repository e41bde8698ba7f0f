/* chart_pdf.c: scenes drawn into PDF pages with libharu. */
#include "chart_pdf.h"

#include <string.h>

#include "font.h"

/* What the page's graphics state holds, so that only changes are
 * written (libharu writes every call). */
struct gs {
	uint32_t fill, stroke;
	float lw, size;
	int dash;
	HPDF_Font font;
};

static void
fill(HPDF_Page p, struct gs *g, uint32_t c)
{
	if (g->fill != c)
		pdf_rgb(p, c, 0);
	g->fill = c;
}

/*
 * The circles sc->v[i..j] (painted alike) as dots, as the SVG draws them:
 * a point stroked with round caps, which PDF paints as a disc the width of
 * the line (ISO 32000 8.5.3.2); the outline's colour out to radius w + lw,
 * then the fill's to radius w. Two points a circle, where a path of four
 * curves took 26 numbers.
 */
static void
dots(const struct scene *sc, size_t i, size_t j, HPDF_Page page, struct gs *g,
    double x, double top, double scale)
{
	const struct scene_item *it = &sc->v[i];
	int pass;
	size_t k;

	HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
	for (pass = it->stroke == SCENE_NONE; pass < 2; pass++) {
		uint32_t c = pass == 0 ? it->stroke : it->fill;
		double d = 2 * it->w + (pass == 0 ? 2 * it->lw : 0);
		float lw = pdf_num(d * scale);

		if (c == SCENE_NONE || d <= 0)
			continue;
		if (g->stroke != c)
			pdf_rgb(page, c, 1);
		g->stroke = c;
		if (g->lw != lw)
			HPDF_Page_SetLineWidth(page, lw);
		g->lw = lw;
		for (k = i; k <= j; k++) {
			const struct scene_item *d2 = &sc->v[k];

			if (d2->op != SCENE_CIRCLE)
				continue;
			HPDF_Page_MoveTo(page, pdf_num(x + d2->x * scale),
			    pdf_num(top - d2->y * scale));
			HPDF_Page_LineTo(page, pdf_num(x + d2->x * scale),
			    pdf_num(top - d2->y * scale));
		}
		HPDF_Page_Stroke(page);
	}
	HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
}

/* s[0..len) into buf as the PDF can print it: U+FFFD for a character the
 * faces lack (as the report's own text), control characters left out. */
static void
printable(char *buf, size_t size, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t n = 0;

	while (p < end) {
		const unsigned char *q = p;
		uint32_t c = font_next_char(&p, end);
		size_t k = (size_t)(p - q);

		if (c < 0x20 || (c >= 0x7F && c < 0xA0))
			continue;
		if (!font_printable(c)) {
			q = (const unsigned char *)"\xEF\xBF\xBD";
			k = 3;
		}
		if (n + k >= size)
			break;
		memcpy(buf + n, q, k);
		n += k;
	}
	buf[n] = '\0';
}

void
chart_pdf_draw(const struct scene *sc, HPDF_Page page, double x, double top,
    double scale, HPDF_Font fonts[2])
{
	static const HPDF_UINT16 dash[] = { 4, 3 };
	struct gs g = { SCENE_NONE, SCENE_NONE, -1, -1, 0, NULL };
	char text[512];
	size_t i, k;
	int batching = 0;

#define X(v) pdf_num(x + (v) * scale)
#define Y(v) pdf_num(top - (v) * scale)
	HPDF_Page_GSave(page);
	HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
	for (i = 0; i < sc->n; i++) {
		const struct scene_item *it = &sc->v[i];

		if (it->op == SCENE_TEXT)
			continue;
		/* Circles painted alike, as dots (texts between them are
		 * drawn after the shapes anyway); solid, as in the SVG. */
		if (it->op == SCENE_CIRCLE && !batching) {
			size_t j = i;

			while (scene_joins(sc, j, 1)) {
				j++;
				while (sc->v[j].op == SCENE_TEXT)
					j++;
			}
			if (g.dash)
				HPDF_Page_SetDash(page, NULL, 0, 0);
			g.dash = 0;
			dots(sc, i, j, page, &g, x, top, scale);
			i = j;
			continue;
		}
		/* Paint attributes first: PDF sets none inside a path. */
		if (!batching) {
			if (g.dash != it->dash)
				HPDF_Page_SetDash(page, it->dash ? dash : NULL,
				    it->dash ? 2 : 0, 0);
			g.dash = it->dash;
			if (it->stroke != SCENE_NONE) {
				float lw = pdf_num(it->lw * scale);

				if (g.stroke != it->stroke)
					pdf_rgb(page, it->stroke, 1);
				g.stroke = it->stroke;
				if (g.lw != lw)
					HPDF_Page_SetLineWidth(page, lw);
				g.lw = lw;
			}
			if (it->fill != SCENE_NONE)
				fill(page, &g, it->fill);
		}
		switch (it->op) {
		case SCENE_RECT:
			HPDF_Page_Rectangle(page, X(it->x), Y(it->y + it->h),
			    pdf_num(it->w * scale), pdf_num(it->h * scale));
			break;
		case SCENE_CIRCLE:
			HPDF_Page_Circle(page, X(it->x), Y(it->y),
			    pdf_num(it->w * scale));
			break;
		case SCENE_LINE:
			for (k = 0; k < it->npts; k++)
				(k ? HPDF_Page_LineTo : HPDF_Page_MoveTo)(page,
				    X(sc->pts[2 * (it->pts + k)]),
				    Y(sc->pts[2 * (it->pts + k) + 1]));
			break;
		default:
			continue;
		}
		if (scene_joins(sc, i, 1)) {
			batching = 1;
			continue;
		}
		batching = 0;
		if (it->op == SCENE_LINE || it->fill == SCENE_NONE)
			HPDF_Page_Stroke(page);
		else if (it->stroke == SCENE_NONE)
			HPDF_Page_Fill(page);
		else
			HPDF_Page_FillStroke(page);
	}
	if (g.dash)
		HPDF_Page_SetDash(page, NULL, 0, 0);
	/* The text over the shapes, as in the SVG. */
	HPDF_Page_BeginText(page);
	for (i = 0; i < sc->n; i++) {
		const struct scene_item *it = &sc->v[i];
		HPDF_Font f = fonts[it->bold ? FONT_BOLD : FONT_REGULAR];
		float size = pdf_num(it->h * scale);

		if (it->op != SCENE_TEXT)
			continue;
		printable(text, sizeof(text), sc->text.ptr + it->text, it->len);
		if (g.font != f || g.size != size)
			HPDF_Page_SetFontAndSize(page, f, size);
		g.font = f;
		g.size = size;
		fill(page, &g, it->fill);
		HPDF_Page_TextOut(page, X(it->x), Y(it->y), text);
	}
	HPDF_Page_EndText(page);
	HPDF_Page_GRestore(page);
#undef X
#undef Y
}
