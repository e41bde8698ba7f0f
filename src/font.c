/* font.c: the DejaVu faces and their advance widths, read with FreeType. */
#include "font.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "diag.h"
#include "util.h"

#ifndef ROIC_FONT_DIR
#define ROIC_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#endif
#ifndef ROIC_SUBSET_DIRS
#define ROIC_SUBSET_DIRS "/usr/local/share/roic/fonts"
#endif

static const char *const names[FONT_N] = { "DejaVuSans.ttf",
	"DejaVuSans-Bold.ttf" };

static const char *const files[FONT_N] = {
	ROIC_FONT_DIR "/DejaVuSans.ttf",
	ROIC_FONT_DIR "/DejaVuSans-Bold.ttf",
};

/*
 * Advances of the Basic Multilingual Plane per face, in em, filled as
 * characters are first measured (under `lock`: FreeType faces are not
 * thread-safe); 0 is "not yet measured" (no glyph advances by 0 here but
 * marks, which are then measured again, harmlessly).
 */
static struct {
	pthread_once_t once;
	pthread_mutex_t lock;
	int failed;
	FT_Library lib;
	FT_Face face[FONT_N];
	FT_Face subset;		/* of the regular face; both cover the same */
	char *subset_path[FONT_N];
	float *adv[FONT_N];
	double ascent[FONT_N], descent[FONT_N];
} F = { PTHREAD_ONCE_INIT, PTHREAD_MUTEX_INITIALIZER, 0, 0, { 0 }, 0,
	{ 0 }, { 0 }, { 0 }, { 0 } };

/* The subsets: the first folder of ROIC_SUBSET_DIRS that has both. */
static void
find_subsets(void)
{
	const char *p = ROIC_SUBSET_DIRS, *e;
	char path[2][4096];
	int i;

	for (; *p; p = *e ? e + 1 : e) {
		e = strchr(p, ':');
		if (e == NULL)
			e = p + strlen(p);
		for (i = 0; i < FONT_N; i++)
			snprintf(path[i], sizeof(path[i]), "%.*s/%s",
			    (int)(e - p), p, names[i]);
		if (access(path[0], R_OK) == 0 && access(path[1], R_OK) == 0 &&
		    FT_New_Face(F.lib, path[0], 0, &F.subset) == 0) {
			for (i = 0; i < FONT_N; i++)
				F.subset_path[i] = xstrdup(path[i]);
			return;
		}
	}
}

static void
load(void)
{
	int i, e;

	if ((e = FT_Init_FreeType(&F.lib)) != 0) {
		error("unable to start FreeType (error %d)", e);
		F.failed = 1;
		return;
	}
	for (i = 0; i < FONT_N; i++) {
		if ((e = FT_New_Face(F.lib, files[i], 0, &F.face[i])) != 0) {
			error("unable to load font '%s' (FreeType error %d); "
			    "install fonts-dejavu-core", files[i], e);
			F.failed = 1;
			return;
		}
		F.adv[i] = xcalloc(0x10000, sizeof(float));
		F.ascent[i] = (double)F.face[i]->ascender /
		    F.face[i]->units_per_EM;
		F.descent[i] = -(double)F.face[i]->descender /
		    F.face[i]->units_per_EM;
	}
	find_subsets();
}

const char *
font_pdf_path(enum font_style style, int full)
{
	return full || F.subset_path[style] == NULL ? files[style] :
	    F.subset_path[style];
}

/*
 * Whether the subsets and each face have a glyph, per code point of the
 * BMP, asked of FreeType once: bit 0 known, bit 1 in the subsets; bits 2-3
 * and 4-5 the same for the regular and bold faces.
 */
static unsigned char glyphs[0x10000];

static int
has_glyph(FT_Face f, uint32_t c, int shift)
{
	unsigned char v;
	int has;

	if (c < 0x10000) {
		v = __atomic_load_n(&glyphs[c], __ATOMIC_RELAXED);
		if (v & (1u << shift))
			return (v >> (shift + 1)) & 1;
	}
	pthread_mutex_lock(&F.lock);
	has = FT_Get_Char_Index(f, c) != 0;
	pthread_mutex_unlock(&F.lock);
	if (c < 0x10000)
		__atomic_fetch_or(&glyphs[c], (unsigned char)((1u |
		    (unsigned)has << 1) << shift), __ATOMIC_RELAXED);
	return has;
}

int
font_subset_has(uint32_t c)
{
	return F.subset != NULL && has_glyph(F.subset, c, 0);
}

int
font_has(enum font_style style, uint32_t c)
{
	return has_glyph(F.face[style], c, style == FONT_BOLD ? 4 : 2);
}

int
font_printable(uint32_t c)
{
	return c <= 0xFFFF && font_has(FONT_REGULAR, c) &&
	    font_has(FONT_BOLD, c);
}

int
font_init(void)
{
	pthread_once(&F.once, load);
	return F.failed ? -1 : 0;
}

const char *
font_path(enum font_style style)
{
	return files[style];
}

double
font_ascent(enum font_style style)
{
	return F.ascent[style];
}

double
font_descent(enum font_style style)
{
	return F.descent[style];
}

/* The advance of code point c in em, measured with the face's own units. */
static double
advance(enum font_style style, uint32_t c)
{
	FT_Face f = F.face[style];
	float a = 0;

	if (c < 0x10000) {
		__atomic_load(&F.adv[style][c], &a, __ATOMIC_RELAXED);
		if (a != 0)
			return a;
	}
	pthread_mutex_lock(&F.lock);
	if (FT_Load_Glyph(f, FT_Get_Char_Index(f, c), FT_LOAD_NO_SCALE) == 0)
		a = (float)((double)f->glyph->advance.x / f->units_per_EM);
	else
		a = 0.6f;
	if (c < 0x10000)
		__atomic_store(&F.adv[style][c], &a, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&F.lock);
	return a;
}

uint32_t
font_next_char(const unsigned char **p, const unsigned char *end)
{
	const unsigned char *s = *p;
	size_t n = *s < 0x80 ? 1 : utf8_seq(s, end);
	uint32_t c;

	if (n == 0) {
		*p = s + 1;
		return 0xFFFD;
	}
	*p = s + n;
	switch (n) {
	case 1: return s[0];
	case 2: return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	case 3: c = (uint32_t)(s[0] & 0x0F) << 12; break;
	default:
		return (uint32_t)(s[0] & 0x07) << 18 |
		    (uint32_t)(s[1] & 0x3F) << 12 |
		    (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
	}
	return c | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
}

double
font_width(enum font_style style, double size, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	double w = 0;

	while (p < end)
		w += advance(style, font_next_char(&p, end));
	return w * size;
}
