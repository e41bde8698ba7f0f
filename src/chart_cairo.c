/* chart_cairo.c: scenes drawn with Cairo, to SVG and PNG. */
#include "chart_cairo.h"

#include <pthread.h>
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

static void
draw(cairo_t *cr, const struct scene *sc)
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
			paint(cr, it);
			break;
		case SCENE_CIRCLE:
			cairo_new_sub_path(cr);
			cairo_arc(cr, it->x, it->y, it->w, 0, 2 * 3.14159265358979323846);
			paint(cr, it);
			break;
		case SCENE_LINE:
			for (k = 0; k < it->npts; k++)
				(k ? cairo_line_to : cairo_move_to)(cr,
				    sc->pts[2 * (it->pts + k)],
				    sc->pts[2 * (it->pts + k) + 1]);
			cairo_set_dash(cr, dash, it->dash ? 2 : 0, 0);
			paint(cr, it);
			cairo_set_dash(cr, dash, 0, 0);
			break;
		case SCENE_TEXT:
			snprintf(text, sizeof(text), "%.*s", (int)it->len,
			    sc->text.ptr + it->text);
			cairo_set_font_face(cr, C.face[it->bold ? FONT_BOLD :
			    FONT_REGULAR]);
			cairo_set_font_size(cr, it->h);
			color(cr, it->fill);
			cairo_move_to(cr, it->x, it->y);
			cairo_show_text(cr, text);
			cairo_new_path(cr);
			break;
		}
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
 * Appends s[0..n) with every number of more than two decimals rounded to
 * two (Cairo writes six: 0.01 pt is far below what any screen or printer
 * shows, and the files are half the size).
 */
static void
add_short(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, j, k;
	char num[48];

	while (i < n) {
		if (s[i] < '0' || s[i] > '9' || (i > 0 && ((s[i - 1] >= '0' &&
		    s[i - 1] <= '9') || s[i - 1] == '.' || (s[i - 1] >= 'a' &&
		    s[i - 1] <= 'z') || (s[i - 1] >= 'A' && s[i - 1] <= 'Z')))) {
			buf_addch(b, s[i++]);
			continue;
		}
		for (j = i; j < n && s[j] >= '0' && s[j] <= '9'; j++)
			;
		for (k = j + 1; j < n && s[j] == '.' && k < n && s[k] >= '0' &&
		    s[k] <= '9'; k++)
			;
		if (j >= n || s[j] != '.' || k - j - 1 <= 2 || k - i >= 40) {
			buf_add(b, s + i, j - i);
			i = j;
			continue;
		}
		memcpy(num, s + i, k - i);
		num[k - i] = '\0';
		snprintf(num, sizeof(num), "%.2f", strtod(num, NULL));
		for (j = strlen(num); num[j - 1] == '0'; j--)
			;
		if (num[j - 1] == '.')
			j--;
		num[j] = '\0';
		/* No "-0". */
		if (strcmp(num, "0") == 0 && b->len > 0 &&
		    b->ptr[b->len - 1] == '-')
			b->ptr[--b->len] = '\0';
		buf_addstr(b, num);
		i = k;
	}
}

/*
 * Cairo's SVG `in` rewritten to `out`: numbers shortened (add_short), every id (and every reference to
 * one: href="#..", url(#..)) renumbered per file, and <title> and <desc>
 * after the opening <svg> tag.
 */
static void
finish_svg(const struct chart *c, const struct buf *in, struct buf *out)
{
	static const char *const marks[] = { "id=\"", "href=\"#", "url(#" };
	const char *p = in->ptr, *end = in->ptr + in->len, *svg;
	struct ids ids = { 0 };
	size_t k;

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
	while (p < end) {
		const char *best = NULL;
		size_t mlen = 0, n;

		for (k = 0; k < ARRAY_SIZE(marks); k++) {
			const char *q = strstr(p, marks[k]);

			if (q != NULL && (best == NULL || q < best)) {
				best = q;
				mlen = strlen(marks[k]);
			}
		}
		if (best == NULL) {
			add_short(out, p, (size_t)(end - p));
			break;
		}
		best += mlen;
		add_short(out, p, (size_t)(best - p));
		n = strspn(best, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
		buf_addstr(out, renumber(&ids, best, n));
		p = best + n;
	}
	free(ids.v);
}

int
chart_cairo_svg(const struct chart *c, struct buf *out)
{
	struct buf raw = BUF_INIT;
	cairo_surface_t *s;
	cairo_t *cr;

	pthread_once(&C.once, faces);
	if (C.failed)
		return -1;
	s = cairo_svg_surface_create_for_stream(to_buf, &raw, c->scene.width,
	    c->scene.height);
	cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_2);
	cr = cairo_create(s);
	draw(cr, &c->scene);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	finish_svg(c, &raw, out);
	buf_release(&raw);
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
	draw(cr, &c->scene);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	rc = cairo_surface_write_to_png_stream(s, to_buf, out) ==
	    CAIRO_STATUS_SUCCESS ? 0 : error("unable to encode a PNG");
	cairo_surface_destroy(s);
	return rc;
}
