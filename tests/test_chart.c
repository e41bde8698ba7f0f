/*
 * test_chart.c: chart layout. Axis steps are 1-2-5; on random data of every
 * shape (nulls, negatives, huge and tiny values, long names, many series)
 * every chart keeps its labels on the canvas and apart; nulls are gaps;
 * the brand colour stands out; spec errors; the same SVG in any order.
 * The layout truths (SPEC 5.5), read back from the scenes, wide and
 * compact: bars start at zero; a small change of a line is not stretched
 * over the plot; the compact heat strip is a calendar.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "chart_cairo.h"
#include "chart_int.h"
#include "font.h"
#include "view.h"
#include "xorshift.h"

static struct chart_set *cs;
static json_t *strings[2];

static uint64_t rng = 0x9E3779B97F4A7C15u;

static double
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) / 9007199254740992.0;
}

static int
setup(void **state)
{
	(void)state;
	cs = chart_set_load(NULL);
	strings[0] = view_strings(NULL, "en-CA");
	strings[1] = view_strings(NULL, "fr-CA");
	return cs && strings[0] && strings[1] ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	chart_set_free(cs);
	json_decref(strings[0]);
	json_decref(strings[1]);
	return 0;
}

static void
test_ticks(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		double a = (rnd() - 0.3) * pow(10, rnd() * 16 - 8);
		double b = a + rnd() * pow(10, rnd() * 16 - 8), lo, hi, step;
		double m, n;

		chart_nice_scale(a, b, 5, &lo, &hi, &step);
		m = step / pow(10, floor(log10(step) + 1e-12));
		assert_true(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 ||
		    fabs(m - 5) < 1e-9);
		/* Within a millionth of a step: not a visible miss. */
		assert_true(lo <= a + step * 1e-6);
		assert_true(hi >= b - step * 1e-6);
		n = (hi - lo) / step;
		assert_true(n >= 2.5 && n <= 12.5);
		assert_true(fabs(n - round(n)) < 1e-6);
	}
}

/* Ends beyond doubles (found by fuzz_chart: a spec's max of 6E999 hung
 * the bullet's tick loop) still give a handful of finite ticks. */
static void
test_ticks_extreme(void **state)
{
	static const double ends[][2] = { { -INFINITY, INFINITY },
		{ 0, INFINITY }, { -1e308, 1e308 }, { 0, 6e307 },
		{ 1e300, 1e300 } };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		double lo, hi, step, n;

		chart_nice_scale(ends[i][0], ends[i][1], 4, &lo, &hi, &step);
		n = (hi - lo) / step;
		assert_true(isfinite(lo) && isfinite(hi) && step > 0);
		assert_true(isfinite(n) && n >= 1 && n <= 12.5);
	}
}

/* A value for the series: none, or of a random sign and magnitude. */
static json_t *
value(double mag, int nulls, int negatives)
{
	if (nulls && rnd() < 0.2)
		return json_null();
	return json_real((negatives && rnd() < 0.3 ? -1 : 1) * rnd() * mag);
}

static const char *const figs[] = { "hours_saved", "cost_avoided",
	"error_reduction", "sla_adherence", "roi", "ai_cost", "errors",
	"tasks", "baseline_errors", "accuracy", "hallucination_rate",
	"llm_cost", "cost_per_task", "availability", "error_budget_used" };

static const char *
long_name(int k)
{
	static char b[8][96];
	static const char *const words[] = { "Patient", "intake", "triage",
		"Évaluation", "des", "réclamations", "customer", "support",
		"chatbot", "x" };
	int i, n = 1 + (int)(rnd() * 9);

	b[k][0] = '\0';
	for (i = 0; i < n; i++)
		snprintf(b[k] + strlen(b[k]), sizeof(b[k]) - strlen(b[k]),
		    "%s%s", i ? " " : "", words[(int)(rnd() * 10)]);
	return b[k];
}

/* A random view model with everything the built-in charts read. */
static json_t *
random_view(int locale)
{
	json_t *v = json_object(), *f = json_object(), *systems = json_array();
	json_t *days = json_array(), *integ = json_array(), *t;
	double mag = pow(10, rnd() * 12 - 3);
	int nulls = rnd() < 0.5, neg = rnd() < 0.3, i, k, ns;
	size_t j;

	t = json_pack("{s:s, s:s, s:s, s:s}", "id", "t", "name", "T", "locale",
	    locale ? "fr-CA" : "en-CA", "currency", rnd() < 0.5 ? "CAD" :
	    "EUR");
	json_object_set_new(v, "tenant", t);
	json_object_set_new(v, "month", json_string(rnd() < 0.5 ? "2026-10" :
	    "2027-01"));
	json_object_set_new(v, "brand", json_pack("{s:s}", "color",
	    rnd() < 0.3 ? "#FFEE00" : "#1F6FEB"));
	json_object_set_new(v, "targets", json_pack("{s:f, s:f}",
	    "availability", 0.9 + rnd() * 0.0999, "accuracy", rnd()));
	for (j = 0; j < sizeof(figs) / sizeof(figs[0]); j++) {
		json_t *s = json_array();

		for (i = 0; i < 12; i++)
			json_array_append_new(s, value(mag, nulls, neg));
		json_object_set_new(f, figs[j], json_pack("{s:o, s:o}", "value",
		    value(mag, nulls, neg), "series", s));
	}
	json_object_set_new(v, "figures", f);
	ns = (int)(rnd() * 8);
	for (k = 0; k < ns; k++) {
		json_t *s = json_array();

		for (i = 0; i < 12; i++)
			json_array_append_new(s, value(mag, nulls, neg));
		json_array_append_new(systems, json_pack("{s:s, s:{s:{s:o}}}",
		    "name", long_name(k), "figures", "llm_cost", "series", s));
		json_array_append_new(integ, json_pack("{s:s, s:s, s:f}",
		    "endpoint", long_name(k), "system", "sys", "success_rate",
		    rnd() < 0.5 ? 0.9 + rnd() * 0.1 : rnd()));
	}
	json_object_set_new(v, "systems", systems);
	json_object_set_new(v, "integrations", integ);
	k = 28 + (int)(rnd() * 4);
	for (i = 0; i < k; i++) {
		char d[24];
		int checks = (int)(rnd() * 3);

		snprintf(d, sizeof(d), "2026-10-%02d", i + 1);
		json_array_append_new(days, json_pack("{s:s, s:i, s:i}", "date",
		    d, "checks", checks, "met", rnd() < 0.8 ? checks :
		    checks / 2));
	}
	json_object_set_new(v, "days", days);
	return v;
}

/* Every shape and text of scene sc of chart c on the canvas; no two texts
 * overlap. */
static void
check_one(const struct chart *c, const struct scene *sc)
{
	const double e = 0.01, asc = font_ascent(FONT_REGULAR);
	const double desc = font_descent(FONT_REGULAR);
	size_t i, k;

	assert_true(sc->width > 0 && sc->height > 0);
	for (i = 0; i < sc->n; i++) {
		const struct scene_item *it = &sc->v[i];

		switch (it->op) {
		case SCENE_RECT:
			assert_true(it->w >= 0 && it->h >= 0);
			assert_true(it->x >= -e && it->y >= -e);
			assert_true(it->x + it->w <= sc->width + e);
			assert_true(it->y + it->h <= sc->height + e);
			break;
		case SCENE_CIRCLE:
			assert_true(it->x - it->w >= -e && it->y - it->w >= -e);
			assert_true(it->x + it->w <= sc->width + e);
			assert_true(it->y + it->w <= sc->height + e);
			break;
		case SCENE_LINE:
			for (k = 0; k < it->npts; k++) {
				double x = sc->pts[2 * (it->pts + k)];
				double y = sc->pts[2 * (it->pts + k) + 1];

				assert_true(x >= -e && x <= sc->width + e);
				assert_true(y >= -e && y <= sc->height + e);
			}
			break;
		case SCENE_TEXT:
			if (!(it->x >= -e && it->x + it->w <= sc->width + e &&
			    it->y - asc * it->h >= -e &&
			    it->y + desc * it->h <= sc->height + e))
				fail_msg("%s: text '%.*s' leaves the canvas",
				    c->file, (int)it->len, sc->text.ptr +
				    it->text);
			for (k = 0; k < i; k++) {
				const struct scene_item *o = &sc->v[k];

				if (o->op != SCENE_TEXT)
					continue;
				/* Boxes of ascent and descent, 1 pt of slack:
				 * the font's ascent holds accents no label has
				 * under another. */
				if (it->x + 0.5 < o->x + o->w &&
				    o->x + 0.5 < it->x + it->w &&
				    it->y - asc * it->h + 1 < o->y +
				    desc * o->h && o->y - asc * o->h + 1 <
				    it->y + desc * it->h)
					fail_msg("%s: '%.*s' overlaps '%.*s'",
					    c->file, (int)it->len, sc->text.ptr +
					    it->text, (int)o->len, sc->text.ptr +
					    o->text);
			}
			break;
		}
	}
}

/* Both layouts of a chart (the compact one when there is one). */
static void
check_scene(const struct chart *c)
{
	check_one(c, &c->scene);
	if (c->compact.width > 0)
		check_one(c, &c->compact);
}

static void check_truths(const struct chart *c, int type, int fr);

static void
test_random_views(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < 300; i++) {
		int fr = rnd() < 0.5;
		json_t *v = random_view(fr);

		for (k = 0; k < cs->n; k++) {
			struct chart c;

			assert_int_equal(chart_layout(cs, cs->v[k].name,
			    "hours_saved", v, json_object_get(strings[fr],
			    "labels"), &c), 0);
			check_scene(&c);
			check_truths(&c, cs->v[k].type, fr);
			assert_non_null(c.alt);
			assert_true(strlen(c.alt) > 0);
			assert_true(c.table.rows >= 1 && c.table.cols >= 1);
			chart_release(&c);
		}
		json_decref(v);
	}
}

/* A view with one figure's series; `gap` is null. */
static json_t *
series_view(const char *brand, int gap)
{
	json_t *s = json_array();
	int i;

	for (i = 0; i < 12; i++)
		json_array_append_new(s, i == gap ? json_null() :
		    json_real(100 + i));
	return json_pack("{s:{s:s, s:s}, s:s, s:{s:s}, s:{s:{s:o}}}",
	    "tenant", "locale", "en-CA", "currency", "CAD", "month",
	    "2026-10", "brand", "color", brand, "figures", "hours_saved",
	    "series", s);
}

static size_t
count(const struct chart *c, int op, uint32_t color)
{
	size_t i, n = 0;

	for (i = 0; i < c->scene.n; i++)
		if (c->scene.v[i].op == op && (op == SCENE_LINE ?
		    c->scene.v[i].stroke : c->scene.v[i].fill) == color)
			n++;
	return n;
}

static void
test_nulls_are_gaps(void **state)
{
	json_t *v = series_view("#1F6FEB", 5);
	const json_t *labels = json_object_get(strings[0], "labels");
	struct chart c;

	(void)state;
	assert_int_equal(chart_layout(cs, "hours_saved", NULL, v, labels, &c),
	    0);
	assert_int_equal(count(&c, SCENE_RECT, 0x1F6FEB), 11);
	chart_release(&c);
	assert_int_equal(chart_layout(cs, "accuracy", NULL, v, labels, &c), 0);
	chart_release(&c);
	json_decref(v);
	/* A line chart of the same series: two runs, eleven points. */
	v = series_view("#1F6FEB", 5);
	json_object_set(json_object_get(json_object_get(v, "figures"),
	    "accuracy") ? NULL : json_object_get(v, "figures"), "accuracy",
	    json_object_get(json_object_get(v, "figures"), "hours_saved"));
	assert_int_equal(chart_layout(cs, "accuracy", NULL, v, labels, &c), 0);
	assert_int_equal(count(&c, SCENE_LINE, 0x1F6FEB), 2);
	assert_int_equal(count(&c, SCENE_CIRCLE, 0x1F6FEB), 11);
	assert_non_null(strstr(c.alt, "in October 2026"));
	chart_release(&c);
	json_decref(v);
}

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

static void
test_brand_contrast(void **state)
{
	static const char *const brands[] = { "#FFEE00", "#FFFFFF", "#00FF00",
		"#1F6FEB", "#000000", "nonsense" };
	const json_t *labels = json_object_get(strings[0], "labels");
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(brands) / sizeof(brands[0]); i++) {
		json_t *v = series_view(brands[i], -1);
		struct chart c;
		uint32_t col = SCENE_NONE;

		assert_int_equal(chart_layout(cs, "hours_saved", NULL, v,
		    labels, &c), 0);
		for (k = 0; k < c.scene.n; k++)
			if (c.scene.v[k].op == SCENE_RECT && c.scene.v[k].h > 5)
				col = c.scene.v[k].fill;
		assert_true(col != SCENE_NONE);
		/* 3:1 against white, as WCAG asks of graphics. */
		assert_true(1.05 / (luminance(col) + 0.05) >= 3);
		chart_release(&c);
		json_decref(v);
	}
}

static void
test_svg_same_in_any_order(void **state)
{
	json_t *v = series_view("#1F6FEB", 3), *w = random_view(1);
	const json_t *labels = json_object_get(strings[0], "labels");
	struct buf a = BUF_INIT, b = BUF_INIT, other = BUF_INIT;
	struct chart c, d;

	(void)state;
	assert_int_equal(chart_layout(cs, "hours_saved", NULL, v, labels, &c),
	    0);
	assert_int_equal(chart_cairo_svg(&c, &a), 0);
	assert_int_equal(chart_layout(cs, "llm_cost", NULL, w,
	    json_object_get(strings[1], "labels"), &d), 0);
	assert_int_equal(chart_cairo_svg(&d, &other), 0);
	assert_int_equal(chart_cairo_svg(&c, &b), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	assert_non_null(strstr(a.ptr, "<title>Time saved by month</title>"));
	assert_non_null(strstr(a.ptr, "<desc>Time saved by month. "));
	chart_release(&c);
	chart_release(&d);
	buf_release(&a);
	buf_release(&b);
	buf_release(&other);
	json_decref(v);
	json_decref(w);
}

static int
spec(const char *text)
{
	return chart_spec_check("spec.json", text, strlen(text));
}

static void
test_spec_errors(void **state)
{
	(void)state;
	assert_int_equal(spec("{\"type\":\"bar\",\"series\":[{\"path\":"
	    "\"figures.x.series\"}]}"), 0);
	assert_int_equal(spec("{\"type\":\"pie\",\"series\":[{\"path\":"
	    "\"figures.x.series\"}]}"), -1);
	assert_int_equal(spec("{}"), -1);
	assert_int_equal(spec("["), -1);
	assert_int_equal(spec("{\"type\":\"line\",\"series\":[{\"path\":"
	    "\"a..b\"}]}"), -1);
	assert_int_equal(spec("{\"type\":\"heat_strip\",\"series\":[{"
	    "\"path\":\"x\"}]}"), -1);
}

static void
test_unknown_chart(void **state)
{
	json_t *v = series_view("#1F6FEB", -1);
	struct chart c;

	(void)state;
	assert_int_equal(chart_layout(cs, "no_such_chart", NULL, v,
	    json_object_get(strings[0], "labels"), &c), -1);
	chart_release(&c);
	json_decref(v);
}

/* Regression (fuzz_chart): a bar chart of one number per element has
 * categories without a year; drawing their labels read a NULL year. */
/* chart_cairo.c's __snprintf_chk, which Cairo calls for its numbers: the
 * same text as the C library's snprintf (not the _chk one, which the test
 * cannot reach: the definition takes its place in this program too). */
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen,
    const char *fmt, ...);

static void
test_cairo_numbers(void **state)
{
	static const char *const fmts[] = { "%f", "%.3f", "%.0f", "%.18f",
		"%.12f" };
	uint64_t x = 0x9E3779B97F4A7C15ull;
	char got[128], want[128];
	int i, k, prec;

	(void)state;
	for (i = 0; i < 300000; i++) {
		double d;

		xorshift(&x);
		switch (i % 4) {
		case 0:	/* coordinates, widths, percentages */
			d = (double)(x % 100000000) / 100000.0;
			break;
		case 1:	/* halves and other ties at some precision */
			d = (double)(x % 4096) / 64.0 + 0.5e-6 * (double)(x >> 62);
			break;
		case 2:	/* tiny, as Cairo's %.18f ones */
			d = ldexp((double)(x >> 11), -53 - (int)(x % 60));
			break;
		default:	/* any bits */
			memcpy(&d, &x, sizeof(d));
			break;
		}
		if (x & 1)
			d = -d;
		for (k = 0; k < (int)(sizeof(fmts) / sizeof(*fmts)); k++) {
			__snprintf_chk(got, sizeof(got), 1, sizeof(got), fmts[k],
			    d);
			snprintf(want, sizeof(want), fmts[k], d);
			if (strcmp(got, want) != 0)
				fail_msg("%s of %.17g: %s, want %s", fmts[k], d,
				    got, want);
		}
		prec = (int)(x % 19);
		__snprintf_chk(got, sizeof(got), 1, sizeof(got), "%.*f", prec,
		    d);
		snprintf(want, sizeof(want), "%.*f", prec, d);
		if (strcmp(got, want) != 0)
			fail_msg("%%.%df of %.17g: %s, want %s", prec, d, got,
			    want);
	}
	/* Cut short as snprintf cuts, with its length. */
	assert_int_equal(__snprintf_chk(got, 5, 1, sizeof(got), "%f",
	    3.25), 8);
	assert_string_equal(got, "3.25");
	/* Other formats are the C library's. */
	__snprintf_chk(got, sizeof(got), 1, sizeof(got), "%d-%s", 7, "x");
	assert_string_equal(got, "7-x");
	__snprintf_chk(got, sizeof(got), 1, sizeof(got), "%f", NAN);
	assert_string_equal(got, "nan");
}

/* pdf.c's HPDF_FToA, which libharu calls for the numbers of a page: the
 * fewest decimals (at most five) that read back to the same float. */
char *HPDF_FToA(char *s, float val, char *eptr);

static void
test_pdf_numbers(void **state)
{
	uint64_t x = 0x0123456789ABCDEFull;
	char got[64], want[64], *end;
	int i, k;

	(void)state;
	for (i = 0; i < 300000; i++) {
		float f;

		xorshift(&x);
		if (i % 3 == 0)		/* coordinates at 1/100 pt, colours */
			f = (float)((double)(x % 6000000) / 100.0 - 30000);
		else if (i % 3 == 1)
			f = (float)((double)(x % 1000) / 1000.0);
		else
			f = (float)((double)(int64_t)(x % 6553400000ull) /
			    100000.0 - 32767);
		memset(got, 'x', sizeof(got));
		end = HPDF_FToA(got, f, got + sizeof(got) - 1);
		assert_int_equal(*end, '\0');
		assert_int_equal(end - got, (long)strlen(got));
		/* The fewest decimals, up to five, that read back to f. */
		for (k = 0; k <= 5; k++) {
			snprintf(want, sizeof(want), "%.*f", k, (double)f);
			if (strtof(want, NULL) == f)
				break;
		}
		if (k > 5)
			continue;	/* finer than five decimals */
		if (strchr(want, '.') != NULL) {
			char *z = want + strlen(want) - 1;

			while (*z == '0')
				*z-- = '\0';
			if (*z == '.')
				*z = '\0';
		}
		if (strcmp(want, "-0") == 0)
			strcpy(want, "0");
		if (strcmp(got, want) != 0)
			fail_msg("%.9g: %s, want %s", (double)f, got, want);
	}
	HPDF_FToA(got, 40000.0f, got + sizeof(got) - 1);
	assert_string_equal(got, "32767");	/* libharu's limit */
	HPDF_FToA(got, -0.000001f, got + sizeof(got) - 1);
	assert_string_equal(got, "0");
}

static void
test_regress_categories_without_year(void **state)
{
	static const char spec[] = "{\"type\":\"bar\",\"series\":[{\"each\":"
	    "\"days\",\"path\":\"met\",\"per\":\"checks\"}]}";
	json_t *v = random_view(0);
	struct chart c;

	(void)state;
	assert_int_equal(chart_set_add(cs, "regress", "regress.json", spec,
	    strlen(spec)), 0);
	assert_int_equal(chart_layout(cs, "regress", NULL, v,
	    json_object_get(strings[0], "labels"), &c), 0);
	check_scene(&c);
	chart_release(&c);
	json_decref(v);
}

/* --- layout truths (SPEC 5.5), read from the scene as a reader would -- */

/* The colours of the layout's frame (chart.c). */
#define GRID 0xE1E4E8u
#define AXIS 0x8C959Fu
#define BAND 0xEAEEF2u
#define BAND_DARK 0xCDD4DBu

/* The number a tick label shows ("$1,000", "99.85%", "80 000 $", "0,8 %",
 * "−2"), in its own unit; 0 when it shows none. */
static int
tick_number(const char *s, size_t len, int fr, double *v)
{
	char b[64];
	size_t i, n = 0;
	int digits = 0;

	for (i = 0; i < len && n < sizeof(b) - 1; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= '0' && c <= '9') {
			b[n++] = (char)c;
			digits = 1;
		} else if (c == '.' && !fr)
			b[n++] = '.';
		else if (c == ',' && fr)
			b[n++] = '.';
		else if (c == '-' || (c == 0xE2 && i + 2 < len &&
		    (unsigned char)s[i + 1] == 0x88 &&
		    (unsigned char)s[i + 2] == 0x92))
			b[n++] = '-';
	}
	b[n] = '\0';
	*v = strtod(b, NULL);
	return digits;
}

static int
is_grid(const struct scene *sc, const struct scene_item *it)
{
	return it->op == SCENE_LINE && it->npts == 2 && !it->dash &&
	    (it->stroke == GRID || it->stroke == AXIS) &&
	    sc->pts[2 * it->pts + 1] == sc->pts[2 * it->pts + 3] &&
	    sc->pts[2 * it->pts + 2] > sc->pts[2 * it->pts] + 20;
}

/* The y axis of a line or bar chart: its grid lines bottom up, the
 * value of each from its tick label, the plot's left and right. */
struct yaxis {
	double y[64], v[64], left, right;
	size_t n;
	int zero;		/* the axis line (of zero) is drawn */
	int read;		/* every label read as a number */
};

static void
yaxis_of(const struct chart *c, const struct scene *sc, int fr,
    struct yaxis *a)
{
	size_t i, k;

	memset(a, 0, sizeof(*a));
	a->read = 1;
	for (i = 0; i < sc->n && a->n < 64; i++) {
		const struct scene_item *it = &sc->v[i];

		if (!is_grid(sc, it))
			continue;
		a->left = sc->pts[2 * it->pts];
		a->right = sc->pts[2 * it->pts + 2];
		a->y[a->n++] = sc->pts[2 * it->pts + 1];
		a->zero |= it->stroke == AXIS;
	}
	/* Grid lines are drawn bottom up; their labels end 5 pt left of the
	 * plot, in the same order. */
	for (i = k = 0; i < sc->n; i++) {
		const struct scene_item *it = &sc->v[i];

		if (it->op != SCENE_TEXT || fabs(it->x + it->w - (a->left -
		    5)) > 0.01 || k >= a->n)
			continue;
		if (!tick_number(sc->text.ptr + it->text, it->len, fr,
		    &a->v[k++]))
			a->read = 0;
	}
	if (k != a->n)
		fail_msg("%s: %zu grid lines, %zu tick labels", c->file, a->n,
		    k);
}

/* The value at y on the axis: from its first and last labels. */
static double
yaxis_value(const struct yaxis *a, double y)
{
	return a->v[0] + (y - a->y[0]) * (a->v[a->n - 1] - a->v[0]) /
	    (a->y[a->n - 1] - a->y[0]);
}

/*
 * Bars start at zero: the axis of a bar or stacked bar chart has its zero
 * line, and every bar stands on it (a stack's parts on each other).
 */
static void
check_bars_xy(const struct chart *c, const struct scene *sc, int fr)
{
	struct yaxis a;
	double zero, top;
	size_t i, k;

	yaxis_of(c, sc, fr, &a);
	if (a.n == 0)
		return;		/* no data */
	if (!a.zero)
		fail_msg("%s: a bar chart's axis without zero", c->file);
	for (i = 0; i < a.n; i++)
		if (a.read && a.v[i] == 0)
			break;
	if (a.read && i == a.n)
		fail_msg("%s: no tick of 0 on a bar chart's axis", c->file);
	zero = a.y[0];
	for (i = 0; i < sc->n; i++)
		if (sc->v[i].op == SCENE_LINE && sc->v[i].stroke == AXIS &&
		    is_grid(sc, &sc->v[i]))
			zero = sc->pts[2 * sc->v[i].pts + 1];
	top = a.y[a.n - 1];
	for (i = 0; i < sc->n; i++) {
		const struct scene_item *r = &sc->v[i];
		int stands = 0;

		if (r->op != SCENE_RECT || r->y < top - 0.01)
			continue;	/* a legend's swatch */
		stands = fabs(r->y - zero) < 0.01 ||
		    fabs(r->y + r->h - zero) < 0.01;
		for (k = 0; k < sc->n && !stands; k++) {
			const struct scene_item *o = &sc->v[k];

			stands = k != i && o->op == SCENE_RECT &&
			    fabs(o->x - r->x) < 0.01 && (fabs(o->y - (r->y +
			    r->h)) < 0.01 || fabs(o->y + o->h - r->y) < 0.01);
		}
		if (!stands)
			fail_msg("%s: a bar from %g to %g stands off the zero "
			    "line at %g", c->file, r->y, r->y + r->h, zero);
	}
}

/*
 * A line chart whose axis does not start at zero never stretches a change
 * of less than 5% of the values' size over more than a quarter of its
 * height: the values are read back from the points through the tick
 * labels.
 */
static void
check_line_span(const struct chart *c, const struct scene *sc, int fr)
{
	struct yaxis a;
	double ylo = INFINITY, yhi = -INFINITY, vlo = INFINITY;
	double vhi = -INFINITY, size = 0, h;
	size_t i, k;

	yaxis_of(c, sc, fr, &a);
	if (a.n < 2 || a.zero)
		return;
	assert_true(a.read);
	for (i = 0; i < sc->n; i++) {
		const struct scene_item *it = &sc->v[i];

		/* The series: lines in the plot but the grid and target. */
		if (it->op != SCENE_LINE || is_grid(sc, it) ||
		    sc->pts[2 * it->pts + 1] < a.y[a.n - 1] - 0.01 ||
		    (it->npts == 2 && sc->pts[2 * it->pts] == a.left &&
		    sc->pts[2 * it->pts + 2] == a.right))
			continue;
		for (k = 0; k < it->npts; k++) {
			double y = sc->pts[2 * (it->pts + k) + 1];
			double v = yaxis_value(&a, y);

			ylo = fmin(ylo, y);
			yhi = fmax(yhi, y);
			vlo = fmin(vlo, v);
			vhi = fmax(vhi, v);
			size = fmax(size, fabs(v));
		}
	}
	if (isinf(ylo))
		return;
	h = a.y[0] - a.y[a.n - 1];
	if (vhi - vlo < 0.05 * size * (1 - 1e-9) && yhi - ylo > h / 4 + 1e-6)
		fail_msg("%s: a change of %.3g%% of the values' size spans "
		    "%.1f%% of the plot's height", c->file, 100 * (vhi - vlo) /
		    size, 100 * (yhi - ylo) / h);
}

/* A bullet's tick marks just under y: x and value, left to right. */
static size_t
bullet_axis(const struct scene *sc, double y, int fr, double *x, double *v)
{
	double below = INFINITY;
	size_t i, n = 0, t = 0;

	/* The first row of tick marks under y. */
	for (i = 0; i < sc->n; i++) {
		const struct scene_item *it = &sc->v[i];

		if (it->op == SCENE_LINE && it->stroke == AXIS &&
		    it->npts == 2 && sc->pts[2 * it->pts] ==
		    sc->pts[2 * it->pts + 2] && sc->pts[2 * it->pts + 1] > y)
			below = fmin(below, sc->pts[2 * it->pts + 1]);
	}
	/* Each mark is followed by its label. */
	for (i = 0; i + 1 < sc->n && n < 16; i++) {
		const struct scene_item *it = &sc->v[i], *l = &sc->v[i + 1];

		if (it->op == SCENE_LINE && it->stroke == AXIS &&
		    it->npts == 2 && sc->pts[2 * it->pts + 1] == below &&
		    l->op == SCENE_TEXT) {
			x[n] = sc->pts[2 * it->pts];
			if (tick_number(sc->text.ptr + l->text, l->len, fr,
			    &v[n]))
				n++;
			t++;
		}
	}
	return n == t ? n : 0;
}

/*
 * Bullets: a bar (7 pt high) starts at zero on its row's scale, read from
 * the row's tick labels: the scale must have zero. Returns the bars seen.
 */
static size_t
check_bars_bullet(const struct chart *c, const struct scene *sc, int fr)
{
	size_t i, n, bars = 0;
	double x[16], v[16], zero;

	for (i = 0; i < sc->n; i++) {
		const struct scene_item *r = &sc->v[i];

		if (r->op != SCENE_RECT || r->h != 7)
			continue;
		bars++;
		n = bullet_axis(sc, r->y + r->h, fr, x, v);
		if (n < 2 || v[n - 1] == v[0])
			continue;	/* no scale to read */
		if (!(v[0] <= 0 && v[n - 1] >= 0))
			fail_msg("%s: a bar on a scale from %g to %g, without "
			    "zero", c->file, v[0], v[n - 1]);
		zero = x[0] - v[0] * (x[n - 1] - x[0]) / (v[n - 1] - v[0]);
		if (fabs(r->x - zero) > 0.05 && fabs(r->x + r->w - zero) > 0.05)
			fail_msg("%s: a bar from x %g to %g, zero at %g",
			    c->file, r->x, r->x + r->w, zero);
	}
	return bars;
}

/* The truths of both layouts of a chart of `type`. */
static void
check_truths(const struct chart *c, int type, int fr)
{
	const struct scene *sc[2] = { &c->scene, &c->compact };
	int k;

	for (k = 0; k < 2; k++) {
		if (sc[k]->width == 0)
			continue;
		if (type == CT_BAR || type == CT_STACKED)
			check_bars_xy(c, sc[k], fr);
		else if (type == CT_LINE)
			check_line_span(c, sc[k], fr);
		else if (type == CT_BULLET)
			check_bars_bullet(c, sc[k], fr);
	}
}

/* A view of the figures the availability and integration bullets read. */
static json_t *
bullet_view(double availability, double budget)
{
	json_t *integ = json_array();
	static const double rates[] = { 0.9993627, 0.9845307, 0.9991900 };
	size_t i;

	for (i = 0; i < 3; i++)
		json_array_append_new(integ, json_pack("{s:s, s:s, s:f}",
		    "endpoint", i == 1 ? "erp" : "ehr-api", "system", "triage",
		    "success_rate", rates[i]));
	return json_pack("{s:{s:s, s:s}, s:s, s:{s:s}, s:{s:f}, s:{s:{s:f}, "
	    "s:{s:f}}, s:o}", "tenant", "locale", "en-CA", "currency", "CAD",
	    "month", "2026-10", "brand", "color", "#1F6FEB", "targets",
	    "availability", 0.999, "figures", "availability", "value",
	    availability, "error_budget_used", "value", budget,
	    "integrations", integ);
}

/* The circles of colour `color` of a scene, their x in x[]. */
static size_t
dots(const struct scene *sc, uint32_t color, double *x, double *y, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < sc->n && n < max; i++)
		if (sc->v[i].op == SCENE_CIRCLE && sc->v[i].fill == color) {
			x[n] = sc->v[i].x;
			y[n++] = sc->v[i].y;
		}
	return n;
}

/* Adds spec text `spec` to the set as chart `name`. */
static void
add(const char *name, const char *spec)
{
	assert_int_equal(chart_set_add(cs, name, "spec.json", spec,
	    strlen(spec)), 0);
}

static struct chart
lay(const char *name, const json_t *view, int fr)
{
	struct chart c;

	assert_int_equal(chart_layout(cs, name, NULL, view,
	    json_object_get(strings[fr], "labels"), &c), 0);
	return c;
}

static void
test_bars_start_at_zero(void **state)
{
	json_t *v = bullet_view(0.9995, 0.3);
	struct chart c;
	const struct scene *sc[2];
	double x[8], y[8], tx[16], tv[16], want;
	size_t k, n, t;

	(void)state;
	/* Availability on its zoomed scale (99.8% to 100%) is a dot where
	 * the ticks put 99.95%; the error budget (0 to 100%) a bar from 0. */
	c = lay("availability", v, 0);
	sc[0] = &c.scene;
	sc[1] = &c.compact;
	for (k = 0; k < 2; k++) {
		assert_int_equal(check_bars_bullet(&c, sc[k], 0), 1);
		n = dots(sc[k], 0x1F6FEB, x, y, 8);
		assert_int_equal(n, 1);
		t = bullet_axis(sc[k], y[0], 0, tx, tv);
		assert_true(t >= 2);
		assert_true(tv[0] > 0);	/* zoomed: no zero */
		want = tx[0] + (99.95 - tv[0]) * (tx[t - 1] - tx[0]) /
		    (tv[t - 1] - tv[0]);
		if (fabs(x[0] - want) > 0.05)
			fail_msg("the dot at %g, 99.95%% at %g", x[0], want);
	}
	check_truths(&c, CT_BULLET, 0);
	chart_release(&c);

	/* Integrations on one zoomed scale: a dot each, no bar. */
	c = lay("integrations", v, 0);
	sc[0] = &c.scene;
	sc[1] = &c.compact;
	for (k = 0; k < 2; k++) {
		assert_int_equal(check_bars_bullet(&c, sc[k], 0), 0);
		assert_int_equal(dots(sc[k], 0x1F6FEB, x, y, 8), 3);
	}
	check_truths(&c, CT_BULLET, 0);
	chart_release(&c);
	json_decref(v);

	/* A spec's scale that starts above zero: a dot; one with a negative
	 * value: a bar from zero to the left. */
	add("above",
	    "{\"type\":\"bullet\",\"series\":[{\"path\":\"figures.roi.value\","
	    "\"min\":2,\"max\":6}]}");
	v = json_pack("{s:{s:s}, s:{s:{s:f}}}", "tenant", "locale", "fr-CA",
	    "figures", "roi", "value", 4.5);
	c = lay("above", v, 1);
	assert_int_equal(check_bars_bullet(&c, &c.scene, 1), 0);
	assert_int_equal(check_bars_bullet(&c, &c.compact, 1), 0);
	assert_int_equal(dots(&c.scene, chart_brand_color(v), x, y, 8), 1);
	chart_release(&c);
	json_object_set_new(json_object_get(json_object_get(v, "figures"),
	    "roi"), "value", json_real(-0.4));
	add("below",
	    "{\"type\":\"bullet\",\"series\":[{\"path\":\"figures.roi.value\"}"
	    "]}");
	c = lay("below", v, 1);
	assert_int_equal(check_bars_bullet(&c, &c.scene, 1), 1);
	assert_int_equal(check_bars_bullet(&c, &c.compact, 1), 1);
	chart_release(&c);
	json_decref(v);

	/* Bar and stacked bar charts whose spec's axis starts at 105: the
	 * axis has zero all the same, and every bar stands on it. */
	v = series_view("#1F6FEB", -1);
	add("bars105",
	    "{\"type\":\"bar\",\"y\":{\"min\":105},\"series\":[{\"path\":"
	    "\"figures.hours_saved.series\"}]}");
	add("stack105",
	    "{\"type\":\"stacked_bar\",\"y\":{\"min\":105,\"max\":300},"
	    "\"series\":[{\"path\":\"figures.hours_saved.series\"},{\"path\":"
	    "\"figures.hours_saved.series\"}]}");
	c = lay("bars105", v, 0);
	check_truths(&c, CT_BAR, 0);
	assert_int_equal(count(&c, SCENE_RECT, 0x1F6FEB), 12);
	chart_release(&c);
	c = lay("stack105", v, 0);
	check_truths(&c, CT_STACKED, 0);
	chart_release(&c);
	json_decref(v);
}

/* A view whose cost per task is the `n` values of `s` (NAN: null). */
static json_t *
cost_view(const double *s, size_t n, const char *locale)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, isnan(s[i]) ? json_null() :
		    json_real(s[i]));
	return json_pack("{s:{s:s, s:s}, s:s, s:{s:{s:o, s:o}}}", "tenant",
	    "locale", locale, "currency", "CAD", "month", "2026-10",
	    "figures", "cost_per_task", "series", a, "value", json_real(s[n -
	    1]));
}

/* The y extent of the dots of a scene, and of its grid lines. */
static void
extent(const struct scene *sc, double *dlo, double *dhi, double *glo,
    double *ghi)
{
	size_t i;

	*dlo = *glo = INFINITY;
	*dhi = *ghi = -INFINITY;
	for (i = 0; i < sc->n; i++) {
		const struct scene_item *it = &sc->v[i];

		if (it->op == SCENE_CIRCLE) {
			*dlo = fmin(*dlo, it->y);
			*dhi = fmax(*dhi, it->y);
		} else if (is_grid(sc, it)) {
			*glo = fmin(*glo, sc->pts[2 * it->pts + 1]);
			*ghi = fmax(*ghi, sc->pts[2 * it->pts + 1]);
		}
	}
}

static void
test_line_small_change(void **state)
{
	/* Northwind's cost per task: a 4.3% change, which filled the plot. */
	static const double cost[12] = { 0.11331, 0.11429, 0.11348, 0.11378,
		0.11166, 0.11078, 0.10984, 0.11128, 0.11005, 0.10983, 0.11063,
		0.10940 };
	double s[12], dlo, dhi, glo, ghi, lo, hi, size;
	size_t i, k, round;
	struct chart c;
	json_t *v;

	(void)state;
	v = cost_view(cost, 12, "en-CA");
	c = lay("cost_per_task", v, 0);
	for (k = 0; k < 2; k++) {
		extent(k ? &c.compact : &c.scene, &dlo, &dhi, &glo, &ghi);
		if (dhi - dlo > (ghi - glo) / 4)
			fail_msg("a 4.3%% change over %.0f%% of the height",
			    100 * (dhi - dlo) / (ghi - glo));
	}
	check_truths(&c, CT_LINE, 0);
	chart_release(&c);
	json_decref(v);

	/* Any size, sign and change; some nulls; an axis from the spec
	 * that starts near the values or not at all. */
	for (round = 0; round < 400; round++) {
		double base = (rnd() < 0.2 ? -1 : 1) * pow(10, rnd() * 9 - 4);
		double change = rnd() * 0.12;
		char spec[160];
		int fr = rnd() < 0.3;

		for (i = 0; i < 12; i++)
			s[i] = rnd() < 0.1 && i < 11 ? NAN : base * (1 +
			    change * rnd());
		lo = INFINITY;
		hi = -INFINITY;
		for (i = 0; i < 12; i++)
			if (!isnan(s[i])) {
				lo = fmin(lo, s[i]);
				hi = fmax(hi, s[i]);
			}
		size = fmax(fabs(lo), fabs(hi));
		snprintf(spec, sizeof(spec), "{\"type\":\"line\",%s\"series\":"
		    "[{\"path\":\"figures.cost_per_task.series\"}]}", rnd() <
		    0.5 ? "" : base > 0 ? "\"y\":{\"min\":0}," :
		    "\"y\":{\"max\":0},");
		if (rnd() < 0.3)
			snprintf(spec, sizeof(spec), "{\"type\":\"line\",\"y\":"
			    "{\"min\":%.17g},\"series\":[{\"path\":"
			    "\"figures.cost_per_task.series\"}]}", lo -
			    fabs(lo) * 0.001);
		assert_int_equal(chart_set_add(cs, "line", "line.json", spec,
		    strlen(spec)), 0);
		v = cost_view(s, 12, fr ? "fr-CA" : "en-CA");
		c = lay("line", v, fr);
		for (k = 0; k < 2; k++) {
			const struct scene *sc = k ? &c.compact : &c.scene;
			struct yaxis a;

			extent(sc, &dlo, &dhi, &glo, &ghi);
			yaxis_of(&c, sc, fr, &a);
			if (!a.zero && hi - lo < 0.05 * size &&
			    dhi - dlo > (ghi - glo) / 4 + 1e-9)
				fail_msg("%s: a change of %.2f%% over %.0f%% "
				    "of the height", spec, 100 * (hi - lo) /
				    size, 100 * (dhi - dlo) / (ghi - glo));
		}
		check_truths(&c, CT_LINE, fr);
		chart_release(&c);
		json_decref(v);
	}
}

/* A sparkline has no axis: its line never stretches a small change over
 * more than a quarter of its height either (SLA adherence: 99.6% after
 * eleven months of 100%). */
static void
test_sparkline_small_change(void **state)
{
	double s[12], lo = INFINITY, hi = -INFINITY;
	json_t *v;
	struct chart c;
	size_t i, k;

	(void)state;
	for (i = 0; i < 12; i++)
		s[i] = i == 11 ? 0.996 : 1;
	v = cost_view(s, 12, "en-CA");
	assert_int_equal(chart_layout(cs, "sparkline", "cost_per_task", v,
	    json_object_get(strings[0], "labels"), &c), 0);
	assert_int_equal(c.compact.width, 0);
	for (i = 0; i < c.scene.n; i++)
		if (c.scene.v[i].op == SCENE_LINE)
			for (k = 0; k < c.scene.v[i].npts; k++) {
				double y = c.scene.pts[2 * (c.scene.v[i].pts +
				    k) + 1];

				lo = fmin(lo, y);
				hi = fmax(hi, y);
			}
	if (hi - lo > c.scene.height / 4)
		fail_msg("a 0.4%% dip over %.0f%% of the sparkline",
		    100 * (hi - lo) / c.scene.height);
	chart_release(&c);
	json_decref(v);
}

/* The smallest text of a scene, in points. */
static double
smallest_text(const struct scene *sc)
{
	double least = INFINITY;
	size_t i;

	for (i = 0; i < sc->n; i++)
		if (sc->v[i].op == SCENE_TEXT)
			least = fmin(least, sc->v[i].h);
	return least;
}

/* The built-in charts on the demo tenants' view models: the truths, on
 * both layouts; a compact layout for each chart with text, narrow, its
 * text at the normal size. */
static void
test_demo_views(void **state)
{
	static const char *const views[] = {
		"tests/golden/northwind-health-2026-10.json",
		"tests/golden/northwind-health-2026-04.json",
		"tests/golden/mutuelle-laurentienne-2026-10.json",
		"tests/golden/harborview-logistics-2026-10.json" };
	struct chart_set *builtin = chart_set_load(NULL);
	size_t i, k;

	(void)state;
	assert_non_null(builtin);
	for (i = 0; i < sizeof(views) / sizeof(*views); i++) {
		json_t *v = json_load_file(views[i], 0, NULL);
		const char *loc = json_string_value(json_object_get(
		    json_object_get(v, "tenant"), "locale"));
		int fr = loc != NULL && strncmp(loc, "fr", 2) == 0;

		assert_non_null(v);
		for (k = 0; k < builtin->n; k++) {
			const struct spec *sp = &builtin->v[k];
			struct chart c;

			assert_int_equal(chart_layout(builtin, sp->name,
			    "hours_saved", v, json_object_get(strings[fr],
			    "labels"), &c), 0);
			check_scene(&c);
			check_truths(&c, sp->type, fr);
			if (sp->type == CT_SPARKLINE)
				assert_int_equal(c.compact.width, 0);
			else {
				assert_true(c.compact.width > 0 &&
				    c.compact.width <= CHART_COMPACT_W);
				assert_true(smallest_text(&c.compact) >= 8);
			}
			chart_release(&c);
		}
		json_decref(v);
	}
	chart_set_free(builtin);
}

/* The compact heat strip is a calendar: weeks in rows, each day's number
 * in its cell. */
static void
test_heat_calendar(void **state)
{
	json_t *v = random_view(0), *days = json_array();
	struct chart c;
	size_t i, k, cells = 0, rows = 0;
	double rowy[8];
	int seen[32] = { 0 };

	(void)state;
	for (i = 0; i < 31; i++) {
		char d[16];

		snprintf(d, sizeof(d), "2026-10-%02zu", i + 1);
		json_array_append_new(days, json_pack("{s:s, s:i, s:i}", "date",
		    d, "checks", 9, "met", i == 5 ? 8 : 9));
	}
	json_object_set_new(v, "days", days);
	c = lay("sla_days", v, 0);
	/* The cells (the legend's swatches are smaller) in 5 rows. */
	for (i = 0; i < c.compact.n; i++) {
		const struct scene_item *r = &c.compact.v[i];

		if (r->op != SCENE_RECT || r->h < 20)
			continue;
		for (k = 0; k < rows && rowy[k] != r->y; k++)
			;
		if (k == rows && rows < 8)
			rowy[rows++] = r->y;
		cells++;
	}
	assert_int_equal(cells, 31);
	assert_int_equal(rows, 5);
	/* Each day's number inside a cell, once. */
	for (i = 0; i < c.compact.n; i++) {
		const struct scene_item *t = &c.compact.v[i];
		char s[8];
		int d;

		if (t->op != SCENE_TEXT || t->len >= sizeof(s))
			continue;
		memcpy(s, c.compact.text.ptr + t->text, t->len);
		s[t->len] = '\0';
		if ((d = atoi(s)) < 1 || d > 31 || strspn(s, "0123456789") !=
		    t->len)
			continue;
		for (k = 0; k < c.compact.n; k++) {
			const struct scene_item *r = &c.compact.v[k];

			if (r->op == SCENE_RECT && r->h >= 20 &&
			    t->x >= r->x && t->x + t->w <= r->x + r->w &&
			    t->y > r->y && t->y < r->y + r->h)
				break;
		}
		assert_true(k < c.compact.n);
		assert_false(seen[d]);
		seen[d] = 1;
		assert_true(t->h >= 8);
	}
	for (i = 1; i <= 31; i++)
		assert_true(seen[i]);
	chart_release(&c);
	json_decref(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ticks),
		cmocka_unit_test(test_ticks_extreme),
		cmocka_unit_test(test_random_views),
		cmocka_unit_test(test_nulls_are_gaps),
		cmocka_unit_test(test_brand_contrast),
		cmocka_unit_test(test_svg_same_in_any_order),
		cmocka_unit_test(test_spec_errors),
		cmocka_unit_test(test_unknown_chart),
		cmocka_unit_test(test_regress_categories_without_year),
		cmocka_unit_test(test_bars_start_at_zero),
		cmocka_unit_test(test_line_small_change),
		cmocka_unit_test(test_sparkline_small_change),
		cmocka_unit_test(test_heat_calendar),
		cmocka_unit_test(test_demo_views),
		cmocka_unit_test(test_cairo_numbers),
		cmocka_unit_test(test_pdf_numbers),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
