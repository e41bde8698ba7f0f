/*
 * chart_pdf.h: the libharu backend of the charts: a laid-out chart's scene
 * drawn as vector paths and text into a PDF page, with the same fonts and
 * colours as its SVG.
 */
#ifndef ROIC_CHART_PDF_H
#define ROIC_CHART_PDF_H

#include <hpdf.h>

#include "scene.h"

/*
 * Draws scene sc into `page` with its top-left corner at (x, top) in the
 * page's coordinates (y grows upward), `scale` points per scene point;
 * text in fonts[FONT_REGULAR] and fonts[FONT_BOLD] (UTF-8 fonts of the
 * document).
 */
void chart_pdf_draw(const struct scene *sc, HPDF_Page page, double x,
    double top, double scale, HPDF_Font fonts[2]);

#endif
