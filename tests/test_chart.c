/*
 * test_chart.c: chart layout. Axis steps are 1-2-5; on random data of every
 * shape (nulls, negatives, huge and tiny values, long names, many series)
 * every chart keeps its labels on the canvas and apart; nulls are gaps;
 * the brand colour stands out; spec errors; the same SVG in any order.
 * Both layouts, wide and compact; the compact heat strip is a calendar.
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

static struct chart
lay(const char *name, const json_t *view, int fr)
{
	struct chart c;

	assert_int_equal(chart_layout(cs, name, NULL, view,
	    json_object_get(strings[fr], "labels"), &c), 0);
	return c;
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

/* The built-in charts on the demo tenants' view models: a compact layout for each chart with text, narrow, its
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
		cmocka_unit_test(test_heat_calendar),
		cmocka_unit_test(test_demo_views),
		cmocka_unit_test(test_cairo_numbers),
		cmocka_unit_test(test_pdf_numbers),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
