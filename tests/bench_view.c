/* bench_view.c: times the view model of every tenant of a store for one
 * month (metrics with their 12-month series, the view, its JSON text) and
 * prints the median per tenant-month. usage: bench_view DB MONTH [PASSES] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "build.h"
#include "chart.h"
#include "chart_cairo.h"
#include "pdf.h"
#include "metrics.h"
#include "store.h"
#include "util.h"
#include "view.h"

struct list {
	char (*v)[64];
	size_t n;
};

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct list tenants = { 0 };
	struct store *st;
	double *t, *w, *h, *c, *pd, bytes = 0, hbytes = 0, cbytes = 0;
	double ncharts = 0, pbytes = 0;
	struct build_templates *tpl = build_templates_load(NULL, NULL);
	json_t *strings[3] = { view_strings(NULL, "en-CA"),
		view_strings(NULL, "fr-CA"), view_strings(NULL, "en-US") };
	size_t i, k = 0, passes = argc > 3 ? (size_t)atoi(argv[3]) : 3, p;

	tune_malloc();
	if (argc < 3 || (st = store_open(argv[1], STORE_EXISTING)) == NULL)
		return 2;
	store_tenant_ids(st, &tenants.v, &tenants.n);
	t = xmalloc(tenants.n * passes * sizeof(*t));
	w = xmalloc(tenants.n * passes * sizeof(*w));
	h = xmalloc(tenants.n * passes * sizeof(*h));
	c = xmalloc(tenants.n * passes * sizeof(*c));
	pd = xmalloc(tenants.n * passes * sizeof(*pd));
	for (p = 0; p < passes; p++)
		for (i = 0; i < tenants.n; i++) {
			struct buf out = BUF_INIT, svg = BUF_INIT, md = BUF_INIT;
			struct pdf_opts po = { "Acme Managed AI", 1793000000, NULL,
				0 };
			struct chart_list cl = { 0 };
			json_t *labels;
			struct metrics *m;
			size_t j;
			double a = now(), b;
			json_t *v;
			int l;

			if (metrics_compute(st, tenants.v[i], argv[2], &m) != 0)
				return 2;
			l = strcmp(m->locale, "fr-CA") == 0 ? 1 :
			    strcmp(m->locale, "en-US") == 0 ? 2 : 0;
			v = view_build(m, strings[l]);
			b = now();
			view_write(v, &out);
			t[k] = b - a;
			w[k] = now() - b;
			bytes += (double)out.len;
			buf_reset(&out);
			b = now();
			labels = json_object_get(strings[l], "labels");
			if (build_report_page(tpl, v, labels, NULL, &cl, &md, &out))
				return 2;
			h[k] = now() - b;
			hbytes += (double)out.len;
			/* The page's charts again: layout and SVG (wide and
			 * compact), timed. */
			b = now();
			for (j = 0; j < cl.n; j++) {
				struct chart ch;

				struct chart compact;

				if (chart_layout(cl.set, cl.v[j].name,
				    cl.v[j].arg[0] ? cl.v[j].arg : NULL, v,
				    labels, &ch) || chart_cairo_svg(&ch, &svg))
					return 2;
				/* And its compact layout, as the build does. */
				compact = ch;
				compact.scene = ch.compact;
				if (ch.compact.width > 0 &&
				    chart_cairo_svg(&compact, &svg))
					return 2;
				chart_release(&ch);
			}
			c[k] = now() - b;
			cbytes += (double)svg.len;
			/* The PDF from the same Markdown and charts. */
			buf_reset(&svg);
			b = now();
			if (pdf_render(md.ptr, md.len, v, labels, &cl, &po, &svg))
				return 2;
			pd[k++] = now() - b;
			pbytes += (double)svg.len;
			buf_release(&md);
			ncharts += (double)cl.n;
			chart_list_release(&cl);
			buf_release(&svg);
			json_decref(v);
			metrics_free(m);
			buf_release(&out);
		}
	qsort(t, k, sizeof(*t), cmp);
	qsort(w, k, sizeof(*w), cmp);
	qsort(h, k, sizeof(*h), cmp);
	qsort(c, k, sizeof(*c), cmp);
	qsort(pd, k, sizeof(*pd), cmp);
	printf("view model of %zu tenant-months (x %zu passes): median %.3f ms "
	    "per tenant-month, metrics with their 12-month series and the "
	    "object (target <= 1 ms); then %.3f ms to write its data.json "
	    "(%.0f KB on average)\n", tenants.n, passes, t[k / 2] * 1e3,
	    w[k / 2] * 1e3, bytes / (double)k / 1024);
	printf("report page from the view model (charts laid out, not drawn): "
	    "median %.3f ms per tenant-month (target <= 0.5 ms), %.0f KB on "
	    "average\n", h[k / 2] * 1e3, hbytes / (double)k / 1024);
	printf("charts of a report, laid out and drawn as SVG: median %.3f ms "
	    "per report (target <= 3 ms), %.1f charts, %.0f KB of SVG on "
	    "average\n", c[k / 2] * 1e3, ncharts / (double)k,
	    cbytes / (double)k / 1024);
	printf("PDF of a report from its view model, charts included: median "
	    "%.3f ms per report (target <= 5 ms), %.0f KB on average (target "
	    "<= 150 KB)\n", pd[k / 2] * 1e3, pbytes / (double)k / 1024);
	free(t);
	free(w);
	free(h);
	free(c);
	free(pd);
	build_templates_free(tpl);
	for (i = 0; i < 3; i++)
		json_decref(strings[i]);
	free(tenants.v);
	store_free(st);
	return 0;
}
