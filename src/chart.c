/*
 * chart.c: chart layout. A spec and the view model become a scene (every
 * shape and text run placed, text measured with the DejaVu metrics), the
 * chart's text alternative and its numbers as a table.
 */
#include "chart_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "font.h"
#include "format.h"
#include "view.h"

/* Canvas and type sizes, in points: charts are drawn at their print size. */
#define WIDTH 480.0
#define SPARK_W 120.0
#define SPARK_H 30.0
#define TITLE_PT 10.5
#define LABEL_PT 8.0
#define TICK_PT 8.0
#define SMALL_PT 8.0
/* The height of a compact chart's plot, less than the wide one's: the
 * title and legend take more rows on a narrow canvas. */
#define COMPACT_PLOT_CUT 80.0
/*
 * A line chart whose axis does not reach zero spans at least this share of
 * its values' size, so that a change of c of that size takes at most
 * c / MIN_SPAN of the plot's height: 5% at most a quarter (SPEC 5.5).
 */
#define MIN_SPAN 0.2

#define C_TEXT 0x1F2328u
#define C_MUTED 0x57606Au
#define C_GRID 0xE1E4E8u
#define C_AXIS 0x8C959Fu
#define C_GREY 0x6E7781u
#define C_BAND 0xEAEEF2u
#define C_BAND_DARK 0xCDD4DBu
#define C_WHITE 0xFFFFFFu

/* Okabe and Ito's palette, told apart with every colour vision. */
static const uint32_t palette[] = { 0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7,
	0x56B4E9, 0xD55E00 };

/* Bars and stacks show this many series at most; the rest are "Other". */
#define MAX_SHOWN 6
/* Heat strip bands, best first: blue, orange, vermillion. */
static const uint32_t heat[] = { 0x0072B2, 0xE69F00, 0xD55E00 };

/* The data of a series (or of a bullet's row), read from the view. */
struct sdata {
	char *label;
	double *v;
	size_t n;
	uint32_t color;
	int want;		/* COLOR_AUTO, COLOR_BRAND, COLOR_GREY */
	int dashed;
	char figure[48];	/* the figure it shows, for its format */
	int decimals;
	int unit, udec;		/* its format (unit_of), or unit -1 */
	double target, lo, hi;	/* bullets */
	int has_target, lower_better;
	char *target_label;
};

struct layout {
	const struct spec *sp;
	const json_t *view, *labels;
	const char *arg, *locale, *currency;
	uint32_t brand;
	struct sdata *s;
	size_t ns;
	char **cat, **cat_long, **cat_year;	/* categories of x */
	size_t ncat;
	double target;
	int has_target;
	char *target_label;
	struct scene *sc;	/* being laid out: out->scene or out->compact */
	int compact;		/* laying out the compact scene */
	struct chart *out;
};

/* --- the scene ------------------------------------------------------- */

static struct scene_item *
item(struct scene *sc, int op)
{
	struct scene_item *it;

	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? 2 * sc->cap : 64;
		sc->v = xrealloc(sc->v, sc->cap * sizeof(*sc->v));
	}
	it = &sc->v[sc->n++];
	memset(it, 0, sizeof(*it));
	it->op = (uint8_t)op;
	it->fill = it->stroke = SCENE_NONE;
	return it;
}

static void
rect(struct scene *sc, double x, double y, double w, double h, uint32_t fill)
{
	struct scene_item *it = item(sc, SCENE_RECT);

	if (h < 0) {
		y += h;
		h = -h;
	}
	if (w < 0) {
		x += w;
		w = -w;
	}
	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	it->fill = fill;
}

/* Starts a polyline; add its points with point(). */
static struct scene_item *
polyline(struct scene *sc, uint32_t stroke, double lw, int dash)
{
	struct scene_item *it = item(sc, SCENE_LINE);

	it->stroke = stroke;
	it->lw = (float)lw;
	it->dash = (uint8_t)dash;
	it->pts = (uint32_t)sc->npts;
	return it;
}

static void
point(struct scene *sc, struct scene_item *it, double x, double y)
{
	if (2 * (sc->npts + 1) > sc->ptscap) {
		sc->ptscap = sc->ptscap ? 2 * sc->ptscap : 128;
		sc->pts = xrealloc(sc->pts, sc->ptscap * sizeof(*sc->pts));
	}
	sc->pts[2 * sc->npts] = x;
	sc->pts[2 * sc->npts + 1] = y;
	sc->npts++;
	it->npts++;
}

static void
line(struct scene *sc, double x0, double y0, double x1, double y1,
    uint32_t stroke, double lw, int dash)
{
	struct scene_item *it = polyline(sc, stroke, lw, dash);

	point(sc, it, x0, y0);
	point(sc, it, x1, y1);
}

static void
circle(struct scene *sc, double x, double y, double r, uint32_t fill,
    uint32_t stroke)
{
	struct scene_item *it = item(sc, SCENE_CIRCLE);

	it->x = x;
	it->y = y;
	it->w = r;
	it->fill = fill;
	it->stroke = stroke;
	it->lw = 1;
}

static double
width(const char *s, double size, int bold)
{
	return font_width(bold ? FONT_BOLD : FONT_REGULAR, size, s, strlen(s));
}

/*
 * Places text with its left edge, centre or right edge ('l', 'c', 'r') at
 * x, its baseline at y, kept inside the canvas. Returns its width.
 */
static double
text(struct scene *sc, double x, double y, int anchor, double size, int bold,
    uint32_t color, const char *s)
{
	struct scene_item *it;
	double w = width(s, size, bold);

	if (*s == '\0')
		return 0;
	if (anchor == 'c')
		x -= w / 2;
	else if (anchor == 'r')
		x -= w;
	if (x + w > sc->width)
		x = sc->width - w;
	if (x < 0)
		x = 0;
	it = item(sc, SCENE_TEXT);
	it->x = x;
	it->y = y;
	it->w = w;
	it->h = size;
	it->bold = (uint8_t)bold;
	it->fill = color;
	it->text = (uint32_t)sc->text.len;
	it->len = (uint32_t)strlen(s);
	buf_addstr(&sc->text, s);
	return w;
}

/*
 * s cut to fit `max` points, with "…" when cut (at a character boundary).
 * The caller frees it.
 */
static char *
fit(const char *s, double size, int bold, double max)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(s);

	if (width(s, size, bold) <= max)
		return xstrdup(s);
	while (n > 0) {
		do
			n--;
		while (n > 0 && (s[n] & 0xC0) == 0x80);
		buf_reset(&b);
		buf_add(&b, s, n);
		buf_addstr(&b, "\xE2\x80\xA6");
		if (width(b.ptr, size, bold) <= max)
			break;
	}
	return buf_detach(&b, NULL);
}

/*
 * s in at most `most` lines of at most `max` points, broken at spaces (the
 * last line cut with "…" when the text goes on; so is a word longer than a
 * line). Fills line[] with strings the caller frees; returns their count.
 */
static size_t
wrap(const char *s, double size, int bold, double max, char **line,
    size_t most)
{
	struct buf b = BUF_INIT;
	const char *p = s, *q, *e, *end;
	size_t n = 0;

	while (*p == ' ')
		p++;
	while (*p != '\0' && n < most) {
		/* The most words from p that fit (one at least). */
		for (end = NULL, q = p;; q = e + 1) {
			if ((e = strchr(q, ' ')) == NULL)
				e = q + strlen(q);
			buf_reset(&b);
			buf_add(&b, p, (size_t)(e - p));
			if (end != NULL && width(b.ptr, size, bold) > max)
				break;
			end = e;
			if (*e == '\0')
				break;
		}
		if (n == most - 1)
			end = p + strlen(p);
		buf_reset(&b);
		buf_add(&b, p, (size_t)(end - p));
		while (b.len > 0 && b.ptr[b.len - 1] == ' ')
			b.ptr[--b.len] = '\0';
		line[n++] = fit(b.ptr, size, bold, max);
		for (p = end; *p == ' '; p++)
			;
	}
	buf_release(&b);
	return n;
}

/* The baseline that centres text of `size` on y. */
static double
middle(double y, double size)
{
	return y + (font_ascent(FONT_REGULAR) - font_descent(FONT_REGULAR)) *
	    size / 2;
}

/* --- the view -------------------------------------------------------- */

/* The value at `path` of `root`, with {arg} replaced; NULL if none. */
static const json_t *
resolve(const json_t *root, const char *path, const char *arg)
{
	const json_t *cur = root;
	const char *p = path, *e;
	struct buf seg = BUF_INIT;

	while (cur != NULL && *p) {
		e = strchr(p, '.');
		if (e == NULL)
			e = p + strlen(p);
		buf_reset(&seg);
		while (p < e) {
			if (strncmp(p, "{arg}", 5) == 0 && p + 5 <= e) {
				buf_addstr(&seg, arg ? arg : "");
				p += 5;
			} else
				buf_addch(&seg, *p++);
		}
		if (json_is_array(cur) && seg.len > 0 &&
		    strspn(seg.ptr, "0123456789") == seg.len)
			cur = json_array_get(cur, strtoul(seg.ptr, NULL, 10));
		else
			cur = json_object_get(cur, seg.ptr);
		if (*p == '.')
			p++;
	}
	buf_release(&seg);
	return cur;
}

static double
num(const json_t *j)
{
	return json_is_number(j) ? json_number_value(j) : NAN;
}

/* A text of a spec in the tenant's language: locale, language, en, any. */
static const char *
pick(const json_t *t, const char *locale)
{
	const char *k;
	const json_t *v;
	char lang[4];

	if (json_is_string(t))
		return json_string_value(t);
	if ((v = json_object_get(t, locale)) != NULL)
		return json_string_value(v);
	snprintf(lang, sizeof(lang), "%.2s", locale);
	if ((v = json_object_get(t, lang)) != NULL ||
	    (v = json_object_get(t, "en")) != NULL)
		return json_string_value(v);
	json_object_foreach((json_t *)t, k, v)
		return json_string_value(v);
	return NULL;
}

/* A label of the tenant's strings, labels.<group>.<key>, or `dflt`. */
static const char *
label(const struct layout *L, const char *group, const char *key,
    const char *dflt)
{
	const json_t *g = group ? json_object_get(L->labels, group) : L->labels;
	const char *s = json_string_value(json_object_get(g, key));

	return s ? s : dflt;
}

/* The figure a path reads ("figures.roi.series" -> "roi"), or "". */
static void
figure_of(const char *path, const char *arg, char *out, size_t size)
{
	const char *p = strstr(path, "figures.");
	size_t n;

	out[0] = '\0';
	if (p == NULL || (p != path && p[-1] != '.'))
		return;
	p += 8;
	if (strncmp(p, "{arg}", 5) == 0) {
		snprintf(out, size, "%s", arg ? arg : "");
		return;
	}
	n = strcspn(p, ".");
	snprintf(out, size, "%.*s", (int)n, p);
}

/* --- formats --------------------------------------------------------- */

/* The unit and decimals of a series' numbers (found once, in new_series;
 * then read from the series). */
static void
unit_of(const struct layout *L, const struct sdata *s, int *unit, int *dec)
{
	if (s && s->unit >= 0) {
		*unit = s->unit;
		*dec = s->udec;
		return;
	}
	*unit = FMT_NUMBER;
	*dec = 2;
	if (L->sp->unit >= 0) {
		*unit = L->sp->unit;
		*dec = L->sp->decimals;
	} else if (s && s->figure[0] &&
	    view_figure_unit(s->figure, unit, dec) == 0) {
		if (L->sp->decimals >= 0)
			*dec = L->sp->decimals;
	}
	if (s && s->decimals >= 0)
		*dec = s->decimals;
}

/* Appends v as the chart shows it ("—" for none). */
static void
fmt(const struct layout *L, const struct sdata *s, double v, struct buf *b)
{
	int unit, dec;

	unit_of(L, s, &unit, &dec);
	format_value(b, L->locale, L->currency, (enum fmt_unit)unit, dec, v);
}

/* A tick label: the unit of the series, with the decimals the step needs. */
static char *
tick_label(const struct layout *L, const struct sdata *s, double v,
    double step)
{
	struct buf b = BUF_INIT;
	int unit, dec;
	double shown = step;

	unit_of(L, s, &unit, &dec);
	if (unit == FMT_PERCENT)
		shown *= 100;
	dec = 0;
	while (dec < 6 && fabs(shown * pow(10, dec) -
	    round(shown * pow(10, dec))) > 1e-6 * shown * pow(10, dec))
		dec++;
	if (fabs(v) < step * 1e-9)
		v = 0;
	format_value(&b, L->locale, L->currency, (enum fmt_unit)unit, dec, v);
	return buf_detach(&b, NULL);
}

/* --- scales ---------------------------------------------------------- */

struct scale {
	double lo, hi, step;
	double p0, p1;		/* lo and hi on the page */
};

/* The 1-2-5 step of at least `raw`. */
static double
nice_step(double raw)
{
	double mag = pow(10, floor(log10(raw))), f = raw / mag;

	return (f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 5 + 1e-9 ? 5 :
	    10) * mag;
}

/*
 * A scale over [lo, hi] with about `ticks` intervals of a 1-2-5 step, its
 * ends on steps. An empty range is widened around its value.
 */
static void
nice_scale(double lo, double hi, int ticks, int integer, struct scale *s)
{
	double step;

	/* Values beyond doubles (a spec's limit from the view model) are
	 * the largest finite ones: a scale with a finite step. */
	lo = fmin(fmax(lo, -1e300), 1e300);
	hi = fmin(fmax(hi, -1e300), 1e300);
	/* A range too narrow for doubles to step through is one value. */
	if (!(hi - lo > fmax(fabs(lo), fabs(hi)) * 1e-9)) {
		double a = fabs(lo) > 0 ? fabs(lo) * 0.1 : 1;

		lo = lo >= 0 && lo - a < 0 ? 0 : lo - a;
		hi += a;
	}
	step = nice_step((hi - lo) / ticks);
	if (integer && step < 1)
		step = 1;
	s->step = step;
	s->lo = floor(lo / step + 1e-9) * step;
	s->hi = ceil(hi / step - 1e-9) * step;
}

void
chart_nice_scale(double lo, double hi, int ticks, double *slo, double *shi,
    double *step)
{
	struct scale s;

	nice_scale(lo, hi, ticks, 0, &s);
	*slo = s.lo;
	*shi = s.hi;
	*step = s.step;
}

static double
at(const struct scale *s, double v)
{
	return s->p0 + (v - s->lo) / (s->hi - s->lo) * (s->p1 - s->p0);
}

/* --- parts shared by the types --------------------------------------- */

/* The title at the top, in two lines when one is too short; returns the
 * y below it. */
static double
title(struct layout *L)
{
	char *t[2];
	size_t i, n;
	double y = 4;

	if (L->out->title == NULL || L->out->title[0] == '\0')
		return 4;
	n = wrap(L->out->title, TITLE_PT, 1, L->sc->width, t, 2);
	for (i = 0; i < n; i++) {
		text(L->sc, 0, y + font_ascent(FONT_BOLD) * TITLE_PT, 'l',
		    TITLE_PT, 1, C_TEXT, t[i]);
		y += TITLE_PT * 1.2;
		free(t[i]);
	}
	return y + 6;
}

enum swatch { SW_BOX, SW_LINE, SW_DASH, SW_OUTLINE, SW_TICK };

struct key {
	enum swatch kind;
	uint32_t color;
	const char *label;
};

/* A legend: swatches and labels in rows from y; returns the y below. */
static double
legend(struct layout *L, double y, const struct key *k, size_t n)
{
	struct scene *sc = L->sc;
	double x = 0, rowh = LABEL_PT * 1.5;
	size_t i;

	for (i = 0; i < n; i++) {
		char *t = fit(k[i].label, LABEL_PT, 0, sc->width - 24);
		double w = 18 + width(t, LABEL_PT, 0), mid = y + rowh / 2;

		if (x > 0 && x + w > sc->width) {
			x = 0;
			y += rowh;
			mid = y + rowh / 2;
		}
		switch (k[i].kind) {
		case SW_BOX:
			rect(sc, x, mid - 4.5, 9, 9, k[i].color);
			break;
		case SW_OUTLINE:
			rect(sc, x, mid - 4.5, 9, 9, k[i].color);
			sc->v[sc->n - 1].stroke = C_AXIS;
			sc->v[sc->n - 1].lw = 0.5f;
			break;
		case SW_TICK:
			line(sc, x + 4.5, mid - 5, x + 4.5, mid + 5,
			    k[i].color, 2, 0);
			break;
		default:
			line(sc, x, mid, x + 13, mid, k[i].color,
			    k[i].kind == SW_LINE ? 2 : 1.25,
			    k[i].kind == SW_DASH);
			break;
		}
		text(sc, x + 17, middle(mid, LABEL_PT), 'l', LABEL_PT, 0,
		    C_MUTED, t);
		x += w + 14;
		free(t);
	}
	return y + rowh + 4;
}

/* "No data" in the middle of the plot area. */
static void
no_data(struct layout *L, double y0, double y1)
{
	text(L->sc, L->sc->width / 2, middle((y0 + y1) / 2, LABEL_PT), 'c',
	    LABEL_PT, 0, C_MUTED, label(L, NULL, "no_data", "No data"));
}

/* --- line, bar and stacked bar --------------------------------------- */

/* The stacks of a slot: sums of the positive and the negative values. */
static void
stack_sums(const struct layout *L, size_t i, double *pos, double *neg,
    int *any)
{
	size_t k;

	*pos = *neg = 0;
	*any = 0;
	for (k = 0; k < L->ns; k++) {
		double v = i < L->s[k].n ? L->s[k].v[i] : NAN;

		if (isnan(v))
			continue;
		*any = 1;
		if (v >= 0)
			*pos += v;
		else
			*neg += v;
	}
}

/*
 * Widens [lo, hi], an axis that does not reach zero over values of size
 * `mag`, toward zero until it spans MIN_SPAN of that size (or reaches
 * zero): a small change then looks small (SPEC 5.5).
 */
static void
least_span(double *lo, double *hi, double mag)
{
	double need = MIN_SPAN * mag;

	if (!(*hi - *lo < need))
		return;
	if (*lo > 0)
		*lo = fmax(0, *hi - need);
	else if (*hi < 0)
		*hi = fmin(0, *lo + need);
}

static void
layout_xy(struct layout *L)
{
	const struct spec *sp = L->sp;
	struct scene *sc = L->sc;
	struct key keys[MAX_SERIES * 4 + 1];
	struct scale ys;
	double lo = INFINITY, hi = -INFINITY, y, left, right, top, bottom;
	double sw, labw = 0, ty, mag;
	size_t i, k, nk = 0, every;
	char **ticks = NULL;
	size_t nticks, t;
	int unit, dec;

	sc->height = sp->height > 0 ? sp->height : 210;
	y = title(L);
	for (k = 0; k < L->ns && nk < ARRAY_SIZE(keys) - 1; k++)
		keys[nk++] = (struct key){ sp->type == CT_LINE ?
		    (L->s[k].dashed ? SW_DASH : SW_LINE) : SW_BOX,
		    L->s[k].color, L->s[k].label };
	if (L->has_target)
		keys[nk++] = (struct key){ SW_DASH, C_TEXT, L->target_label };
	if (nk > 1 || L->has_target)
		y = legend(L, y, keys, nk);

	/* The domain: every value (the stacks' sums) and the target. */
	for (i = 0; i < L->ncat; i++) {
		if (sp->type == CT_STACKED) {
			double pos, neg;
			int any;

			stack_sums(L, i, &pos, &neg, &any);
			if (any) {
				lo = fmin(lo, neg);
				hi = fmax(hi, pos);
			}
			continue;
		}
		for (k = 0; k < L->ns; k++)
			if (i < L->s[k].n && !isnan(L->s[k].v[i])) {
				lo = fmin(lo, L->s[k].v[i]);
				hi = fmax(hi, L->s[k].v[i]);
			}
	}
	top = y + TICK_PT;
	/* A compact chart's plot is a little lower, under what its title
	 * and legend take. */
	if (L->compact)
		sc->height = ceil(top + fmax(60, sc->height -
		    COMPACT_PLOT_CUT) + TICK_PT * 1.25 * 2 + 6);
	bottom = sc->height - (TICK_PT * 1.25 * 2 + 6);
	if (isinf(lo)) {
		no_data(L, top, bottom);
		return;
	}
	mag = fmax(fabs(lo), fabs(hi));
	if (L->has_target) {
		lo = fmin(lo, L->target);
		hi = fmax(hi, L->target);
	}
	if (sp->type != CT_LINE) {
		lo = fmin(lo, 0);
		hi = fmax(hi, 0);
	}
	/* The axis reaches y.min and y.max, and beyond for data that does. */
	if (sp->ymin.set)
		lo = fmin(lo, sp->ymin.value);
	if (sp->ymax.set)
		hi = fmax(hi, sp->ymax.value);
	/* A bar's length is its value: bars stand on zero (above). A line
	 * may be closer, but not so close that a small change looks large. */
	if (sp->type == CT_LINE)
		least_span(&lo, &hi, mag);
	unit_of(L, &L->s[0], &unit, &dec);
	nice_scale(lo, hi, L->compact ? 4 : 5, unit == FMT_COUNT, &ys);
	/* A target on the edge of the plot would hide in its frame. */
	if (L->has_target && !sp->ymin.set && fabs(L->target - ys.lo) <
	    ys.step * 1e-9 && (ys.lo > 0 || sp->type == CT_LINE))
		ys.lo -= ys.step;
	if (L->has_target && !sp->ymax.set && fabs(L->target - ys.hi) <
	    ys.step * 1e-9)
		ys.hi += ys.step;
	if (sp->ymin.set && ys.lo < sp->ymin.value && lo >= sp->ymin.value)
		ys.lo = sp->ymin.value;
	if (sp->ymax.set && ys.hi > sp->ymax.value && hi <= sp->ymax.value)
		ys.hi = sp->ymax.value;

	/* Tick labels set the left margin (a handful of them; two on a
	 * scale the doubles broke). */
	labw = (ys.hi - ys.lo) / ys.step;
	nticks = isfinite(labw) && labw >= 0 && labw <= 40 ?
	    (size_t)llround(labw) + 1 : 2;
	labw = 0;
	ticks = xcalloc(nticks, sizeof(*ticks));
	for (t = 0; t < nticks; t++) {
		ticks[t] = tick_label(L, &L->s[0], ys.lo + (double)t * ys.step,
		    ys.step);
		labw = fmax(labw, width(ticks[t], TICK_PT, 0));
	}
	left = labw + 6;
	right = sc->width - 2;
	ys.p0 = bottom;
	ys.p1 = top;
	for (t = 0; t < nticks; t++) {
		double v = ys.lo + (double)t * ys.step;

		ty = at(&ys, v);
		line(sc, left, ty, right, ty, fabs(v) < ys.step * 1e-9 ?
		    C_AXIS : C_GRID, fabs(v) < ys.step * 1e-9 ? 0.75 : 0.5, 0);
		text(sc, left - 5, middle(ty, TICK_PT), 'r', TICK_PT, 0,
		    C_MUTED, ticks[t]);
		free(ticks[t]);
	}
	free(ticks);

	/* The categories: every `every`-th label, the latest always. */
	sw = (right - left) / (double)L->ncat;
	labw = 0;
	for (i = 0; i < L->ncat; i++)
		labw = fmax(labw, width(L->cat[i], TICK_PT, 0));
	for (every = 1; every < L->ncat && labw > (double)every * sw - 4;
	    every++)
		;
	for (i = L->ncat; i-- > 0;) {
		double cx = left + ((double)i + 0.5) * sw;
		size_t prev = i >= every ? i - every : (size_t)-1;

		if ((L->ncat - 1 - i) % every != 0)
			continue;
		text(sc, cx, bottom + 4 + font_ascent(FONT_REGULAR) * TICK_PT,
		    'c', TICK_PT, 0, C_MUTED, L->cat[i]);
		/* The year under the first label of each year shown. */
		if (L->cat_year[i] != NULL && (prev == (size_t)-1 ||
		    L->cat_year[prev] == NULL ||
		    strcmp(L->cat_year[prev], L->cat_year[i]) != 0))
			text(sc, cx, bottom + 4 + TICK_PT * 1.25 +
			    font_ascent(FONT_REGULAR) * TICK_PT, 'c', TICK_PT,
			    0, C_MUTED, L->cat_year[i]);
	}

	if (sp->type == CT_BAR) {
		double group = sw * (L->ns > 1 ? 0.78 : 0.62);
		double bw = group / (double)L->ns;

		for (k = 0; k < L->ns; k++)
			for (i = 0; i < L->s[k].n && i < L->ncat; i++) {
				double v = L->s[k].v[i], x, h;

				if (isnan(v))
					continue;
				x = left + ((double)i + 0.5) * sw - group / 2 +
				    (double)k * bw;
				h = at(&ys, v) - at(&ys, 0);
				/* A zero shows as a sliver: a gap is no data. */
				if (fabs(h) < 1)
					h = v < 0 ? 1 : -1;
				rect(sc, x + (L->ns > 1 ? 0.5 : 0), at(&ys, 0),
				    bw - (L->ns > 1 ? 1 : 0), h, L->s[k].color);
			}
	} else if (sp->type == CT_STACKED) {
		double bw = sw * 0.62, *pos, *neg;

		/* Series by series (the parts of one colour together, for
		 * the backends), each stack growing from 0 both ways. */
		pos = xcalloc(2 * L->ncat, sizeof(*pos));
		neg = pos + L->ncat;
		for (k = 0; k < L->ns; k++)
			for (i = 0; i < L->ncat; i++) {
				double v = i < L->s[k].n ? L->s[k].v[i] : NAN;
				double *base = v >= 0 ? &pos[i] : &neg[i];

				if (isnan(v) || v == 0)
					continue;
				rect(sc, left + ((double)i + 0.5) * sw - bw / 2,
				    at(&ys, *base), bw, at(&ys, *base + v) -
				    at(&ys, *base), L->s[k].color);
				/* A white seam between the parts of a stack. */
				sc->v[sc->n - 1].stroke = C_WHITE;
				sc->v[sc->n - 1].lw = 0.5f;
				*base += v;
			}
		free(pos);
	} else {
		for (k = 0; k < L->ns; k++) {
			struct sdata *s = &L->s[k];
			struct scene_item *run = NULL;

			/* Runs of values; a null breaks the line. */
			for (i = 0; i < s->n && i < L->ncat; i++) {
				double x = left + ((double)i + 0.5) * sw;

				if (isnan(s->v[i])) {
					run = NULL;
					continue;
				}
				if (run == NULL)
					run = polyline(sc, s->color,
					    s->dashed ? 1.5 : 2, s->dashed);
				point(sc, run, x, at(&ys, s->v[i]));
			}
			if (s->dashed)
				continue;
			for (i = 0; i < s->n && i < L->ncat; i++)
				if (!isnan(s->v[i]))
					circle(sc, left + ((double)i + 0.5) *
					    sw, at(&ys, s->v[i]), 2.25,
					    s->color, C_WHITE);
		}
	}
	if (L->has_target && L->target >= ys.lo && L->target <= ys.hi)
		line(sc, left, at(&ys, L->target), right, at(&ys, L->target),
		    C_TEXT, 1.25, 1);
}

/* --- sparkline ------------------------------------------------------- */

static void
layout_sparkline(struct layout *L)
{
	struct scene *sc = L->sc;
	const struct sdata *s = &L->s[0];
	struct scene_item *run = NULL;
	struct scale ys;
	double lo = INFINITY, hi = -INFINITY, pad = 3, sw, lx = 0, ly = 0;
	size_t i;

	sc->width = SPARK_W;
	sc->height = L->sp->height > 0 ? L->sp->height : SPARK_H;
	/* A sparkline sits on its card, whatever the card's colour. */
	sc->background = SCENE_NONE;
	for (i = 0; i < s->n; i++)
		if (!isnan(s->v[i])) {
			lo = fmin(lo, s->v[i]);
			hi = fmax(hi, s->v[i]);
		}
	if (isinf(lo))
		return;
	/* A trend line too: 99.6% after 100% is no fall from the sky. */
	least_span(&lo, &hi, fmax(fabs(lo), fabs(hi)));
	if (!(hi > lo)) {
		lo -= 1;
		hi += 1;
	}
	ys.lo = lo;
	ys.hi = hi;
	ys.p0 = sc->height - pad;
	ys.p1 = pad;
	sw = (sc->width - 2 * pad) / (double)(s->n > 1 ? s->n - 1 : 1);
	for (i = 0; i < s->n; i++) {
		if (isnan(s->v[i])) {
			run = NULL;
			continue;
		}
		if (run == NULL)
			run = polyline(sc, s->color, 1.5, 0);
		lx = pad + (double)i * sw;
		ly = at(&ys, s->v[i]);
		point(sc, run, lx, ly);
	}
	circle(sc, lx, ly, 2.25, s->color, SCENE_NONE);
}

/* --- bullet ---------------------------------------------------------- */

/* The lower end of a zoomed scale: the values fill about 2/3 of it. */
static double
zoom_lo(double hi, double least)
{
	double span = hi - least, lo;

	if (!(span > 0))
		span = hi != 0 ? fabs(hi) * 0.01 : 1;
	lo = hi - nice_step(span * 1.5);
	return least >= 0 && lo < 0 ? 0 : lo;
}

/*
 * Ticks under a bullet's band at y, those that fit without touching, kept
 * on the canvas; drawn only when `draw`. Returns half the width of the
 * widest label (the margin a band needs for its end labels).
 */
static double
bullet_ticks(struct layout *L, const struct sdata *s, const struct scale *xs,
    double y, int draw)
{
	struct scale t;
	double last = -INFINITY, v, half = 0;
	size_t i, n;

	nice_scale(xs->lo, xs->hi, 4, 0, &t);
	/* About four ticks; never more than a few dozen, whatever the
	 * doubles did on the way. */
	v = (t.hi - t.lo) / t.step;
	n = isfinite(v) && v >= 0 && v <= 40 ? (size_t)llround(v) : 0;
	for (i = 0; i <= n; i++) {
		char *lab;
		double x, w, left;

		v = t.lo + (double)i * t.step;
		if (v < xs->lo - t.step * 1e-9 || v > xs->hi + t.step * 1e-9)
			continue;
		x = at(xs, v);
		lab = tick_label(L, s, v, t.step);
		w = width(lab, SMALL_PT, 0);
		half = fmax(half, w / 2);
		left = fmax(fmin(x - w / 2, L->sc->width - w), 0);
		if (draw && left > last + 4) {
			line(L->sc, x, y, x, y + 2.5, C_AXIS, 0.5, 0);
			text(L->sc, left, y + 3 + font_ascent(FONT_REGULAR) *
			    SMALL_PT, 'l', SMALL_PT, 0, C_MUTED, lab);
			last = left + w;
		}
		free(lab);
	}
	return half;
}

/* The scale of a bullet's row k between x0 and x1 on the page. */
static void
row_scale(const struct layout *L, size_t k, double glo, double ghi,
    double x0, double x1, struct scale *xs)
{
	xs->lo = L->sp->shared_scale ? glo : L->s[k].lo;
	xs->hi = L->sp->shared_scale ? ghi : L->s[k].hi;
	xs->p0 = x0;
	xs->p1 = x1;
}

/*
 * Bullets: a row per measure, its value on a band with the range that
 * misses the target darker and the target as a tick. A value is a bar
 * from zero when its scale has zero; on a zoomed scale (99.8% to 100%) a
 * bar would claim a length it does not have, so the value is a dot there.
 * Wide: label, band and value side by side; compact: the label and value
 * over a band of the whole width.
 */
static void
layout_bullet(struct layout *L)
{
	struct scene *sc = L->sc;
	struct scale xs;
	double y, labw = 0, valw = 0, bx0, bx1, band = 16, glo = INFINITY;
	double ghi = -INFINITY, *rowy, inset = 0;
	char **vals = xcalloc(L->ns, sizeof(*vals));
	size_t k;
	int layer;

	y = title(L);
	for (k = 0; k < L->ns && !L->s[k].has_target; k++)
		;
	if (k < L->ns) {
		struct key keys[] = { { SW_TICK, C_TEXT, label(L, "charts",
		    "target_column", "Target") }, { SW_BOX, C_BAND_DARK,
		    label(L, "charts", "missed", "Misses the target") } };

		y = legend(L, y, keys, 2);
	}
	for (k = 0; k < L->ns; k++) {
		struct buf b = BUF_INIT;

		fmt(L, &L->s[k], L->s[k].v[0], &b);
		vals[k] = buf_detach(&b, NULL);
		labw = fmax(labw, width(L->s[k].label, LABEL_PT, 0));
		valw = fmax(valw, width(vals[k], LABEL_PT, 1));
		glo = fmin(glo, L->s[k].lo);
		ghi = fmax(ghi, L->s[k].hi);
	}
	if (L->compact) {
		/* The bands as wide as the end labels of their ticks allow. */
		for (k = 0; k < L->ns; k++) {
			row_scale(L, k, glo, ghi, 0, sc->width, &xs);
			inset = fmax(inset, bullet_ticks(L, &L->s[k], &xs, 0,
			    0));
		}
		bx0 = fmax(inset, 6);
		bx1 = sc->width - bx0;
	} else {
		labw = fmin(labw, sc->width * 0.34);
		bx0 = labw + 10;
		bx1 = sc->width - valw - 10;
	}
	/* Rows: labels, values and ticks; then the bands, the ranges that
	 * miss the target, the bars, the targets and the dots of every row,
	 * each kind together (one path each for the backends). */
	rowy = xcalloc(L->ns ? L->ns : 1, sizeof(*rowy));
	for (k = 0; k < L->ns; k++) {
		const struct sdata *s = &L->s[k];
		double mid, base;
		char *lab;

		if (L->compact) {
			lab = fit(s->label, LABEL_PT, 0, sc->width - valw - 8);
			base = y + font_ascent(FONT_REGULAR) * LABEL_PT;
			text(sc, 0, base, 'l', LABEL_PT, 0, C_TEXT, lab);
			text(sc, sc->width, base, 'r', LABEL_PT, 1, C_TEXT,
			    vals[k]);
			y += LABEL_PT * 1.2 + 4;
		} else {
			lab = fit(s->label, LABEL_PT, 0, labw);
			mid = y + band / 2;
			text(sc, 0, middle(mid, LABEL_PT), 'l', LABEL_PT, 0,
			    C_TEXT, lab);
			text(sc, bx1 + 8, middle(mid, LABEL_PT), 'l', LABEL_PT,
			    1, C_TEXT, vals[k]);
		}
		free(lab);
		rowy[k] = y;
		row_scale(L, k, glo, ghi, bx0, bx1, &xs);
		if (!L->sp->shared_scale) {
			bullet_ticks(L, s, &xs, y + band + 2, 1);
			y += band + 6 + SMALL_PT * 1.2 + 8;
		} else
			y += band + 8;
		free(vals[k]);
	}
	for (layer = 0; layer < 5; layer++)
		for (k = 0; k < L->ns; k++) {
			const struct sdata *s = &L->s[k];
			double v = s->v[0], t, mid = rowy[k] + band / 2;
			int zero;

			row_scale(L, k, glo, ghi, bx0, bx1, &xs);
			t = fmin(fmax(s->target, xs.lo), xs.hi);
			zero = xs.lo <= 0 && xs.hi >= 0;
			if (!isnan(v))
				v = fmin(fmax(v, xs.lo), xs.hi);
			if (layer == 0)
				rect(sc, bx0, rowy[k], bx1 - bx0, band, C_BAND);
			else if (layer == 1 && s->has_target && s->lower_better)
				rect(sc, at(&xs, t), rowy[k], bx1 - at(&xs, t),
				    band, C_BAND_DARK);
			else if (layer == 1 && s->has_target)
				rect(sc, bx0, rowy[k], at(&xs, t) - bx0, band,
				    C_BAND_DARK);
			else if (layer == 2 && !isnan(v) && zero)
				rect(sc, at(&xs, 0), mid - 3.5, at(&xs, v) -
				    at(&xs, 0), 7, s->color);
			else if (layer == 3 && s->has_target &&
			    s->target >= xs.lo && s->target <= xs.hi)
				line(sc, at(&xs, s->target), rowy[k] - 2,
				    at(&xs, s->target), rowy[k] + band + 2,
				    C_TEXT, 2, 0);
			else if (layer == 4 && !isnan(v) && !zero)
				circle(sc, at(&xs, v), mid, 4.5, s->color,
				    C_WHITE);
		}
	free(rowy);
	if (L->sp->shared_scale && L->ns > 0) {
		row_scale(L, 0, glo, ghi, bx0, bx1, &xs);
		bullet_ticks(L, &L->s[0], &xs, y - 6, 1);
		y += SMALL_PT * 1.2 + 2;
	}
	free(vals);
	sc->height = L->sp->height > 0 && !L->compact ? L->sp->height :
	    ceil(y + 4);
}

/* --- heat strip ------------------------------------------------------ */

/* The band of a value: 0 the best; nbands for no value. */
static size_t
band_of(const struct spec *sp, double v)
{
	size_t b;

	if (isnan(v))
		return sp->nbands;
	for (b = 0; b < sp->nbands; b++)
		if (v >= sp->bands[b].from)
			return b;
	return sp->nbands - 1;
}

/* The relative luminance of a colour (WCAG). */
static double
luminance(uint32_t c)
{
	double l[3];
	int i;

	for (i = 0; i < 3; i++) {
		double x = (double)((c >> (16 - 8 * i)) & 0xFF) / 255;

		l[i] = x <= 0.04045 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

/* White or the text colour, whichever stands out more on `bg`. */
static uint32_t
ink_on(uint32_t bg)
{
	double l = luminance(bg);

	return 1.05 / (l + 0.05) >= (l + 0.05) / (luminance(C_TEXT) + 0.05) ?
	    C_WHITE : C_TEXT;
}

/* 1 when every category of a heat strip is a date ("2026-10-07"). */
static int
dated(const struct layout *L)
{
	size_t i;

	for (i = 0; i < L->ncat; i++)
		if (strlen(L->cat_long[i]) != 10 || L->cat_long[i][4] != '-' ||
		    L->cat_long[i][7] != '-')
			return 0;
	return L->ncat > 0;
}

/*
 * The compact heat strip, from y: the cells in rows as in a calendar, a
 * week of days a row (else as many cells as fit), each with its label
 * inside, at the normal size.
 */
static void
heat_rows(struct layout *L, double y)
{
	const struct spec *sp = L->sp;
	struct scene *sc = L->sc;
	const struct sdata *s = &L->s[0];
	double cw, ch = 22, gap = 2, labw = 0;
	size_t i, b, per, rows;

	for (i = 0; i < s->n; i++)
		labw = fmax(labw, width(L->cat[i], SMALL_PT, 0));
	per = dated(L) ? 7 : (size_t)fmax(1, floor(sc->width / fmax(labw + 8,
	    20)));
	per = per < s->n ? per : s->n;
	cw = sc->width / (double)per;
	rows = (s->n + per - 1) / per;
	for (b = 0; b <= sp->nbands; b++)
		for (i = 0; i < s->n; i++) {
			if (band_of(sp, s->v[i]) != b)
				continue;
			rect(sc, (double)(i % per) * cw + gap / 2, y +
			    (double)(i / per) * (ch + gap), cw - gap, ch,
			    b < sp->nbands ? heat[b] : C_BAND);
			if (b == sp->nbands) {
				sc->v[sc->n - 1].stroke = C_AXIS;
				sc->v[sc->n - 1].lw = 0.5f;
			}
		}
	for (i = 0; i < s->n; i++) {
		size_t band = band_of(sp, s->v[i]);
		char *t = fit(L->cat[i], SMALL_PT, 0, cw - gap - 2);

		text(sc, ((double)(i % per) + 0.5) * cw, middle(y +
		    (double)(i / per) * (ch + gap) + ch / 2, SMALL_PT), 'c',
		    SMALL_PT, 0, ink_on(band < sp->nbands ? heat[band] :
		    C_BAND), t);
		free(t);
	}
	sc->height = ceil(y + (double)rows * (ch + gap) + 4);
}

static void
layout_heat(struct layout *L)
{
	const struct spec *sp = L->sp;
	struct scene *sc = L->sc;
	const struct sdata *s = &L->s[0];
	struct key keys[4];
	double y, cw, gap, ch = 20, labw = 0;
	size_t i, b, every;

	y = title(L);
	for (b = 0; b < sp->nbands; b++)
		keys[b] = (struct key){ SW_BOX, heat[b],
		    pick(sp->bands[b].label, L->locale) };
	keys[b] = (struct key){ SW_OUTLINE, C_BAND, sp->none_label ?
	    pick(sp->none_label, L->locale) : label(L, NULL, "no_data",
	    "No data") };
	y = legend(L, y, keys, sp->nbands + 1);
	if (s->n == 0) {
		no_data(L, y, y + ch);
		sc->height = y + ch + 4;
		return;
	}
	if (L->compact) {
		heat_rows(L, y);
		return;
	}
	cw = sc->width / (double)s->n;
	gap = fmin(2, cw * 0.15);
	/* Band by band: the cells of one colour together, for the backends. */
	for (b = 0; b <= sp->nbands; b++)
		for (i = 0; i < s->n; i++) {
			if (band_of(sp, s->v[i]) != b)
				continue;
			rect(sc, (double)i * cw + gap / 2, y, cw - gap, ch,
			    b < sp->nbands ? heat[b] : C_BAND);
			if (b == sp->nbands) {
				sc->v[sc->n - 1].stroke = C_AXIS;
				sc->v[sc->n - 1].lw = 0.5f;
			}
		}
	for (i = 0; i < s->n; i++)
		labw = fmax(labw, width(L->cat[i], SMALL_PT, 0));
	for (every = 1; every < s->n && labw > (double)every * cw - 2; every++)
		;
	for (i = 0; i < s->n; i += every)
		text(sc, ((double)i + 0.5) * cw, y + ch + 3 +
		    font_ascent(FONT_REGULAR) * SMALL_PT, 'c', SMALL_PT, 0,
		    C_MUTED, L->cat[i]);
	sc->height = sp->height > 0 ? sp->height :
	    ceil(y + ch + 3 + SMALL_PT * 1.2 + 4);
}

/* --- data ------------------------------------------------------------ */

/* Appends to s the numbers of `v` (an array, or one number), each divided
 * by the same entry of `per` (an array, a number, or NULL). */
static void
values(struct sdata *s, const json_t *v, const json_t *per)
{
	size_t i, n = json_is_array(v) ? json_array_size(v) : 1;

	s->v = xrealloc(s->v, (s->n + n + 1) * sizeof(*s->v));
	for (i = 0; i < n; i++) {
		double x = num(json_is_array(v) ? json_array_get(v, i) : v);

		if (per != NULL) {
			double d = num(json_is_array(per) ?
			    json_array_get(per, i) : per);

			x = d != 0 && !isnan(d) ? x / d : NAN;
		}
		s->v[s->n++] = x;
	}
}

/* A number of the spec: the constant, or the value at its path (looked
 * up in `elem` first, then in the view); NAN when it has none. */
static double
numref_value(const struct layout *L, const struct numref *r,
    const json_t *elem)
{
	const json_t *j = NULL;

	if (!r->set)
		return NAN;
	if (r->path == NULL)
		return r->value;
	if (elem != NULL)
		j = resolve(elem, r->path, L->arg);
	if (j == NULL)
		j = resolve(L->view, r->path, L->arg);
	return num(j);
}

static struct sdata *
new_series(struct layout *L, const struct spec_series *ss, const char *lab)
{
	struct sdata *s;

	L->s = xrealloc(L->s, (L->ns + 1) * sizeof(*L->s));
	s = &L->s[L->ns++];
	memset(s, 0, sizeof(*s));
	figure_of(ss->path, L->arg, s->figure, sizeof(s->figure));
	s->decimals = ss->decimals;
	s->dashed = ss->dashed;
	s->want = ss->color;
	if (lab == NULL && ss->label)
		lab = pick(ss->label, L->locale);
	if (lab == NULL && s->figure[0])
		lab = label(L, "figures", s->figure, s->figure);
	s->label = xstrdup(lab ? lab : ss->path);
	s->unit = -1;
	unit_of(L, s, &s->unit, &s->udec);
	return s;
}

/* A bullet's row: value, target and scale. */
static void
bullet_row(struct layout *L, const struct spec_series *ss, struct sdata *s,
    const json_t *elem)
{
	double v = s->n ? s->v[0] : NAN, least, most;
	struct scale t;

	if (s->n == 0)
		values(s, json_null(), NULL);
	s->target = numref_value(L, &ss->target, elem);
	s->has_target = !isnan(s->target);
	s->lower_better = ss->lower_better;
	least = fmin(isnan(v) ? INFINITY : v, s->has_target ? s->target :
	    INFINITY);
	most = fmax(isnan(v) ? -INFINITY : v, s->has_target ? s->target :
	    -INFINITY);
	if (isinf(least))
		least = most = 0;
	s->hi = numref_value(L, &ss->max, elem);
	if (isnan(s->hi) || s->hi < most) {
		/* Zero too: a negative value's bar runs left from it. */
		nice_scale(fmin(0, least), fmax(0, most), 4, 0, &t);
		s->hi = t.hi;
	}
	s->lo = numref_value(L, &ss->min, elem);
	if (isnan(s->lo) || s->lo > least)
		s->lo = ss->zoom ? zoom_lo(s->hi, least) : fmin(0, least);
	if (!(s->hi > s->lo))
		s->hi = s->lo + 1;
	if (ss->target_label)
		s->target_label = xstrdup(pick(ss->target_label, L->locale));
}

/* A category of x: short label, long label, and the year line. */
static void
category(struct layout *L, const char *shrt, const char *lng, const char *yr)
{
	L->cat = xrealloc(L->cat, (L->ncat + 1) * sizeof(*L->cat));
	L->cat_long = xrealloc(L->cat_long, (L->ncat + 1) *
	    sizeof(*L->cat_long));
	L->cat_year = xrealloc(L->cat_year, (L->ncat + 1) *
	    sizeof(*L->cat_year));
	L->cat[L->ncat] = xstrdup(shrt);
	L->cat_long[L->ncat] = xstrdup(lng);
	L->cat_year[L->ncat] = yr ? xstrdup(yr) : NULL;
	L->ncat++;
}

/* A date's label: the day of "2026-10-07" ("7"), or the text itself. */
static void
day_category(struct layout *L, const char *s)
{
	char day[8];

	if (s && strlen(s) == 10 && s[4] == '-' && s[7] == '-') {
		snprintf(day, sizeof(day), "%d", atoi(s + 8));
		category(L, day, s, NULL);
	} else
		category(L, s ? s : "", s ? s : "", NULL);
}

/* The 12 months of a series ending at the report's month. */
static void
month_categories(struct layout *L, size_t n)
{
	const json_t *names = json_object_get(L->labels, "month_names");
	const json_t *abbr = json_object_get(L->labels, "month_abbr");
	const char *month = json_string_value(json_object_get(L->view,
	    "month"));
	char yr[16], num[24];
	struct buf lng = BUF_INIT, ab = BUF_INIT;
	size_t i;
	int k;

	if (month == NULL || strlen(month) != 7 || n != 12) {
		for (i = 0; i < n; i++) {
			snprintf(num, sizeof(num), "%zu", i + 1);
			category(L, num, num, NULL);
		}
		return;
	}
	for (i = 0; i < n; i++) {
		const char *full, *a;

		k = atoi(month) * 12 + atoi(month + 5) - 1 - (int)(n - 1 - i);
		full = json_string_value(json_array_get(names, (size_t)(k %
		    12)));
		a = json_string_value(json_array_get(abbr, (size_t)(k % 12)));
		snprintf(yr, sizeof(yr), "%d", k / 12);
		buf_reset(&lng);
		buf_reset(&ab);
		if (full)
			buf_addf(&lng, "%s %s", full, yr);
		else
			buf_addf(&lng, "%s-%02d", yr, k % 12 + 1);
		if (a)
			buf_addstr(&ab, a);
		else
			buf_addf(&ab, "%02d", k % 12 + 1);
		category(L, ab.ptr, lng.ptr, yr);
	}
	buf_release(&lng);
	buf_release(&ab);
}

/* Reads the series of the spec from the view. */
static void
gather(struct layout *L)
{
	const struct spec *sp = L->sp;
	size_t i, j;

	for (i = 0; i < sp->nseries; i++) {
		const struct spec_series *ss = &sp->series[i];
		const json_t *list, *e;
		struct sdata *s;

		if (ss->each == NULL) {
			s = new_series(L, ss, NULL);
			values(s, resolve(L->view, ss->path, L->arg),
			    ss->per ? resolve(L->view, ss->per, L->arg) :
			    NULL);
			if (sp->type == CT_BULLET)
				bullet_row(L, ss, s, NULL);
			if (sp->type == CT_HEAT)
				for (j = 0; j < s->n; j++) {
					char d[24];

					snprintf(d, sizeof(d), "%zu", j + 1);
					category(L, d, d, NULL);
				}
			continue;
		}
		list = resolve(L->view, ss->each, L->arg);
		s = NULL;
		json_array_foreach(list, j, e) {
			struct buf lb = BUF_INIT;
			const char *lab;
			int p;

			/* The element's label: its label paths' texts. */
			for (p = 0; p < ss->nlabel_path; p++) {
				const char *t = json_string_value(resolve(e,
				    ss->label_path[p], L->arg));

				if (t != NULL)
					buf_addf(&lb, "%s%s", lb.len ?
					    " \xC2\xB7 " : "", t);
			}
			lab = lb.len ? lb.ptr : NULL;

			if (sp->type == CT_HEAT) {
				/* One cell per element, in one series. */
				if (s == NULL)
					s = new_series(L, ss, NULL);
				values(s, resolve(e, ss->path, L->arg),
				    ss->per ? resolve(e, ss->per, L->arg) :
				    NULL);
				s->n = j + 1;
				day_category(L, lab);
				buf_release(&lb);
				continue;
			}
			if (L->ns == MAX_SERIES * 4) {
				buf_release(&lb);
				break;
			}
			s = new_series(L, ss, lab);
			buf_release(&lb);
			values(s, resolve(e, ss->path, L->arg), ss->per ?
			    resolve(e, ss->per, L->arg) : NULL);
			if (sp->type == CT_BULLET)
				bullet_row(L, ss, s, e);
		}
		if (sp->type == CT_HEAT && s == NULL)
			new_series(L, ss, NULL);
	}
	if (sp->type != CT_BULLET && sp->type != CT_HEAT && L->ns > 0)
		month_categories(L, L->s[0].n);
	/* The target line of a line or bar chart. */
	L->target = numref_value(L, &sp->target, NULL);
	L->has_target = !isnan(L->target);
	if (L->has_target) {
		struct buf b = BUF_INIT, v = BUF_INIT;
		const char *params[] = { "value", NULL, NULL };

		fmt(L, L->ns ? &L->s[0] : NULL, L->target, &v);
		params[1] = v.ptr;
		if (sp->target_label)
			buf_addf(&b, "%s%s%s", pick(sp->target_label,
			    L->locale), label(L, NULL, "colon", ": "), v.ptr);
		else
			buf_subst(&b, label(L, "charts", "target",
			    "Target: {{value}}"), params);
		L->target_label = buf_detach(&b, NULL);
		buf_release(&v);
	}
}

uint32_t
chart_brand_color(const json_t *view)
{
	const char *s = json_string_value(json_object_get(json_object_get(view,
	    "brand"), "color"));
	double c[3], lum;
	int i, tries;

	if (s == NULL || strlen(s) != 7 || s[0] != '#' ||
	    strspn(s + 1, "0123456789abcdefABCDEF") != 6)
		return palette[0];
	for (i = 0; i < 3; i++) {
		char h[3] = { s[1 + 2 * i], s[2 + 2 * i], 0 };

		c[i] = (double)strtol(h, NULL, 16) / 255;
	}
	for (tries = 0; tries < 40; tries++) {
		double l[3];

		for (i = 0; i < 3; i++)
			l[i] = c[i] <= 0.04045 ? c[i] / 12.92 :
			    pow((c[i] + 0.055) / 1.055, 2.4);
		lum = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
		if (1.05 / (lum + 0.05) >= 3)
			break;
		for (i = 0; i < 3; i++)
			c[i] *= 0.9;
	}
	return (uint32_t)lround(c[0] * 255) << 16 |
	    (uint32_t)lround(c[1] * 255) << 8 | (uint32_t)lround(c[2] * 255);
}

static double
color_distance(uint32_t a, uint32_t b)
{
	double d = 0;
	int sh;

	for (sh = 0; sh <= 16; sh += 8) {
		double x = (double)((a >> sh) & 0xFF) - (double)((b >> sh) &
		    0xFF);

		d += x * x;
	}
	return sqrt(d);
}

/*
 * The brand colour for the first series, then the palette, skipping what
 * looks like the brand; grey for reference series. Lines beyond the
 * palette take its colours again, dashed.
 */
static void
colors(struct layout *L)
{
	size_t k, p = 0, used = 0, avail = 0;
	int brand_used = 0;

	for (k = 0; k < ARRAY_SIZE(palette); k++)
		if (color_distance(palette[k], L->brand) >= 90)
			avail++;
	for (k = 0; k < L->ns; k++)
		if (L->s[k].want == COLOR_BRAND) {
			L->s[k].color = L->brand;
			brand_used = 1;
		} else if (L->s[k].want == COLOR_GREY)
			L->s[k].color = C_GREY;
	for (k = 0; k < L->ns; k++) {
		struct sdata *s = &L->s[k];

		if (s->want != COLOR_AUTO)
			continue;
		/* A bullet's rows are one measure each: one colour. */
		if (!brand_used || L->sp->type == CT_BULLET) {
			s->color = L->brand;
			brand_used = 1;
			continue;
		}
		while (color_distance(palette[p % ARRAY_SIZE(palette)],
		    L->brand) < 90)
			p++;
		s->color = palette[p++ % ARRAY_SIZE(palette)];
		if (used++ >= avail && L->sp->type == CT_LINE)
			s->dashed = 1;
	}
}

/*
 * Bars and stacks of more than MAX_SHOWN series keep the MAX_SHOWN - 1
 * largest (by the sum of their magnitudes), in their order, and add the
 * others up as one grey "Other".
 */
static void
group_other(struct layout *L)
{
	double *total, *cut, *o;
	size_t k, i, keep = 0, n = 0;
	struct sdata *other;

	if ((L->sp->type != CT_BAR && L->sp->type != CT_STACKED) ||
	    L->ns <= MAX_SHOWN)
		return;
	total = xcalloc(L->ns, sizeof(*total));
	cut = xcalloc(L->ns, sizeof(*cut));
	for (k = 0; k < L->ns; k++)
		for (i = 0; i < L->s[k].n; i++)
			if (!isnan(L->s[k].v[i]))
				total[k] += fabs(L->s[k].v[i]);
	memcpy(cut, total, L->ns * sizeof(*cut));
	/* The (MAX_SHOWN - 1)-th largest total: those above it stay. */
	for (k = 0; k < MAX_SHOWN - 1; k++) {
		size_t best = 0;

		for (i = 1; i < L->ns; i++)
			if (cut[i] > cut[best])
				best = i;
		cut[best] = -1;
	}
	o = xcalloc(L->ncat ? L->ncat : 1, sizeof(*o));
	for (i = 0; i < L->ncat; i++)
		o[i] = NAN;
	for (k = 0; k < L->ns; k++) {
		if (cut[k] < 0) {
			L->s[keep++] = L->s[k];
			continue;
		}
		for (i = 0; i < L->s[k].n && i < L->ncat; i++)
			if (!isnan(L->s[k].v[i]))
				o[i] = (isnan(o[i]) ? 0 : o[i]) + L->s[k].v[i];
		n = L->s[k].n > n ? L->s[k].n : n;
		free(L->s[k].label);
		free(L->s[k].v);
		free(L->s[k].target_label);
	}
	other = &L->s[keep];
	memset(other, 0, sizeof(*other));
	other->label = xstrdup(label(L, "charts", "other", "Other"));
	other->v = o;
	other->n = n < L->ncat ? n : L->ncat;
	other->want = COLOR_GREY;
	other->decimals = L->s[0].decimals;
	other->unit = L->s[0].unit;
	other->udec = L->s[0].udec;
	memcpy(other->figure, L->s[0].figure, sizeof(other->figure));
	L->ns = keep + 1;
	free(total);
	free(cut);
}

/* --- the text alternative and the table ------------------------------ */

/* Appends a sentence of labels.charts.<key> with its parameters. */
static void
say(const struct layout *L, struct buf *b, const char *key, const char *dflt,
    const char *const *params)
{
	if (b->len > 0)
		buf_addstr(b, ". ");
	buf_subst(b, label(L, "charts", key, dflt), params);
}

/* What a series shows: latest value, change, low and high. */
static void
alt_series(const struct layout *L, const struct sdata *s, struct buf *b)
{
	struct buf v = BUF_INIT, pv = BUF_INIT, lo = BUF_INIT, hi = BUF_INIT;
	size_t i, last = (size_t)-1, ilo = 0, ihi = 0, count = 0;
	const char *p[16];
	size_t np = 0;

	for (i = 0; i < s->n && i < L->ncat; i++) {
		if (isnan(s->v[i]))
			continue;
		if (count++ == 0 || s->v[i] < s->v[ilo])
			ilo = i;
		if (count == 1 || s->v[i] > s->v[ihi])
			ihi = i;
		last = i;
	}
	if (last == (size_t)-1) {
		p[0] = "series", p[1] = s->label, p[2] = NULL;
		say(L, b, "none", "{{series}}: no data", p);
		return;
	}
	fmt(L, s, s->v[last], &v);
	p[np++] = "series", p[np++] = s->label;
	p[np++] = "value", p[np++] = v.ptr;
	p[np++] = "month", p[np++] = L->cat_long[last];
	p[np] = NULL;
	say(L, b, "latest", "{{series}}: {{value}} in {{month}}", p);
	if (last > 0 && !isnan(s->v[last - 1])) {
		double d = s->v[last] - s->v[last - 1];

		fmt(L, s, s->v[last - 1], &pv);
		np = 0;
		p[np++] = "direction";
		/* The change as shown: equal displays are "unchanged". */
		p[np++] = strcmp(v.ptr, pv.ptr) == 0 ? label(L, "charts",
		    "same", "unchanged") : d > 0 ? label(L, "charts", "up",
		    "up") : label(L, "charts", "down", "down");
		p[np++] = "previous", p[np++] = pv.ptr;
		p[np++] = "month", p[np++] = L->cat_long[last - 1];
		p[np] = NULL;
		buf_addstr(b, ", ");
		buf_subst(b, label(L, "charts", "change",
		    "{{direction}} from {{previous}} in {{month}}"), p);
	}
	if (count >= 3) {
		/* The trend: the least-squares slope over the period, against
		 * the values' typical size (steady within 2%). */
		double sx = 0, sy = 0, sxx = 0, sxy = 0, mag = 0, slope, nn;
		char cnt[24];

		for (i = 0; i < s->n && i < L->ncat; i++)
			if (!isnan(s->v[i])) {
				sx += (double)i;
				sy += s->v[i];
				sxx += (double)i * (double)i;
				sxy += (double)i * s->v[i];
				mag += fabs(s->v[i]);
			}
		nn = (double)count;
		slope = (nn * sxy - sx * sy) / (nn * sxx - sx * sx);
		snprintf(cnt, sizeof(cnt), "%zu", L->ncat);
		np = 0;
		p[np++] = "count", p[np++] = cnt;
		p[np++] = "direction";
		p[np++] = fabs(slope * (double)(L->ncat - 1)) <= 0.02 * mag / nn ?
		    label(L, "charts", "steady", "steady") : slope > 0 ?
		    label(L, "charts", "rising", "rising") : label(L, "charts",
		    "falling", "falling");
		p[np] = NULL;
		buf_addstr(b, label(L, "charts", "semicolon", "; "));
		buf_subst(b, label(L, "charts", "trend",
		    "trend over {{count}} months: {{direction}}"), p);
		fmt(L, s, s->v[ilo], &lo);
		fmt(L, s, s->v[ihi], &hi);
		np = 0;
		p[np++] = "low", p[np++] = lo.ptr;
		p[np++] = "low_month", p[np++] = L->cat_long[ilo];
		p[np++] = "high", p[np++] = hi.ptr;
		p[np++] = "high_month", p[np++] = L->cat_long[ihi];
		p[np] = NULL;
		buf_addstr(b, label(L, "charts", "semicolon", "; "));
		buf_subst(b, label(L, "charts", "range",
		    "lowest {{low}} ({{low_month}}), highest {{high}} "
		    "({{high_month}})"), p);
	}
	buf_release(&v);
	buf_release(&pv);
	buf_release(&lo);
	buf_release(&hi);
}

static void
alt_bullet(const struct layout *L, const struct sdata *s, struct buf *b)
{
	struct buf v = BUF_INIT, t = BUF_INIT;
	const char *p[] = { "label", s->label, "value", NULL, "target", NULL,
		NULL };

	fmt(L, s, s->v[0], &v);
	p[3] = v.ptr;
	if (s->has_target) {
		fmt(L, s, s->target, &t);
		p[5] = t.ptr;
		say(L, b, "row_target", "{{label}}: {{value}} against a target "
		    "of {{target}}", p);
	} else
		say(L, b, "row", "{{label}}: {{value}}", p);
	buf_release(&v);
	buf_release(&t);
}

/* The days of each band of a heat strip, listed but for the best. */
static void
alt_heat(const struct layout *L, struct buf *b)
{
	const struct spec *sp = L->sp;
	const struct sdata *s = &L->s[0];
	struct buf days = BUF_INIT;
	char count[24];
	size_t band, i, n;

	for (band = 0; band <= sp->nbands; band++) {
		const char *p[] = { "label", band < sp->nbands ?
		    pick(sp->bands[band].label, L->locale) : sp->none_label ?
		    pick(sp->none_label, L->locale) : label(L, NULL, "no_data",
		    "No data"), "count", count, "days", NULL, NULL };

		buf_reset(&days);
		for (i = n = 0; i < s->n; i++)
			if (band_of(sp, s->v[i]) == band)
				buf_addf(&days, "%s%s", n++ ? ", " : "",
				    L->cat[i]);
		if (n == 0)
			continue;
		snprintf(count, sizeof(count), "%zu", n);
		p[5] = days.ptr;
		if (band == 0)
			say(L, b, "days", "{{label}}: {{count}} days", p);
		else
			say(L, b, "days_list", "{{label}}: {{count}} days "
			    "({{days}})", p);
	}
	buf_release(&days);
}

static void
alt_text(struct layout *L)
{
	struct buf b = BUF_INIT;
	size_t k;

	if (L->out->title && L->out->title[0])
		buf_addstr(&b, L->out->title);
	if (L->ns == 0)
		say(L, &b, "none", "{{series}}: no data", (const char *[]){
		    "series", L->out->title ? L->out->title : "", NULL });
	switch (L->sp->type) {
	case CT_BULLET:
		for (k = 0; k < L->ns; k++)
			alt_bullet(L, &L->s[k], &b);
		break;
	case CT_HEAT:
		if (L->ns > 0)
			alt_heat(L, &b);
		break;
	default:
		for (k = 0; k < L->ns; k++)
			alt_series(L, &L->s[k], &b);
		if (L->has_target) {
			if (b.len > 0)
				buf_addstr(&b, ". ");
			buf_addstr(&b, L->target_label);
		}
		break;
	}
	buf_addch(&b, '.');
	L->out->alt = buf_detach(&b, NULL);
}

static void
cell(struct chart_table *t, size_t r, size_t c, const char *s)
{
	t->cell[r * t->cols + c] = xstrdup(s ? s : "");
}

static void
cell_value(const struct layout *L, const struct sdata *s, double v,
    struct chart_table *t, size_t r, size_t c)
{
	struct buf b = BUF_INIT;

	fmt(L, s, v, &b);
	t->cell[r * t->cols + c] = buf_detach(&b, NULL);
}

/* The numbers of the chart: a row per category (per row of a bullet). */
static void
table(struct layout *L)
{
	struct chart_table *t = &L->out->table;
	size_t r, k;

	if (L->sp->type == CT_BULLET) {
		t->rows = L->ns + 1;
		t->cols = 3;
		t->cell = xcalloc(t->rows * t->cols, sizeof(*t->cell));
		cell(t, 0, 0, "");
		cell(t, 0, 1, label(L, "charts", "value", "Value"));
		cell(t, 0, 2, label(L, "charts", "target_column", "Target"));
		for (r = 0; r < L->ns; r++) {
			cell(t, r + 1, 0, L->s[r].label);
			cell_value(L, &L->s[r], L->s[r].v[0], t, r + 1, 1);
			cell_value(L, &L->s[r], L->s[r].has_target ?
			    L->s[r].target : NAN, t, r + 1, 2);
		}
		return;
	}
	t->rows = L->ncat + 1;
	t->cols = L->ns + 1;
	t->cell = xcalloc(t->rows * t->cols, sizeof(*t->cell));
	cell(t, 0, 0, L->sp->type == CT_HEAT ? label(L, "charts", "day",
	    "Day") : label(L, "charts", "month", "Month"));
	for (k = 0; k < L->ns; k++)
		cell(t, 0, k + 1, L->s[k].label);
	for (r = 0; r < L->ncat; r++) {
		cell(t, r + 1, 0, L->cat_long[r]);
		for (k = 0; k < L->ns; k++)
			cell_value(L, &L->s[k], r < L->s[k].n ? L->s[k].v[r] :
			    NAN, t, r + 1, k + 1);
	}
}

/* --- the chart ------------------------------------------------------- */

/* Lays out the scene L->sc as the spec's type has it. */
static void
layout_scene(struct layout *L)
{
	switch (L->sp->type) {
	case CT_BULLET:
		layout_bullet(L);
		break;
	case CT_HEAT:
		layout_heat(L);
		break;
	case CT_SPARKLINE:
		layout_sparkline(L);
		break;
	default:
		layout_xy(L);
		break;
	}
}

int
chart_layout(const struct chart_set *cs, const char *name, const char *arg,
    const json_t *view, const json_t *labels, struct chart *out)
{
	const struct spec *sp = chart_set_find(cs, name);
	const json_t *tenant = json_object_get(view, "tenant");
	struct layout L;
	size_t i;

	memset(out, 0, sizeof(*out));
	buf_init(&out->scene.text);
	buf_init(&out->compact.text);
	if (sp == NULL)
		return -1;
	memset(&L, 0, sizeof(L));
	L.sp = sp;
	L.view = view;
	L.labels = labels;
	L.arg = arg;
	L.locale = json_string_value(json_object_get(tenant, "locale"));
	L.currency = json_string_value(json_object_get(tenant, "currency"));
	if (L.locale == NULL)
		L.locale = "en-CA";
	L.brand = chart_brand_color(view);
	L.sc = &out->scene;
	L.out = out;
	snprintf(out->name, sizeof(out->name), "%s", name);
	snprintf(out->arg, sizeof(out->arg), "%s", arg ? arg : "");
	snprintf(out->file, sizeof(out->file), "%s%s%s", name, arg ? "-" : "",
	    arg ? arg : "");
	out->scene.width = WIDTH;
	out->scene.background = C_WHITE;
	gather(&L);
	group_other(&L);
	colors(&L);
	if (sp->title)
		out->title = xstrdup(pick(sp->title, L.locale));
	else
		out->title = xstrdup(L.ns ? L.s[0].label : name);
	layout_scene(&L);
	/* The phone's layout: the same code on a narrow canvas. */
	if (sp->type != CT_SPARKLINE) {
		L.sc = &out->compact;
		L.compact = 1;
		out->compact.width = CHART_COMPACT_W;
		out->compact.background = C_WHITE;
		layout_scene(&L);
	}
	alt_text(&L);
	table(&L);
	for (i = 0; i < L.ns; i++) {
		free(L.s[i].label);
		free(L.s[i].v);
		free(L.s[i].target_label);
	}
	free(L.s);
	for (i = 0; i < L.ncat; i++) {
		free(L.cat[i]);
		free(L.cat_long[i]);
		free(L.cat_year[i]);
	}
	free(L.cat);
	free(L.cat_long);
	free(L.cat_year);
	free(L.target_label);
	return 0;
}

void
chart_release(struct chart *c)
{
	size_t i;

	free(c->scene.v);
	free(c->scene.pts);
	buf_release(&c->scene.text);
	free(c->compact.v);
	free(c->compact.pts);
	buf_release(&c->compact.text);
	free(c->title);
	free(c->alt);
	for (i = 0; i < c->table.rows * c->table.cols; i++)
		free(c->table.cell[i]);
	free(c->table.cell);
	memset(c, 0, sizeof(*c));
}

/* 1 when scenes x and y are the same picture. */
static int
scene_same(const struct scene *x, const struct scene *y)
{
	return x->width == y->width && x->height == y->height &&
	    x->background == y->background && x->n == y->n &&
	    x->npts == y->npts && x->text.len == y->text.len &&
	    (x->n == 0 || memcmp(x->v, y->v, x->n * sizeof(*x->v)) == 0) &&
	    (x->npts == 0 || memcmp(x->pts, y->pts, x->npts *
	    sizeof(*x->pts)) == 0) &&
	    (x->text.len == 0 || memcmp(x->text.ptr, y->text.ptr,
	    x->text.len) == 0);
}

int
chart_same(const struct chart *a, const struct chart *b)
{
	return scene_same(&a->scene, &b->scene) &&
	    scene_same(&a->compact, &b->compact) &&
	    strcmp(a->title ? a->title : "", b->title ? b->title : "") == 0 &&
	    strcmp(a->alt ? a->alt : "", b->alt ? b->alt : "") == 0;
}

void
chart_list_release(struct chart_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		chart_release(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
