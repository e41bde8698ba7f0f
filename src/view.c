/* view.c: the view model of a tenant-month (SPEC 5.0), and its JSON text. */
#include "view.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "assets.h"
#include "diag.h"
#include "format.h"
#include "record.h"

/* How each figure is shown. */
static const struct {
	enum fmt_unit unit;
	int decimals;
	int headline;	/* carries formula and inputs */
} shown[F_N] = {
	[F_TASKS] = { FMT_COUNT, -1, 0 },
	[F_HOURS_SAVED] = { FMT_HOURS, -1, 1 },
	[F_LABOR_COST_AVOIDED] = { FMT_MONEY, -1, 0 },
	[F_BASELINE_ERRORS] = { FMT_NUMBER, 1, 0 },
	[F_ERRORS] = { FMT_COUNT, -1, 0 },
	[F_ERRORS_AVOIDED] = { FMT_NUMBER, 1, 0 },
	[F_ERROR_REDUCTION] = { FMT_PERCENT, 1, 1 },
	[F_ERROR_COST_AVOIDED] = { FMT_MONEY, -1, 0 },
	[F_COST_AVOIDED] = { FMT_MONEY, -1, 1 },
	[F_LLM_COST] = { FMT_MONEY, -1, 0 },
	[F_AI_COST] = { FMT_MONEY, -1, 0 },
	[F_NET_BENEFIT] = { FMT_MONEY, -1, 0 },
	[F_ROI] = { FMT_PERCENT, 1, 1 },
	[F_AVAILABILITY] = { FMT_PERCENT, 2, 0 },
	[F_ERROR_BUDGET_MIN] = { FMT_MINUTES, -1, 0 },
	[F_ERROR_BUDGET_USED] = { FMT_PERCENT, 1, 0 },
	[F_LATENCY_ADHERENCE] = { FMT_PERCENT, 1, 0 },
	[F_INCIDENTS_IN_SLA] = { FMT_PERCENT, 1, 0 },
	[F_ACCURACY] = { FMT_PERCENT, 1, 0 },
	[F_HALLUCINATION_RATE] = { FMT_PERCENT, 2, 0 },
	[F_COST_PER_TASK] = { FMT_MONEY, 3, 0 },
	[F_CACHE_HIT_RATE] = { FMT_PERCENT, 1, 0 },
	[F_SLA_ADHERENCE] = { FMT_PERCENT, 1, 1 },
};

/* A number, or null for NAN; counts as integers. */
static json_t *
num(double v, int integer)
{
	if (isnan(v) || isinf(v))
		return json_null();
	if (integer && v == floor(v) && fabs(v) < 9007199254740992.0)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static json_t *
str(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* "2026-10-01" of YYYYMMDD. */
static json_t *
date_str(int d)
{
	char s[16];

	snprintf(s, sizeof(s), "%04d-%02d-%02d", d / 10000 % 10000,
	    d / 100 % 100, d % 100);
	return json_string(s);
}

/* The name of system `id` as declared, or its id when it has none. */
static const char *
system_name(const struct metrics *m, const char *id)
{
	size_t i;

	for (i = 0; i < m->nsys; i++)
		if (strcmp(m->sys[i].id, id) == 0)
			return m->sys[i].name && *m->sys[i].name ?
			    m->sys[i].name : id;
	return id;
}

static json_t *
display(const struct metrics *m, enum fmt_unit unit, int decimals, double v)
{
	struct buf b = BUF_INIT;
	json_t *j;

	format_value(&b, m->locale, m->currency, unit, decimals, v);
	j = json_string(b.ptr);
	buf_release(&b);
	return j;
}

/* The change of figure f as shown: "+38.6 h", "+1.3 pts" (format_change). */
static json_t *
change(const struct metrics *m, int f, double delta)
{
	struct buf b = BUF_INIT;
	json_t *j;

	format_change(&b, m->locale, m->currency, shown[f].unit,
	    shown[f].decimals, delta);
	j = json_string(b.ptr);
	buf_release(&b);
	return j;
}

/* The object of one figure: value, previous, delta, series, display,
 * delta_display. */
static json_t *
figure(const struct metrics *m, const double fig[SERIES][F_N], int f)
{
	json_t *o = json_object(), *series = json_array();
	int integer = figure_defs[f].integer, s;
	double v = fig[SERIES - 1][f], p = fig[SERIES - 2][f];

	json_object_set_new(o, "value", num(v, integer));
	json_object_set_new(o, "previous", num(p, integer));
	json_object_set_new(o, "delta", num(v - p, integer));
	for (s = 0; s < SERIES; s++)
		json_array_append_new(series, num(fig[s][f], integer));
	json_object_set_new(o, "series", series);
	json_object_set_new(o, "display", display(m, shown[f].unit,
	    shown[f].decimals, v));
	json_object_set_new(o, "delta_display", change(m, f, v - p));
	return o;
}

/* The named sums each headline figure was computed from. */
static json_t *
inputs(const struct metrics *m, int f)
{
	const double *t = m->fig[SERIES - 1];
	const struct targets *tg = &m->t[SERIES - 1];
	const struct sums *s = &m->sum[SERIES - 1];
	json_t *o = json_object(), *a, *e;
	size_t i;

	switch (f) {
	case F_HOURS_SAVED:
	case F_ERROR_REDUCTION:
		a = json_array();
		for (i = 0; i < m->nsys; i++) {
			const struct msystem *sy = &m->sys[i];

			if (!sy->listed)
				continue;
			e = json_object();
			json_object_set_new(e, "system", json_string(sy->id));
			json_object_set_new(e, "tasks",
			    num(sy->fig[SERIES - 1][F_TASKS], 1));
			if (f == F_HOURS_SAVED) {
				json_object_set_new(e, "minutes_per_task",
				    num(sy->minutes_per_task[SERIES - 1], 0));
				json_object_set_new(e, "hours_saved",
				    num(sy->fig[SERIES - 1][F_HOURS_SAVED], 0));
			} else {
				json_object_set_new(e, "error_rate",
				    num(sy->error_rate[SERIES - 1], 0));
				json_object_set_new(e, "baseline_errors",
				    num(sy->fig[SERIES - 1][F_BASELINE_ERRORS], 0));
				json_object_set_new(e, "errors",
				    num(sy->fig[SERIES - 1][F_ERRORS], 1));
			}
			json_array_append_new(a, e);
		}
		json_object_set_new(o, "systems", a);
		if (f == F_HOURS_SAVED) {
			json_object_set_new(o, "tasks", num(t[F_TASKS], 1));
			json_object_set_new(o, "hours_saved", num(t[F_HOURS_SAVED], 0));
		} else {
			json_object_set_new(o, "baseline_errors",
			    num(t[F_BASELINE_ERRORS], 0));
			json_object_set_new(o, "errors", num(t[F_ERRORS], 1));
			json_object_set_new(o, "errors_avoided",
			    num(t[F_ERRORS_AVOIDED], 0));
		}
		break;
	case F_COST_AVOIDED:
		json_object_set_new(o, "hours_saved", num(t[F_HOURS_SAVED], 0));
		json_object_set_new(o, "hourly_rate", num(tg->hourly_rate, 0));
		json_object_set_new(o, "labor_cost_avoided",
		    num(t[F_LABOR_COST_AVOIDED], 0));
		json_object_set_new(o, "baseline_errors",
		    num(t[F_BASELINE_ERRORS], 0));
		json_object_set_new(o, "errors", num(t[F_ERRORS], 1));
		json_object_set_new(o, "cost_per_error", num(tg->cost_per_error, 0));
		json_object_set_new(o, "error_cost_avoided",
		    num(t[F_ERROR_COST_AVOIDED], 0));
		break;
	case F_SLA_ADHERENCE: {
		static const char *const names[] = { "availability", "latency",
			"accuracy", "incidents" };
		const struct check *c[] = { &s->avail, &s->latency,
			&s->accuracy, &s->incident };

		for (i = 0; i < 4; i++) {
			e = json_object();
			json_object_set_new(e, "checks", json_integer(c[i]->checks));
			json_object_set_new(e, "met", json_integer(c[i]->met));
			json_object_set_new(o, names[i], e);
		}
		break;
	}
	case F_ROI:
		json_object_set_new(o, "cost_avoided", num(t[F_COST_AVOIDED], 0));
		json_object_set_new(o, "llm_cost", num(t[F_LLM_COST], 0));
		json_object_set_new(o, "monthly_fee", num(tg->monthly_fee, 0));
		json_object_set_new(o, "ai_cost", num(t[F_AI_COST], 0));
		json_object_set_new(o, "net_benefit", num(t[F_NET_BENEFIT], 0));
		break;
	}
	return o;
}

static json_t *
figures(const struct metrics *m, const double fig[SERIES][F_N], int tenant,
    json_t *i18n)
{
	json_t *o = json_object(), *fo;
	int f;

	for (f = 0; f < F_N; f++) {
		if (!tenant && figure_defs[f].tenant_only)
			continue;
		fo = figure(m, fig, f);
		if (tenant && shown[f].headline) {
			json_object_set_new(fo, "formula", json_string(
			    json_string_value(json_object_get(json_object_get(i18n,
			    "formulas"), figure_defs[f].name)) ?: ""));
			json_object_set_new(fo, "inputs", inputs(m, f));
		}
		json_object_set_new(o, figure_defs[f].name, fo);
	}
	return o;
}

/* A sentence of the strings with its {{name}}s replaced (buf_subst). */
static json_t *
sentence(const char *tmpl, const char *const *params)
{
	struct buf b = BUF_INIT;
	json_t *j;

	buf_subst(&b, tmpl, params);
	j = json_string(b.ptr);
	buf_release(&b);
	return j;
}

static void
alert(json_t *list, const char *severity, const char *code, json_t *i18n,
    const char *key, const char *const *params)
{
	json_t *a = json_object();

	json_object_set_new(a, "severity", json_string(severity));
	json_object_set_new(a, "code", json_string(code));
	json_object_set_new(a, "message", sentence(json_string_value(
	    json_object_get(json_object_get(i18n, "alerts"), key)), params));
	json_array_append_new(list, a);
}

/* A display string as a C string; the caller frees it. */
static char *
shows(const struct metrics *m, enum fmt_unit unit, int decimals, double v)
{
	struct buf b = BUF_INIT;

	format_value(&b, m->locale, m->currency, unit, decimals, v);
	return buf_detach(&b, NULL);
}

/* The alerts of the month, in the order of their codes (SPEC 4). */
static json_t *
alerts(const struct metrics *m, json_t *i18n)
{
	const double *f = m->fig[SERIES - 1];
	const struct targets *t = &m->t[SERIES - 1];
	json_t *list = json_array();
	char *v, *w, count[32];
	size_t i;
	int breached = 0;

	if (f[F_AVAILABILITY] < t->availability) {
		v = shows(m, FMT_PERCENT, 2, f[F_AVAILABILITY]);
		w = shows(m, FMT_PERCENT, 2, t->availability);
		alert(list, "critical", "availability", i18n, "availability",
		    (const char *const[]){ "value", v, "target", w, NULL });
		free(v);
		free(w);
	}
	if (f[F_LATENCY_ADHERENCE] < 0.95) {
		v = shows(m, FMT_PERCENT, 1, f[F_LATENCY_ADHERENCE]);
		w = shows(m, FMT_MS, -1, t->p95_latency_ms);
		alert(list, "critical", "latency", i18n, "latency",
		    (const char *const[]){ "value", v, "target", w, NULL });
		free(v);
		free(w);
	}
	for (i = 0; i < m->ninc; i++)
		breached += m->inc[i].counted && !m->inc[i].met;
	if (breached) {
		snprintf(count, sizeof(count), "%d", breached);
		alert(list, "critical", "incident", i18n, breached == 1 ?
		    "incident_one" : "incident",
		    (const char *const[]){ "count", count, NULL });
	}
	if (f[F_ACCURACY] < t->accuracy) {
		v = shows(m, FMT_PERCENT, 1, f[F_ACCURACY]);
		w = shows(m, FMT_PERCENT, 1, t->accuracy);
		alert(list, "critical", "accuracy", i18n, "accuracy",
		    (const char *const[]){ "value", v, "target", w, NULL });
		free(v);
		free(w);
	}
	for (i = 0; i < m->ndrift; i++) {
		const struct mdrift *d = &m->drift[i];
		int sig = strcmp(d->status, "significant") == 0;

		if (!sig && strcmp(d->status, "moderate") != 0)
			continue;
		v = shows(m, FMT_NUMBER, 3, d->psi);
		alert(list, sig ? "critical" : "warning", "drift", i18n,
		    sig ? "drift_significant" : "drift_moderate",
		    (const char *const[]){ "system", system_name(m,
		    d->system), "feature", d->feature, "psi", v, NULL });
		free(v);
	}
	for (i = 0; i < m->ninteg; i++) {
		const struct mintegration *g = &m->integ[i];

		if (!(g->success_rate < 0.99))
			continue;
		v = shows(m, FMT_PERCENT, 2, g->success_rate);
		alert(list, "critical", "integration", i18n, "integration",
		    (const char *const[]){ "system", system_name(m,
		    g->system), "endpoint", g->endpoint, "value", v, NULL });
		free(v);
	}
	if (f[F_ERROR_REDUCTION] < 0) {
		v = shows(m, FMT_PERCENT, 1, f[F_ERROR_REDUCTION]);
		alert(list, "critical", "error_reduction", i18n,
		    "error_reduction", (const char *const[]){ "value", v, NULL });
		free(v);
	}
	if (f[F_NET_BENEFIT] < 0) {
		v = shows(m, FMT_MONEY, -1, f[F_NET_BENEFIT]);
		alert(list, "critical", "net_benefit", i18n, "net_benefit",
		    (const char *const[]){ "value", v, NULL });
		free(v);
	}
	return list;
}

/* Missed checks by date, then kind, system and incident. */
static int
breach_cmp(const void *a, const void *b)
{
	const struct mbreach *x = *(const struct mbreach *const *)a;
	const struct mbreach *y = *(const struct mbreach *const *)b;
	int c;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if ((c = strcmp(x->kind, y->kind)) != 0 ||
	    (c = strcmp(x->system, y->system)) != 0)
		return c;
	return strcmp(x->incident ? x->incident : "", y->incident ?
	    y->incident : "");
}

void
view_month_label(const json_t *labels, const char *month, struct buf *out)
{
	const char *name = json_string_value(json_array_get(json_object_get(
	    labels, "month_names"), (size_t)(atoi(month + 5) - 1)));

	buf_addf(out, "%s %d", name ? name : month, atoi(month));
}

void
view_document_title(const json_t *view, const json_t *labels,
    struct buf *out)
{
	const char *month = json_string_value(json_object_get(view, "month"));
	const char *tmpl = json_string_value(json_object_get(labels,
	    "document_title"));
	struct buf period = BUF_INIT;

	view_month_label(labels, month ? month : "0000-01", &period);
	buf_subst(out, tmpl ? tmpl : "{{report}} \xe2\x80\x94 {{tenant}} "
	    "\xe2\x80\x94 {{period}}", (const char *const[]){ "report",
	    json_string_value(json_object_get(labels, "report_title")) ?: "",
	    "tenant", json_string_value(json_object_get(json_object_get(view,
	    "tenant"), "name")) ?: "", "period", period.ptr, NULL });
	buf_release(&period);
}

void
view_pdf_name(const json_t *view, struct buf *out)
{
	buf_addf(out, "%s-%s.pdf", json_string_value(json_object_get(
	    json_object_get(view, "tenant"), "id")) ?: "report",
	    json_string_value(json_object_get(view, "month")) ?: "");
}

/* A string of the locale's labels by key, or "". */
static const char *
label(const json_t *i18n, const char *group, const char *key)
{
	const json_t *l = json_object_get(i18n, "labels");
	const char *s;

	if (group)
		l = json_object_get(l, group);
	s = json_string_value(json_object_get(l, key));
	return s ? s : "";
}

/*
 * The period of the report (SPEC 5.5, 5.7): a month, its calendar days
 * and those with daily rows; partial when the last of them is before the
 * month's last day, with the sentence of the banner that says so.
 */
static json_t *
period(const struct metrics *m, json_t *i18n)
{
	json_t *o = json_object();
	struct buf b = BUF_INIT, d = BUF_INIT;
	char from[32], to[32], n[16], of[16];
	int k, with = 0, last = 0, partial;

	for (k = 0; k < m->ndays; k++)
		if (m->day[k].rows > 0) {
			with++;
			last = k + 1;
		}
	partial = with > 0 && last < m->ndays;
	snprintf(from, sizeof(from), "%.7s-01", m->month);
	snprintf(to, sizeof(to), "%.7s-%02d", m->month, m->ndays);
	json_object_set_new(o, "kind", json_string("month"));
	json_object_set_new(o, "id", json_string(m->month));
	json_object_set_new(o, "from", json_string(from));
	json_object_set_new(o, "to", json_string(to));
	json_object_set_new(o, "partial", json_boolean(partial));
	json_object_set_new(o, "days_with_data", json_integer(with));
	json_object_set_new(o, "days", json_integer(m->ndays));
	if (partial) {
		snprintf(to, sizeof(to), "%.7s-%02d", m->month, last);
		format_date(&d, m->locale, to, NULL);
		snprintf(n, sizeof(n), "%d", with);
		snprintf(of, sizeof(of), "%d", m->ndays);
		buf_subst(&b, label(i18n, NULL, "partial_month"),
		    (const char *const[]){ "date", d.ptr, "days_with_data", n,
		    "days", of, NULL });
		json_object_set_new(o, "banner", json_string(b.ptr));
	} else
		json_object_set_new(o, "banner", json_null());
	buf_release(&b);
	buf_release(&d);
	return o;
}

/* figures.NAME.KEY of the view as a string, or NULL. */
static const char *
shown_as(const json_t *v, const char *name, const char *key)
{
	return json_string_value(json_object_get(json_object_get(
	    json_object_get(v, "figures"), name), key));
}

/* A sentence of the summary: strings.summary.KEY with its parameters. */
static void
say(json_t *list, const json_t *i18n, const char *key,
    const char *const *params)
{
	const char *tmpl = json_string_value(json_object_get(json_object_get(
	    i18n, "summary"), key));

	if (tmpl != NULL && *tmpl)
		json_array_append_new(list, sentence(tmpl, params));
}

/*
 * The summary at the top of the report (SPEC 5.5): a few sentences made
 * from the view `v` (its display strings, so that they say what the page
 * shows): volume and time saved, cost avoided and ROI with their changes,
 * the service levels, the most severe alert. A sentence whose figures are
 * null is left out.
 */
static json_t *
summary(const struct metrics *m, const json_t *v, json_t *i18n)
{
	const double *f = m->fig[SERIES - 1], *p = m->fig[SERIES - 2];
	const json_t *labels = json_object_get(i18n, "labels"), *a, *worst;
	json_t *list = json_array();
	struct buf month = BUF_INIT, prev = BUF_INIT;
	char checks[32], met[32], missed[32], count[32];
	size_t i;
	int nchecks, nmet;

	view_month_label(labels, m->month, &month);
	view_month_label(labels, m->series_month[SERIES - 2], &prev);
	if (!isnan(f[F_TASKS]) && !isnan(f[F_HOURS_SAVED]))
		say(list, i18n, isnan(p[F_HOURS_SAVED]) ? "volume" :
		    "volume_change", (const char *const[]){ "month", month.ptr,
		    "tasks", shown_as(v, "tasks", "display"), "hours",
		    shown_as(v, "hours_saved", "display"), "change", shown_as(v,
		    "hours_saved", "delta_display"), "previous", prev.ptr,
		    NULL });
	if (!isnan(f[F_COST_AVOIDED]))
		say(list, i18n, isnan(f[F_ROI]) ? "value" : isnan(p[F_ROI]) ?
		    "value_roi" : "value_roi_change", (const char *const[]){
		    "cost_avoided", shown_as(v, "cost_avoided", "display"),
		    "change_cost", shown_as(v, "cost_avoided", "delta_display"),
		    "ai_cost", shown_as(v, "ai_cost", "display"),
		    "roi", shown_as(v, "roi", "display"),
		    "change", shown_as(v, "roi", "delta_display"),
		    "previous", prev.ptr, NULL });
	nchecks = (int)json_integer_value(json_object_get(json_object_get(v,
	    "sla"), "checks"));
	nmet = (int)json_integer_value(json_object_get(json_object_get(v,
	    "sla"), "met"));
	snprintf(checks, sizeof(checks), "%d", nchecks);
	snprintf(met, sizeof(met), "%d", nmet);
	snprintf(missed, sizeof(missed), "%d", nchecks - nmet);
	if (nchecks > 0)
		say(list, i18n, nmet == nchecks ? "sla_all" : nchecks - nmet ==
		    1 ? "sla_missed_one" : "sla_missed", (const char *const[]){
		    "checks", checks, "met", met, "missed", missed, "value",
		    shown_as(v, "sla_adherence", "display"), NULL });
	/* The first critical alert, else the first warning. */
	worst = NULL;
	json_array_foreach(json_object_get(v, "alerts"), i, a)
		if (worst == NULL || (strcmp(json_string_value(json_object_get(
		    a, "severity")), "critical") == 0 && strcmp(
		    json_string_value(json_object_get(worst, "severity")),
		    "critical") != 0))
			worst = a;
	snprintf(count, sizeof(count), "%zu", json_array_size(
	    json_object_get(v, "alerts")));
	if (worst != NULL)
		say(list, i18n, json_array_size(json_object_get(v, "alerts")) ==
		    1 ? "alert_one" : "alert", (const char *const[]){ "message",
		    json_string_value(json_object_get(worst, "message")),
		    "count", count, NULL });
	else if (m->sum[SERIES - 1].days > 0)
		say(list, i18n, "no_alerts", (const char *const[]){ NULL });
	buf_release(&month);
	buf_release(&prev);
	return list;
}

/*
 * The strings of a locale, read once a process for each templates folder
 * and locale (a build has one folder and a few locales, and a thousand
 * tenants): the callers share them, and none changes them.
 */
json_t *
view_strings(const char *templates, const char *locale)
{
	static struct {
		char *templates, *locale;
		json_t *j;
	} kept[8];
	static size_t nkept;
	struct buf path = BUF_INIT, text = BUF_INIT;
	json_error_t je;
	json_t *j = NULL;
	size_t i;

	for (i = 0; i < nkept; i++)
		if (strcmp(kept[i].locale, locale) == 0 &&
		    strcmp(kept[i].templates, templates ? templates : "") == 0)
			return json_incref(kept[i].j);
	buf_addf(&path, "i18n/%s.json", locale);
	if (assets_load(templates, path.ptr, &text) == 0 &&
	    (j = json_loadb(text.ptr, text.len, JSON_REJECT_DUPLICATES,
	    &je)) == NULL)
		error("%s:%d:%d: %s", path.ptr, je.line, je.column, je.text);
	buf_release(&path);
	buf_release(&text);
	if (j != NULL && nkept < ARRAY_SIZE(kept)) {
		kept[nkept].templates = xstrdup(templates ? templates : "");
		kept[nkept].locale = xstrdup(locale);
		kept[nkept++].j = json_incref(j);
	}
	return j;
}

json_t *
view_build(const struct metrics *m, json_t *i18n)
{
	const struct targets *t = &m->t[SERIES - 1];
	const struct sums *s = &m->sum[SERIES - 1];
	const struct mbreach **order;
	json_t *v, *o, *a, *e;
	size_t i;
	int k;

	v = json_object();
	json_object_set_new(v, "format", json_string("roic-report/1"));
	o = json_object();
	json_object_set_new(o, "id", json_string(m->tenant));
	json_object_set_new(o, "name", json_string(m->name));
	json_object_set_new(o, "locale", json_string(m->locale));
	json_object_set_new(o, "currency", json_string(m->currency));
	json_object_set_new(v, "tenant", o);
	json_object_set_new(v, "month", json_string(m->month));
	json_object_set_new(v, "period", period(m, i18n));
	o = json_object();
	json_object_set_new(o, "color", str(m->color));
	json_object_set_new(o, "logo", m->has_logo ?
	    json_string("assets/logo.png") : json_null());
	json_object_set_new(v, "brand", o);

	o = json_object();
	json_object_set_new(o, "availability", num(t->availability, 0));
	json_object_set_new(o, "p95_latency_ms", num(t->p95_latency_ms, 0));
	json_object_set_new(o, "accuracy", num(t->accuracy, 0));
	e = json_object();
	for (k = 0; k < t->nsev; k++)
		json_object_set_new(e, t->severity[k], num(t->minutes[k], 0));
	json_object_set_new(o, "resolution_minutes", e);
	json_object_set_new(o, "hourly_rate", num(t->hourly_rate, 0));
	json_object_set_new(o, "cost_per_error", num(t->cost_per_error, 0));
	json_object_set_new(o, "monthly_fee", num(t->monthly_fee, 0));
	json_object_set_new(v, "targets", o);

	a = json_array();
	for (i = 0; i < m->nmonths; i++)
		json_array_append_new(a, json_string(m->months[i]));
	json_object_set_new(v, "months", a);
	a = json_array();
	for (k = 0; k < m->ndays; k++) {
		e = json_object();
		json_object_set_new(e, "date", date_str(m->day[k].date));
		json_object_set_new(e, "checks", json_integer(m->day[k].checks));
		json_object_set_new(e, "met", json_integer(m->day[k].met));
		json_array_append_new(a, e);
	}
	json_object_set_new(v, "days", a);
	json_object_set_new(v, "figures", figures(m,
	    m->fig, 1, i18n));

	o = json_object();
	json_object_set_new(o, "checks", json_integer(s->avail.checks +
	    s->latency.checks + s->accuracy.checks + s->incident.checks));
	json_object_set_new(o, "met", json_integer(s->avail.met +
	    s->latency.met + s->accuracy.met + s->incident.met));
	/* The missed checks by date, then kind and system. */
	order = xcalloc(m->nbreach + 1, sizeof(*order));
	for (i = 0; i < m->nbreach; i++)
		order[i] = &m->breach[i];
	qsort(order, m->nbreach, sizeof(*order), breach_cmp);
	a = json_array();
	for (i = 0; i < m->nbreach; i++) {
		e = json_object();
		json_object_set_new(e, "kind", json_string(order[i]->kind));
		json_object_set_new(e, "system", json_string(order[i]->system));
		json_object_set_new(e, "system_name", json_string(system_name(m,
		    order[i]->system)));
		json_object_set_new(e, "date", date_str(order[i]->date));
		json_object_set_new(e, "incident", str(order[i]->incident));
		json_array_append_new(a, e);
	}
	free(order);
	json_object_set_new(o, "breached", a);
	json_object_set_new(v, "sla", o);

	a = json_array();
	for (i = 0; i < m->nsys; i++) {
		const struct msystem *sy = &m->sys[i];

		if (!sy->listed)
			continue;
		e = json_object();
		json_object_set_new(e, "id", json_string(sy->id));
		json_object_set_new(e, "name", json_string(sy->name));
		json_object_set_new(e, "model", str(sy->model));
		json_object_set_new(e, "figures", figures(m,
		    sy->fig, 0, i18n));
		json_array_append_new(a, e);
	}
	json_object_set_new(v, "systems", a);

	a = json_array();
	for (i = 0; i < m->ninc; i++) {
		const struct mincident *in = &m->inc[i];

		e = json_object();
		json_object_set_new(e, "id", json_string(in->id));
		json_object_set_new(e, "system", json_string(in->system));
		json_object_set_new(e, "system_name", json_string(system_name(m,
		    in->system)));
		json_object_set_new(e, "severity", json_string(in->severity));
		json_object_set_new(e, "opened", json_string(in->opened));
		json_object_set_new(e, "resolved", str(in->resolved));
		json_object_set_new(e, "minutes", num(in->minutes, 0));
		json_object_set_new(e, "target_minutes", num(in->target, 0));
		json_object_set_new(e, "in_sla", in->counted ?
		    json_boolean(in->met) : json_null());
		json_object_set_new(e, "summary", str(in->summary));
		json_array_append_new(a, e);
	}
	json_object_set_new(v, "incidents", a);

	a = json_array();
	for (i = 0; i < m->ndrift; i++) {
		e = json_object();
		json_object_set_new(e, "system", json_string(m->drift[i].system));
		json_object_set_new(e, "system_name", json_string(system_name(m,
		    m->drift[i].system)));
		json_object_set_new(e, "feature", json_string(m->drift[i].feature));
		json_object_set_new(e, "psi", num(m->drift[i].psi, 0));
		json_object_set_new(e, "status", json_string(m->drift[i].status));
		json_array_append_new(a, e);
	}
	json_object_set_new(v, "drift", a);

	a = json_array();
	for (i = 0; i < m->ninteg; i++) {
		const struct mintegration *g = &m->integ[i];
		json_t *series = json_array();

		e = json_object();
		json_object_set_new(e, "system", json_string(g->system));
		json_object_set_new(e, "system_name", json_string(system_name(m,
		    g->system)));
		json_object_set_new(e, "endpoint", json_string(g->endpoint));
		json_object_set_new(e, "calls", json_integer(g->calls));
		json_object_set_new(e, "failures", json_integer(g->failures));
		json_object_set_new(e, "success_rate", num(g->success_rate, 0));
		json_object_set_new(e, "worst_day_success_rate",
		    num(g->worst_day, 0));
		for (k = 0; k < SERIES; k++)
			json_array_append_new(series, num(g->series[k], 0));
		json_object_set_new(e, "series", series);
		json_array_append_new(a, e);
	}
	json_object_set_new(v, "integrations", a);
	json_object_set_new(v, "alerts", alerts(m, i18n));

	a = json_array();
	for (i = 0; i < m->nfile; i++) {
		e = json_object();
		json_object_set_new(e, "file", json_string(m->file[i].path));
		json_object_set_new(e, "sha256", json_string(m->file[i].sha256));
		json_object_set_new(e, "bytes", json_integer(m->file[i].bytes));
		json_object_set_new(e, "ingested_at", json_string(m->file[i].at));
		json_array_append_new(a, e);
	}
	json_object_set_new(v, "lineage", a);
	json_object_set_new(v, "restatement", json_null());
	json_object_set_new(v, "summary", summary(m, v, i18n));
	json_object_set_new(v, "notes", json_null());
	return v;
}

/* --- JSON text ---------------------------------------------------------------- */

static void
write_string(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	buf_addch(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			buf_addch(b, '\\');
			buf_addch(b, c);
		} else if (c == '\n')
			buf_addstr(b, "\\n");
		else if (c == '\t')
			buf_addstr(b, "\\t");
		else if (c == '\r')
			buf_addstr(b, "\\r");
		else if (c < 0x20) {
			buf_addstr(b, "\\u00");
			buf_addch(b, hex[c >> 4]);
			buf_addch(b, hex[c & 15]);
		} else
			buf_addch(b, c);
	}
	buf_addch(b, '"');
}

static int
scalar(const json_t *v)
{
	return !json_is_object(v) && !json_is_array(v);
}

static void
indent(struct buf *b, int n)
{
	while (n-- > 0)
		buf_addstr(b, "  ");
}

static void
write_value(struct buf *b, const json_t *v, int depth)
{
	char num[32];
	const char *key;
	json_t *e;
	size_t i, n;
	int flat;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		if (json_object_size(v) == 0) {
			buf_addstr(b, "{}");
			break;
		}
		/* Small objects of scalars (a day, a breach) stay on one line. */
		flat = json_object_size(v) <= 4;
		json_object_foreach((json_t *)v, key, e)
			flat &= scalar(e) && !json_is_string(e) ?
			    1 : json_is_string(e) && strlen(json_string_value(e)) < 24;
		if (flat) {
			buf_addch(b, '{');
			n = 0;
			json_object_foreach((json_t *)v, key, e) {
				write_string(b, key);
				buf_addstr(b, ": ");
				write_value(b, e, depth + 1);
				if (++n < json_object_size(v))
					buf_addstr(b, ", ");
			}
			buf_addch(b, '}');
			break;
		}
		buf_addstr(b, "{\n");
		n = 0;
		json_object_foreach((json_t *)v, key, e) {
			indent(b, depth + 1);
			write_string(b, key);
			buf_addstr(b, ": ");
			write_value(b, e, depth + 1);
			buf_addstr(b, ++n < json_object_size(v) ? ",\n" : "\n");
		}
		indent(b, depth);
		buf_addch(b, '}');
		break;
	case JSON_ARRAY:
		/* Arrays of numbers and strings stay on one line. */
		flat = 1;
		json_array_foreach(v, i, e)
			flat &= scalar(e);
		if (json_array_size(v) == 0) {
			buf_addstr(b, "[]");
			break;
		}
		buf_addstr(b, flat ? "[" : "[\n");
		json_array_foreach(v, i, e) {
			if (!flat)
				indent(b, depth + 1);
			write_value(b, e, depth + 1);
			if (i + 1 < json_array_size(v))
				buf_addstr(b, flat ? ", " : ",\n");
		}
		if (!flat) {
			buf_addch(b, '\n');
			indent(b, depth);
		}
		buf_addch(b, ']');
		break;
	case JSON_STRING:
		write_string(b, json_string_value(v));
		break;
	case JSON_INTEGER:
		buf_addf(b, "%lld", (long long)json_integer_value(v));
		break;
	case JSON_REAL:
		fmt_double(json_real_value(v), num);
		buf_addstr(b, num);
		break;
	case JSON_TRUE:
		buf_addstr(b, "true");
		break;
	case JSON_FALSE:
		buf_addstr(b, "false");
		break;
	default:
		buf_addstr(b, "null");
		break;
	}
}

void
view_write(const json_t *v, struct buf *out)
{
	write_value(out, v, 0);
	buf_addch(out, '\n');
}

int
view_figure_unit(const char *name, int *unit, int *decimals)
{
	int f;

	for (f = 0; f < F_N; f++)
		if (strcmp(figure_defs[f].name, name) == 0) {
			*unit = (int)shown[f].unit;
			*decimals = shown[f].decimals;
			return 0;
		}
	return -1;
}

int
view_figure_headline(int f)
{
	return f >= 0 && f < F_N && shown[f].headline;
}

void
view_format(const json_t *view, const char *name, double value, int sign,
    struct buf *out)
{
	const json_t *t = json_object_get(view, "tenant");
	const char *locale = json_string_value(json_object_get(t, "locale"));
	const char *currency = json_string_value(json_object_get(t, "currency"));
	int f;

	for (f = 0; f < F_N; f++)
		if (strcmp(figure_defs[f].name, name) == 0)
			break;
	if (sign && value > 0 && !isnan(value))
		buf_addch(out, '+');
	if (f == F_N)
		format_value(out, locale, currency, FMT_NUMBER,
		    strcmp(name, "psi") == 0 ? 3 : 2, value);
	else
		format_value(out, locale, currency, shown[f].unit,
		    shown[f].decimals, value);
}
