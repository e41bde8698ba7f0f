/* chart_pdf.c: scenes drawn into PDF pages with libharu. */
#include "chart_pdf.h"

#include <stdio.h>

#include "font.h"

static void
rgb_fill(HPDF_Page p, uint32_t c)
{
	HPDF_Page_SetRGBFill(p, (float)((c >> 16) & 0xFF) / 255,
	    (float)((c >> 8) & 0xFF) / 255, (float)(c & 0xFF) / 255);
}

static void
rgb_stroke(HPDF_Page p, uint32_t c)
{
	HPDF_Page_SetRGBStroke(p, (float)((c >> 16) & 0xFF) / 255,
	    (float)((c >> 8) & 0xFF) / 255, (float)(c & 0xFF) / 255);
}

void
chart_pdf_draw(const struct scene *sc, HPDF_Page page, double x, double top,
    double scale, HPDF_Font fonts[2])
{
	static const HPDF_UINT16 dash[] = { 4, 3 };
	char text[512];
	size_t i, k;
	int batching = 0;

#define X(v) ((float)(x + (v) * scale))
#define Y(v) ((float)(top - (v) * scale))
	HPDF_Page_GSave(page);
	HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
	for (i = 0; i < sc->n; i++) {
		const struct scene_item *it = &sc->v[i];

		if (it->op == SCENE_TEXT)
			continue;
		/* Paint attributes first: PDF sets none inside a path. */
		if (!batching) {
			HPDF_Page_SetDash(page, it->dash ? dash : NULL,
			    it->dash ? 2 : 0, 0);
			if (it->stroke != SCENE_NONE) {
				rgb_stroke(page, it->stroke);
				HPDF_Page_SetLineWidth(page,
				    (float)(it->lw * scale));
			}
			if (it->fill != SCENE_NONE)
				rgb_fill(page, it->fill);
		}
		switch (it->op) {
		case SCENE_RECT:
			HPDF_Page_Rectangle(page, X(it->x), Y(it->y + it->h),
			    (float)(it->w * scale), (float)(it->h * scale));
			break;
		case SCENE_CIRCLE:
			HPDF_Page_Circle(page, X(it->x), Y(it->y),
			    (float)(it->w * scale));
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
	HPDF_Page_SetDash(page, NULL, 0, 0);
	/* The text over the shapes, as in the SVG. */
	HPDF_Page_BeginText(page);
	for (i = 0; i < sc->n; i++) {
		const struct scene_item *it = &sc->v[i];

		if (it->op != SCENE_TEXT)
			continue;
		snprintf(text, sizeof(text), "%.*s", (int)it->len,
		    sc->text.ptr + it->text);
		HPDF_Page_SetFontAndSize(page, fonts[it->bold ? FONT_BOLD :
		    FONT_REGULAR], (float)(it->h * scale));
		rgb_fill(page, it->fill);
		HPDF_Page_TextOut(page, X(it->x), Y(it->y), text);
	}
	HPDF_Page_EndText(page);
	HPDF_Page_GRestore(page);
#undef X
#undef Y
}
