/* chart_cairo.c: scenes drawn with Cairo, to SVG and PNG. */
#include "chart_cairo.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-ft.h>
#include <cairo-svg.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "diag.h"
#include "font.h"

/* Cairo's faces of the fonts, made once per process. */
static struct {
	pthread_once_t once;
	int failed;
	FT_Library lib;
	cairo_font_face_t *face[FONT_N];
	cairo_font_options_t *opts;
} C = { PTHREAD_ONCE_INIT, 0, 0, { 0 }, 0 };

static void
faces(void)
{
	FT_Face f;
	int i;

	if (font_init() != 0 || FT_Init_FreeType(&C.lib) != 0) {
		C.failed = 1;
		return;
	}
	for (i = 0; i < FONT_N; i++) {
		if (FT_New_Face(C.lib, font_path(i), 0, &f) != 0) {
			error("unable to load font '%s'", font_path(i));
			C.failed = 1;
			return;
		}
		C.face[i] = cairo_ft_font_face_create_for_ft_face(f, 0);
	}
	/* Unhinted outlines and advances: the layout's metrics, exactly. */
	C.opts = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(C.opts, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(C.opts, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(C.opts, CAIRO_ANTIALIAS_GRAY);
}

static void
color(cairo_t *cr, uint32_t c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0,
	    ((c >> 8) & 0xFF) / 255.0, (c & 0xFF) / 255.0);
}

/* Fills and strokes the current path as the item says. */
static void
paint(cairo_t *cr, const struct scene_item *it)
{
	if (it->op == SCENE_CIRCLE) {
		/* The outline (a wider stroke under), then the dot. */
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		if (it->stroke != SCENE_NONE) {
			color(cr, it->stroke);
			cairo_set_line_width(cr, 2 * it->w + 2 * it->lw);
			cairo_stroke_preserve(cr);
		}
		if (it->fill != SCENE_NONE) {
			color(cr, it->fill);
			cairo_set_line_width(cr, 2 * it->w);
			cairo_stroke(cr);
		}
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		cairo_new_path(cr);
		return;
	}
	if (it->fill != SCENE_NONE) {
		color(cr, it->fill);
		if (it->stroke != SCENE_NONE)
			cairo_fill_preserve(cr);
		else
			cairo_fill(cr);
	}
	if (it->stroke != SCENE_NONE) {
		color(cr, it->stroke);
		cairo_set_line_width(cr, it->lw);
		cairo_stroke(cr);
	}
	cairo_new_path(cr);
}

/*
 * Draws the scene; its text runs too unless `text_too` is 0. Consecutive
 * shapes painted alike go into one path, painted once: Cairo's SVG
 * surface costs about 5 us per paint, and a chart has a hundred shapes in
 * a handful of styles (bars of a series, grid lines).
 */
static void
draw(cairo_t *cr, const struct scene *sc, int text_too)
{
	static const double dash[] = { 4, 3 };
	char text[512];
	size_t i, k;

	cairo_set_font_options(cr, C.opts);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	if (sc->background != SCENE_NONE) {
		cairo_rectangle(cr, 0, 0, sc->width, sc->height);
		color(cr, sc->background);
		cairo_fill(cr);
	}
	for (i = 0; i < sc->n; i++) {
		const struct scene_item *it = &sc->v[i];

		switch (it->op) {
		case SCENE_RECT:
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			break;
		case SCENE_CIRCLE:
			/* A dot is a stroke of no length with round caps: four
			 * numbers in the SVG where an arc takes 26. */
			cairo_move_to(cr, it->x, it->y);
			cairo_close_path(cr);
			break;
		case SCENE_LINE:
			for (k = 0; k < it->npts; k++)
				(k ? cairo_line_to : cairo_move_to)(cr,
				    sc->pts[2 * (it->pts + k)],
				    sc->pts[2 * (it->pts + k) + 1]);
			break;
		case SCENE_TEXT:
			if (!text_too)
				continue;
			snprintf(text, sizeof(text), "%.*s", (int)it->len,
			    sc->text.ptr + it->text);
			cairo_set_font_face(cr, C.face[it->bold ? FONT_BOLD :
			    FONT_REGULAR]);
			cairo_set_font_size(cr, it->h);
			color(cr, it->fill);
			cairo_move_to(cr, it->x, it->y);
			cairo_show_text(cr, text);
			cairo_new_path(cr);
			continue;
		}
		/* Past text that is not drawn here when it is not. */
		if (scene_joins(sc, i, !text_too))
			continue;
		cairo_set_dash(cr, dash, it->dash ? 2 : 0, 0);
		paint(cr, it);
		cairo_set_dash(cr, dash, 0, 0);
	}
}

static cairo_status_t
to_buf(void *ctx, const unsigned char *data, unsigned int len)
{
	buf_add(ctx, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* XML text of s. */
static void
xml_escape(struct buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': buf_addstr(b, "&amp;"); break;
		case '<': buf_addstr(b, "&lt;"); break;
		case '>': buf_addstr(b, "&gt;"); break;
		case '"': buf_addstr(b, "&quot;"); break;
		default: buf_addch(b, *s); break;
		}
}

/* The ids of a document and the numbers they get. */
struct ids {
	struct { char old[48], new[48]; } *v;
	size_t n;
	struct { char prefix[24]; unsigned next; } p[8];
	size_t np;
};

/* The new name of Cairo id s[0..n): its letters, then 1, 2, ... in the
 * order the ids first appear. */
static const char *
renumber(struct ids *ids, const char *s, size_t n)
{
	size_t i, pl;

	for (i = 0; i < ids->n; i++)
		if (strlen(ids->v[i].old) == n &&
		    memcmp(ids->v[i].old, s, n) == 0)
			return ids->v[i].new;
	for (pl = 0; pl < n && pl < 23 && ((s[pl] >= 'a' && s[pl] <= 'z') ||
	    (s[pl] >= 'A' && s[pl] <= 'Z')); pl++)
		;
	for (i = 0; i < ids->np; i++)
		if (strlen(ids->p[i].prefix) == pl &&
		    memcmp(ids->p[i].prefix, s, pl) == 0)
			break;
	if (i == ids->np) {
		if (ids->np == ARRAY_SIZE(ids->p))
			i = ids->np - 1;
		else {
			memcpy(ids->p[i].prefix, s, pl);
			ids->p[i].prefix[pl] = '\0';
			ids->p[i].next = 1;
			ids->np++;
		}
	}
	ids->v = xrealloc(ids->v, (ids->n + 1) * sizeof(*ids->v));
	snprintf(ids->v[ids->n].old, sizeof(ids->v[0].old), "%.*s",
	    (int)(n < 47 ? n : 47), s);
	snprintf(ids->v[ids->n].new, sizeof(ids->v[0].new), "%s%u",
	    ids->p[i].prefix, ids->p[i].next++);
	return ids->v[ids->n++].new;
}

/*
 * Appends the number s[0..n) (digits, maybe a fraction) rounded to two
 * decimals, without trailing zeros: Cairo writes six, and 0.01 pt is far
 * below what any screen or printer shows. Rounds the decimal text itself
 * (half up), so that no conversion to binary and back is needed.
 */
static void
add_number(struct buf *b, const char *s, size_t n)
{
	char d[64];
	size_t dot, len, i;
	int carry;

	for (dot = 0; dot < n && s[dot] != '.'; dot++)
		;
	if (dot == n || n - dot - 1 <= 2 || n >= sizeof(d) - 1) {
		buf_add(b, s, n);
		return;
	}
	/* d: a spare leading digit for the carry, then the digits kept. */
	d[0] = '0';
	memcpy(d + 1, s, dot + 3);
	len = dot + 4;
	carry = s[dot + 3] >= '5';
	for (i = len; carry && i-- > 0;) {
		if (d[i] == '.')
			continue;
		if (d[i] == '9')
			d[i] = '0';
		else {
			d[i]++;
			carry = 0;
		}
	}
	while (d[len - 1] == '0')
		len--;
	if (d[len - 1] == '.')
		len--;
	i = d[0] == '0' && len > 1 && d[1] != '.' ? 1 : 0;
	/* No "-0". */
	if (len - i == 1 && d[i] == '0' && b->len > 0 &&
	    b->ptr[b->len - 1] == '-')
		b->ptr[--b->len] = '\0';
	buf_add(b, d + i, len - i);
}

static int
is_word(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '-';
}

/*
 * Cairo's SVG `in` rewritten to `out` in one pass: numbers shortened
 * (add_number); every id, and every reference to one (href="#..",
 * url(#..)), renumbered in the order of first appearance, so that the
 * file does not depend on what the process drew before; <title> and
 * <desc> after the opening <svg> tag.
 */
static void
finish_svg(const struct chart *c, const struct buf *in, struct buf *out)
{
	static const char *const marks[] = { "id=\"", "href=\"#", "url(#" };
	const char *p = in->ptr, *end = in->ptr + in->len, *svg, *run;
	struct ids ids = { 0 };
	size_t k, n;

	buf_grow(out, in->len);
	svg = strstr(p, "<svg");
	if (svg != NULL && (svg = strchr(svg, '>')) != NULL) {
		buf_add(out, p, (size_t)(svg + 1 - p));
		buf_addstr(out, "\n<title>");
		xml_escape(out, c->title ? c->title : "");
		buf_addstr(out, "</title>\n<desc>");
		xml_escape(out, c->alt ? c->alt : "");
		buf_addstr(out, "</desc>");
		p = svg + 1;
	}
	run = p;
	while (p < end) {
		int ch = (unsigned char)*p;

		/* A number starts after anything but a letter, digit, _ or . */
		if (ch >= '0' && ch <= '9' && (p == in->ptr || !is_word(p[-1]) ||
		    p[-1] == '-')) {
			buf_add(out, run, (size_t)(p - run));
			for (n = 0; p + n < end && ((p[n] >= '0' && p[n] <= '9') ||
			    p[n] == '.'); n++)
				;
			add_number(out, p, n);
			p += n;
			run = p;
			continue;
		}
		if (ch == 'i' || ch == 'h' || ch == 'u') {
			for (k = 0; k < ARRAY_SIZE(marks); k++) {
				size_t ml = strlen(marks[k]);

				if ((size_t)(end - p) > ml &&
				    memcmp(p, marks[k], ml) == 0)
					break;
			}
			if (k < ARRAY_SIZE(marks)) {
				p += strlen(marks[k]);
				buf_add(out, run, (size_t)(p - run));
				for (n = 0; p + n < end && is_word(p[n]) &&
				    p[n] != '.'; n++)
					;
				buf_addstr(out, renumber(&ids, p, n));
				p += n;
				run = p;
				continue;
			}
		}
		p++;
	}
	buf_add(out, run, (size_t)(p - run));
	free(ids.v);
}

/*
 * Text in the SVG. Cairo 1.16 writes the outline of every glyph into every
 * file it makes, formatting each coordinate with printf: 1 ms of a chart's
 * 1.2. So the shapes are drawn by Cairo, and the text runs are placed here
 * as <use> of glyph symbols whose outlines Cairo gives once per process
 * (cairo_glyph_path of the same scaled font), at the positions Cairo's
 * cairo_scaled_font_text_to_glyphs gives: what cairo_show_text would draw.
 * Text is drawn over the shapes (charts put no shape over a text).
 */
struct glyph {
	uint64_t key;		/* bold, size in 1/100 pt, glyph index */
	char *path;		/* its outline as SVG path data, at (0, 0) */
};

static struct {
	pthread_mutex_t lock;
	struct glyph *v;	/* open addressing, cap a power of two */
	size_t n, cap;
	struct { uint32_t key; cairo_scaled_font_t *sf; } font[8];
	size_t nfont;
	cairo_surface_t *surface;
	cairo_t *cr;
} G = { PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0, { { 0, NULL } }, 0, NULL,
	NULL };

/* Appends v / 10^k without trailing zeros (k 2: 12, 5.09, -0.5), after a
 * space when `sep` and it has no sign to part it from the number before. */
static void
add_scaled(struct buf *b, long long v, int k, int sep)
{
	char s[32], *p;

	s[sizeof(s) - 1] = '\0';
	p = fmt_scaled(s + sizeof(s) - 1, v < 0 ? 0 - (uint64_t)v :
	    (uint64_t)v, k, 1);
	if (v < 0)
		*--p = '-';
	else if (sep)
		*--p = ' ';
	buf_addstr(b, p);
}

/* Appends the start of a text run's group: <g fill="#RRGGBB". */
static void
add_fill(struct buf *b, uint32_t c)
{
	static const char hex[] = "0123456789ABCDEF";
	char s[] = "<g fill=\"#000000\"";
	int i;

	for (i = 0; i < 6; i++)
		s[10 + i] = hex[(c >> (20 - 4 * i)) & 0xF];
	buf_addstr(b, s);
}

/* The scaled font of a style and size (under G.lock). */
static cairo_scaled_font_t *
scaled_font(int bold, double size)
{
	uint32_t key = (uint32_t)bold << 24 | (uint32_t)llround(size * 100);
	cairo_matrix_t fm, ctm;
	size_t i;

	for (i = 0; i < G.nfont; i++)
		if (G.font[i].key == key)
			return G.font[i].sf;
	cairo_matrix_init_scale(&fm, size, size);
	cairo_matrix_init_identity(&ctm);
	if (G.nfont == ARRAY_SIZE(G.font))	/* never with the charts' sizes */
		cairo_scaled_font_destroy(G.font[--G.nfont].sf);
	G.font[G.nfont].key = key;
	G.font[G.nfont].sf = cairo_scaled_font_create(C.face[bold ? FONT_BOLD :
	    FONT_REGULAR], &fm, &ctm, C.opts);
	return G.font[G.nfont++].sf;
}

/* The outline of glyph `index` as SVG path data (under G.lock). */
static char *
outline(cairo_scaled_font_t *sf, unsigned long index)
{
	cairo_glyph_t g = { index, 0, 0 };
	cairo_path_t *path;
	struct buf b = BUF_INIT;
	long long at[2] = { 0, 0 }, start[2] = { 0, 0 };
	int i, k, n;

	if (G.cr == NULL) {
		G.surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
		G.cr = cairo_create(G.surface);
	}
	cairo_new_path(G.cr);
	cairo_set_scaled_font(G.cr, sf);
	cairo_glyph_path(G.cr, &g, 1);
	path = cairo_copy_path(G.cr);
	/* In hundredths of a point (the symbol scales by .01), each point from
	 * the one before (m, l, c; after z, from where the outline began), a
	 * space only between two numbers when the second has no sign: the
	 * glyphs are most of a chart's bytes. */
	for (i = 0; i < path->num_data; i += path->data[i].header.length) {
		const cairo_path_data_t *d = &path->data[i];
		long long base[2];

		switch (d->header.type) {
		case CAIRO_PATH_MOVE_TO: buf_addch(&b, 'm'); n = 1; break;
		case CAIRO_PATH_LINE_TO: buf_addch(&b, 'l'); n = 1; break;
		case CAIRO_PATH_CURVE_TO: buf_addch(&b, 'c'); n = 3; break;
		default:
			buf_addch(&b, 'z');
			at[0] = start[0];
			at[1] = start[1];
			n = 0;
			break;
		}
		/* The points of a curve are all from the point before it. */
		base[0] = at[0];
		base[1] = at[1];
		for (k = 1; k <= n; k++) {
			long long x = llround(d[k].point.x * 100);
			long long y = llround(d[k].point.y * 100);

			add_scaled(&b, x - base[0], 0, k > 1);
			add_scaled(&b, y - base[1], 0, 1);
			at[0] = x;
			at[1] = y;
		}
		if (d->header.type == CAIRO_PATH_MOVE_TO) {
			start[0] = at[0];
			start[1] = at[1];
		}
	}
	cairo_path_destroy(path);
	cairo_new_path(G.cr);
	return buf_detach(&b, NULL);
}

/* The cached glyph of `key` (under G.lock). */
static const struct glyph *
glyph(uint64_t key, cairo_scaled_font_t *sf, unsigned long index)
{
	size_t i, k;

	if (2 * (G.n + 1) > G.cap) {
		struct glyph *old = G.v;
		size_t oldcap = G.cap;

		G.cap = G.cap ? 2 * G.cap : 1024;
		G.v = xcalloc(G.cap, sizeof(*G.v));
		for (k = 0; k < oldcap; k++)
			if (old[k].path != NULL) {
				for (i = (size_t)(old[k].key * 0x9E3779B97F4A7C15u)
				    & (G.cap - 1); G.v[i].path; i = (i + 1) &
				    (G.cap - 1))
					;
				G.v[i] = old[k];
			}
		free(old);
	}
	for (i = (size_t)(key * 0x9E3779B97F4A7C15u) & (G.cap - 1);
	    G.v[i].path != NULL; i = (i + 1) & (G.cap - 1))
		if (G.v[i].key == key)
			return &G.v[i];
	G.v[i].key = key;
	G.v[i].path = outline(sf, index);
	G.n++;
	return &G.v[i];
}

/* The glyphs of a file: their cached outlines, numbered in first use. */
struct used {
	const struct glyph **v;
	size_t n;
};

static size_t
use_glyph(struct used *u, const struct glyph *g)
{
	size_t i;

	for (i = 0; i < u->n; i++)
		if (u->v[i] == g)
			return i + 1;
	u->v = xrealloc(u->v, (u->n + 1) * sizeof(*u->v));
	u->v[u->n++] = g;
	return u->n;
}

/* The text runs of a scene as <use> of glyph symbols, into `uses`. */
static void
svg_text(const struct scene *sc, struct used *u, struct buf *uses)
{
	size_t i;
	long long x0, y0;
	int k;

	pthread_mutex_lock(&G.lock);
	for (i = 0; i < sc->n; i++) {
		const struct scene_item *it = &sc->v[i];
		cairo_scaled_font_t *sf;
		cairo_glyph_t *gl = NULL;
		int n = 0;

		if (it->op != SCENE_TEXT)
			continue;
		sf = scaled_font(it->bold, it->h);
		if (cairo_scaled_font_text_to_glyphs(sf, it->x, it->y,
		    sc->text.ptr + it->text, (int)it->len, &gl, &n, NULL, NULL,
		    NULL) != CAIRO_STATUS_SUCCESS)
			continue;
		/* The run's group at its first glyph; each glyph from there,
		 * in hundredths of a point as the outlines (so that where it
		 * lands is where it would at its own rounded place). */
		x0 = n > 0 ? llround(gl[0].x * 100) : 0;
		y0 = n > 0 ? llround(gl[0].y * 100) : 0;
		add_fill(uses, it->fill);
		/* The size of the run, for a reader of the SVG (the glyphs are
		 * outlines): what a page's test of text sizes reads. */
		buf_addstr(uses, " font-size=\"");
		add_scaled(uses, llround(it->h * 100), 2, 0);
		buf_addstr(uses, "\" transform=\"translate(");
		add_scaled(uses, x0, 2, 0);
		buf_addch(uses, ' ');
		add_scaled(uses, y0, 2, 0);
		buf_addstr(uses, ")\">\n");
		for (k = 0; k < n; k++) {
			uint64_t key = (uint64_t)it->bold << 56 |
			    (uint64_t)llround(it->h * 100) << 32 | gl[k].index;
			const struct glyph *g = glyph(key, sf, gl[k].index);
			long long dx = llround(gl[k].x * 100) - x0;
			long long dy = llround(gl[k].y * 100) - y0;

			if (g->path[0] == '\0')	/* a space */
				continue;
			buf_addstr(uses, "<use xlink:href=\"#g");
			add_scaled(uses, (long long)use_glyph(u, g), 0, 0);
			if (dx != 0) {
				buf_addstr(uses, "\" x=\"");
				add_scaled(uses, dx, 2, 0);
			}
			if (dy != 0) {
				buf_addstr(uses, "\" y=\"");
				add_scaled(uses, dy, 2, 0);
			}
			buf_addstr(uses, "\"/>\n");
		}
		buf_addstr(uses, "</g>\n");
		cairo_glyph_free(gl);
	}
	pthread_mutex_unlock(&G.lock);
}

int
chart_cairo_svg(const struct chart *c, struct buf *out)
{
	struct buf raw = BUF_INIT, body = BUF_INIT, uses = BUF_INIT;
	struct used u = { NULL, 0 };
	cairo_surface_t *s;
	cairo_t *cr;
	const char *endtag;
	size_t i;

	pthread_once(&C.once, faces);
	if (C.failed)
		return -1;
	s = cairo_svg_surface_create_for_stream(to_buf, &raw, c->scene.width,
	    c->scene.height);
	cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_2);
	cr = cairo_create(s);
	draw(cr, &c->scene, 0);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	finish_svg(c, &raw, &body);
	svg_text(&c->scene, &u, &uses);
	/* The glyphs' symbols after <desc>, the text before </svg>. */
	endtag = strstr(body.ptr, "</desc>");
	endtag = endtag ? endtag + 7 : body.ptr;
	buf_add(out, body.ptr, (size_t)(endtag - body.ptr));
	if (u.n > 0) {
		buf_addstr(out, "\n<defs>\n");
		for (i = 0; i < u.n; i++) {
			buf_addstr(out, "<path id=\"g");
			add_scaled(out, (long long)i + 1, 0, 0);
			buf_addstr(out, "\" transform=\"scale(.01)\" d=\"");
			buf_addstr(out, u.v[i]->path);
			buf_addstr(out, "\"/>\n");
		}
		buf_addstr(out, "</defs>");
	}
	i = body.len;
	while (i > 0 && strncmp(body.ptr + i - 1, "</svg>", 6) != 0)
		i--;
	i = i > 0 ? i - 1 : body.len;
	buf_add(out, endtag, (size_t)(body.ptr + i - endtag));
	buf_add(out, uses.ptr, uses.len);
	buf_add(out, body.ptr + i, body.len - i);
	free(u.v);
	buf_release(&raw);
	buf_release(&body);
	buf_release(&uses);
	return 0;
}

int
chart_cairo_png(const struct chart *c, double scale, struct buf *out)
{
	cairo_surface_t *s;
	cairo_t *cr;
	int rc;

	pthread_once(&C.once, faces);
	if (C.failed)
		return -1;
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    (int)(c->scene.width * scale + 0.5),
	    (int)(c->scene.height * scale + 0.5));
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	draw(cr, &c->scene, 1);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	rc = cairo_surface_write_to_png_stream(s, to_buf, out) ==
	    CAIRO_STATUS_SUCCESS ? 0 : error("unable to encode a PNG");
	cairo_surface_destroy(s);
	return rc;
}

/*
 * Cairo 1.16 writes every number of an SVG (coordinates, widths, colours)
 * with snprintf's "%f" ("%.*f" below 0.1), then drops the trailing zeros:
 * 200 numbers a chart, a twentieth of a report's time in printf. Its calls
 * reach the C library's __snprintf_chk through the dynamic linker, so
 * this definition takes its place: "%f", "%.Nf" and "%.*f" of a finite
 * double below 1e15 are written here, exactly as printf writes them (the
 * exact binary value times 10^N, rounded half to even); anything else goes
 * to the C library's __vsnprintf_chk. Only Cairo calls it: roic's own code
 * is built without _FORTIFY_SOURCE, and the other libraries format with
 * their own functions (test_chart compares it with printf).
 */
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen,
    const char *fmt, ...);
int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen,
    const char *fmt, va_list ap);

int
__snprintf_chk(char *s, size_t maxlen, int flag, size_t slen,
    const char *fmt, ...)
{
	va_list ap;
	int prec = -1, n = -1;

	if (maxlen <= slen && fmt[0] == '%') {
		if (strcmp(fmt, "%f") == 0)
			prec = 6;
		else if (strcmp(fmt, "%.*f") == 0)
			prec = -2;
		else if (fmt[1] == '.' && fmt[2] >= '0' && fmt[2] <= '9' &&
		    ((fmt[3] == 'f' && fmt[4] == '\0') || (fmt[3] >= '0' &&
		    fmt[3] <= '9' && fmt[4] == 'f' && fmt[5] == '\0')))
			prec = fmt[3] == 'f' ? fmt[2] - '0' :
			    (fmt[2] - '0') * 10 + fmt[3] - '0';
	}
	if (prec != -1) {
		va_start(ap, fmt);
		if (prec == -2)
			prec = va_arg(ap, int);
		n = fmt_fixed(s, maxlen, va_arg(ap, double), prec);
		va_end(ap);
	}
	if (n < 0) {
		va_start(ap, fmt);
		n = __vsnprintf_chk(s, maxlen, flag, slen, fmt, ap);
		va_end(ap);
	}
	return n;
}
