/*
 * hyphenate.h: where a word too wide for its line may break: at a hyphenation
 * point of the locale's dictionary (Debian's libhyphen and its hyph_*.dic
 * files), where a hyphen is added, or after a '-', '_', '/' or '.' inside
 * it, where nothing is added; and how much of a word fits a width when it
 * breaks there. The PDF's tables and cards break their words with it.
 */
#ifndef ROIC_HYPHENATE_H
#define ROIC_HYPHENATE_H

#include <stddef.h>

#include "font.h"

/* A locale's hyphenation dictionary, loaded once a process. */
struct hyphenate_dict;

/* What brk[i] says of the place before byte i of a word. */
enum { HYPHENATE_NONE, HYPHENATE_ADD, HYPHENATE_SEP };

/*
 * The dictionary of `locale` ("fr-CA": hyph_fr_CA.dic, else hyph_fr.dic, in
 * ROIC_HYPHEN_DIR), found the first time a process asks for it and read
 * the first time a word needs it (safe from any thread; a file that two
 * locales name is read once), kept until the process exits. NULL when
 * there is none, after a warning (once a locale): words then break only
 * after their separators, or, where they must, between two letters with a
 * hyphen.
 */
const struct hyphenate_dict *hyphenate_for(const char *locale);

/*
 * Marks where word w[0..n) (UTF-8, no spaces) may end a line: brk[i], for
 * i in 0..n, is HYPHENATE_ADD where a line may end before byte i with a
 * hyphen added (a hyphenation point of dictionary `h`, which may be NULL,
 * in a run of letters with a lower-case one), HYPHENATE_SEP where it may end
 * there as it is (after '-', '_', '/' or '.' with a character on each
 * side, but not a decimal point between digits), else HYPHENATE_NONE
 * (brk[0] and brk[n] among them). brk holds n + 1 bytes.
 */
void hyphenate_points(const struct hyphenate_dict *h, const char *w, size_t n,
    unsigned char *brk);

/*
 * The longest head of word w[0..n) (its points in brk, from
 * hyphenate_points) that fits `avail` points in face `style` at `size` when
 * the line ends after it, with the hyphen drawn when the break adds one
 * (*hyphen is then 1, else 0): a break after a separator when one fits,
 * else the last hyphenation point that fits. Returns its length in bytes,
 * or 0 when no point fits. With `force`, never 0: when no point fits, the
 * most characters that fit with a hyphen after them (at least one), so a
 * word is never cut without one.
 */
size_t hyphenate_fit(const unsigned char *brk, const char *w, size_t n,
    enum font_style style, double size, double avail, int force,
    int *hyphen);

/*
 * The width word w[0..n) needs when it breaks at every point in brk: its
 * widest piece, with the hyphen of a piece that ends at a hyphenation
 * point.
 */
double hyphenate_narrowest(const unsigned char *brk, const char *w, size_t n,
    enum font_style style, double size);

#endif
