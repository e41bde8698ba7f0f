/*
 * store.h: the SQLite store of ingested exports (SPEC 3.3): tenants,
 * systems, change points of assumptions, SLA and system declarations, the
 * daily rows, incidents, drift and integration records, the ingests with
 * their files (the data lineage), and the history of replaced rows.
 */
#ifndef ROIC_STORE_H
#define ROIC_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"

#define STORE_SCHEMA_VERSION 1

struct store;

enum store_mode {
	STORE_CREATE,		/* open or create the file */
	STORE_EXISTING		/* open the file, or an empty store in memory when
				   there is none (for `roic check`) */
};

/*
 * Opens the store at `path`, creating or migrating its schema. Returns NULL
 * after reporting. The caller frees with store_free.
 */
struct store *store_open(const char *path, enum store_mode mode);
void store_free(struct store *st);

int store_begin(struct store *st);
int store_commit(struct store *st);
int store_rollback(struct store *st);

/*
 * Reads between store_snapshot and store_snapshot_end see the store as it
 * was at the first of them, whatever an ingest commits meanwhile (a
 * tenant's build reads its data version and its rows alike); they also
 * take SQLite's locks once, not once a query. Return 0 or -1.
 */
int store_snapshot(struct store *st);
int store_snapshot_end(struct store *st);

/* A new ingest recorded at time `at` (RFC 3339); its id, or -1. */
int64_t store_ingest_new(struct store *st, const char *at, int forced);
/* 1 when a file with this SHA-256 was ingested before (its time in `at`). */
int store_file_seen(struct store *st, const char *sha256, char at[32]);
/*
 * Records a file of an ingest: its tenant (0 when unknown) and its records
 * per kind (daily, incidents, drift, integrations). Returns its id, or -1.
 */
int64_t store_file_add(struct store *st, int64_t ingest, const char *path,
    const char *sha256, int64_t bytes, int64_t tid, const int64_t counts[4]);
/* Rows of other files that `file` replaced (kept in the history). */
int64_t store_file_replaced(struct store *st, int64_t file);

/* A tenant block of an export; NULL or absent fields are absent. */
struct tenant_info {
	const char *id;
	const char *name;
	const char *locale;
	const char *currency;
	const char *color;
	const void *logo;	/* PNG bytes */
	size_t logolen;
};

/* The attributes a tenant block can take away (see store_tenant_put). */
enum {
	TENANT_NAME = 1, TENANT_LOCALE = 2, TENANT_CURRENCY = 4,
	TENANT_COLOR = 8, TENANT_LOGO = 16
};

/*
 * Gives the tenant the attributes of a tenant block, as a whole (SPEC 4.4:
 * the latest ingested block applies; an absent name is the id, an absent
 * locale en-CA, an absent currency CAD, an absent colour or logo none),
 * creating it when it is new. `month` is the export's first month. Sets
 * *dropped to the TENANT_* bits of what the tenant had and loses (a name,
 * a locale or currency other than the default, a colour, a logo). Returns
 * the tenant's key, or -1.
 */
int64_t store_tenant_put(struct store *st, const struct tenant_info *ti,
    const char *month, unsigned *dropped);
/* The key of tenant `id`, created with the default attributes when it is
 * new (its attributes are left as they are); -1 on error. */
int64_t store_tenant_ensure(struct store *st, const char *id);
/* The key of tenant `id`: 1 found, 0 not found, -1 on error. */
int store_tenant_find(struct store *st, const char *id, int64_t *tid);
/* Bumps the tenant's data version, once per ingest. */
int store_tenant_touch(struct store *st, int64_t tid, int64_t ingest);

/*
 * The key of system `id` of a tenant, created when missing; `declare` marks
 * it declared (by a `systems` section). Returns the key, or -1.
 */
int64_t store_system_ensure(struct store *st, int64_t tid, const char *id,
    int declare);
/* 1 declared (key in *sid), 0 unknown or only used, -1 on error. */
int store_system_declared(struct store *st, int64_t tid, const char *id,
    int64_t *sid);

/* Change points at `month` (SPEC 3.1): each replaces the one there. */
int store_assumptions_put(struct store *st, int64_t tid, const char *month,
    const struct val *v, int64_t file);
int store_sla_put(struct store *st, int64_t tid, const char *month,
    const struct val *v, int64_t file);
/* Removes the systems change point at `month` before it is written anew. */
int store_systems_clear(struct store *st, int64_t tid, const char *month);
int store_system_put(struct store *st, int64_t tid, const char *month,
    int64_t sid, const struct val *sys, const struct val *baseline,
    int64_t file);
/* Records that the tenant has daily rows in `month` (YYYYMM). */
int store_month_add(struct store *st, int64_t tid, int month);

/*
 * Whether severity `sev` has a resolution target for the tenant in any SLA
 * change point: 1 yes, 0 no, 2 when the tenant has no targets at all.
 */
int store_severity_known(struct store *st, int64_t tid, const char *sev);

/*
 * Stores a record of kind rk_daily, rk_incident, rk_drift or rk_integration
 * (its `system` field given as `sid`), replacing the one with the same key
 * (the old values go to the history). Records are written in batches: the
 * values are not copied and must stay as they are until store_flush (or
 * store_commit) writes what waits. Returns 0 or -1.
 */
int store_put(struct store *st, const struct record_kind *k, int64_t tid,
    int64_t sid, const struct val *v, int64_t file);

/* Writes the records that store_put holds back. Returns 0 or -1. */
int store_flush(struct store *st);

/* What the store holds for a tenant, for summaries. */
struct tenant_summary {
	char id[64];
	char first[8], last[8];	/* months of daily rows, "" when none */
	int64_t months, daily, incidents, drift, integrations;
};
int store_tenant_summary(struct store *st, int64_t tid,
    struct tenant_summary *ts);

/* --- reading, for the later stages ---------------------------------------- */

/*
 * The read queries, each with its parameters and the columns of its rows
 * (reals are NULL when absent; dates are integers YYYYMMDD).
 */
enum store_read {
	/* (id text) -> tid, id, name, locale, currency, brand_color, logo,
	 * data_version */
	SR_TENANT,
	/* () -> id of every tenant, by id */
	SR_TENANTS,
	/* (tid) -> month "YYYY-MM" of every month with daily rows, ascending */
	SR_MONTHS,
	/* () -> the latest month "YYYY-MM" with daily rows of any tenant */
	SR_LATEST_MONTH,
	/* (tid) -> month, hourly_rate, cost_per_error, monthly_fee, file_id;
	 * by month */
	SR_ASSUMPTIONS,
	/* (tid) -> month, availability, p95_latency_ms, resolution_minutes
	 * (JSON text), accuracy, file_id; by month */
	SR_SLA,
	/* (tid) -> sid, system id, month, name, model, minutes_per_task,
	 * error_rate, file_id; by system id, then month */
	SR_SYSTEMS,
	/* (tid, from, to) -> sid, system id, date, tasks, errors, uptime_min,
	 * downtime_min, p95_latency_ms, accuracy, hallucination_rate, llm_cost,
	 * llm_calls, cache_hits, file_id; by system id, then date */
	SR_DAILY,
	/* (tid) -> id, system id, severity, opened, resolved, summary,
	 * file_id; by opened, then id */
	SR_INCIDENTS,
	/* (tid, month text) -> system id, feature, edges, baseline, current
	 * (JSON arrays), file_id; by system id, then feature */
	SR_DRIFT,
	/* (tid, from, to) -> system id, endpoint, date, calls, failures,
	 * p95_latency_ms, file_id; by system id, endpoint, date */
	SR_INTEGRATIONS,
	/* (tid) -> file id, path, sha256, bytes, ingested_at of every file
	 * that stored something of the tenant; by path, then id */
	SR_FILES,
	SR_N
};

/* A parameter of a read query: text when `s` is set, else `i`. */
struct store_arg {
	int64_t i;
	const char *s;
};

/* A row of a read query, valid during the callback only. */
struct store_row;
int64_t store_row_int(const struct store_row *r, int col);
/* NAN for NULL. */
double store_row_real(const struct store_row *r, int col);
/* NULL for NULL; the text lives until the callback returns. */
const char *store_row_text(const struct store_row *r, int col);
const void *store_row_blob(const struct store_row *r, int col, size_t *len);

/*
 * The ids of every tenant, sorted: *ids is set to an array of *n names that
 * the caller frees. Returns 0, or -1 after reporting.
 */
int store_tenant_ids(struct store *st, char (**ids)[64], size_t *n);

/* The latest month "YYYY-MM" with daily rows of any tenant, or "" when
 * there is none. Returns 0, or -1 after reporting. */
int store_latest_month(struct store *st, char month[8]);

/*
 * Runs read query q; calls `row` for each row (a non-zero return stops and
 * is returned). Returns 0, the callback's value, or -1 after reporting.
 */
int store_read(struct store *st, enum store_read q, const struct store_arg *a,
    size_t na, int (*row)(void *ctx, const struct store_row *r), void *ctx);

#endif
