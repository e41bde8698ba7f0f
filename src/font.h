/*
 * font.h: the DejaVu faces that charts and the PDF draw with, and their
 * metrics. Text is measured here, once, with the advance widths of the font
 * file itself (no hinting, no kerning: the way Cairo's show_text and
 * libharu place glyphs), so that a layout fits whatever draws it.
 */
#ifndef ROIC_FONT_H
#define ROIC_FONT_H

#include <stddef.h>

enum font_style { FONT_REGULAR, FONT_BOLD, FONT_N };

/*
 * Loads the faces (once per process; safe from any thread). Returns 0, or
 * -1 after reporting the file that could not be loaded.
 */
int font_init(void);

/* The path of a face's TrueType file, for the backends that draw. */
const char *font_path(enum font_style style);

/*
 * The advance width, in points, of UTF-8 text s[0..len) at `size` points.
 * Invalid bytes count as U+FFFD. font_init must have succeeded.
 */
double font_width(enum font_style style, double size, const char *s,
    size_t len);

/* Ascent and descent (positive, below the baseline) of a face per point. */
double font_ascent(enum font_style style);
double font_descent(enum font_style style);

#endif
