/*
 * pdf.c: the PDF report. Typesetting makes a flow of boxes (a line of a
 * paragraph, a table row, a chart, the headline cards), each a list of
 * drawing operations; pagination places the boxes on pages (a table's
 * header again at the top of a page its rows continue on; a heading kept
 * with what follows); drawing then knows the page count for "page N of M".
 */
#include "pdf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmark.h>
#include <hpdf.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_encrypt.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>
#include <zlib.h>

#include "chart_pdf.h"
#include "diag.h"
#include "directive.h"
#include "font.h"
#include "hyphenate.h"
#include "view.h"

#define MARGIN_X 56.0
#define MARGIN_TOP 66.0
#define MARGIN_BOTTOM 62.0

#define BODY_PT 9.5
#define SMALL_PT 7.5
#define LEADING 1.38

#define C_TEXT 0x1F2328u
#define C_MUTED 0x57606Au
#define C_RULE 0xD0D7DEu
#define C_TINT 0xF3F5F7u
#define C_GOOD 0x1A7F37u
#define C_BAD 0xB42318u
#define C_WARN 0x9A6700u
#define C_CRIT_BG 0xFDECEAu
#define C_WARN_BG 0xFFF8E6u
#define C_LINK 0x0B5CADu

enum { F_REG, F_BOLD, F_OBL };
enum { OP_TEXT, OP_RECT, OP_LINE, OP_CHART, OP_IMAGE, OP_LINK };

/* A drawing operation, relative to its box: x from the left margin, y down
 * from the box's top (a text's baseline). */
struct op {
	uint8_t type, font;
	uint32_t color, stroke;
	float size;
	double x, y, w, h;
	char *text;			/* text, or a link's URI */
	/* A chart: its list and place in it, not its address (the list of
	 * those laid out here grows, and moves, as the report is set). */
	const struct chart_list *charts;
	size_t chart;
};

struct box {
	double h;
	size_t op0, nops;
	int keep_next;		/* on the same page as the box after it */
	int page_break;		/* starts a page */
	long head;		/* a table row: its header box, or -1 */
};

struct place {
	size_t box;
	int page;
	double y;
};

struct ts {
	const json_t *view, *labels;
	struct chart_list *charts;
	struct chart_list own;	/* charts the page did not lay out */
	double width, page_w, page_h;
	uint32_t brand;
	struct op *ops;
	size_t nops, capops;
	struct box *boxes;
	size_t nboxes, capboxes;
	char **explains;
	size_t nexplains;
	const char *msp;	/* the MSP's name, or NULL */
	int literal;		/* fenced blocks are code, not directives */
	const struct hyphenate_dict *hy;	/* the locale's, or NULL */
	int full;		/* a character the subsets lack: full faces */
	int failed;
	/* The characters the document prints (BMP), for the faces' maps;
	 * `sealed` once the faces are made, `missed` if one came later. */
	unsigned char used[0x10000 / 8];
	int sealed, missed;
};

/* --- boxes and operations -------------------------------------------- */

static struct box *
box_new(struct ts *t, double h)
{
	struct box *b;

	if (t->nboxes == t->capboxes) {
		t->capboxes = t->capboxes ? 2 * t->capboxes : 256;
		t->boxes = xrealloc(t->boxes, t->capboxes * sizeof(*t->boxes));
	}
	b = &t->boxes[t->nboxes++];
	memset(b, 0, sizeof(*b));
	b->h = h;
	b->op0 = t->nops;
	b->head = -1;
	return b;
}

static struct op *
op_new(struct ts *t, int type)
{
	struct op *o;

	if (t->nops == t->capops) {
		t->capops = t->capops ? 2 * t->capops : 1024;
		t->ops = xrealloc(t->ops, t->capops * sizeof(*t->ops));
	}
	o = &t->ops[t->nops++];
	memset(o, 0, sizeof(*o));
	o->type = (uint8_t)type;
	o->stroke = SCENE_NONE;
	t->boxes[t->nboxes - 1].nops++;
	return o;
}

/* Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana,
 * N'Ko and their presentation forms), and marks that combine with the
 * letter before them. */
static int
rtl_letter(uint32_t c)
{
	return (c >= 0x05D0 && c <= 0x08FF && !(c >= 0x064B && c <= 0x065F) &&
	    c != 0x0670) || (c >= 0xFB1D && c <= 0xFDFF) ||
	    (c >= 0xFE70 && c <= 0xFEFF);
}

static int
combining(uint32_t c)
{
	return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0591 && c <= 0x05C7) ||
	    (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) ||
	    c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED);
}

/*
 * A text in the order its glyphs are drawn, left to right: each run of
 * right-to-left letters (with the spaces and marks between them) turned
 * around, a letter and its marks kept together. No shaping: Arabic letters
 * print in their isolated forms. The caller frees it.
 */
static char *
visual_order(char *s)
{
	const unsigned char *p = (const unsigned char *)s, *end;
	uint32_t *v;
	size_t n = 0, i, j, k, e, last, m;
	struct buf b = BUF_INIT;
	char u[4];
	int any = 0;

	end = p + strlen(s);
	/* Right-to-left letters start at U+0590: a byte 0xD6 or above. */
	while (p < end && *p < 0xD6)
		p++;
	if (p == end)
		return s;
	p = (const unsigned char *)s;
	v = xmalloc((size_t)(end - p + 1) * sizeof(*v));
	while (p < end) {
		v[n] = font_next_char(&p, end);
		any |= rtl_letter(v[n++]);
	}
	if (!any) {
		free(v);
		return s;
	}
	for (i = 0; i < n; ) {
		if (!rtl_letter(v[i])) {
			buf_add(&b, u, (size_t)(utf8_put(u, v[i++]) - u));
			continue;
		}
		/* The run: to its last letter (or mark) before anything else. */
		for (last = e = i; e < n && (rtl_letter(v[e]) ||
		    combining(v[e]) || v[e] == ' '); e++)
			if (v[e] != ' ')
				last = e;
		e = last + 1;
		/* Clusters from the end: a letter, then its marks. */
		for (k = e; k > i; k = j) {
			for (j = k - 1; j > i && combining(v[j]); j--)
				;
			for (m = j; m < k; m++)
				buf_add(&b, u, (size_t)(utf8_put(u, v[m]) - u));
		}
		i = e;
	}
	free(v);
	free(s);
	return buf_detach(&b, NULL);
}

/*
 * Text as the fonts can print it: a character they cannot (font_printable)
 * becomes U+FFFD (visible, never dropped); one outside the subsets makes
 * the document embed the full faces; right-to-left runs in the order they
 * are drawn (visual_order). Control characters go. The caller frees it.
 */
static char *
clean(struct ts *t, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	struct buf b = BUF_INIT;

	while (p < end) {
		const unsigned char *q = p;
		uint32_t c = font_next_char(&p, end);

		if (c < 0x20 || (c >= 0x7F && c < 0xA0))
			continue;
		if (!font_printable(c)) {
			buf_addstr(&b, "\xEF\xBF\xBD");
			c = 0xFFFD;
		} else
			buf_add(&b, q, (size_t)(p - q));
		if (!t->full && !font_subset_has(c))
			t->full = 1;
		if (c < 0x10000 && !(t->used[c >> 3] & (1u << (c & 7)))) {
			t->used[c >> 3] |= (unsigned char)(1u << (c & 7));
			t->missed |= t->sealed;
		}
	}
	return visual_order(buf_detach(&b, NULL));
}

static double
width(int font, double size, const char *s)
{
	return font_width(font == F_BOLD ? FONT_BOLD : FONT_REGULAR, size, s,
	    strlen(s));
}

static void
text_op(struct ts *t, double x, double y, int font, double size,
    uint32_t color, const char *s)
{
	struct op *o = op_new(t, OP_TEXT);

	o->x = x;
	o->y = y;
	o->font = (uint8_t)font;
	o->size = (float)size;
	o->color = color;
	o->text = clean(t, s, strlen(s));
	o->w = width(font, size, o->text);
}

static void
rect_op(struct ts *t, double x, double y, double w, double h, uint32_t fill,
    uint32_t stroke)
{
	struct op *o = op_new(t, OP_RECT);

	o->x = x;
	o->y = y;
	o->w = w;
	o->h = h;
	o->color = fill;
	o->stroke = stroke;
	o->size = 0.6f;
}

static void
line_op(struct ts *t, double x, double y, double w, double h, uint32_t color,
    double lw)
{
	struct op *o = op_new(t, OP_LINE);

	o->x = x;
	o->y = y;
	o->w = w;
	o->h = h;
	o->stroke = color;
	o->size = (float)lw;
}

static const char *
lab(const struct ts *t, const char *group, const char *key)
{
	return directive_label(t->labels, group, key);
}

/* --- inline text: runs, words, lines --------------------------------- */

struct run {
	char *text;
	int font;
	uint32_t color;
	char *uri;
};

struct runs {
	struct run *v;
	size_t n;
};

static void
run_add(struct runs *r, const char *s, int font, uint32_t color,
    const char *uri)
{
	r->v = xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
	r->v[r->n].text = xstrdup(s);
	r->v[r->n].font = font;
	r->v[r->n].color = color;
	r->v[r->n].uri = uri ? xstrdup(uri) : NULL;
	r->n++;
}

static void
runs_release(struct runs *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].text);
		free(r->v[i].uri);
	}
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

/* The runs of an inline tree. */
static void
inlines(cmark_node *n, int font, uint32_t color, const char *uri,
    struct runs *r)
{
	cmark_node *c;

	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			run_add(r, cmark_node_get_literal(c), font, color, uri);
			break;
		case CMARK_NODE_CODE:
			run_add(r, cmark_node_get_literal(c), font, C_MUTED,
			    uri);
			break;
		case CMARK_NODE_SOFTBREAK:
			run_add(r, " ", font, color, uri);
			break;
		case CMARK_NODE_LINEBREAK:
			run_add(r, "\n", font, color, uri);
			break;
		case CMARK_NODE_EMPH:
			inlines(c, font == F_BOLD ? F_BOLD : F_OBL, color, uri,
			    r);
			break;
		case CMARK_NODE_STRONG:
			inlines(c, F_BOLD, color, uri, r);
			break;
		case CMARK_NODE_LINK:
			inlines(c, font, C_LINK, cmark_node_get_url(c), r);
			break;
		default:
			inlines(c, font, color, uri, r);
			break;
		}
	}
}

/* A piece of a word: the bytes of one run. */
struct piece {
	size_t run;
	size_t off, n;
};

struct word {
	struct piece p[8];
	size_t np;
	double w;
	int brk;		/* a forced line break before it */
};

/* 1 for a URI a PDF reader can open from anywhere. */
static int
absolute_uri(const char *u)
{
	return u && (strncmp(u, "https://", 8) == 0 ||
	    strncmp(u, "http://", 7) == 0 || strncmp(u, "mailto:", 7) == 0);
}

static double
piece_width(const struct runs *r, const struct piece *p, double size)
{
	return font_width(r->v[p->run].font == F_BOLD ? FONT_BOLD :
	    FONT_REGULAR, size, r->v[p->run].text + p->off, p->n);
}

/* The words of the runs: split at spaces and line breaks. */
static struct word *
words_of(const struct runs *r, double size, size_t *nw)
{
	struct word *w = NULL, *cur = NULL;
	size_t n = 0, i, k, start;
	int brk = 0;

	for (i = 0; i < r->n; i++) {
		const char *s = r->v[i].text;

		for (k = 0; ; ) {
			start = k;
			while (s[k] && s[k] != ' ' && s[k] != '\n')
				k++;
			if (k > start) {
				if (cur == NULL || cur->np == 8) {
					w = xrealloc(w, (n + 1) * sizeof(*w));
					cur = &w[n++];
					memset(cur, 0, sizeof(*cur));
					cur->brk = brk;
					brk = 0;
				}
				cur->p[cur->np].run = i;
				cur->p[cur->np].off = start;
				cur->p[cur->np].n = k - start;
				cur->w += piece_width(r, &cur->p[cur->np], size);
				cur->np++;
			}
			if (s[k] == '\0')
				break;
			if (s[k] == '\n')
				brk = 1;
			cur = NULL;	/* a space ends the word */
			k++;
		}
	}
	*nw = n;
	return w;
}

/* Typeset options of a paragraph. */
struct para {
	double size, indent;
	uint32_t color;		/* of runs with no colour of their own */
	const char *bullet;	/* before the first line */
	uint32_t bar;		/* a bar left of each line (quotes), or 0 */
	int keep_next;		/* the last line stays with what follows */
	double space_after;
};

/* Emits the line of words [a, b) as a box. */
static void
line_box(struct ts *t, const struct runs *r, struct word *w, size_t a,
    size_t b, const struct para *pp, int first, int last)
{
	double lh = pp->size * LEADING, x = pp->indent, base;
	double space = width(F_REG, pp->size, " ");
	struct box *bx = box_new(t, lh + (last ? pp->space_after : 0));
	struct buf seg = BUF_INIT;
	size_t i, k, srun = (size_t)-1;
	double sx = x;

	base = pp->size * 1.0;
	bx->keep_next = last ? pp->keep_next : 1;
	if (first && pp->bullet)
		text_op(t, pp->indent - 11, base, F_REG, pp->size, pp->color,
		    pp->bullet);
	if (pp->bar)
		rect_op(t, pp->indent - 9, 0, 2.5, lh + (last ? 0 : 0.5),
		    pp->bar, SCENE_NONE);
#define FLUSH() do { \
	if (seg.len > 0) { \
		const struct run *fr = &r->v[srun]; \
		text_op(t, sx, base, fr->font, pp->size, fr->color ? \
		    fr->color : pp->color, seg.ptr); \
		if (absolute_uri(fr->uri)) { \
			struct op *lo = op_new(t, OP_LINK); \
			lo->x = sx; \
			lo->y = 0; \
			lo->w = t->ops[t->nops - 2].w; \
			lo->h = lh; \
			lo->text = xstrdup(fr->uri); \
		} \
	} \
	buf_reset(&seg); \
} while (0)
	for (i = a; i < b; i++) {
		for (k = 0; k < w[i].np; k++) {
			const struct piece *p = &w[i].p[k];
			const struct run *ru = &r->v[p->run];
			int same = srun != (size_t)-1 &&
			    r->v[srun].font == ru->font &&
			    r->v[srun].color == ru->color &&
			    ((r->v[srun].uri == NULL) == (ru->uri == NULL)) &&
			    (ru->uri == NULL || strcmp(r->v[srun].uri,
			    ru->uri) == 0);

			if (!same) {
				FLUSH();
				srun = p->run;
				sx = x;
			}
			if (k == 0 && i > a && seg.len > 0)
				buf_addch(&seg, ' ');
			else if (k == 0 && i > a)
				sx = x;
			buf_add(&seg, ru->text + p->off, p->n);
			x += piece_width(r, p, pp->size);
		}
		x += space;
	}
	FLUSH();
#undef FLUSH
	buf_release(&seg);
}

/* Breaks a word wider than `avail` into pieces that fit, in place. */
static struct word *
split_wide(const struct runs *r, struct word *w, size_t *nw, double size,
    double avail)
{
	size_t i;

	for (i = 0; i < *nw; i++) {
		struct word *cur = &w[i], rest;
		const struct piece *p;
		size_t cut, n;
		double acc = 0;

		if (cur->w <= avail || cur->np != 1)
			continue;
		p = &cur->p[0];
		/* The longest prefix that fits, at a character boundary. */
		for (cut = 1; cut < p->n; cut++) {
			const char *s = r->v[p->run].text + p->off;

			if ((s[cut] & 0xC0) == 0x80)
				continue;
			if (font_width(r->v[p->run].font == F_BOLD ? FONT_BOLD :
			    FONT_REGULAR, size, s, cut) > avail)
				break;
			n = cut;
			acc = n;
		}
		(void)acc;
		for (n = cut - 1; n > 1 && ((r->v[p->run].text[p->off + n] &
		    0xC0) == 0x80); n--)
			;
		if (n == 0 || n >= p->n)
			continue;
		rest = *cur;
		rest.brk = 0;
		rest.p[0].off += n;
		rest.p[0].n -= n;
		rest.w = piece_width(r, &rest.p[0], size);
		cur->p[0].n = n;
		cur->w = piece_width(r, &cur->p[0], size);
		w = xrealloc(w, (*nw + 1) * sizeof(*w));
		memmove(&w[i + 2], &w[i + 1], (*nw - i - 1) * sizeof(*w));
		w[i + 1] = rest;
		(*nw)++;
	}
	return w;
}

/* A paragraph: runs wrapped into line boxes, ragged right. */
static void
paragraph(struct ts *t, struct runs *r, const struct para *pp)
{
	double avail = t->width - pp->indent, lw = 0;
	double space = width(F_REG, pp->size, " ");
	size_t nw, i, a = 0;
	struct word *w = words_of(r, pp->size, &nw);

	w = split_wide(r, w, &nw, pp->size, avail);
	if (nw == 0) {
		free(w);
		return;
	}
	for (i = 0; i < nw; i++) {
		if (i > a && (w[i].brk || lw + space + w[i].w > avail)) {
			line_box(t, r, w, a, i, pp, a == 0, 0);
			a = i;
			lw = 0;
		}
		lw += (i > a ? space : 0) + w[i].w;
	}
	line_box(t, r, w, a, nw, pp, a == 0, 1);
	free(w);
}

/* A paragraph of one plain text. */
static void
plain(struct ts *t, const char *s, int font, const struct para *pp)
{
	struct runs r = { NULL, 0 };

	run_add(&r, s, font, 0, NULL);
	paragraph(t, &r, pp);
	runs_release(&r);
}

static void
space(struct ts *t, double h)
{
	box_new(t, h);
}

/* --- tables ---------------------------------------------------------- */

#define CELL_PAD 4.0
enum { CELL_BREAK, CELL_WORDS, CELL_CODE };
/* Rounding slack of the width comparisons. */
#define FIT_EPS 1e-6

static enum font_style
face_of(int font)
{
	return font == F_BOLD ? FONT_BOLD : FONT_REGULAR;
}

static void
push_line(char ***v, size_t *n, struct buf *line)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = buf_detach(line, NULL);
}

/*
 * The lines of a cell's text wrapped to `w` points at its spaces. How a
 * word wider than a whole line goes: CELL_BREAK breaks it at its
 * hyphenation points or after its separators (hyphenate.c; the hyphen
 * drawn where the break adds one), its head on the line before it when one
 * fits there, and only when no point fits, between two letters with a
 * hyphen too: no word is cut without one; CELL_WORDS keeps it whole on a
 * line of its own (a figure: the caller sets it smaller); CELL_CODE keeps
 * the whole text on one line (table_row). The caller frees each line and
 * the array.
 */
static char **
cell_lines(const struct ts *t, const char *s, int font, double size,
    double w, int how, size_t *n)
{
	enum font_style fs = face_of(font);
	double space = width(font, size, " "), lw = 0;
	char **v = NULL;
	struct buf line = BUF_INIT;
	const char *p = s;

	*n = 0;
	if (how == CELL_CODE) {
		buf_addstr(&line, s);
		push_line(&v, n, &line);
		return v;
	}
	while (*p) {
		const char *e = p;
		size_t len, off = 0, k;
		double ww;
		unsigned char *brk;

		if (*p == ' ') {
			p++;
			continue;
		}
		while (*e && *e != ' ')
			e++;
		len = (size_t)(e - p);
		ww = font_width(fs, size, p, len);
		if (line.len > 0 && lw + space + ww <= w + FIT_EPS) {
			buf_addch(&line, ' ');
			buf_add(&line, p, len);
			lw += space + ww;
		} else if (ww <= w + FIT_EPS || how == CELL_WORDS) {
			if (line.len > 0)
				push_line(&v, n, &line);
			buf_add(&line, p, len);
			lw = ww;
		} else {
			/* Wider than a line: it breaks, after its separators
			 * when that is enough (no dictionary read), else at
			 * its hyphenation points too. */
			brk = xmalloc(len + 1);
			hyphenate_points(NULL, p, len, brk);
			if (t->hy && hyphenate_narrowest(brk, p, len, fs,
			    size) > w + FIT_EPS)
				hyphenate_points(t->hy, p, len, brk);
			while (off < len) {
				int hy;

				k = hyphenate_fit(brk + off, p + off, len - off,
				    fs, size, line.len > 0 ? w - lw - space : w,
				    line.len == 0, &hy);
				if (k == 0) {
					push_line(&v, n, &line);
					lw = 0;
					continue;
				}
				if (line.len > 0)
					buf_addch(&line, ' ');
				buf_add(&line, p + off, k);
				if (hy)
					buf_addch(&line, '-');
				off += k;
				if (off < len) {
					push_line(&v, n, &line);
					lw = 0;
				} else
					lw = width(font, size, line.ptr);
			}
			free(brk);
		}
		p = e;
	}
	push_line(&v, n, &line);
	return v;
}

/*
 * The widest word of s (`least` 0); or the width s needs at the least
 * instead: its widest piece when its words break after every separator
 * (`least` 1), or at their hyphenation points too (2; see
 * hyphenate_narrowest). A code is one word.
 */
static double
widest_word(const struct ts *t, const char *s, int font, double size,
    int code, int least)
{
	enum font_style fs = face_of(font);
	double w = 0, hw = width(font, size, "-"), ww;
	const char *p = s, *e;

	if (code)
		return width(font, size, s);
	for (; *p; p = *e ? e + 1 : e) {
		for (e = p; *e && *e != ' '; e++)
			;
		ww = font_width(fs, size, p, (size_t)(e - p));
		/* A piece with its hyphen is never wider than the word and
		 * a hyphen: only wider words can widen the answer. */
		if (least && ww + hw > w) {
			unsigned char *brk = xmalloc((size_t)(e - p) + 1);

			hyphenate_points(least > 1 ? t->hy : NULL, p,
			    (size_t)(e - p), brk);
			ww = hyphenate_narrowest(brk, p, (size_t)(e - p), fs,
			    size);
			free(brk);
		}
		w = fmax(w, ww);
	}
	return w;
}

/*
 * Which columns break their words when not every column can have its
 * widest word (want[k]; least[k] when it breaks them): the fewest, and of
 * those, the set that leaves the most room. Marks them in `brk` and
 * returns the room left (>= 0), or -1 when even all of them breaking do
 * not fit `avail`.
 */
static double
columns_to_break(size_t cols, const double *want, const double *least,
    double avail, unsigned char *brk)
{
	size_t idx[12], m = 0, k, i;
	unsigned long mask, best = 0;
	int best_n = -1;
	double best_room = -1;

	for (k = 0; k < cols; k++)
		if (least[k] < want[k] - FIT_EPS && m < ARRAY_SIZE(idx))
			idx[m++] = k;
	for (mask = 0; mask < (1ul << m); mask++) {
		double need = 0;
		int nb = __builtin_popcountl(mask);

		for (k = 0; k < cols; k++)
			need += want[k];
		for (i = 0; i < m; i++)
			if (mask & (1ul << i))
				need -= want[idx[i]] - least[idx[i]];
		if (need > avail + FIT_EPS)
			continue;
		if (best_n < 0 || nb < best_n || (nb == best_n &&
		    avail - need > best_room + FIT_EPS)) {
			best = mask;
			best_n = nb;
			best_room = avail - need;
		}
	}
	memset(brk, 0, cols);
	if (best_n < 0)
		return -1;
	for (i = 0; i < m; i++)
		if (best & (1ul << i))
			brk[idx[i]] = 1;
	return best_room;
}

/*
 * Widths w for columns that cannot all have their narrowest: the widest
 * give way first. Each column keeps its widest word (want) up to a cap,
 * the one at which they fill `avail`; the columns above it get the cap
 * and break their words where they must (between letters, with a hyphen).
 * So a long summary gives way, not the ids and figures beside it.
 */
static void
give_way(size_t cols, const double *want, double avail, double *w)
{
	double left = avail, cap = 0;
	size_t k, n = cols, above;

	/* The cap: with the columns under it at their want, the others
	 * share what is left equally. */
	for (;;) {
		cap = left / (double)n;
		above = 0;
		left = avail;
		for (k = 0; k < cols; k++)
			if (want[k] <= cap)
				left -= want[k];
			else
				above++;
		if (above == n || above == 0)
			break;
		n = above;
	}
	for (k = 0; k < cols; k++)
		w[k] = want[k] <= cap ? want[k] : cap;
}

/* The widest measure (widest_word's `least`) of column k's cells and
 * heading, with the cell's padding. */
static double
column_measure(const struct ts *t, const struct dtable *d, size_t k,
    double size, int least)
{
	double m = widest_word(t, d->head[k], F_BOLD, size, 0, least);
	size_t r;

	for (r = 0; r < d->rows; r++)
		m = fmax(m, widest_word(t, d->cell[r * d->cols + k], k == 0 &&
		    d->row_heads ? F_BOLD : F_REG, size, d->code[k], least));
	return m + 2 * CELL_PAD;
}

/*
 * Column widths, preferring those where nothing needs breaking: the
 * natural ones (each cell on one line) when they fit, the spare room
 * shared; else every column its widest word (no word breaks), the rest of
 * the room to the columns that wrap, in proportion to what they lack;
 * else the fewest columns break their words, after their separators when
 * that is enough, else at their hyphenation points too (so a dictionary is
 * read only for a table that needs it), sharing what room is left; else
 * the widest columns give way (give_way: a word may then break between two
 * letters, with a hyphen; a code is set smaller). The caller frees the
 * array.
 */
static double *
column_widths(const struct ts *t, const struct dtable *d, double avail,
    double size)
{
	double *nat = xcalloc(d->cols, sizeof(*nat)), *want, *least, *w;
	double tn = 0, tw = 0, room = -1, lack = 0;
	unsigned char *brk = xcalloc(d->cols, 1);
	size_t r, k;
	int pass;

	want = xcalloc(d->cols, sizeof(*want));
	least = xcalloc(d->cols, sizeof(*least));
	w = xcalloc(d->cols, sizeof(*w));
	for (k = 0; k < d->cols; k++) {
		nat[k] = width(F_BOLD, size, d->head[k]);
		for (r = 0; r < d->rows; r++)
			nat[k] = fmax(nat[k], width(k == 0 && d->row_heads ?
			    F_BOLD : F_REG, size, d->cell[r * d->cols + k]));
		nat[k] += 2 * CELL_PAD;
		want[k] = column_measure(t, d, k, size, 0);
		tn += nat[k];
		tw += want[k];
	}
	if (tn <= avail + FIT_EPS) {
		for (k = 0; k < d->cols; k++)
			w[k] = nat[k] + (avail - tn) * nat[k] / tn;
	} else if (tw <= avail + FIT_EPS) {
		for (k = 0; k < d->cols; k++)
			w[k] = want[k] + (avail - tw) * (nat[k] - want[k]) /
			    (tn - tw);
	} else {
		for (pass = 1; pass <= 2; pass++) {
			for (k = 0; k < d->cols; k++)
				least[k] = column_measure(t, d, k, size, pass);
			room = columns_to_break(d->cols, want, least, avail,
			    brk);
			if (room >= 0 || t->hy == NULL)
				break;
		}
		for (k = 0; k < d->cols; k++)
			if (brk[k])
				lack += want[k] - least[k];
		for (k = 0; k < d->cols; k++)
			w[k] = brk[k] ? least[k] + room * (want[k] -
			    least[k]) / lack : want[k];
		if (room < 0)
			give_way(d->cols, want, avail, w);
	}
	free(nat);
	free(want);
	free(least);
	free(brk);
	return w;
}

/*
 * A row of a table as a box: the header (bold, tinted) or a data row. A
 * code (a SHA-256) is not a word: it never breaks, so that it stays one
 * string to copy and compare and never gains a hyphen; column_widths gives
 * its column the code's width, and where a table cannot, the code is set
 * smaller to fit its cell.
 */
static void
table_row(struct ts *t, const struct dtable *d, const double *cw, size_t row,
    int head, long head_box)
{
	double size = SMALL_PT, lh = size * 1.3, x = 0, h;
	size_t k, i, most = 1;
	char ***lines = xcalloc(d->cols, sizeof(*lines));
	size_t *nl = xcalloc(d->cols, sizeof(*nl));
	struct box *b;

	for (k = 0; k < d->cols; k++) {
		const char *s = head ? d->head[k] : d->cell[row * d->cols + k];
		int font = head || (k == 0 && d->row_heads) ? F_BOLD : F_REG;

		lines[k] = cell_lines(t, s, font, size, cw[k] - 2 * CELL_PAD,
		    !head && d->code[k] ? CELL_CODE : CELL_BREAK, &nl[k]);
		most = nl[k] > most ? nl[k] : most;
	}
	h = (double)most * lh + 2 * 3.0;
	b = box_new(t, h);
	b->keep_next = head;
	b->head = head ? -1 : head_box;
	if (head)
		rect_op(t, 0, 0, t->width, h, C_TINT, SCENE_NONE);
	for (k = 0; k < d->cols; k++) {
		int font = head || (k == 0 && d->row_heads) ? F_BOLD : F_REG;

		for (i = 0; i < nl[k]; i++) {
			double fit = size, lw = width(font, size, lines[k][i]);

			if (!head && d->code[k] && lw > cw[k] - 2 * CELL_PAD)
				fit = size * (cw[k] - 2 * CELL_PAD) / lw;
			text_op(t, x + CELL_PAD, 3.0 + size + (double)i * lh,
			    font, fit, C_TEXT, lines[k][i]);
			free(lines[k][i]);
		}
		free(lines[k]);
		x += cw[k];
	}
	line_op(t, 0, h, t->width, 0, head ? C_MUTED : C_RULE, head ? 0.8 :
	    0.5);
	free(lines);
	free(nl);
}

/* A whole table: its header, then its rows (header again on each page). */
static void
table(struct ts *t, const struct dtable *d)
{
	double *cw = column_widths(t, d, t->width, SMALL_PT);
	long head = (long)t->nboxes;
	size_t r;

	table_row(t, d, cw, 0, 1, -1);
	for (r = 0; r < d->rows; r++)
		table_row(t, d, cw, r, 0, head);
	space(t, 8);
	free(cw);
}

/* --- directives ------------------------------------------------------ */

/* The chart `name` (with `arg`): the page's layout, or one made here; 1
 * and its list and place, or 0. */
static int
find_chart(struct ts *t, const char *name, const char *arg,
    const struct chart_list **list, size_t *at)
{
	struct chart_list *lists[2] = { t->charts, &t->own };
	struct chart c;
	size_t i, k;

	for (k = 0; k < 2; k++)
		for (i = 0; lists[k] && i < lists[k]->n; i++)
			if (strcmp(lists[k]->v[i].name, name) == 0 &&
			    strcmp(lists[k]->v[i].arg, arg ? arg : "") == 0) {
				*list = lists[k];
				*at = i;
				return 1;
			}
	if (t->charts == NULL || chart_layout(t->charts->set, name, arg,
	    t->view, t->labels, &c) != 0)
		return 0;
	t->own.v = xrealloc(t->own.v, (t->own.n + 1) * sizeof(*t->own.v));
	t->own.v[t->own.n] = c;
	*list = &t->own;
	*at = t->own.n++;
	return 1;
}

static void
chart_op(struct ts *t, const struct chart_list *list, size_t at, double x,
    double y, double scale)
{
	const struct chart *c = &list->v[at];
	struct op *o = op_new(t, OP_CHART);
	size_t i;

	o->x = x;
	o->y = y;
	o->size = (float)scale;
	o->charts = list;
	o->chart = at;
	/* Its text decides the faces the document embeds. */
	for (i = 0; i < c->scene.n; i++)
		if (c->scene.v[i].op == SCENE_TEXT)
			free(clean(t, c->scene.text.ptr + c->scene.v[i].text,
			    c->scene.v[i].len));
}

static int
chart(struct ts *t, const char *name, const char *arg)
{
	const struct chart_list *list;
	const struct chart *c;
	size_t at;
	double scale;

	if (!find_chart(t, name, arg, &list, &at))
		return -1;
	c = &list->v[at];
	scale = c->scene.width > t->width ? t->width / c->scene.width : 1;
	box_new(t, c->scene.height * scale + 14);
	chart_op(t, list, at, 0, 4, scale);
	return 0;
}

static const json_t *
figure(const json_t *view, const char *name)
{
	return json_object_get(json_object_get(view, "figures"), name);
}

/* The size, `size` at most, at which s fits `avail` points on one line. */
static double
fit_size(int font, double size, const char *s, double avail)
{
	double w = width(font, size, s);

	return w > avail ? size * avail / w : size;
}

/* The headline cards: one box, never split; a figure wider than its card
 * is set smaller to fit it (the font's own widths, as everywhere). */
static void
cards(struct ts *t)
{
	static const char *const headline[] = { "hours_saved", "cost_avoided",
		"error_reduction", "sla_adherence", "roi" };
	const double gap = 6, pad = 6;
	double cw = (t->width - gap * 4) / 5, inner = cw - 2 * pad, h = 112;
	size_t i, k, nl;

	box_new(t, h + 12);
	for (i = 0; i < 5; i++) {
		const json_t *f = figure(t->view, headline[i]);
		double x = (double)i * (cw + gap), y = 10, size = 13, lsize;
		double delta = json_number_value(json_object_get(f, "delta"));
		const json_t *d = json_object_get(f, "delta");
		struct buf b = BUF_INIT;
		char **lines;
		const struct chart_list *list;
		const struct chart *c;
		size_t at;

		rect_op(t, x, 0, cw, h, i == 4 ? C_TINT : SCENE_NONE, C_RULE);
		rect_op(t, x, 0, cw, 3, t->brand, SCENE_NONE);
		/* The label in two lines; a longer one smaller, in three. */
		lsize = SMALL_PT;
		lines = cell_lines(t, lab(t, "figures", headline[i]), F_BOLD,
		    lsize, inner, CELL_BREAK, &nl);
		if (nl > 2) {
			for (k = 0; k < nl; k++)
				free(lines[k]);
			free(lines);
			lsize = 6.2;
			lines = cell_lines(t, lab(t, "figures", headline[i]),
			    F_BOLD, lsize, inner, CELL_BREAK, &nl);
		}
		for (k = 0; k < nl; k++) {
			if (k < 3)
				text_op(t, x + pad, y + lsize + (double)k *
				    (nl > 2 ? lsize * 1.05 : lsize * 1.25),
				    F_BOLD, lsize, C_MUTED, lines[k]);
			free(lines[k]);
		}
		free(lines);
		y += 2 * SMALL_PT * 1.25 + 4;
		/* The value, smaller when it would not fit. */
		size = fit_size(F_BOLD, size, json_string_value(
		    json_object_get(f, "display")) ?: "—", inner);
		text_op(t, x + pad, y + 13, F_BOLD, size, C_TEXT,
		    json_string_value(json_object_get(f, "display")) ?: "—");
		y += 13 + 6;
		buf_addf(&b, "%s%s", lab(t, NULL, "previous"), lab(t, NULL,
		    "colon"));
		view_format(t->view, headline[i], json_number_value(
		    json_object_get(f, "previous")), 0, &b);
		if (!json_is_number(json_object_get(f, "previous"))) {
			buf_reset(&b);
			buf_addf(&b, "%s%s—", lab(t, NULL, "previous"),
			    lab(t, NULL, "colon"));
		}
		/* Two lines at most (the rest joins the second), each set
		 * smaller where a figure is wider than the card. */
		lines = cell_lines(t, b.ptr, F_REG, 6.5, inner, CELL_WORDS,
		    &nl);
		for (k = 2; k < nl; k++) {
			size_t at2 = strlen(lines[1]);

			lines[1] = xrealloc(lines[1], at2 + strlen(lines[k]) + 2);
			lines[1][at2] = ' ';
			strcpy(lines[1] + at2 + 1, lines[k]);
			free(lines[k]);
		}
		for (k = 0; k < nl && k < 2; k++) {
			text_op(t, x + pad, y + 6.5 + (double)k * 8, F_REG,
			    fit_size(F_REG, 6.5, lines[k], inner), C_MUTED,
			    lines[k]);
			free(lines[k]);
		}
		free(lines);
		y += 2 * 8 + 2;
		buf_reset(&b);
		buf_addf(&b, "%s%s", lab(t, NULL, "change"), lab(t, NULL,
		    "colon"));
		buf_addstr(&b, json_string_value(json_object_get(f,
		    "delta_display")) ?: "\xe2\x80\x94");
		text_op(t, x + pad, y + 6.5, F_REG, fit_size(F_REG, 6.5, b.ptr,
		    inner), !json_is_number(d) || delta == 0 ? C_MUTED :
		    delta > 0 ? C_GOOD : C_BAD, b.ptr);
		buf_release(&b);
		if (find_chart(t, "sparkline", headline[i], &list, &at)) {
			c = &list->v[at];
			chart_op(t, list, at, x + pad, h - 8 -
			    c->scene.height * inner / c->scene.width,
			    inner / c->scene.width);
		}
	}
}

static void
alerts(struct ts *t)
{
	const json_t *list = json_object_get(t->view, "alerts"), *a;
	struct para pp = { BODY_PT, 12, C_TEXT, NULL, 0, 0, 3 };
	size_t i;

	if (json_array_size(list) == 0) {
		pp.indent = 0;
		pp.color = C_MUTED;
		plain(t, lab(t, NULL, "no_alerts"), F_REG, &pp);
		space(t, 4);
		return;
	}
	json_array_foreach(list, i, a) {
		const char *sev = json_string_value(json_object_get(a,
		    "severity"));
		int crit = sev && strcmp(sev, "critical") == 0;
		struct runs r = { NULL, 0 };

		run_add(&r, lab(t, "values", crit ? "critical" : "warning"),
		    F_BOLD, crit ? C_BAD : C_WARN, NULL);
		run_add(&r, " ", F_REG, 0, NULL);
		run_add(&r, json_string_value(json_object_get(a, "message")) ?:
		    "", F_REG, 0, NULL);
		pp.bar = crit ? C_BAD : C_WARN;
		paragraph(t, &r, &pp);
		runs_release(&r);
	}
	space(t, 6);
}

static int
table_directive(struct ts *t, const char *name)
{
	struct dtable d;
	struct para pp = { BODY_PT, 0, C_MUTED, NULL, 0, 0, 6 };

	if (directive_table(t->view, t->labels, name, &d))
		return -1;
	if (d.rows == 0)
		plain(t, lab(t, NULL, "no_rows"), F_REG, &pp);
	else
		table(t, &d);
	dtable_release(&d);
	return 0;
}

static void blocks(struct ts *t, cmark_node *parent, double indent,
    uint32_t bar);

/*
 * The service team's notes (the view's "notes", Markdown): typeset as the
 * report's blocks, but their headings two levels down and their fenced
 * blocks as code, never directives (as the page shows them).
 */
static void
notes(struct ts *t)
{
	const char *md = json_string_value(json_object_get(t->view, "notes"));
	cmark_node *doc, *n;
	cmark_iter *it;
	cmark_event_type ev;
	int level;

	if (md == NULL)
		return;
	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT |
	    CMARK_OPT_VALIDATE_UTF8);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n =
		    cmark_iter_get_node(it)) == CMARK_NODE_HEADING) {
			level = cmark_node_get_heading_level(n) + 2;
			cmark_node_set_heading_level(n, level > 6 ? 6 : level);
		}
	cmark_iter_free(it);
	t->literal = 1;
	blocks(t, doc, 0, 0);
	t->literal = 0;
	cmark_node_free(doc);
}

/* Renders a directive; -1 when its info string names none. */
static int
directive(struct ts *t, const char *info)
{
	char word[32], arg[64] = "", rest[64] = "";

	if (sscanf(info, "%31s %63s %63s", word, arg, rest) < 1)
		return -1;
	if (strcmp(word, "cards") == 0)
		cards(t);
	else if (strcmp(word, "alerts") == 0)
		alerts(t);
	else if (strcmp(word, "notes") == 0)
		notes(t);
	else if (strcmp(word, "explain") == 0) {
		/* In print, every explanation goes to the appendix. */
		if (figure(t->view, arg) == NULL)
			return -1;
		t->explains = xrealloc(t->explains, (t->nexplains + 1) *
		    sizeof(*t->explains));
		t->explains[t->nexplains++] = xstrdup(arg);
	} else if (strcmp(word, "table") == 0)
		return table_directive(t, arg);
	else if (strcmp(word, "chart") == 0)
		return chart(t, arg, *rest ? rest : NULL);
	else
		return -1;
	return 0;
}

/* --- blocks ---------------------------------------------------------- */

static void block(struct ts *t, cmark_node *n, double indent,
    uint32_t bar);
static void blocks(struct ts *t, cmark_node *parent, double indent,
    uint32_t bar);

static void
heading(struct ts *t, cmark_node *n, double indent)
{
	static const double sizes[] = { 19, 13.5, 11, 10, 9.5, 9.5 };
	int level = cmark_node_get_heading_level(n);
	struct para pp = { sizes[level - 1], indent, level <= 2 ? t->brand :
		C_TEXT, NULL, 0, 1, 4 };
	struct runs r = { NULL, 0 };

	space(t, level == 1 ? 2 : level == 2 ? 12 : 6);
	t->boxes[t->nboxes - 1].keep_next = 1;
	inlines(n, F_BOLD, 0, NULL, &r);
	paragraph(t, &r, &pp);
	runs_release(&r);
	if (level == 2) {
		box_new(t, 6)->keep_next = 1;
		line_op(t, indent, 0, t->width - indent, 0, C_RULE, 0.8);
	}
}

static void
list(struct ts *t, cmark_node *n, double indent, uint32_t bar)
{
	cmark_node *item, *c;
	int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	int num = cmark_node_get_list_start(n);
	char bullet[16];

	for (item = cmark_node_first_child(n); item;
	    item = cmark_node_next(item)) {
		int first = 1;

		if (ordered)
			snprintf(bullet, sizeof(bullet), "%d.", num++);
		else
			snprintf(bullet, sizeof(bullet), "\xE2\x80\xA2");
		for (c = cmark_node_first_child(item); c;
		    c = cmark_node_next(c)) {
			if (first && cmark_node_get_type(c) ==
			    CMARK_NODE_PARAGRAPH) {
				struct para pp = { BODY_PT, indent + 14,
					C_TEXT, bullet, bar, 0, 2 };
				struct runs r = { NULL, 0 };

				inlines(c, F_REG, 0, NULL, &r);
				paragraph(t, &r, &pp);
				runs_release(&r);
			} else
				block(t, c, indent + 14, bar);
			first = 0;
		}
	}
	space(t, 4);
}

static void
blocks(struct ts *t, cmark_node *parent, double indent, uint32_t bar)
{
	cmark_node *n;

	for (n = cmark_node_first_child(parent); n; n = cmark_node_next(n))
		block(t, n, indent, bar);
}

static void
block(struct ts *t, cmark_node *n, double indent, uint32_t bar)
{
	const char *info;
	struct runs r = { NULL, 0 };

	{
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			heading(t, n, indent);
			break;
		case CMARK_NODE_PARAGRAPH: {
			struct para pp = { BODY_PT, indent, C_TEXT, NULL, bar,
				0, 5 };

			inlines(n, F_REG, 0, NULL, &r);
			paragraph(t, &r, &pp);
			runs_release(&r);
			break;
		}
		case CMARK_NODE_LIST:
			list(t, n, indent, bar);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			blocks(t, n, indent + 12, t->brand);
			break;
		case CMARK_NODE_CODE_BLOCK:
			info = cmark_node_get_fence_info(n);
			if (info && *info && !t->literal) {
				if (directive(t, info) != 0) {
					error("report.md: no directive or chart "
					    "'%s' for the PDF", info);
					t->failed = 1;
				}
			} else {
				struct para pp = { 8.5, indent + 8, C_MUTED,
					NULL, C_RULE, 0, 5 };

				run_add(&r, cmark_node_get_literal(n) ?: "",
				    F_REG, 0, NULL);
				paragraph(t, &r, &pp);
				runs_release(&r);
			}
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			box_new(t, 12);
			line_op(t, indent, 6, t->width - indent, 0, C_RULE,
			    0.8);
			break;
		default:
			break;
		}
	}
}

/* --- cover and appendix ---------------------------------------------- */

static void
cover(struct ts *t, int has_logo, double logo_w, double logo_h)
{
	const json_t *tenant = json_object_get(t->view, "tenant");
	const char *name = json_string_value(json_object_get(tenant, "name"));
	double x = 0;
	struct op *o;

	box_new(t, 56);
	if (has_logo) {
		o = op_new(t, OP_IMAGE);
		o->h = 40;
		o->w = logo_w * 40 / logo_h;
		o->y = 4;
		x = o->w + 14;
	}
	{
		/* The name on one line: smaller when it is long. */
		double size = 15, w = width(F_BOLD, 15, name ? name : "");

		if (x + w > t->width)
			size = 15 * (t->width - x) / w;
		text_op(t, x, 20, F_BOLD, size, C_TEXT, name ? name : "");
	}
	{
		const char *month = json_string_value(json_object_get(t->view,
		    "month"));
		const char *mn = month ? json_string_value(json_array_get(
		    json_object_get(t->labels, "month_names"),
		    (size_t)(atoi(month + 5) - 1))) : NULL;
		char sub[96];

		struct buf b = BUF_INIT;

		snprintf(sub, sizeof(sub), "%s %d", mn ? mn : "", month ?
		    atoi(month) : 0);
		buf_addstr(&b, sub);
		/* "October 2026 · Prepared by Demo MSP" */
		if (t->msp) {
			buf_addstr(&b, lab(t, NULL, "separator"));
			buf_subst(&b, lab(t, NULL, "prepared_by"),
			    (const char *const[]){ "msp", t->msp, NULL });
		}
		text_op(t, x, 38, F_REG, width(F_REG, 10.5, b.ptr) > t->width -
		    x ? 10.5 * (t->width - x) / width(F_REG, 10.5, b.ptr) :
		    10.5, C_MUTED, b.ptr);
		buf_release(&b);
	}
	rect_op(t, 0, 52, t->width, 3, t->brand, SCENE_NONE);
}

static void
appendix(struct ts *t)
{
	struct para title = { 13.5, 0, 0, NULL, 0, 1, 4 };
	size_t i, k;

	if (t->nexplains == 0)
		return;
	title.color = t->brand;
	box_new(t, 0)->page_break = 1;
	plain(t, lab(t, NULL, "appendix"), F_BOLD, &title);
	box_new(t, 8)->keep_next = 1;
	line_op(t, 0, 0, t->width, 0, C_RULE, 0.8);
	for (i = 0; i < t->nexplains; i++) {
		struct dexplain e;
		struct para h = { 10.5, 0, C_TEXT, NULL, 0, 1, 3 };
		struct para f = { BODY_PT, 0, C_TEXT, NULL, 0, 0, 4 };
		struct dtable terms = { 0 };

		if (directive_explain(t->view, t->labels, t->explains[i], &e))
			continue;
		space(t, 6);
		plain(t, e.title, F_BOLD, &h);
		plain(t, e.formula, F_OBL, &f);
		/* The named sums, as a two-column table. */
		terms.rows = e.n;
		terms.cols = 2;
		terms.row_heads = 0;
		terms.head = (char *[]){ (char *)lab(t, NULL, "inputs"),
			(char *)"" };
		terms.code = (unsigned char[]){ 0, 0 };
		terms.cell = xcalloc(2 * e.n + 1, sizeof(*terms.cell));
		for (k = 0; k < e.n; k++) {
			terms.cell[2 * k] = e.term[k];
			terms.cell[2 * k + 1] = e.value[k];
		}
		if (e.n)
			table(t, &terms);
		free(terms.cell);
		for (k = 0; k < e.ntables; k++)
			table(t, &e.tables[k]);
		dexplain_release(&e);
	}
}

/* --- pages ----------------------------------------------------------- */

/* Places the boxes on pages; returns the places (and their count). */
static struct place *
paginate(struct ts *t, size_t *np, int *pages)
{
	double top = MARGIN_TOP, bottom = t->page_h - MARGIN_BOTTOM, y = top;
	struct place *pl = xcalloc(2 * t->nboxes + 1, sizeof(*pl));
	size_t i, n = 0, j;
	int page = 0;

	for (i = 0; i < t->nboxes; i++) {
		const struct box *b = &t->boxes[i];
		double need = b->h;

		/* A box kept with the next ones needs their room too; a chain
		 * longer than a page breaks where it must. */
		for (j = i; j + 1 < t->nboxes && t->boxes[j].keep_next &&
		    need <= bottom - top; j++)
			need += t->boxes[j + 1].h;
		if (need > bottom - top)
			need = b->h;
		if (b->page_break || (y > top && y + need > bottom)) {
			if (y > top || b->page_break)
				page += y > top;
			y = top;
			/* A table continues under its header. */
			if (b->head >= 0) {
				pl = xrealloc(pl, (n + t->nboxes + 2) *
				    sizeof(*pl));
				pl[n++] = (struct place){ (size_t)b->head, page,
					y };
				y += t->boxes[b->head].h;
			}
		}
		pl[n++] = (struct place){ i, page, y };
		y += b->h;
	}
	*np = n;
	*pages = page + 1;
	return pl;
}

struct doc {
	HPDF_Doc pdf;
	HPDF_Font font[2];
	HPDF_Image logo;
	int failed;
	/* The open text object and its state, so that a run of texts is
	 * one BT ... ET with only the changes in between. */
	int in_text;
	HPDF_Font cur_font;
	float cur_size;
	uint32_t cur_color;
};

/* Closes the text object before anything else is drawn. */
static void
end_text(HPDF_Page p, struct doc *d)
{
	if (d->in_text)
		HPDF_Page_EndText(p);
	d->in_text = 0;
}

/*
 * libharu, once a process: one HPDF_Doc made anew for each report
 * (HPDF_NewDoc), so that the faces, read and parsed once, and the UTF-8
 * encoder, set up once, are kept. Each face is registered under a name
 * of its own (the subset and the full face share their font name) with
 * the tag it would have in a document of its own, so a report's bytes do
 * not depend on what the process made before it.
 */
static struct {
	HPDF_Doc pdf;
	struct doc *cur;	/* the document being made */
	int loaded[2][2];	/* [full][bold]: its face registered */
	HPDF_Encoder_EncodeText_Func encode;	/* the UTF-8 encoder's */
} lib;

static void
on_error(HPDF_STATUS e, HPDF_STATUS detail, void *ctx)
{
	struct doc *d = lib.cur;

	(void)ctx;
	if (d && !d->failed)
		error("the PDF library failed (error 0x%04X, %u)", (unsigned)e,
		    (unsigned)detail);
	if (d)
		d->failed = 1;
}

static void
lib_free(void)
{
	if (lib.pdf)
		HPDF_Free(lib.pdf);
	memset(&lib, 0, sizeof(lib));
}

/* The name of face `bold` (full or subset) in lib.pdf, loaded from memory
 * the first time; NULL after reporting. */
static const char *
face(int full, int bold)
{
	static const char *const names[2][2] = {
		{ "roic-subset-regular", "roic-subset-bold" },
		{ "roic-full-regular", "roic-full-bold" } };
	const char *path = font_pdf_path(bold ? FONT_BOLD : FONT_REGULAR, full);
	struct buf b = BUF_INIT;
	HPDF_Stream st;
	HPDF_FontDef def;

	full = full || strcmp(path, font_pdf_path(bold ? FONT_BOLD :
	    FONT_REGULAR, 1)) == 0;
	if (lib.loaded[full][bold])
		return names[full][bold];
	if (read_file(path, 64u << 20, &b) != 0) {
		error("%s: %s", path, strerror(errno));
		return NULL;
	}
	st = HPDF_MemStream_New(lib.pdf->mmgr, (HPDF_UINT)b.len);
	if (st == NULL || HPDF_Stream_Write(st, (const HPDF_BYTE *)b.ptr,
	    (HPDF_UINT)b.len) != HPDF_OK) {
		if (st)
			HPDF_Stream_Free(st);
		buf_release(&b);
		return NULL;
	}
	buf_release(&b);
	/* The fontdef owns the stream from here. */
	def = HPDF_TTFontDef_Load(lib.pdf->mmgr, st, HPDF_TRUE);
	if (def == NULL) {
		error("%s: not a TrueType font libharu can read", path);
		return NULL;
	}
	HPDF_TTFontDef_SetTagName(def, bold ? "HPDFAB" : "HPDFAA");
	snprintf(def->base_font, sizeof(def->base_font), "%s",
	    names[full][bold]);
	if (HPDF_Doc_RegisterFontDef(lib.pdf, def) != HPDF_OK)
		return NULL;
	lib.loaded[full][bold] = 1;
	return names[full][bold];
}

static void
draw_text(HPDF_Page p, struct doc *d, double x, double y, int font,
    double size, uint32_t color, const char *s)
{
	if (!d->in_text) {
		HPDF_Page_BeginText(p);
		d->in_text = 1;
		d->cur_font = NULL;
		d->cur_color = SCENE_NONE;
	}
	if (d->cur_font != d->font[font == F_BOLD] || d->cur_size !=
	    pdf_num(size)) {
		HPDF_Page_SetFontAndSize(p, d->font[font == F_BOLD],
		    pdf_num(size));
		d->cur_font = d->font[font == F_BOLD];
		d->cur_size = pdf_num(size);
	}
	if (d->cur_color != color) {
		pdf_rgb(p, color, 0);
		d->cur_color = color;
	}
	/* Oblique: the regular face slanted by the text matrix. */
	HPDF_Page_SetTextMatrix(p, 1, 0, font == F_OBL ? 0.2f : 0, 1,
	    pdf_num(x), pdf_num(y));
	HPDF_Page_ShowText(p, s);
}

/* The running header of page `i` (from page 2; else NULL), its footer
 * "page i of n" and the footer's left part, "Prepared by" the MSP (NULL
 * without one), as printed. The caller frees them. */
static void
furniture_text(struct ts *t, int i, int n, char **head, char **foot,
    char **left)
{
	const json_t *tenant = json_object_get(t->view, "tenant");
	const char *name = json_string_value(json_object_get(tenant, "name"));
	const char *month = json_string_value(json_object_get(t->view,
	    "month"));
	char nb[16], mb[16];
	const char *params[] = { "n", nb, "m", mb, NULL };
	struct buf b = BUF_INIT;
	const json_t *names = json_object_get(t->labels, "month_names");

	*head = NULL;
	if (i > 0) {
		buf_addf(&b, "%s \xC2\xB7 %s", name ? name : "",
		    lab(t, NULL, "report_title"));
		if (month && json_string_value(json_array_get(names,
		    (size_t)(atoi(month + 5) - 1))))
			buf_addf(&b, " \xC2\xB7 %s %d", json_string_value(
			    json_array_get(names, (size_t)(atoi(month + 5) -
			    1))), atoi(month));
		*head = clean(t, b.ptr, b.len);
	}
	snprintf(nb, sizeof(nb), "%d", i + 1);
	snprintf(mb, sizeof(mb), "%d", n);
	buf_reset(&b);
	buf_subst(&b, lab(t, NULL, "page_of"), params);
	*foot = clean(t, b.ptr, b.len);
	*left = NULL;
	if (t->msp) {
		buf_reset(&b);
		buf_subst(&b, lab(t, NULL, "prepared_by"),
		    (const char *const[]){ "msp", t->msp, NULL });
		*left = clean(t, b.ptr, b.len);
	}
	buf_release(&b);
}

/* The running header (from page 2) and the footer of page `i` of `n`. */
static void
furniture(struct ts *t, struct doc *d, HPDF_Page p, int i, int n)
{
	char *head, *foot, *left;
	double room, lw;

	furniture_text(t, i, n, &head, &foot, &left);
	if (head) {
		draw_text(p, d, MARGIN_X, t->page_h - 40, F_REG, 7.5, C_MUTED,
		    head);
		free(head);
		end_text(p, d);
		pdf_rgb(p, C_RULE, 1);
		HPDF_Page_SetLineWidth(p, 0.6f);
		HPDF_Page_MoveTo(p, pdf_num(MARGIN_X), pdf_num(t->page_h - 46));
		HPDF_Page_LineTo(p, pdf_num(t->page_w - MARGIN_X),
		    pdf_num(t->page_h - 46));
		HPDF_Page_Stroke(p);
	}
	draw_text(p, d, t->page_w - MARGIN_X - width(F_REG, 7.5, foot), 36,
	    F_REG, 7.5, C_MUTED, foot);
	/* The MSP's name at the left, smaller when it would reach the page
	 * number. */
	room = t->width - width(F_REG, 7.5, foot) - 24;
	if (left && (lw = width(F_REG, 7.5, left)) > 0)
		draw_text(p, d, MARGIN_X, 36, F_REG, lw > room ? 7.5 * room /
		    lw : 7.5, C_MUTED, left);
	end_text(p, d);
	free(foot);
	free(left);
}

static void
draw_op(struct ts *t, struct doc *d, HPDF_Page p, const struct op *o,
    double top)
{
	double x = MARGIN_X + o->x, y = t->page_h - (top + o->y);
	HPDF_Rect r;

	if (o->type != OP_TEXT)
		end_text(p, d);
	switch (o->type) {
	case OP_TEXT:
		draw_text(p, d, x, y, o->font, o->size, o->color, o->text);
		break;
	case OP_RECT:
		if (o->color != SCENE_NONE)
			pdf_rgb(p, o->color, 0);
		if (o->stroke != SCENE_NONE) {
			pdf_rgb(p, o->stroke, 1);
			HPDF_Page_SetLineWidth(p, o->size);
		}
		HPDF_Page_Rectangle(p, pdf_num(x), pdf_num(y - o->h),
		    pdf_num(o->w), pdf_num(o->h));
		if (o->color != SCENE_NONE && o->stroke != SCENE_NONE)
			HPDF_Page_FillStroke(p);
		else if (o->color != SCENE_NONE)
			HPDF_Page_Fill(p);
		else
			HPDF_Page_Stroke(p);
		break;
	case OP_LINE:
		pdf_rgb(p, o->stroke, 1);
		HPDF_Page_SetLineWidth(p, o->size);
		HPDF_Page_MoveTo(p, pdf_num(x), pdf_num(y));
		HPDF_Page_LineTo(p, pdf_num(x + o->w), pdf_num(y - o->h));
		HPDF_Page_Stroke(p);
		break;
	case OP_CHART:
		chart_pdf_draw(&o->charts->v[o->chart].scene, p, x, y, o->size,
		    d->font);
		break;
	case OP_IMAGE:
		if (d->logo)
			HPDF_Page_DrawImage(p, d->logo, pdf_num(x),
			    pdf_num(y - o->h), pdf_num(o->w), pdf_num(o->h));
		break;
	case OP_LINK:
		r.left = (float)x;
		r.right = (float)(x + o->w);
		r.top = (float)y;
		r.bottom = (float)(y - o->h);
		HPDF_LinkAnnot_SetBorderStyle(HPDF_Page_CreateURILinkAnnot(p,
		    r, o->text), 0, 0, 0);
		break;
	}
}

/* Info strings in PDFDocEncoding (Latin-1 and a few signs; '?' else),
 * since libharu writes them as raw bytes. The caller frees it. */
static char *
pdfdoc(const char *s)
{
	static const struct { uint32_t c; unsigned char b; } extra[] = {
		{ 0x2022, 0x80 }, { 0x2020, 0x81 }, { 0x2021, 0x82 },
		{ 0x2026, 0x83 }, { 0x2014, 0x84 }, { 0x2013, 0x85 },
		{ 0x2212, 0x8A }, { 0x2018, 0x8F }, { 0x2019, 0x90 },
		{ 0x201C, 0x8D }, { 0x201D, 0x8E }, { 0x20AC, 0xA0 } };
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
	struct buf b = BUF_INIT;
	size_t i;

	while (p < end) {
		uint32_t c = font_next_char(&p, end);
		int done = 0;

		for (i = 0; i < ARRAY_SIZE(extra); i++)
			if (extra[i].c == c) {
				buf_addch(&b, extra[i].b);
				done = 1;
			}
		if (!done)
			buf_addch(&b, c == 0xA0 ? ' ' : (c >= 0x20 && c < 0x7F) ||
			    (c >= 0xA1 && c <= 0xFF) ? (int)c : '?');
	}
	return buf_detach(&b, NULL);
}

static void
info(HPDF_Doc pdf, HPDF_InfoType type, const char *s)
{
	char *v = pdfdoc(s);

	HPDF_SetInfoAttr(pdf, type, v);
	free(v);
}

static HPDF_Date
pdf_date(int64_t when)
{
	HPDF_Date d;
	time_t tt = (time_t)when;
	struct tm tm;

	gmtime_r(&tt, &tm);
	memset(&d, 0, sizeof(d));
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.hour = tm.tm_hour;
	d.minutes = tm.tm_min;
	d.seconds = tm.tm_sec;
	d.ind = 'Z';
	return d;
}

/* A new document with the logo (NULL if libharu cannot read it: the
 * report goes without it). */
static int
doc_new(struct doc *d, const struct pdf_opts *o)
{
	memset(d, 0, sizeof(*d));
	lib.cur = d;
	if (lib.pdf == NULL) {
		lib.pdf = HPDF_New(on_error, NULL);
		if (lib.pdf == NULL)
			return error("unable to start the PDF library");
		atexit(lib_free);
		HPDF_UseUTFEncodings(lib.pdf);
	} else
		HPDF_NewDoc(lib.pdf);
	d->pdf = lib.pdf;
	if (d->failed) {
		lib_free();
		return -1;
	}
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	if (o->logo && o->logo_len > 0)
		d->logo = HPDF_LoadPngImageFromMem(d->pdf, o->logo,
		    (HPDF_UINT)o->logo_len);
	if (d->failed) {
		HPDF_ResetError(d->pdf);
		d->failed = 0;
		d->logo = NULL;
	}
	return 0;
}

/* Ends the document: its objects go, the library stays unless it failed. */
static void
doc_end(struct doc *d)
{
	if (d->pdf == NULL)
		return;
	if (d->failed)
		lib_free();
	else
		HPDF_FreeDoc(d->pdf);
	d->pdf = NULL;
	lib.cur = NULL;
}

/*
 * The code of each character in a document's text: the character itself
 * (libharu's UTF-8 encoder writes UCS-2), or, for a document whose faces
 * list only its own characters, 1, 2, ... in the order of the characters
 * (see make_faces): then a face's widths and CIDToGIDMap cover a hundred
 * codes, not every code up to the highest character (U+2212, the minus,
 * is 8,722 of them). 0 for a character the faces do not list.
 */
static uint16_t dense[0x10000];
static int dense_on;

static unsigned
code_of(unsigned c)
{
	return dense_on ? dense[c] : c;
}

/* libharu's encode_text_fn of the UTF-8 encoder, for a document with dense
 * codes: its text (valid UTF-8 of the BMP: clean() made it so) as codes,
 * two bytes each, high first, in memory libharu frees. */
static char *
encode_dense(HPDF_Encoder enc, const char *text, HPDF_UINT len,
    HPDF_UINT *length)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	char *r = xmalloc((size_t)len * 2 + 2), *o = r;

	(void)enc;
	while (p < end) {
		uint32_t c = font_next_char(&p, end);
		unsigned k = c < 0x10000 ? dense[c] : 0;

		*o++ = (char)(k >> 8);
		*o++ = (char)(k & 0xFF);
	}
	*length = (HPDF_UINT)(o - r);
	return r;
}

/*
 * The ToUnicode CMap of a face (libharu 2.3 writes one with cidrange
 * operators, which a ToUnicode CMap may not hold): the code of each
 * character of the BMP in `used` (code_of) as the character, by bfrange
 * runs within one high byte of code and of character, at most 100 to a
 * block.
 */
static void
to_unicode(HPDF_Font font, const unsigned char *used)
{
	HPDF_Dict cmap = ((HPDF_FontAttr)font->attr)->cmap_stream;
	struct buf b = BUF_INIT;
	unsigned (*run)[3] = NULL, c, e;
	size_t n = 0, cap = 0, i, k;

	if (cmap == NULL || cmap->stream == NULL)
		return;
	for (c = 1; c < 0x10000; c = e + 1) {
		e = c;
		if (!(used[c >> 3] & (1u << (c & 7))))
			continue;
		while ((e + 1) >> 8 == c >> 8 && (code_of(e + 1) >> 8) ==
		    (code_of(c) >> 8) &&
		    (used[(e + 1) >> 3] & (1u << ((e + 1) & 7))))
			e++;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			run = xrealloc(run, cap * sizeof(*run));
		}
		run[n][0] = code_of(c);
		run[n][1] = code_of(e);
		run[n++][2] = c;
	}
	buf_addstr(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
	    "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n");
	for (i = 0; i < n; i += 100) {
		buf_addf(&b, "%zu beginbfrange\n", n - i < 100 ? n - i : 100);
		for (k = i; k < n && k < i + 100; k++)
			buf_addf(&b, "<%04X> <%04X> <%04X>\n", run[k][0],
			    run[k][1], run[k][2]);
		buf_addstr(&b, "endbfrange\n");
	}
	buf_addstr(&b, "endcmap\nCMapName currentdict /CMap defineresource "
	    "pop\nend\nend\n");
	HPDF_MemStream_FreeData(cmap->stream);
	HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)b.ptr,
	    (HPDF_UINT)b.len);
	buf_release(&b);
	free(run);
}

/*
 * The two faces, the subsets unless a character needs the full ones.
 * libharu 2.3's UTF-8 encoding maps every one of the 65,536 code points
 * of the BMP to a glyph when a face is made (a cmap lookup each) and
 * writes that as a 128 KB CIDToGIDMap stream to compress: most of the
 * time of a report. Its CMap encoders take a sparse path instead when the
 * encoder's to_unicode_fn is theirs; with `sparse`, while the faces are
 * made, the encoder lists only the characters the document prints, under
 * codes 1, 2, ... (and one more: libharu leaves out the highest), then is
 * put back as it was; until the document is saved, its text is written
 * in those codes (encode_dense; done_faces puts libharu's back).
 */
static void
make_faces(struct doc *d, struct ts *t, int sparse)
{
	HPDF_Encoder enc;
	HPDF_CMapEncoderAttr a = NULL;
	HPDF_Encoder_ToUnicode_Func own = NULL;
	unsigned c, top = 0, n = 0;
	size_t k;

	enc = HPDF_GetEncoder(d->pdf, "UTF-8");
	if (enc == NULL)
		return;
	if (sparse && enc->type == HPDF_ENCODER_TYPE_DOUBLE_BYTE) {
		a = (HPDF_CMapEncoderAttr)enc->attr;
		own = enc->to_unicode_fn;
		memset(a->cid_map, 0, sizeof(a->cid_map));
		memset(a->unicode_map, 0, sizeof(a->unicode_map));
		memset(dense, 0, sizeof(dense));
		for (c = 1; c < 0xFFFF; c++)
			if (t->used[c >> 3] & (1u << (c & 7))) {
				dense[c] = (uint16_t)++n;
				a->cid_map[c >> 8][c & 0xFF] = (HPDF_UINT16)n;
				a->unicode_map[c >> 8][c & 0xFF] =
				    (HPDF_UNICODE)c;
				top = c;
			}
		c = top + 1;
		a->cid_map[c >> 8][c & 0xFF] = (HPDF_UINT16)(n + 1);
		a->unicode_map[c >> 8][c & 0xFF] = (HPDF_UNICODE)c;
		enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
		dense_on = 1;
		lib.encode = enc->encode_text_fn;
		enc->encode_text_fn = encode_dense;
	}
	for (k = 0; k < 2 && !d->failed; k++) {
		const char *fn = face(t->full, (int)k);

		if (fn == NULL)
			d->failed = 1;
		else
			d->font[k] = HPDF_GetFont(d->pdf, fn, "UTF-8");
	}
	if (a) {
		for (k = 0; k < 2 && !d->failed; k++)
			if (d->font[k])
				to_unicode(d->font[k], t->used);
		enc->to_unicode_fn = own;
		memset(a->cid_map, 0, sizeof(a->cid_map));
		memset(a->unicode_map, 0, sizeof(a->unicode_map));
	}
	t->sealed = 1;
}

/* After a document: its text codes are the characters again. */
static void
done_faces(struct doc *d)
{
	HPDF_Encoder enc = HPDF_GetEncoder(d->pdf, "UTF-8");

	if (dense_on && enc != NULL)
		enc->encode_text_fn = lib.encode;
	dense_on = 0;
}

/* Draws the pages placed as `pl` and saves the document into `out`. */
static int
emit(struct ts *t, struct doc *d, const struct place *pl, size_t np,
    int pages, const struct pdf_opts *o, int sparse, struct buf *out)
{
	const char *month = json_string_value(json_object_get(t->view,
	    "month"));
	const char *tname = json_string_value(json_object_get(json_object_get(
	    t->view, "tenant"), "name"));
	struct buf subject = BUF_INIT, title = BUF_INIT;
	HPDF_Page p = NULL;
	HPDF_Date date;
	int page = -1;
	size_t i, k;

	make_faces(d, t, sparse);
	for (i = 0; i < np && !d->failed && !t->failed; i++) {
		const struct box *b = &t->boxes[pl[i].box];

		while (page < pl[i].page) {
			if (p)
				end_text(p, d);
			p = HPDF_AddPage(d->pdf);
			HPDF_Page_SetWidth(p, (float)t->page_w);
			HPDF_Page_SetHeight(p, (float)t->page_h);
			page++;
			furniture(t, d, p, page, pages);
		}
		for (k = 0; k < b->nops; k++)
			draw_op(t, d, p, &t->ops[b->op0 + k], pl[i].y);
	}
	if (p)
		end_text(p, d);
	if (t->missed || d->failed || t->failed)
		return -1;

	/* The document's info, and its dates from the build's time. */
	view_document_title(t->view, t->labels, &title);
	info(d->pdf, HPDF_INFO_TITLE, title.ptr);
	buf_release(&title);
	if (o->msp_name)
		info(d->pdf, HPDF_INFO_AUTHOR, o->msp_name);
	buf_addf(&subject, "%s, ", tname ? tname : "");
	if (month) {
		const char *mn = json_string_value(json_array_get(
		    json_object_get(t->labels, "month_names"),
		    (size_t)(atoi(month + 5) - 1)));

		buf_addf(&subject, "%s %d", mn ? mn : month, atoi(month));
	}
	info(d->pdf, HPDF_INFO_SUBJECT, subject.ptr);
	buf_release(&subject);
	info(d->pdf, HPDF_INFO_CREATOR, "roic " ROIC_VERSION);
	date = pdf_date(o->time);
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, date);
	if (!d->failed && HPDF_SaveToStream(d->pdf) == HPDF_OK) {
		HPDF_UINT32 size = HPDF_GetStreamSize(d->pdf), n = size;

		buf_grow(out, size);
		if (HPDF_ReadFromStream(d->pdf, (HPDF_BYTE *)out->ptr +
		    out->len, &n) != HPDF_OK && n == 0)
			d->failed = 1;
		out->len += n;
		out->ptr[out->len] = '\0';
	}
	return d->failed ? -1 : 0;
}

int
pdf_render(const char *md, size_t len, const json_t *view,
    const json_t *labels, struct chart_list *charts,
    const struct pdf_opts *o, struct buf *out)
{
	struct ts *t = xcalloc(1, sizeof(*t));
	struct doc d;
	cmark_node *doc;
	const char *locale = json_string_value(json_object_get(json_object_get(
	    view, "tenant"), "locale"));
	struct place *pl;
	size_t np, i;
	int pages, rc = -1;
	int letter = locale && strcmp(locale, "en-US") == 0;
	char *head, *foot, *left;

	t->view = view;
	t->labels = labels;
	t->msp = o->msp_name && *o->msp_name ? o->msp_name : NULL;
	t->charts = charts;
	t->own.set = charts ? charts->set : NULL;
	t->page_w = letter ? 612 : 595.276;
	t->page_h = letter ? 792 : 841.89;
	t->width = t->page_w - 2 * MARGIN_X;
	t->brand = chart_brand_color(view);
	t->hy = hyphenate_for(locale);
	if (font_init() != 0 || doc_new(&d, o) != 0) {
		free(t);
		return -1;
	}

	/* Typeset, then paginate. */
	cover(t, d.logo != NULL, d.logo ? HPDF_Image_GetWidth(d.logo) : 1,
	    d.logo ? HPDF_Image_GetHeight(d.logo) : 1);
	doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT |
	    CMARK_OPT_VALIDATE_UTF8);
	blocks(t, doc, 0, 0);
	cmark_node_free(doc);
	appendix(t);
	pl = paginate(t, &np, &pages);
	/* The furniture's characters too: its text and every digit. */
	furniture_text(t, 1, pages, &head, &foot, &left);
	free(head);
	free(foot);
	free(left);
	free(clean(t, "0123456789", 10));

	if (!t->failed) {
		size_t at = out->len;

		rc = emit(t, &d, pl, np, pages, o, 1, out);
		done_faces(&d);
		if (rc != 0 && t->missed && !d.failed && !t->failed) {
			/* A character came after the faces were made (a
			 * bug, but not one to print wrong): all of them. */
			doc_end(&d);
			out->len = at;
			t->sealed = t->missed = 0;
			rc = doc_new(&d, o) == 0 ? emit(t, &d, pl, np, pages, o,
			    0, out) : -1;
		}
	}
	doc_end(&d);
	free(pl);
	for (i = 0; i < t->nops; i++)
		free(t->ops[i].text);
	free(t->ops);
	free(t->boxes);
	for (i = 0; i < t->nexplains; i++)
		free(t->explains[i]);
	free(t->explains);
	chart_list_release(&t->own);
	free(t);
	return rc;
}

/*
 * libharu 2.3 copies and clears memory a byte at a time in HPDF_MemCpy and
 * HPDF_MemSet, and clears a 512-byte buffer in every page operator: a
 * fifth of a report's time. Its calls to them go through the dynamic
 * linker, so these definitions, which do the same (returning the end, as
 * libharu's do) with the C library's, take their place.
 */
HPDF_BYTE *
HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	if (n > 0)
		memmove(out, in, n);
	return out + n;
}

void *
HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	if (n > 0)
		memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}

/*
 * libharu 2.3 deflates every stream of a document (page contents, font
 * files, character maps) with a zlib state made for it and at zlib's
 * default level, 6: 1.7 ms of a report. Its calls to this function go
 * through the dynamic linker too, so this definition takes the place of
 * libharu's: one zlib state per process, reset for each stream, at level 1
 * (half the time; the streams come out 12% larger, a report 7%). What it
 * writes is what zlib makes of the stream's bytes at that level, whatever
 * the process did before. (Keeping the deflated font files and maps of the
 * last reports for the next one that prints the same characters was tried:
 * in 125 generated tenants, about 100 of 1,250 long streams came again.)
 */
#define DEFLATE_LEVEL 1

static struct {
	z_stream z;
	int ready;
	struct buf in, out;
} Z;

/* libharu's, not in its installed headers. */
HPDF_STATUS HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src,
    HPDF_Stream dst, HPDF_Encrypt e);

HPDF_STATUS
HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src, HPDF_Stream dst,
    HPDF_Encrypt e)
{
	HPDF_STATUS ret;
	size_t len;
	int zr;

	if ((ret = HPDF_Stream_Seek(src, 0, HPDF_SEEK_SET)) != HPDF_OK)
		return ret;
	buf_reset(&Z.in);
	for (;;) {
		HPDF_UINT n;

		buf_grow(&Z.in, 16384);
		n = (HPDF_UINT)(Z.in.cap - Z.in.len - 1);
		ret = HPDF_Stream_Read(src, (HPDF_BYTE *)Z.in.ptr + Z.in.len,
		    &n);
		Z.in.len += n;
		if (ret == HPDF_STREAM_EOF)
			break;
		if (ret != HPDF_OK)
			return ret;
	}
	if (!Z.ready) {
		if ((zr = deflateInit(&Z.z, DEFLATE_LEVEL)) != Z_OK)
			return HPDF_SetError(src->error, HPDF_ZLIB_ERROR, zr);
		Z.ready = 1;
	} else
		deflateReset(&Z.z);
	buf_reset(&Z.out);
	buf_grow(&Z.out, deflateBound(&Z.z, (uLong)Z.in.len));
	Z.z.next_in = (Bytef *)Z.in.ptr;
	Z.z.avail_in = (uInt)Z.in.len;
	Z.z.next_out = (Bytef *)Z.out.ptr;
	Z.z.avail_out = (uInt)(Z.out.cap - 1);
	if ((zr = deflate(&Z.z, Z_FINISH)) != Z_STREAM_END)
		return HPDF_SetError(src->error, HPDF_ZLIB_ERROR, zr);
	len = Z.z.total_out;
	/* Encrypted in place (roic does not encrypt; libharu could). */
	if (e != NULL)
		HPDF_Encrypt_CryptBuf(e, (HPDF_BYTE *)Z.out.ptr,
		    (HPDF_BYTE *)Z.out.ptr, (HPDF_UINT)len);
	return HPDF_Stream_Write(dst, (HPDF_BYTE *)Z.out.ptr, (HPDF_UINT)len);
}

/*
 * libharu 2.3 writes every number of a page (coordinates, sizes, colours)
 * with HPDF_FToA, at five decimals of its float: 795.89 is 795.89001, and a
 * report has 10,000 numbers. Its calls go through the dynamic linker, so
 * this definition takes its place: the fewest decimals (at most five) that
 * read back to the same float, without trailing zeros; libharu's limits
 * (+-32767) kept. Writes into s (up to eptr), returns the end of the text.
 */
char *
HPDF_FToA(char *s, HPDF_REAL val, char *eptr)
{
	static const double p10[] = { 1, 10, 100, 1000, 10000, 100000 };
	char t[32], *p = t + sizeof(t);
	double v = val, r = 0;
	int k;

	if (v > HPDF_LIMIT_MAX_REAL)
		v = HPDF_LIMIT_MAX_REAL;
	else if (v < HPDF_LIMIT_MIN_REAL)
		v = HPDF_LIMIT_MIN_REAL;
	for (k = 0; k <= 5; k++) {
		r = nearbyint(v * p10[k]);
		if ((float)(r / p10[k]) == (float)v)
			break;
	}
	if (k > 5)
		k = 5;			/* finer than five decimals: rounded */
	p = fmt_scaled(p, (uint64_t)(r < 0 ? -r : r), k, 1);
	if (r < 0)
		*--p = '-';
	while (p < t + sizeof(t) && s <= eptr)
		*s++ = *p++;
	if (s <= eptr)
		*s = '\0';
	return s;
}
