/* metrics.c: the figures of a tenant-month (SPEC section 4), from the store. */
#include "metrics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "jtok.h"
#include "record.h"
#include "util.h"

const struct figure_def figure_defs[F_N] = {
	[F_TASKS] = { "tasks", 1, 0 },
	[F_HOURS_SAVED] = { "hours_saved", 0, 0 },
	[F_LABOR_COST_AVOIDED] = { "labor_cost_avoided", 0, 0 },
	[F_BASELINE_ERRORS] = { "baseline_errors", 0, 0 },
	[F_ERRORS] = { "errors", 1, 0 },
	[F_ERRORS_AVOIDED] = { "errors_avoided", 0, 0 },
	[F_ERROR_REDUCTION] = { "error_reduction", 0, 0 },
	[F_ERROR_COST_AVOIDED] = { "error_cost_avoided", 0, 0 },
	[F_COST_AVOIDED] = { "cost_avoided", 0, 0 },
	[F_LLM_COST] = { "llm_cost", 0, 0 },
	[F_AI_COST] = { "ai_cost", 0, 1 },
	[F_NET_BENEFIT] = { "net_benefit", 0, 1 },
	[F_ROI] = { "roi", 0, 1 },
	[F_AVAILABILITY] = { "availability", 0, 0 },
	[F_ERROR_BUDGET_MIN] = { "error_budget_min", 0, 0 },
	[F_ERROR_BUDGET_USED] = { "error_budget_used", 0, 0 },
	[F_LATENCY_ADHERENCE] = { "latency_adherence", 0, 0 },
	[F_INCIDENTS_IN_SLA] = { "incidents_in_sla", 0, 0 },
	[F_ACCURACY] = { "accuracy", 0, 0 },
	[F_HALLUCINATION_RATE] = { "hallucination_rate", 0, 0 },
	[F_COST_PER_TASK] = { "cost_per_task", 0, 0 },
	[F_CACHE_HIT_RATE] = { "cache_hit_rate", 0, 0 },
	[F_SLA_ADHERENCE] = { "sla_adherence", 0, 0 },
};

void
month_add(const char *month, int delta, char out[8])
{
	int y = atoi(month), m = atoi(month + 5), k;

	k = y * 12 + (m - 1) + delta;
	if (k < 0 || k >= 10000 * 12)
		k = 0;
	snprintf(out, 8, "%04u-%02u", (unsigned)(k / 12) % 10000u,
	    (unsigned)(k % 12 + 1) % 100u);
}

/* Months since year 0 of "YYYY-MM", or of a date YYYYMMDD. */
static int
month_index(const char *month)
{
	return atoi(month) * 12 + atoi(month + 5) - 1;
}

static int
date_month_index(int date)
{
	return date / 10000 * 12 + date / 100 % 100 - 1;
}

/* Unix time of the first instant of month index k. */
static double
month_start(int k)
{
	return (double)days_from_civil(k / 12, k % 12 + 1, 1) * 86400.0;
}

/* --- loading -------------------------------------------------------------- */

/* A change point of assumptions or SLA, as read. */
struct cpoint {
	char month[8];
	double v[4];
	char *resolution;
	int64_t file;
};

struct cpoints {
	struct cpoint *p;
	size_t n, cap;
	int sla;
};

static int
read_cpoint(void *ctx, const struct store_row *r)
{
	struct cpoints *c = ctx;
	struct cpoint *p;

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 8;
		c->p = xrealloc(c->p, c->cap * sizeof(*c->p));
	}
	p = &c->p[c->n++];
	memset(p, 0, sizeof(*p));
	snprintf(p->month, sizeof(p->month), "%s", store_row_text(r, 0));
	if (c->sla) {
		const char *res = store_row_text(r, 3);

		p->v[0] = store_row_real(r, 1);
		p->v[1] = store_row_real(r, 2);
		p->v[2] = store_row_real(r, 4);
		p->resolution = res ? xstrdup(res) : NULL;
		p->file = store_row_int(r, 5);
	} else {
		p->v[0] = store_row_real(r, 1);
		p->v[1] = store_row_real(r, 2);
		p->v[2] = store_row_real(r, 3);
		p->file = store_row_int(r, 4);
	}
	return 0;
}

/* The change point in force for `month`: the latest at or before it. */
static const struct cpoint *
in_force(const struct cpoints *c, const char *month)
{
	const struct cpoint *best = NULL;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->p[i].month, month) <= 0)
			best = &c->p[i];
	return best;
}

/* Parses sla.resolution_minutes (canonical JSON) into the targets. */
static void
parse_resolution(struct targets *t, const char *json)
{
	struct jdoc doc = JDOC_INIT;
	size_t i, k;

	if (json && jdoc_parse(&doc, json, strlen(json)) == 0 &&
	    doc.t[0].type == JT_OBJECT)
		for (i = 0, k = 1; i < doc.t[0].n && t->nsev < MAX_SEVERITIES;
		    i++, k = doc.t[k + 1].next) {
			snprintf(t->severity[t->nsev], 33, "%s", doc.t[k].s);
			t->minutes[t->nsev++] = doc.t[k + 1].d;
		}
	jdoc_release(&doc);
}

static double
target_minutes(const struct targets *t, const char *severity)
{
	int i;

	for (i = 0; i < t->nsev; i++)
		if (strcmp(t->severity[i], severity) == 0)
			return t->minutes[i];
	return NAN;
}

/* System declarations as read, by system id then month. */
struct decl {
	char *id, *month, *name, *model;
	double mpt, er;
	int64_t file;
};

struct decls {
	struct decl *d;
	size_t n, cap;
};

static int
read_decl(void *ctx, const struct store_row *r)
{
	struct decls *ds = ctx;
	struct decl *d;
	const char *name = store_row_text(r, 3), *model = store_row_text(r, 4);

	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? 2 * ds->cap : 16;
		ds->d = xrealloc(ds->d, ds->cap * sizeof(*ds->d));
	}
	d = &ds->d[ds->n++];
	d->id = xstrdup(store_row_text(r, 1));
	d->month = xstrdup(store_row_text(r, 2));
	d->name = name ? xstrdup(name) : NULL;
	d->model = model ? xstrdup(model) : NULL;
	d->mpt = store_row_real(r, 5);
	d->er = store_row_real(r, 6);
	d->file = store_row_int(r, 7);
	return 0;
}

static int
sys_cmp(const void *a, const void *b)
{
	return strcmp(((const struct msystem *)a)->id,
	    ((const struct msystem *)b)->id);
}

/* The systems of the tenant, each with its declaration for every month. */
static void
build_systems(struct metrics *m, const struct decls *ds)
{
	size_t i, j, k;
	int s;

	for (i = 0; i < ds->n; i = j) {
		struct msystem *sy;

		for (j = i; j < ds->n && strcmp(ds->d[j].id, ds->d[i].id) == 0; j++)
			;
		m->sys = xrealloc(m->sys, (m->nsys + 1) * sizeof(*m->sys));
		sy = &m->sys[m->nsys++];
		memset(sy, 0, sizeof(*sy));
		sy->id = xstrdup(ds->d[i].id);
		for (s = 0; s < SERIES; s++) {
			/* The latest declaration at or before the month, else
			 * the earliest (SPEC 3.1). */
			const struct decl *d = &ds->d[i];

			for (k = i; k < j; k++)
				if (strcmp(ds->d[k].month, m->series_month[s]) <= 0)
					d = &ds->d[k];
			sy->minutes_per_task[s] = d->mpt;
			sy->error_rate[s] = d->er;
			if (s == SERIES - 1) {
				sy->name = xstrdup(d->name ? d->name : sy->id);
				sy->model = d->model ? xstrdup(d->model) : NULL;
				sy->decl_file = d->file;
			}
		}
	}
	qsort(m->sys, m->nsys, sizeof(*m->sys), sys_cmp);
}

static struct msystem *
find_system(struct metrics *m, const char *id)
{
	struct msystem key;

	key.id = (char *)id;
	return bsearch(&key, m->sys, m->nsys, sizeof(*m->sys), sys_cmp);
}

/* The ids of the files that fed the month. */
struct fileset {
	int64_t *id;
	size_t n, cap;
};

static void
fileset_add(struct fileset *fs, int64_t id)
{
	size_t i;

	if (id <= 0)
		return;
	for (i = fs->n; i-- > 0;)
		if (fs->id[i] == id)
			return;
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? 2 * fs->cap : 16;
		fs->id = xrealloc(fs->id, fs->cap * sizeof(*fs->id));
	}
	fs->id[fs->n++] = id;
}

struct ctx {
	struct metrics *m;
	struct fileset files;
	int first;		/* month index of the series' first month */
	struct msystem *cur;	/* the system of the last row */
};

static void
add_check(struct check *tenant, struct check *sys, int met)
{
	tenant->checks++;
	sys->checks++;
	tenant->met += met;
	sys->met += met;
}

static void
add_breach(struct metrics *m, const char *kind, const char *system, int date,
    const char *incident)
{
	struct mbreach *b;

	m->breach = xrealloc(m->breach, (m->nbreach + 1) * sizeof(*m->breach));
	b = &m->breach[m->nbreach++];
	b->kind = kind;
	b->system = xstrdup(system);
	b->date = date;
	b->incident = incident ? xstrdup(incident) : NULL;
}

/* Adds a check of the report's month to its day, and records a breach. */
static void
day_check(struct metrics *m, int date, int met, const char *kind,
    const char *system, const char *incident)
{
	int d = date % 100 - 1;

	if (d >= 0 && d < m->ndays) {
		m->day[d].checks++;
		m->day[d].met += met;
	}
	if (!met)
		add_breach(m, kind, system, date, incident);
}

/* One daily row: into the sums of its system and of the tenant. */
static int
read_daily(void *arg, const struct store_row *r)
{
	struct ctx *c = arg;
	struct metrics *m = c->m;
	const char *sysid = store_row_text(r, 1);
	int date = (int)store_row_int(r, 2), i;
	double tasks = (double)store_row_int(r, 3), v, p95, acc, hal;
	struct msystem *sy;
	struct sums *t, *s;
	const struct targets *tg;

	if (c->cur == NULL || strcmp(c->cur->id, sysid) != 0)
		c->cur = find_system(m, sysid);
	if ((sy = c->cur) == NULL)
		return 0;
	i = date_month_index(date) - c->first;
	if (i < 0 || i >= SERIES)
		return 0;
	t = &m->sum[i];
	s = &sy->sum[i];
	tg = &m->t[i];
	t->days++;
	s->days++;
	t->tasks += tasks;
	s->tasks += tasks;
	v = (double)store_row_int(r, 4);
	t->errors += v;
	s->errors += v;
	/* Σ over system-days of tasks × baseline, in the order of the rows:
	 * by system id, then date. */
	if (isnan(sy->minutes_per_task[i]))
		t->no_mpt = s->no_mpt = 1;
	else {
		v = tasks * sy->minutes_per_task[i] / 60;
		t->hours += v;
		s->hours += v;
	}
	if (isnan(sy->error_rate[i]))
		t->no_er = s->no_er = 1;
	else {
		v = tasks * sy->error_rate[i];
		t->baseline_errors += v;
		s->baseline_errors += v;
	}
	{
		double up = store_row_real(r, 5), down = store_row_real(r, 6);

		t->up += up;
		s->up += up;
		t->down += down;
		s->down += down;
		if (up + down > 0 && !isnan(tg->availability)) {
			int met = up / (up + down) >= tg->availability;

			add_check(&t->avail, &s->avail, met);
			if (i == SERIES - 1)
				day_check(m, date, met, "availability", sy->id, NULL);
		}
	}
	if (!isnan(p95 = store_row_real(r, 7))) {
		t->p95_days++;
		s->p95_days++;
		if (!isnan(tg->p95_latency_ms)) {
			int met = p95 <= tg->p95_latency_ms;

			t->p95_ok += met;
			s->p95_ok += met;
			add_check(&t->latency, &s->latency, met);
			if (i == SERIES - 1)
				day_check(m, date, met, "latency", sy->id, NULL);
		}
	}
	if (!isnan(acc = store_row_real(r, 8))) {
		t->acc_tasks += tasks;
		s->acc_tasks += tasks;
		t->acc_sum += tasks * acc;
		s->acc_sum += tasks * acc;
		if (!isnan(tg->accuracy)) {
			int met = acc >= tg->accuracy;

			add_check(&t->accuracy, &s->accuracy, met);
			if (i == SERIES - 1)
				day_check(m, date, met, "accuracy", sy->id, NULL);
		}
	}
	if (!isnan(hal = store_row_real(r, 9))) {
		t->hal_tasks += tasks;
		s->hal_tasks += tasks;
		t->hal_sum += tasks * hal;
		s->hal_sum += tasks * hal;
	}
	if (!isnan(v = store_row_real(r, 10))) {
		t->llm_cost += v;
		s->llm_cost += v;
	}
	{
		double calls = store_row_real(r, 11), hits = store_row_real(r, 12);

		if (!isnan(calls) && !isnan(hits)) {
			t->calls += calls;
			s->calls += calls;
			t->hits += hits;
			s->hits += hits;
		}
	}
	if (i == SERIES - 1) {
		sy->listed = 1;
		fileset_add(&c->files, store_row_int(r, 13));
		if (date % 100 >= 1 && date % 100 <= m->ndays)
			m->day[date % 100 - 1].rows++;
	}
	return 0;
}

/* --- incidents ------------------------------------------------------------ */

static int
read_incident(void *arg, const struct store_row *r)
{
	struct ctx *c = arg;
	struct metrics *m = c->m;
	const char *sysid = store_row_text(r, 1), *sev = store_row_text(r, 2);
	const char *opened = store_row_text(r, 3), *resolved = store_row_text(r, 4);
	const char *summary = store_row_text(r, 5);
	char canon[40];
	double o, res = INFINITY, start, end, minutes, target;
	struct msystem *sy = find_system(m, sysid);
	int64_t date;		/* when it is judged: resolution or month end */
	int i, counted, met;

	if (sy == NULL || parse_time(opened, &o, canon) ||
	    (resolved && parse_time(resolved, &res, canon)))
		return 0;
	for (i = 0; i < SERIES; i++) {
		start = month_start(c->first + i);
		end = month_start(c->first + i + 1);
		/* Opened in the month, or earlier and resolved in it or still
		 * open at its end, judged as of its end (SPEC 4). */
		if (!(o < end && res >= start))
			continue;
		target = target_minutes(&m->t[i], sev);
		counted = met = 0;
		if (res < end) {
			minutes = (res - o) / 60;
			counted = !isnan(target);
			met = counted && minutes <= target;
			date = (int64_t)res;
		} else {
			minutes = (end - o) / 60;
			counted = !isnan(target) && minutes > target;
			date = (int64_t)end - 1;
		}
		if (counted)
			add_check(&m->sum[i].incident, &sy->sum[i].incident, met);
		if (i != SERIES - 1)
			continue;
		{
			struct mincident *in;

			m->inc = xrealloc(m->inc, (m->ninc + 1) * sizeof(*m->inc));
			in = &m->inc[m->ninc++];
			in->id = xstrdup(store_row_text(r, 0));
			in->system = xstrdup(sysid);
			in->severity = xstrdup(sev);
			in->opened = xstrdup(opened);
			in->resolved = res < end && resolved ? xstrdup(resolved) : NULL;
			in->summary = summary ? xstrdup(summary) : NULL;
			in->minutes = minutes;
			in->target = target;
			in->counted = counted;
			in->met = met;
			fileset_add(&c->files, store_row_int(r, 6));
			if (counted)
				day_check(m, utc_date(date), met, "incident",
				    sysid, in->id);
		}
	}
	return 0;
}

/* --- drift and integrations ----------------------------------------------- */

/* Reads a canonical JSON array of numbers (at most `max`); their count. */
static size_t
json_numbers(const char *json, double *out, size_t max)
{
	struct jdoc doc = JDOC_INIT;
	size_t i, k, n = 0;

	if (json && jdoc_parse(&doc, json, strlen(json)) == 0 &&
	    doc.t[0].type == JT_ARRAY)
		for (i = 0, k = 1; i < doc.t[0].n && n < max;
		    i++, k = doc.t[k].next)
			out[n++] = doc.t[k].d;
	jdoc_release(&doc);
	return n;
}

#define MAX_BINS 256

/* PSI = Σ (c − b) × ln(c / b) over bins, shares floored at 0.0001. */
static double
psi(const double *base, const double *cur, size_t n)
{
	double bt = 0, ct = 0, sum = 0, b, c;
	size_t i;

	for (i = 0; i < n; i++) {
		bt += base[i];
		ct += cur[i];
	}
	if (bt <= 0 || ct <= 0)
		return NAN;
	for (i = 0; i < n; i++) {
		b = base[i] / bt;
		c = cur[i] / ct;
		if (b < 0.0001)
			b = 0.0001;
		if (c < 0.0001)
			c = 0.0001;
		sum += (c - b) * log(c / b);
	}
	return sum;
}

static int
read_drift(void *arg, const struct store_row *r)
{
	struct ctx *c = arg;
	struct metrics *m = c->m;
	double base[MAX_BINS], cur[MAX_BINS];
	size_t nb, nc;
	struct mdrift *d;

	nb = json_numbers(store_row_text(r, 3), base, MAX_BINS);
	nc = json_numbers(store_row_text(r, 4), cur, MAX_BINS);
	m->drift = xrealloc(m->drift, (m->ndrift + 1) * sizeof(*m->drift));
	d = &m->drift[m->ndrift++];
	d->system = xstrdup(store_row_text(r, 0));
	d->feature = xstrdup(store_row_text(r, 1));
	d->psi = nb == nc ? psi(base, cur, nb) : NAN;
	d->status = isnan(d->psi) ? "unknown" : d->psi < 0.1 ? "stable" :
	    d->psi < 0.25 ? "moderate" : "significant";
	fileset_add(&c->files, store_row_int(r, 5));
	return 0;
}

/* Integration records, grouped by system and endpoint as they come. */
struct ig {
	struct mintegration cur;
	double calls[SERIES], failures[SERIES];
	int in_month;		/* a record in the report's month */
	int open;
};

struct igctx {
	struct ctx *c;
	struct ig g;
};

static void
ig_close(struct igctx *x)
{
	struct metrics *m = x->c->m;
	struct ig *g = &x->g;
	int i;

	if (!g->open)
		return;
	g->open = 0;
	if (!g->in_month) {
		free(g->cur.system);
		free(g->cur.endpoint);
		return;
	}
	for (i = 0; i < SERIES; i++)
		g->cur.series[i] = g->calls[i] > 0 ?
		    1 - g->failures[i] / g->calls[i] : NAN;
	g->cur.success_rate = g->cur.series[SERIES - 1];
	g->cur.calls = (int64_t)g->calls[SERIES - 1];
	g->cur.failures = (int64_t)g->failures[SERIES - 1];
	m->integ = xrealloc(m->integ, (m->ninteg + 1) * sizeof(*m->integ));
	m->integ[m->ninteg++] = g->cur;
}

static int
read_integration(void *arg, const struct store_row *r)
{
	struct igctx *x = arg;
	struct ig *g = &x->g;
	const char *sys = store_row_text(r, 0), *ep = store_row_text(r, 1);
	int i = date_month_index((int)store_row_int(r, 2)) - x->c->first;
	double calls = (double)store_row_int(r, 3);
	double fails = (double)store_row_int(r, 4), rate;

	if (!g->open || strcmp(g->cur.system, sys) || strcmp(g->cur.endpoint, ep)) {
		ig_close(x);
		memset(g, 0, sizeof(*g));
		g->open = 1;
		g->cur.system = xstrdup(sys);
		g->cur.endpoint = xstrdup(ep);
		g->cur.worst_day = NAN;
	}
	if (i < 0 || i >= SERIES)
		return 0;
	g->calls[i] += calls;
	g->failures[i] += fails;
	if (i == SERIES - 1) {
		g->in_month = 1;
		fileset_add(&x->c->files, store_row_int(r, 6));
		if (calls > 0) {
			rate = 1 - fails / calls;
			if (isnan(g->cur.worst_day) || rate < g->cur.worst_day)
				g->cur.worst_day = rate;
		}
	}
	return 0;
}

/* --- figures ---------------------------------------------------------------- */

static double
ratio(double num, double den)
{
	return isnan(num) || isnan(den) || den == 0 ? NAN : num / den;
}

/* The figures of one month from its sums and targets (SPEC 4). */
static void
figures(const struct sums *s, const struct targets *t, double *f, int tenant)
{
	int i, checks, met;

	for (i = 0; i < F_N; i++)
		f[i] = NAN;
	if (s->days == 0)
		return;		/* no data: every figure is null */
	f[F_TASKS] = s->tasks;
	f[F_HOURS_SAVED] = s->no_mpt ? NAN : s->hours;
	f[F_LABOR_COST_AVOIDED] = f[F_HOURS_SAVED] * t->hourly_rate;
	f[F_BASELINE_ERRORS] = s->no_er ? NAN : s->baseline_errors;
	f[F_ERRORS] = s->errors;
	f[F_ERRORS_AVOIDED] = f[F_BASELINE_ERRORS] - s->errors;
	f[F_ERROR_REDUCTION] = ratio(f[F_ERRORS_AVOIDED], f[F_BASELINE_ERRORS]);
	f[F_ERROR_COST_AVOIDED] = f[F_ERRORS_AVOIDED] * t->cost_per_error;
	f[F_COST_AVOIDED] = f[F_LABOR_COST_AVOIDED] + f[F_ERROR_COST_AVOIDED];
	f[F_LLM_COST] = s->llm_cost;
	if (tenant) {
		f[F_AI_COST] = s->llm_cost + t->monthly_fee;
		f[F_NET_BENEFIT] = f[F_COST_AVOIDED] - f[F_AI_COST];
		f[F_ROI] = ratio(f[F_NET_BENEFIT], f[F_AI_COST]);
	}
	f[F_AVAILABILITY] = ratio(s->up, s->up + s->down);
	f[F_ERROR_BUDGET_MIN] = (1 - t->availability) * (s->up + s->down);
	f[F_ERROR_BUDGET_USED] = ratio(s->down, f[F_ERROR_BUDGET_MIN]);
	f[F_LATENCY_ADHERENCE] = isnan(t->p95_latency_ms) ? NAN :
	    ratio(s->p95_ok, s->p95_days);
	f[F_INCIDENTS_IN_SLA] = ratio(s->incident.met, s->incident.checks);
	f[F_ACCURACY] = ratio(s->acc_sum, s->acc_tasks);
	f[F_HALLUCINATION_RATE] = ratio(s->hal_sum, s->hal_tasks);
	f[F_COST_PER_TASK] = ratio(s->llm_cost, s->tasks);
	f[F_CACHE_HIT_RATE] = ratio(s->hits, s->calls);
	checks = s->avail.checks + s->latency.checks + s->accuracy.checks +
	    s->incident.checks;
	met = s->avail.met + s->latency.met + s->accuracy.met + s->incident.met;
	f[F_SLA_ADHERENCE] = ratio(met, checks);
}

/* --- the whole -------------------------------------------------------------- */

struct tenant_row {
	struct metrics *m;
	int64_t tid;
};

static int
read_tenant(void *arg, const struct store_row *r)
{
	struct tenant_row *tr = arg;
	struct metrics *m = tr->m;
	const char *color = store_row_text(r, 5);
	size_t len;

	tr->tid = store_row_int(r, 0);
	m->tenant = xstrdup(store_row_text(r, 1));
	m->name = xstrdup(store_row_text(r, 2));
	m->locale = xstrdup(store_row_text(r, 3));
	m->currency = xstrdup(store_row_text(r, 4));
	m->color = color ? xstrdup(color) : NULL;
	m->has_logo = store_row_blob(r, 6, &len) != NULL && len > 0;
	m->data_version = store_row_int(r, 7);
	return 0;
}

static int
read_month(void *arg, const struct store_row *r)
{
	struct metrics *m = arg;

	m->months = xrealloc(m->months, (m->nmonths + 1) * sizeof(*m->months));
	snprintf(m->months[m->nmonths++], 8, "%s", store_row_text(r, 0));
	return 0;
}

struct filectx {
	struct metrics *m;
	const struct fileset *fs;
};

static int
read_file_row(void *arg, const struct store_row *r)
{
	struct filectx *x = arg;
	struct metrics *m = x->m;
	int64_t id = store_row_int(r, 0);
	struct mfile *f;
	size_t i;

	for (i = 0; i < x->fs->n && x->fs->id[i] != id; i++)
		;
	if (i == x->fs->n)
		return 0;
	m->file = xrealloc(m->file, (m->nfile + 1) * sizeof(*m->file));
	f = &m->file[m->nfile++];
	f->path = xstrdup(store_row_text(r, 1));
	f->sha256 = xstrdup(store_row_text(r, 2));
	f->bytes = store_row_int(r, 3);
	f->at = xstrdup(store_row_text(r, 4));
	return 0;
}

static void
cpoints_release(struct cpoints *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->p[i].resolution);
	free(c->p);
}

static void
decls_release(struct decls *ds)
{
	size_t i;

	for (i = 0; i < ds->n; i++) {
		free(ds->d[i].id);
		free(ds->d[i].month);
		free(ds->d[i].name);
		free(ds->d[i].model);
	}
	free(ds->d);
}

int
metrics_compute(struct store *st, const char *tenant, const char *month,
    struct metrics **out)
{
	struct metrics *m = xcalloc(1, sizeof(*m));
	struct tenant_row tr = { m, 0 };
	struct cpoints as = { 0 }, sl = { 0 };
	struct decls ds = { 0 };
	struct ctx c = { 0 };
	struct igctx ig = { 0 };
	struct filectx fx;
	struct store_arg a[3];
	const struct cpoint *p;
	size_t i;
	int s, k, y, mo, rc = -1;

	*out = NULL;
	a[0].s = tenant;
	a[0].i = 0;
	if (store_read(st, SR_TENANT, a, 1, read_tenant, &tr) || tr.tid == 0) {
		rc = tr.tid == 0 ? 1 : -1;
		goto out;
	}
	snprintf(m->month, sizeof(m->month), "%s", month);
	for (s = 0; s < SERIES; s++)
		month_add(month, s - (SERIES - 1), m->series_month[s]);
	c.m = m;
	c.first = month_index(m->series_month[0]);
	y = atoi(month);
	mo = atoi(month + 5);
	m->ndays = days_in_month(y, mo);
	for (k = 0; k < m->ndays; k++)
		m->day[k].date = y * 10000 + mo * 100 + k + 1;
	a[0].s = NULL;
	a[0].i = tr.tid;
	sl.sla = 1;
	if (store_read(st, SR_MONTHS, a, 1, read_month, m) ||
	    store_read(st, SR_ASSUMPTIONS, a, 1, read_cpoint, &as) ||
	    store_read(st, SR_SLA, a, 1, read_cpoint, &sl) ||
	    store_read(st, SR_SYSTEMS, a, 1, read_decl, &ds))
		goto out;
	for (s = 0; s < SERIES; s++) {
		struct targets *t = &m->t[s];

		p = in_force(&as, m->series_month[s]);
		t->hourly_rate = p ? p->v[0] : NAN;
		t->cost_per_error = p ? p->v[1] : NAN;
		t->monthly_fee = p ? p->v[2] : NAN;
		t->assumptions_file = p ? p->file : 0;
		p = in_force(&sl, m->series_month[s]);
		t->availability = p ? p->v[0] : NAN;
		t->p95_latency_ms = p ? p->v[1] : NAN;
		t->accuracy = p ? p->v[2] : NAN;
		t->sla_file = p ? p->file : 0;
		if (p)
			parse_resolution(t, p->resolution);
	}
	build_systems(m, &ds);
	a[1].s = a[2].s = NULL;
	a[1].i = (int64_t)atoi(m->series_month[0]) * 10000 +
	    atoi(m->series_month[0] + 5) * 100 + 1;
	a[2].i = (int64_t)y * 10000 + mo * 100 + 31;
	if (store_read(st, SR_DAILY, a, 3, read_daily, &c) ||
	    store_read(st, SR_INCIDENTS, a, 1, read_incident, &c))
		goto out;
	a[1].s = month;
	if (store_read(st, SR_DRIFT, a, 2, read_drift, &c))
		goto out;
	a[1].s = NULL;
	ig.c = &c;
	if (store_read(st, SR_INTEGRATIONS, a, 3, read_integration, &ig))
		goto out;
	ig_close(&ig);
	for (s = 0; s < SERIES; s++) {
		figures(&m->sum[s], &m->t[s], m->fig[s], 1);
		for (i = 0; i < m->nsys; i++)
			figures(&m->sys[i].sum[s], &m->t[s], m->sys[i].fig[s], 0);
	}
	/* The files behind the month: its rows, and what was in force. */
	if (m->sum[SERIES - 1].days > 0) {
		fileset_add(&c.files, m->t[SERIES - 1].assumptions_file);
		fileset_add(&c.files, m->t[SERIES - 1].sla_file);
		for (i = 0; i < m->nsys; i++)
			if (m->sys[i].listed)
				fileset_add(&c.files, m->sys[i].decl_file);
	}
	fx.m = m;
	fx.fs = &c.files;
	if (store_read(st, SR_FILES, a, 1, read_file_row, &fx))
		goto out;
	rc = 0;
out:
	cpoints_release(&as);
	cpoints_release(&sl);
	decls_release(&ds);
	free(c.files.id);
	if (ig.g.open) {
		free(ig.g.cur.system);
		free(ig.g.cur.endpoint);
	}
	if (rc == 0)
		*out = m;
	else
		metrics_free(m);
	return rc;
}

int
metrics_partial(const struct metrics *m, int *last)
{
	int k;

	*last = 0;
	for (k = m->ndays; k-- > 0;)
		if (m->day[k].rows > 0) {
			*last = m->day[k].date;
			return k + 1 < m->ndays;
		}
	return 0;
}

void
metrics_free(struct metrics *m)
{
	size_t i;

	if (m == NULL)
		return;
	free(m->tenant);
	free(m->name);
	free(m->locale);
	free(m->currency);
	free(m->color);
	free(m->months);
	for (i = 0; i < m->nsys; i++) {
		free(m->sys[i].id);
		free(m->sys[i].name);
		free(m->sys[i].model);
	}
	free(m->sys);
	for (i = 0; i < m->nbreach; i++) {
		free(m->breach[i].system);
		free(m->breach[i].incident);
	}
	free(m->breach);
	for (i = 0; i < m->ninc; i++) {
		free(m->inc[i].id);
		free(m->inc[i].system);
		free(m->inc[i].severity);
		free(m->inc[i].opened);
		free(m->inc[i].resolved);
		free(m->inc[i].summary);
	}
	free(m->inc);
	for (i = 0; i < m->ndrift; i++) {
		free(m->drift[i].system);
		free(m->drift[i].feature);
	}
	free(m->drift);
	for (i = 0; i < m->ninteg; i++) {
		free(m->integ[i].system);
		free(m->integ[i].endpoint);
	}
	free(m->integ);
	for (i = 0; i < m->nfile; i++) {
		free(m->file[i].path);
		free(m->file[i].sha256);
		free(m->file[i].at);
	}
	free(m->file);
	free(m);
}
