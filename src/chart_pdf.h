/*
 * chart_pdf.h: the libharu backend of the charts: a laid-out chart's scene
 * drawn as vector paths and text into a PDF page, with the same fonts and
 * colours as its SVG.
 */
#ifndef ROIC_CHART_PDF_H
#define ROIC_CHART_PDF_H

#include <math.h>
#include <stdint.h>

#include <hpdf.h>

#include "scene.h"

/* A length or coordinate as the page gets it: to a hundredth of a point
 * (libharu would write five decimals, which only make the page longer). */
static inline float
pdf_num(double v)
{
	return (float)(floor(v * 100 + 0.5) / 100);
}

/* Colour 0xRRGGBB as the fill (or the stroke), each component to three
 * decimals (still one value per 8-bit step). */
static inline void
pdf_rgb(HPDF_Page p, uint32_t c, int stroke)
{
	float r = (float)(floor((double)((c >> 16) & 0xFF) / 255 * 1000 +
	    0.5) / 1000);
	float g = (float)(floor((double)((c >> 8) & 0xFF) / 255 * 1000 +
	    0.5) / 1000);
	float b = (float)(floor((double)(c & 0xFF) / 255 * 1000 + 0.5) /
	    1000);

	if (stroke)
		HPDF_Page_SetRGBStroke(p, r, g, b);
	else
		HPDF_Page_SetRGBFill(p, r, g, b);
}

/*
 * Draws scene sc into `page` with its top-left corner at (x, top) in the
 * page's coordinates (y grows upward), `scale` points per scene point;
 * text in fonts[FONT_REGULAR] and fonts[FONT_BOLD] (UTF-8 fonts of the
 * document).
 */
void chart_pdf_draw(const struct scene *sc, HPDF_Page page, double x,
    double top, double scale, HPDF_Font fonts[2]);

#endif
