/*
 * ingest_warn.c: what an ingest that succeeds warns about, so that nothing
 * a user gave is dropped in silence (SPEC 5.5).
 */
#include "ingest_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The figures of SPEC 4 that a missing assumption or SLA target makes null,
 * by their data.json names and in data.json's order, and the SLA checks it
 * leaves uncounted. They follow figures() and read_daily() in metrics.c:
 * labor_cost_avoided = hours_saved x hourly_rate, error_cost_avoided =
 * errors_avoided x cost_per_error, cost_avoided their sum, ai_cost =
 * llm_cost + monthly_fee, net_benefit = cost_avoided - ai_cost, roi =
 * net_benefit / ai_cost; error_budget_min = (1 - sla.availability) x
 * minutes, error_budget_used from it; latency_adherence is null without
 * sla.p95_latency_ms; an incident is counted only against a target of
 * sla.resolution_minutes; a day's accuracy only against sla.accuracy; and
 * sla_adherence is null when no check is counted.
 */
enum { N_LABOR, N_ERROR_COST, N_COST_AVOIDED, N_AI_COST, N_NET_BENEFIT,
	N_ROI, N_BUDGET_MIN, N_BUDGET_USED, N_LATENCY, N_INCIDENTS,
	N_SLA_ADHERENCE, N_N };
static const char *const figure_names[N_N] = { "labor_cost_avoided",
	"error_cost_avoided", "cost_avoided", "ai_cost", "net_benefit", "roi",
	"error_budget_min", "error_budget_used", "latency_adherence",
	"incidents_in_sla", "sla_adherence" };

/* The SLA checks of SPEC 4, in its order. */
enum { C_AVAILABILITY, C_LATENCY, C_INCIDENT, C_ACCURACY, C_N };
static const char *const check_names[C_N] = { "availability", "latency",
	"incident", "accuracy" };

#define BIT(n) (1u << (n))

/* A key of a change point and what its absence takes from a month. */
struct need {
	const char *key;
	int col;		/* its column in the store's read query */
	unsigned figures;	/* BIT(N_*) */
	unsigned checks;	/* BIT(C_*) */
	unsigned matters;	/* WM_* a month's rows must report for the key
				   to matter; 0: always */
};

struct section {
	const char *name;	/* as a message says it */
	int plural;		/* "the assumptions have", "the SLA has" */
	enum store_read query;
	int file_col;
	const struct need *needs;
	size_t nneeds;
};

static const struct need assumption_needs[] = {
	{ "hourly_rate", 1, BIT(N_LABOR) | BIT(N_COST_AVOIDED) |
	    BIT(N_NET_BENEFIT) | BIT(N_ROI), 0, 0 },
	{ "cost_per_error", 2, BIT(N_ERROR_COST) | BIT(N_COST_AVOIDED) |
	    BIT(N_NET_BENEFIT) | BIT(N_ROI), 0, 0 },
	{ "monthly_fee", 3, BIT(N_AI_COST) | BIT(N_NET_BENEFIT) | BIT(N_ROI),
	    0, 0 },
};

static const struct need sla_needs[] = {
	{ "availability", 1, BIT(N_BUDGET_MIN) | BIT(N_BUDGET_USED),
	    BIT(C_AVAILABILITY), 0 },
	{ "p95_latency_ms", 2, BIT(N_LATENCY), BIT(C_LATENCY), WM_P95 },
	{ "resolution_minutes", 3, BIT(N_INCIDENTS), BIT(C_INCIDENT),
	    WM_INCIDENTS },
	{ "accuracy", 4, 0, BIT(C_ACCURACY), WM_ACCURACY },
};

static const struct section sections[] = {
	{ "assumptions", 1, SR_ASSUMPTIONS, 4, assumption_needs,
	    ARRAY_SIZE(assumption_needs) },
	{ "SLA", 0, SR_SLA, 5, sla_needs, ARRAY_SIZE(sla_needs) },
};

/* A change point as the store has it: its month and which keys it has. */
struct cp {
	char month[8];
	unsigned has;		/* BIT(index in the section's needs) */
	int64_t file;
};

struct cps {
	const struct section *sec;
	struct cp *v;
	size_t n, cap;
};

static int
read_cp(void *ctx, const struct store_row *r)
{
	struct cps *c = ctx;
	struct cp *p;
	size_t i;

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 8;
		c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	p = &c->v[c->n++];
	snprintf(p->month, sizeof(p->month), "%s", store_row_text(r, 0));
	p->has = 0;
	for (i = 0; i < c->sec->nneeds; i++)
		if (store_row_text(r, c->sec->needs[i].col) != NULL)
			p->has |= BIT(i);
	p->file = store_row_int(r, c->sec->file_col);
	return 0;
}

/* "YYYY-MM" of month YYYYMM. */
static void
month_text(int month, char out[8])
{
	snprintf(out, 8, "%04u-%02u", (unsigned)(month / 100) % 10000u,
	    (unsigned)(month % 100) % 100u);
}

/* The change point in force for month YYYYMM (the latest at or before it). */
static const struct cp *
in_force(const struct cps *c, int month)
{
	char m[8];
	size_t i;

	month_text(month, m);
	for (i = c->n; i > 0; i--)
		if (strcmp(c->v[i - 1].month, m) <= 0)
			return &c->v[i - 1];
	return NULL;
}

/* What a month lacks of a section, and what that costs it. */
struct gap {
	const struct cp *cp;	/* in force, or NULL */
	unsigned missing;	/* BIT(index in the needs) that matter */
	unsigned figures, checks;
	int months[64];		/* YYYYMM, the first 64 */
	size_t nmonths;
};

/* The gap of month `wm`; 1 when it makes a figure null. */
static int
month_gap(const struct cps *c, const struct wmonth *wm, struct gap *g)
{
	const struct section *sec = c->sec;
	unsigned checks = 0;
	size_t i;

	memset(g, 0, sizeof(*g));
	g->cp = in_force(c, wm->month);
	for (i = 0; i < sec->nneeds; i++) {
		const struct need *nd = &sec->needs[i];

		checks |= nd->checks;
		/* A key absent from a change point in force matters when
		 * the rows report what it judges; without a change point,
		 * the whole section is missing. */
		if (g->cp && ((g->cp->has & BIT(i)) ||
		    (nd->matters && !(wm->reports & nd->matters))))
			continue;
		g->missing |= BIT(i);
		g->figures |= nd->figures;
		g->checks |= nd->checks;
	}
	/* Without any target no check is counted: no sla_adherence. */
	if (checks && g->missing && (g->cp == NULL || g->cp->has == 0))
		g->figures |= BIT(N_SLA_ADHERENCE);
	/* SPEC 5.5 asks for the figures that will be null; checks alone
	 * (no sla.accuracy) make no warning. */
	return g->figures != 0;
}

/* Appends "a, b and c" (or "or") of the names whose bits are set. */
static void
add_list(struct buf *b, const char *const *names, size_t n, unsigned bits,
    const char *quote, const char *last)
{
	size_t i, k = 0, total = 0;

	for (i = 0; i < n; i++)
		total += (bits & BIT(i)) != 0;
	for (i = 0; i < n; i++) {
		if (!(bits & BIT(i)))
			continue;
		if (k > 0)
			buf_addstr(b, k + 1 == total ? last : ", ");
		buf_addf(b, "%s%s%s", quote, names[i], quote);
		k++;
	}
}

/* Prints the warning of one gap of a file. */
static void
print_gap(const struct written *w, const struct cps *c, const struct gap *g)
{
	const struct section *sec = c->sec;
	const char *keys[8];
	struct buf b = BUF_INIT;
	char m[8];
	size_t i;
	int many = g->nmonths > 1;

	for (i = 0; i < sec->nneeds; i++)
		keys[i] = sec->needs[i].key;
	for (i = 0; i < g->nmonths; i++) {
		month_text(g->months[i], m);
		buf_addf(&b, "%s%s", i ? ", " : "", m);
	}
	buf_addf(&b, " %s daily rows but ", many ? "have" : "has");
	if (g->cp == NULL) {
		buf_addf(&b, "no %s in force (", sec->name);
		if (c->n == 0)
			buf_addf(&b, "tenant '%s' has none", w->tenant);
		else
			buf_addf(&b, "%s %s appl%s from %s", c->v[0].file ==
			    w->file ? "this file's" : "the tenant's earliest",
			    sec->name, sec->plural ? "y" : "ies", c->v[0].month);
		buf_addstr(&b, ")");
	} else {
		buf_addf(&b, "the %s in force from ", sec->name);
		if (strcmp(g->cp->month, MONTH_BEGINNING) == 0)
			buf_addstr(&b, "the first month");
		else
			buf_addstr(&b, g->cp->month);
		buf_addf(&b, " %s no ", sec->plural ? "have" : "has");
		add_list(&b, keys, sec->nneeds, g->missing, "'", " or ");
	}
	buf_addstr(&b, ": ");
	if (g->figures) {
		add_list(&b, figure_names, N_N, g->figures, "", " and ");
		buf_addstr(&b, " will be null");
	}
	if (g->checks) {
		buf_addstr(&b, g->figures ? "; " : "");
		add_list(&b, check_names, C_N, g->checks, "", " and ");
		buf_addstr(&b, " checks are not counted");
	}
	if (g->nmonths == ARRAY_SIZE(g->months))
		buf_addstr(&b, " (and in later months of the file)");
	diag_file_warning(w->path, "%s", b.ptr);
	buf_release(&b);
}

/* The tenant's months with daily rows, YYYYMM, ascending. */
struct months {
	int *v;
	size_t n, cap;
};

static int
read_month(void *ctx, const struct store_row *r)
{
	struct months *m = ctx;
	const char *t = store_row_text(r, 0);

	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		m->v = xrealloc(m->v, m->cap * sizeof(*m->v));
	}
	m->v[m->n++] = atoi(t) * 100 + atoi(t + 5);
	return 0;
}

/*
 * The months of file `w` for a section: those it wrote daily rows of, and
 * those of the tenant (`tm`) that a change point it wrote governs (the one
 * in force for them), whose rows may report anything. Ascending; the
 * caller frees *out.
 */
static size_t
section_months(const struct written *w, const struct cps *c,
    const struct months *tm, struct wmonth **out)
{
	struct wmonth *v = xcalloc(w->nm + tm->n + 1, sizeof(*v));
	const struct cp *p;
	size_t i = 0, j = 0, n = 0;

	while (i < w->nm || j < tm->n) {
		if (j == tm->n || (i < w->nm && w->m[i].month <= tm->v[j])) {
			if (j < tm->n && w->m[i].month == tm->v[j])
				j++;
			v[n++] = w->m[i++];
			continue;
		}
		p = in_force(c, tm->v[j]);
		if (p && p->file == w->file) {
			v[n].month = tm->v[j];
			v[n++].reports = WM_P95 | WM_ACCURACY | WM_INCIDENTS;
		}
		j++;
	}
	*out = v;
	return n;
}

/* Warns about the months of file `w` that lack keys of a section. */
static void
warn_section(const struct written *w, const struct cps *c,
    const struct months *tm)
{
	struct gap *gaps = NULL, g;
	struct wmonth *m;
	size_t i, k, ngaps = 0, nm = section_months(w, c, tm, &m);

	for (i = 0; i < nm; i++) {
		if (!month_gap(c, &m[i], &g))
			continue;
		/* Months that lack the same keys of the same change point
		 * make one warning. */
		for (k = 0; k < ngaps; k++)
			if (gaps[k].cp == g.cp && gaps[k].missing == g.missing &&
			    gaps[k].figures == g.figures &&
			    gaps[k].checks == g.checks)
				break;
		if (k == ngaps) {
			gaps = xrealloc(gaps, (ngaps + 1) * sizeof(*gaps));
			gaps[ngaps++] = g;
		}
		if (gaps[k].nmonths < ARRAY_SIZE(gaps[k].months))
			gaps[k].months[gaps[k].nmonths++] = m[i].month;
	}
	for (k = 0; k < ngaps; k++)
		print_gap(w, c, &gaps[k]);
	free(gaps);
	free(m);
}

/* Warns about the tenant attributes the file's tenant block took away. */
static void
warn_dropped(const struct written *w)
{
	static const char *const names[] = { "name", "locale", "currency",
		"brand.color", "brand.logo" };
	struct buf b = BUF_INIT;

	add_list(&b, names, ARRAY_SIZE(names), w->dropped, "'", " and ");
	diag_file_warning(w->path, "tenant '%s' loses its %s: this file's "
	    "tenant block has no such key, and the latest tenant block applies "
	    "as a whole", w->tenant, b.ptr);
	buf_release(&b);
}

int
ingest_warn(struct store *st, const struct written *w, size_t n)
{
	struct cps c[ARRAY_SIZE(sections)];
	struct months tm = { 0 };
	struct store_arg a = { 0, NULL };
	int64_t loaded = 0;
	size_t i, s;
	int rc = 0;

	memset(c, 0, sizeof(c));
	for (s = 0; s < ARRAY_SIZE(sections); s++)
		c[s].sec = &sections[s];
	for (i = 0; i < n && rc == 0; i++) {
		if (w[i].dropped)
			warn_dropped(&w[i]);
		/* Files of a tenant tend to follow each other. */
		if (w[i].tid != loaded) {
			a.i = w[i].tid;
			tm.n = 0;
			rc = store_read(st, SR_MONTHS, &a, 1, read_month, &tm);
			for (s = 0; s < ARRAY_SIZE(sections) && rc == 0; s++) {
				c[s].n = 0;
				rc = store_read(st, sections[s].query, &a, 1,
				    read_cp, &c[s]);
			}
			loaded = w[i].tid;
		}
		for (s = 0; s < ARRAY_SIZE(sections) && rc == 0; s++)
			warn_section(&w[i], &c[s], &tm);
	}
	for (s = 0; s < ARRAY_SIZE(sections); s++)
		free(c[s].v);
	free(tm.v);
	return rc ? -1 : 0;
}
