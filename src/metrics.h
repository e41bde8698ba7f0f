/*
 * metrics.h: the figures of a tenant-month (SPEC section 4), computed from
 * the store: per tenant and per system, with their 12-month series; the SLA
 * checks, incidents, drift and integration health of the month; the files
 * that fed it. The view stage turns this into the view model.
 */
#ifndef ROIC_METRICS_H
#define ROIC_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

enum fig {
	F_TASKS, F_HOURS_SAVED, F_LABOR_COST_AVOIDED, F_BASELINE_ERRORS,
	F_ERRORS, F_ERRORS_AVOIDED, F_ERROR_REDUCTION, F_ERROR_COST_AVOIDED,
	F_COST_AVOIDED, F_LLM_COST, F_AI_COST, F_NET_BENEFIT, F_ROI,
	F_AVAILABILITY, F_ERROR_BUDGET_MIN, F_ERROR_BUDGET_USED,
	F_LATENCY_ADHERENCE, F_INCIDENTS_IN_SLA, F_ACCURACY,
	F_HALLUCINATION_RATE, F_COST_PER_TASK, F_CACHE_HIT_RATE,
	F_SLA_ADHERENCE, F_N
};

struct figure_def {
	const char *name;	/* its key in data.json */
	int integer;		/* a count: written as a JSON integer */
	int tenant_only;	/* not per system (the fee is the tenant's) */
};
extern const struct figure_def figure_defs[F_N];

#define SERIES 12	/* months in a series, the last being the report's */

/* Sums over the system-days of one month, of a system or of the tenant. */
struct sums {
	int days;		/* system-days with rows */
	double tasks, errors, hours, baseline_errors;
	int no_mpt, no_er;	/* a day's system has no such baseline */
	double up, down, llm_cost;
	double acc_tasks, acc_sum, hal_tasks, hal_sum;
	double calls, hits;
	double p95_days, p95_ok;
	struct check {
		int checks, met;
	} avail, latency, accuracy, incident;
};

#define MAX_SEVERITIES 16

/* The assumptions and SLA targets in force for a month (NAN: not set). */
struct targets {
	double hourly_rate, cost_per_error, monthly_fee;
	double availability, p95_latency_ms, accuracy;
	char severity[MAX_SEVERITIES][33];
	double minutes[MAX_SEVERITIES];
	int nsev;
	int64_t assumptions_file, sla_file;	/* 0 when none */
};

/* A system of the tenant, with its declaration in force for the month. */
struct msystem {
	char *id, *name, *model;
	double minutes_per_task[SERIES], error_rate[SERIES];
	int64_t decl_file;	/* the declaration in force for the month */
	int listed;		/* it has daily rows in the month */
	struct sums sum[SERIES];
	double fig[SERIES][F_N];	/* NAN: null */
};

struct mincident {
	char *id, *system, *severity, *opened, *resolved, *summary;
	double minutes;		/* to its resolution, or open until the month's end */
	double target;		/* NAN: no target for its severity */
	int counted, met;
};

struct mdrift {
	char *system, *feature;
	double psi;
	const char *status;	/* stable, moderate, significant */
};

struct mintegration {
	char *system, *endpoint;
	int64_t calls, failures;
	double success_rate, worst_day;	/* NAN when no calls */
	double series[SERIES];
};

struct mday {
	int date;		/* YYYYMMDD */
	int checks, met;
	int rows;		/* daily rows of the day, of every system */
};

struct mbreach {
	const char *kind;	/* availability, latency, accuracy, incident */
	char *system;
	int date;		/* YYYYMMDD */
	char *incident;		/* for an incident */
};

struct mfile {
	char *path, *sha256, *at;
	int64_t bytes;
};

struct metrics {
	char *tenant, *name, *locale, *currency, *color;
	int has_logo;
	int64_t data_version;
	char month[8];
	char series_month[SERIES][8];	/* oldest first; the last is `month` */
	char (*months)[8];	/* the tenant's months with data */
	size_t nmonths;
	struct targets t[SERIES];
	struct sums sum[SERIES];
	double fig[SERIES][F_N];
	struct msystem *sys;	/* by id */
	size_t nsys;
	struct mday day[31];
	int ndays;
	struct mbreach *breach;
	size_t nbreach;
	struct mincident *inc;
	size_t ninc;
	struct mdrift *drift;
	size_t ndrift;
	struct mintegration *integ;
	size_t ninteg;
	struct mfile *file;
	size_t nfile;
};

/*
 * Computes the metrics of tenant `tenant` for `month` ("YYYY-MM"). Returns
 * 0 with *out set (free it with metrics_free), 1 when the tenant is not in
 * the store, or -1 after reporting.
 */
int metrics_compute(struct store *st, const char *tenant, const char *month,
    struct metrics **out);
void metrics_free(struct metrics *m);

/*
 * 1 when the month of `m` is partial (SPEC 5.5): it has daily rows and the
 * last of them is before the month's last day; *last gets that day
 * (YYYYMMDD, 0 when the month has no rows). 0 otherwise.
 */
int metrics_partial(const struct metrics *m, int *last);

/* The month before / after "YYYY-MM". */
void month_add(const char *month, int delta, char out[8]);

#endif
