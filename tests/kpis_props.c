/* kpis_props.c: properties that every view model of a store must have (SPEC
 * 4 and 5.0), checked for every tenant and month: per-system sums of the
 * additive figures equal the tenant's, delta = value - previous, and the
 * series ends with previous and value. usage: kpis_props DB. Prints TAP. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "store.h"
#include "util.h"
#include "view.h"

static int failed, n;

static void
report(int ok, const char *tenant, const char *month, const char *what,
    const char *detail)
{
	n++;
	failed += !ok;
	printf("%sok %d - %s %s: %s%s%s\n", ok ? "" : "not ", n, tenant, month,
	    what, ok ? "" : ": ", ok ? "" : detail);
}

/* Equal as numbers (relative 1e-9: sums in another order), or both null. */
static int
same(const json_t *a, const json_t *b)
{
	double x, y;

	if (json_is_null(a) || json_is_null(b))
		return json_is_null(a) && json_is_null(b);
	x = json_number_value(a);
	y = json_number_value(b);
	return x == y || fabs(x - y) <= 1e-9 * fmax(fabs(x), fabs(y));
}

static void
check(const char *tenant, const char *month, const json_t *v)
{
	static const char *const additive[] = { "tasks", "hours_saved",
		"errors", "baseline_errors", "llm_cost", "cost_avoided" };
	const json_t *figs = json_object_get(v, "figures"), *f, *sys, *s;
	char detail[256] = "";
	const char *name;
	size_t i, k;
	int ok;

	ok = 1;
	for (k = 0; k < ARRAY_SIZE(additive); k++) {
		double sum = 0;
		int any_null = 0;

		json_array_foreach(json_object_get(v, "systems"), i, sys) {
			s = json_object_get(json_object_get(json_object_get(sys,
			    "figures"), additive[k]), "value");
			if (json_is_null(s))
				any_null = 1;
			sum += json_number_value(s);
		}
		f = json_object_get(json_object_get(figs, additive[k]), "value");
		if (any_null ? !json_is_null(f) : !json_is_null(f) &&
		    fabs(sum - json_number_value(f)) > 1e-9 * fmax(1, fabs(sum))) {
			ok = 0;
			snprintf(detail, sizeof(detail), "%s: systems %.17g, "
			    "tenant %.17g", additive[k], sum,
			    json_number_value(f));
		}
	}
	report(ok, tenant, month, "per-system sums equal the tenant's", detail);
	ok = 1;
	json_object_foreach((json_t *)figs, name, f) {
		const json_t *val = json_object_get(f, "value");
		const json_t *prev = json_object_get(f, "previous");
		const json_t *delta = json_object_get(f, "delta");
		const json_t *series = json_object_get(f, "series");
		json_t *d = NULL;

		if (!json_is_null(val) && !json_is_null(prev))
			d = json_real(json_number_value(val) -
			    json_number_value(prev));
		if (json_array_size(series) != SERIES ||
		    !same(json_array_get(series, SERIES - 1), val) ||
		    !same(json_array_get(series, SERIES - 2), prev) ||
		    !same(delta, d ? d : json_null())) {
			ok = 0;
			snprintf(detail, sizeof(detail), "%s", name);
		}
		json_decref(d);
	}
	report(ok, tenant, month, "delta = value - previous; series ends "
	    "with previous, value", detail);
}

struct list {
	char (*v)[64];
	size_t n;
};

int
main(int argc, char **argv)
{
	struct list tenants = { 0 };
	struct store *st;
	size_t i, k;

	if (argc != 2 || (st = store_open(argv[1], STORE_EXISTING)) == NULL)
		return 2;
	store_tenant_ids(st, &tenants.v, &tenants.n);
	for (i = 0; i < tenants.n; i++) {
		struct metrics *m;

		/* The tenant's months, from the view model of its latest. */
		if (metrics_compute(st, tenants.v[i], "2099-12", &m) != 0)
			return 2;
		for (k = 0; k < m->nmonths; k++) {
			struct metrics *mm;
			json_t *v, *strings;

			if (metrics_compute(st, tenants.v[i], m->months[k],
			    &mm) != 0 || (strings = view_strings(NULL,
			    mm->locale)) == NULL)
				return 2;
			v = view_build(mm, strings);
			json_decref(strings);
			check(tenants.v[i], m->months[k], v);
			json_decref(v);
			metrics_free(mm);
		}
		metrics_free(m);
	}
	printf("1..%d\n", n);
	free(tenants.v);
	store_free(st);
	return failed != 0;
}
