/*
 * font.h: the DejaVu faces that charts and the PDF draw with, and their
 * metrics. Text is measured here, once, with the advance widths of the font
 * file itself (no hinting, no kerning: the way Cairo's show_text and
 * libharu place glyphs), so that a layout fits whatever draws it.
 */
#ifndef ROIC_FONT_H
#define ROIC_FONT_H

#include <stddef.h>
#include <stdint.h>

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

/*
 * The TrueType file the PDF embeds for a face: its subset (SPEC 5.2, made
 * at build time, looked for in ROIC_SUBSET_DIRS) unless `full`, or when
 * there is no subset, the full face.
 */
const char *font_pdf_path(enum font_style style, int full);

/* 1 when the subsets hold a glyph for code point c (0 without subsets). */
int font_subset_has(uint32_t c);
/* 1 when the full face has a glyph for code point c. */
int font_has(enum font_style style, uint32_t c);
/* 1 when the PDF can print c: both faces have it and it is in the BMP
 * (libharu prints a space for any character beyond). */
int font_printable(uint32_t c);
/* Decodes the UTF-8 character at *p (before end) and moves past it;
 * U+FFFD for an invalid byte. */
uint32_t font_next_char(const unsigned char **p, const unsigned char *end);

/* Ascent and descent (positive, below the baseline) of a face per point. */
double font_ascent(enum font_style style);
double font_descent(enum font_style style);

#endif
