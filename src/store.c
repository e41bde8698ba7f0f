/* store.c: the SQLite store of ingested exports (see store.h). */
#include "store.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "diag.h"
#include "util.h"

/* The record kinds the store keeps rows of, with their tables and keys. */
enum { K_DAILY, K_INCIDENT, K_DRIFT, K_INTEGRATION, K_N };

static const struct {
	const struct record_kind *kind;
	const char *table;
	const char *key;	/* conflict target, in table columns */
} kinds[K_N] = {
	{ &rk_daily, "daily", "sid, date" },
	{ &rk_incident, "incidents", "tid, id" },
	{ &rk_drift, "drift", "sid, feature, month" },
	{ &rk_integration, "integrations", "sid, endpoint, date" },
};

enum {
	Q_INGEST, Q_FILE_SEEN, Q_FILE_ADD, Q_FILE_REPLACED,
	Q_TENANT_GET, Q_TENANT_INS, Q_TENANT_UPD, Q_TENANT_TOUCH,
	Q_SYSTEM_ENSURE, Q_SYSTEM_GET, Q_ASSUMPTIONS, Q_SLA, Q_SYSTEMS_CLEAR,
	Q_SYSTEM_PUT, Q_SEV_ANY, Q_SEV_KNOWN, Q_SUMMARY, Q_SUMMARY2, Q_MONTH,
	Q_N
};

static const char *const queries[Q_N] = {
	[Q_INGEST] = "INSERT INTO ingests(at, forced) VALUES (?, ?)",
	[Q_FILE_SEEN] = "SELECT i.at FROM files f JOIN ingests i "
	    "ON i.id = f.ingest_id WHERE f.sha256 = ? ORDER BY f.id LIMIT 1",
	[Q_FILE_ADD] = "INSERT INTO files(ingest_id, path, sha256, bytes, tid, "
	    "daily, incidents, drift, integrations) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_FILE_REPLACED] = "SELECT count(*) FROM history WHERE file_id = ? "
	    "AND old_file_id IS NOT file_id",
	[Q_TENANT_GET] = "SELECT tid, name IS NOT id, locale IS NOT 'en-CA', "
	    "currency IS NOT 'CAD', brand_color IS NOT NULL, logo IS NOT NULL "
	    "FROM tenants WHERE id = ?",
	[Q_TENANT_INS] = "INSERT INTO tenants(id, name, locale, currency, "
	    "brand_color, logo, info_month) VALUES (?1, coalesce(?2, ?1), "
	    "coalesce(?3, 'en-CA'), coalesce(?4, 'CAD'), ?5, ?6, ?7)",
	/* The block as a whole: what it lacks takes the default. */
	[Q_TENANT_UPD] = "UPDATE tenants SET name = coalesce(?2, id), "
	    "locale = coalesce(?3, 'en-CA'), currency = coalesce(?4, 'CAD'), "
	    "brand_color = ?5, logo = ?6, info_month = ?7 WHERE tid = ?1",
	[Q_TENANT_TOUCH] = "UPDATE tenants SET data_version = data_version + 1, "
	    "touched_by = ?2 WHERE tid = ?1 AND touched_by IS NOT ?2",
	[Q_SYSTEM_ENSURE] = "INSERT INTO systems(tid, id, declared) "
	    "VALUES (?, ?, ?) ON CONFLICT(tid, id) DO UPDATE SET "
	    "declared = max(declared, excluded.declared) RETURNING sid",
	[Q_SYSTEM_GET] = "SELECT sid, declared FROM systems "
	    "WHERE tid = ? AND id = ?",
	[Q_ASSUMPTIONS] = "INSERT OR REPLACE INTO assumptions(tid, month, "
	    "hourly_rate, cost_per_error, monthly_fee, file_id) "
	    "VALUES (?, ?, ?, ?, ?, ?)",
	[Q_SLA] = "INSERT OR REPLACE INTO sla(tid, month, availability, "
	    "p95_latency_ms, resolution_minutes, accuracy, file_id) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)",
	[Q_SYSTEMS_CLEAR] = "DELETE FROM system_changes "
	    "WHERE tid = ? AND month = ?",
	[Q_SYSTEM_PUT] = "INSERT OR REPLACE INTO system_changes(tid, month, "
	    "sid, name, model, minutes_per_task, error_rate, file_id) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_SEV_ANY] = "SELECT count(*) FROM sla "
	    "WHERE tid = ? AND resolution_minutes IS NOT NULL",
	[Q_SEV_KNOWN] = "SELECT count(*) FROM sla, json_each(sla.resolution_minutes) "
	    "WHERE sla.tid = ? AND json_each.key = ?",
	[Q_SUMMARY] = "SELECT count(*), printf('%04d-%02d', min(date) / 10000, "
	    "min(date) / 100 % 100), printf('%04d-%02d', max(date) / 10000, "
	    "max(date) / 100 % 100), count(DISTINCT date / 100) "
	    "FROM daily WHERE sid IN (SELECT sid FROM systems WHERE tid = ?1)",
	[Q_MONTH] = "INSERT OR IGNORE INTO months(tid, month) VALUES (?, ?)",
	[Q_SUMMARY2] = "SELECT (SELECT count(*) FROM incidents WHERE tid = ?1), "
	    "(SELECT count(*) FROM drift WHERE sid IN "
	    "(SELECT sid FROM systems WHERE tid = ?1)), "
	    "(SELECT count(*) FROM integrations WHERE sid IN "
	    "(SELECT sid FROM systems WHERE tid = ?1)), "
	    "(SELECT id FROM tenants WHERE tid = ?1)",
};

/*
 * Rows of a kind waiting to be written: one INSERT of BATCH rows costs far
 * less than BATCH statements (SQLite's per-statement work dominates).
 */
#define BATCH 32
struct batch {
	sqlite3_stmt *many;	/* upsert of BATCH rows */
	sqlite3_stmt *one;	/* upsert of one row */
	struct row {
		int64_t tid, sid, file;
		const struct val *v;	/* the caller's, until the flush */
	} rows[BATCH];
	size_t n;
	int sysfield;		/* index of the `system` field, or -1 */
};

static const char *const reads[SR_N] = {
	[SR_TENANT] = "SELECT tid, id, name, locale, currency, brand_color, logo, "
	    "data_version FROM tenants WHERE id = ?1",
	[SR_TENANTS] = "SELECT id FROM tenants ORDER BY id",
	[SR_MONTHS] = "SELECT printf('%04d-%02d', month / 100, month % 100) "
	    "FROM months WHERE tid = ?1 ORDER BY month",
	/* From the months with daily rows that ingest records (a row a
	 * tenant-month), not the daily rows (a page read a system). */
	[SR_LATEST_MONTH] = "SELECT printf('%04d-%02d', m / 100, m % 100) "
	    "FROM (SELECT max(month) AS m FROM months) WHERE m IS NOT NULL",
	[SR_ASSUMPTIONS] = "SELECT month, hourly_rate, cost_per_error, "
	    "monthly_fee, file_id FROM assumptions WHERE tid = ?1 ORDER BY month",
	[SR_SLA] = "SELECT month, availability, p95_latency_ms, "
	    "resolution_minutes, accuracy, file_id FROM sla WHERE tid = ?1 "
	    "ORDER BY month",
	[SR_SYSTEMS] = "SELECT s.sid, s.id, c.month, c.name, c.model, "
	    "c.minutes_per_task, c.error_rate, c.file_id FROM system_changes c "
	    "JOIN systems s ON s.sid = c.sid WHERE c.tid = ?1 "
	    "ORDER BY s.id, c.month",
	[SR_DAILY] = "SELECT s.sid, s.id, d.date, d.tasks, d.errors, "
	    "d.uptime_min, d.downtime_min, d.p95_latency_ms, d.accuracy, "
	    "d.hallucination_rate, d.llm_cost, d.llm_calls, d.cache_hits, "
	    "d.file_id FROM systems s JOIN daily d ON d.sid = s.sid "
	    "WHERE s.tid = ?1 AND d.date BETWEEN ?2 AND ?3 ORDER BY s.id, d.date",
	[SR_INCIDENTS] = "SELECT i.id, s.id, i.severity, i.opened, i.resolved, "
	    "i.summary, i.file_id FROM incidents i JOIN systems s "
	    "ON s.sid = i.sid WHERE i.tid = ?1 ORDER BY i.opened, i.id",
	[SR_DRIFT] = "SELECT s.id, d.feature, d.edges, d.baseline, d.current, "
	    "d.file_id FROM systems s JOIN drift d ON d.sid = s.sid "
	    "WHERE s.tid = ?1 AND d.month = ?2 ORDER BY s.id, d.feature",
	[SR_INTEGRATIONS] = "SELECT s.id, g.endpoint, g.date, g.calls, "
	    "g.failures, g.p95_latency_ms, g.file_id FROM systems s "
	    "JOIN integrations g ON g.sid = s.sid WHERE s.tid = ?1 AND "
	    "g.date BETWEEN ?2 AND ?3 ORDER BY s.id, g.endpoint, g.date",
	[SR_FILES] = "SELECT f.id, f.path, f.sha256, f.bytes, i.at FROM files f "
	    "JOIN ingests i ON i.id = f.ingest_id WHERE f.tid = ?1 "
	    "ORDER BY f.path, f.id",
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *q[Q_N];
	sqlite3_stmt *r[SR_N];
	struct batch put[K_N];
};

/*
 * Schema version 1. Each later version appends a migration to `migrations`.
 * Dates of daily rows and integration records are integers YYYYMMDD
 * (20261001): readable, and the cheapest key SQLite compares.
 */
static const char schema_v1[] =
	"CREATE TABLE ingests(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL,\n"
	"  forced INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE TABLE tenants(\n"
	"  tid INTEGER PRIMARY KEY,\n"
	"  id TEXT NOT NULL UNIQUE,\n"
	"  name TEXT NOT NULL,\n"
	"  locale TEXT NOT NULL,\n"
	"  currency TEXT NOT NULL,\n"
	"  brand_color TEXT,\n"
	"  logo BLOB,\n"
	"  info_month TEXT NOT NULL,\n"
	"  data_version INTEGER NOT NULL DEFAULT 0,\n"
	"  touched_by INTEGER);\n"
	"CREATE TABLE files(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  ingest_id INTEGER NOT NULL REFERENCES ingests(id),\n"
	"  path TEXT NOT NULL,\n"
	"  sha256 TEXT NOT NULL,\n"
	"  bytes INTEGER NOT NULL,\n"
	"  tid INTEGER REFERENCES tenants(tid),\n"
	"  daily INTEGER NOT NULL DEFAULT 0,\n"
	"  incidents INTEGER NOT NULL DEFAULT 0,\n"
	"  drift INTEGER NOT NULL DEFAULT 0,\n"
	"  integrations INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE INDEX files_sha256 ON files(sha256);\n"
	"CREATE INDEX files_tid ON files(tid);\n"
	"CREATE TABLE systems(\n"
	"  sid INTEGER PRIMARY KEY,\n"
	"  tid INTEGER NOT NULL REFERENCES tenants(tid),\n"
	"  id TEXT NOT NULL,\n"
	"  declared INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE(tid, id));\n"
	"CREATE TABLE assumptions(\n"
	"  tid INTEGER NOT NULL REFERENCES tenants(tid),\n"
	"  month TEXT NOT NULL,\n"
	"  hourly_rate REAL, cost_per_error REAL, monthly_fee REAL,\n"
	"  file_id INTEGER NOT NULL REFERENCES files(id),\n"
	"  PRIMARY KEY(tid, month)) WITHOUT ROWID;\n"
	"CREATE TABLE sla(\n"
	"  tid INTEGER NOT NULL REFERENCES tenants(tid),\n"
	"  month TEXT NOT NULL,\n"
	"  availability REAL, p95_latency_ms REAL,\n"
	"  resolution_minutes TEXT, accuracy REAL,\n"
	"  file_id INTEGER NOT NULL REFERENCES files(id),\n"
	"  PRIMARY KEY(tid, month)) WITHOUT ROWID;\n"
	"CREATE TABLE system_changes(\n"
	"  tid INTEGER NOT NULL REFERENCES tenants(tid),\n"
	"  month TEXT NOT NULL,\n"
	"  sid INTEGER NOT NULL REFERENCES systems(sid),\n"
	"  name TEXT, model TEXT, minutes_per_task REAL, error_rate REAL,\n"
	"  file_id INTEGER NOT NULL REFERENCES files(id),\n"
	"  PRIMARY KEY(tid, month, sid)) WITHOUT ROWID;\n"
	"CREATE TABLE daily(\n"
	"  sid INTEGER NOT NULL REFERENCES systems(sid),\n"
	"  date INTEGER NOT NULL,\n"
	"  tasks INTEGER NOT NULL, errors INTEGER NOT NULL,\n"
	"  uptime_min REAL NOT NULL, downtime_min REAL NOT NULL,\n"
	"  p95_latency_ms REAL, accuracy REAL, hallucination_rate REAL,\n"
	"  llm_cost REAL, llm_calls INTEGER, cache_hits INTEGER,\n"
	"  file_id INTEGER NOT NULL REFERENCES files(id),\n"
	"  PRIMARY KEY(sid, date)) WITHOUT ROWID;\n"
	"CREATE TABLE incidents(\n"
	"  tid INTEGER NOT NULL REFERENCES tenants(tid),\n"
	"  id TEXT NOT NULL,\n"
	"  sid INTEGER NOT NULL REFERENCES systems(sid),\n"
	"  severity TEXT NOT NULL, opened TEXT NOT NULL, resolved TEXT,\n"
	"  summary TEXT,\n"
	"  file_id INTEGER NOT NULL REFERENCES files(id),\n"
	"  PRIMARY KEY(tid, id)) WITHOUT ROWID;\n"
	"CREATE TABLE drift(\n"
	"  sid INTEGER NOT NULL REFERENCES systems(sid),\n"
	"  feature TEXT NOT NULL, month TEXT NOT NULL,\n"
	"  edges TEXT NOT NULL, baseline TEXT NOT NULL, current TEXT NOT NULL,\n"
	"  file_id INTEGER NOT NULL REFERENCES files(id),\n"
	"  PRIMARY KEY(sid, feature, month)) WITHOUT ROWID;\n"
	"CREATE TABLE integrations(\n"
	"  sid INTEGER NOT NULL REFERENCES systems(sid),\n"
	"  endpoint TEXT NOT NULL, date INTEGER NOT NULL,\n"
	"  calls INTEGER NOT NULL, failures INTEGER NOT NULL,\n"
	"  p95_latency_ms REAL,\n"
	"  file_id INTEGER NOT NULL REFERENCES files(id),\n"
	"  PRIMARY KEY(sid, endpoint, date)) WITHOUT ROWID;\n"
	"CREATE TABLE history(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  file_id INTEGER NOT NULL REFERENCES files(id),\n"
	"  kind TEXT NOT NULL,\n"
	"  tid INTEGER NOT NULL,\n"
	"  key TEXT NOT NULL,\n"
	"  old TEXT NOT NULL,\n"
	"  old_file_id INTEGER NOT NULL);\n"
	"CREATE INDEX history_file ON history(file_id);\n"
	"CREATE TABLE months(\n"
	"  tid INTEGER NOT NULL REFERENCES tenants(tid),\n"
	"  month INTEGER NOT NULL,\n"
	"  PRIMARY KEY(tid, month)) WITHOUT ROWID;\n"
	"CREATE TRIGGER assumptions_history AFTER UPDATE ON assumptions BEGIN\n"
	"  INSERT INTO history(file_id, kind, tid, key, old, old_file_id)\n"
	"  VALUES (NEW.file_id, 'assumptions', OLD.tid, json_array(OLD.month),\n"
	"    json_object('hourly_rate', OLD.hourly_rate,\n"
	"      'cost_per_error', OLD.cost_per_error,\n"
	"      'monthly_fee', OLD.monthly_fee), OLD.file_id);\n"
	"END;\n";

static const char *const migrations[] = { schema_v1 };

static int
sql_error(struct store *st, const char *what)
{
	return error("%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

static int
exec(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error("%s: %s", st->path, msg ? msg : "unknown SQLite error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* 1 when `name` is one of the comma-separated names of `list`. */
static int
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; *p; p += strspn(p, ", ")) {
		size_t len = strcspn(p, ", ");

		if (len == n && memcmp(p, name, n) == 0)
			return 1;
		p += len;
	}
	return 0;
}

/*
 * The upsert of a record kind and its history trigger, made from the field
 * table so that columns and bindings can never disagree. A replacement that
 * changes no value is not an update (and leaves no history).
 */
static void
kind_sql(int k, size_t nrows, struct buf *upsert, struct buf *trigger)
{
	const struct record_kind *rk = kinds[k].kind;
	const char *t = kinds[k].table;
	struct buf cols = BUF_INIT, set = BUF_INIT, changed = BUF_INIT;
	struct buf old = BUF_INIT, key = BUF_INIT;
	size_t i, r;

	if (rk == &rk_incident)
		buf_addstr(&cols, "tid, ");
	for (i = 0; i < rk->nfields; i++) {
		const char *c = strcmp(rk->fields[i].name, "system") == 0 ?
		    "sid" : rk->fields[i].name;
		int iskey = in_list(kinds[k].key, c);

		const char *o = strcmp(c, "sid") == 0 ?
		    "(SELECT id FROM systems WHERE sid = OLD.sid)" : NULL;

		buf_addf(&cols, "%s, ", c);
		if (iskey) {
			buf_addf(&key, "%s%s%s", key.len ? ", " : "",
			    o ? "" : "OLD.", o ? o : c);
			continue;
		}
		buf_addf(&set, "%s = excluded.%s, ", c, c);
		buf_addf(&changed, "%s%s.%s IS NOT excluded.%s",
		    changed.len ? " OR " : "", t, c, c);
		buf_addf(&old, "%s'%s', %s%s", old.len ? ", " : "",
		    rk->fields[i].name, o ? "" : "OLD.", o ? o : c);
	}
	buf_addstr(&cols, "file_id");
	buf_addf(upsert, "INSERT INTO %s(%s) VALUES ", t, cols.ptr);
	for (r = 0; r < nrows; r++) {
		buf_addstr(upsert, r ? ", (" : "(");
		for (i = 0; i < rk->nfields + 1 + (rk == &rk_incident); i++)
			buf_addstr(upsert, i ? ", ?" : "?");
		buf_addch(upsert, ')');
	}
	buf_addf(upsert, " ON CONFLICT(%s) DO UPDATE SET %sfile_id = "
	    "excluded.file_id WHERE %s", kinds[k].key, set.ptr, changed.ptr);
	buf_addf(trigger, "CREATE TRIGGER %s_history AFTER UPDATE ON %s BEGIN "
	    "INSERT INTO history(file_id, kind, tid, key, old, old_file_id) "
	    "VALUES (NEW.file_id, '%s', %s, json_array(%s), json_object(%s), "
	    "OLD.file_id); END;\n", t, t, t,
	    rk == &rk_incident ? "OLD.tid" :
	    "(SELECT tid FROM systems WHERE sid = OLD.sid)", key.ptr, old.ptr);
	buf_release(&cols);
	buf_release(&set);
	buf_release(&changed);
	buf_release(&old);
	buf_release(&key);
}

static int
migrate(struct store *st)
{
	sqlite3_stmt *s;
	int version = 0, n = (int)ARRAY_SIZE(migrations), k;
	struct buf up = BUF_INIT, trig = BUF_INIT;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL))
		return sql_error(st, "cannot read the schema version");
	if (sqlite3_step(s) == SQLITE_ROW)
		version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (version > n)
		return error("%s: made by a newer roic (schema %d; this roic "
		    "knows %d)", st->path, version, n);
	if (version == n)
		return 0;
	if (exec(st, "BEGIN IMMEDIATE"))
		return -1;
	for (; version < n; version++) {
		if (exec(st, migrations[version]))
			goto fail;
		if (version == 0) {
			for (k = 0; k < K_N; k++)
				kind_sql(k, 1, &up, &trig);
			if (exec(st, trig.ptr))
				goto fail;
		}
	}
	buf_reset(&trig);
	buf_addf(&trig, "PRAGMA user_version = %d", n);
	if (exec(st, trig.ptr) || exec(st, "COMMIT"))
		goto fail;
	buf_release(&up);
	buf_release(&trig);
	return 0;
fail:
	buf_release(&up);
	buf_release(&trig);
	exec(st, "ROLLBACK");
	return -1;
}

static int
prepare(struct store *st)
{
	struct buf up = BUF_INIT, trig = BUF_INIT;
	int i, rc = 0;

	for (i = 0; i < Q_N; i++)
		if (sqlite3_prepare_v3(st->db, queries[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &st->q[i], NULL) != SQLITE_OK)
			return sql_error(st, "cannot prepare a query");
	for (i = 0; i < SR_N; i++)
		if (sqlite3_prepare_v3(st->db, reads[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &st->r[i], NULL) != SQLITE_OK)
			return sql_error(st, "cannot prepare a query");
	for (i = 0; i < K_N && rc == 0; i++) {
		st->put[i].sysfield = record_field(kinds[i].kind, "system", 6);
		buf_reset(&up);
		kind_sql(i, 1, &up, &trig);
		if (sqlite3_prepare_v3(st->db, up.ptr, -1,
		    SQLITE_PREPARE_PERSISTENT, &st->put[i].one, NULL))
			rc = sql_error(st, "cannot prepare a query");
		buf_reset(&up);
		kind_sql(i, BATCH, &up, &trig);
		if (rc == 0 && sqlite3_prepare_v3(st->db, up.ptr, -1,
		    SQLITE_PREPARE_PERSISTENT, &st->put[i].many, NULL))
			rc = sql_error(st, "cannot prepare a query");
	}
	buf_release(&up);
	buf_release(&trig);
	return rc;
}

/* Forgets the rows of a batch. */
static void
discard(struct batch *b)
{
	b->n = 0;
}

struct store *
store_open(const char *path, enum store_mode mode)
{
	struct store *st = xcalloc(1, sizeof(*st));
	struct stat sb;
	const char *file = path;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX;

	/* No memory statistics: they cost a mutex on every allocation. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	st->path = xstrdup(path);
	if (mode == STORE_EXISTING && stat(path, &sb) == -1 && errno == ENOENT)
		file = ":memory:";
	if (sqlite3_open_v2(file, &st->db, flags, NULL) != SQLITE_OK) {
		error("unable to open '%s': %s", path,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		store_free(st);
		return NULL;
	}
	sqlite3_busy_timeout(st->db, 10000);
	sqlite3_extended_result_codes(st->db, 1);
	if (exec(st, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY") ||
	    (strcmp(file, ":memory:") != 0 &&
	    exec(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
	    /* 8 MiB of pages: fewer spills of a large ingest to the WAL. */
	    "PRAGMA cache_size = -8192")) ||
	    /* No memory map: its pages counted in a build's memory, which
	     * grew with the store (128 MiB for 1,000 tenants, 25 without;
	     * no time measured between them). */
	    migrate(st) || prepare(st)) {
		store_free(st);
		return NULL;
	}
	return st;
}

void
store_free(struct store *st)
{
	int i;

	if (st == NULL)
		return;
	for (i = 0; i < Q_N; i++)
		sqlite3_finalize(st->q[i]);
	for (i = 0; i < SR_N; i++)
		sqlite3_finalize(st->r[i]);
	for (i = 0; i < K_N; i++) {
		sqlite3_finalize(st->put[i].one);
		sqlite3_finalize(st->put[i].many);
	}
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

int
store_begin(struct store *st)
{
	return exec(st, "BEGIN IMMEDIATE");
}

int
store_snapshot(struct store *st)
{
	return exec(st, "BEGIN");
}

int
store_snapshot_end(struct store *st)
{
	return exec(st, "COMMIT");
}

int
store_commit(struct store *st)
{
	if (store_flush(st))
		return -1;
	return exec(st, "COMMIT");
}

int
store_rollback(struct store *st)
{
	int i;

	for (i = 0; i < K_N; i++)
		discard(&st->put[i]);
	return exec(st, "ROLLBACK");
}

/* Runs a prepared statement that returns no rows (or ignores them). */
static int
run(struct store *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sql_error(st, "cannot write");
	return 0;
}

/* Runs a statement that returns no rows, keeping its bindings. */
static int
run_bound(struct store *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sql_error(st, "cannot write");
	return 0;
}

/* Runs a statement whose first column of its first row is an integer. */
static int
run_int(struct store *st, sqlite3_stmt *s, int64_t *out)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_error(st, "cannot query");
	return rc == SQLITE_ROW ? 1 : 0;
}

static void
bind_text(sqlite3_stmt *s, int i, const char *t)
{
	if (t)
		sqlite3_bind_text(s, i, t, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* Binds a value of a field by its type; absent values bind NULL. */
static void
bind_val(sqlite3_stmt *s, int i, const struct field *f, const struct val *v)
{
	if (!v->present) {
		sqlite3_bind_null(s, i);
		return;
	}
	switch (f->type) {
	case FT_COUNT:
	case FT_DATE:
		sqlite3_bind_int64(s, i, v->i);
		break;
	case FT_RATE:
	case FT_MONEY:
	case FT_NUM:
		sqlite3_bind_double(s, i, v->d);
		break;
	case FT_TIME:
	case FT_EDGES:
	case FT_COUNTS:
	case FT_TARGETS:
		bind_text(s, i, v->json);
		break;
	default:
		bind_text(s, i, v->s);
		break;
	}
}

int64_t
store_ingest_new(struct store *st, const char *at, int forced)
{
	sqlite3_bind_text(st->q[Q_INGEST], 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_int(st->q[Q_INGEST], 2, forced);
	if (run(st, st->q[Q_INGEST]))
		return -1;
	return sqlite3_last_insert_rowid(st->db);
}

int
store_file_seen(struct store *st, const char *sha256, char at[32])
{
	sqlite3_stmt *s = st->q[Q_FILE_SEEN];
	int rc, found = 0;

	sqlite3_bind_text(s, 1, sha256, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		found = 1;
		snprintf(at, 32, "%s", (const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_error(st, "cannot query");
	return found;
}

int64_t
store_file_add(struct store *st, int64_t ingest, const char *path,
    const char *sha256, int64_t bytes, int64_t tid, const int64_t counts[4])
{
	sqlite3_stmt *s = st->q[Q_FILE_ADD];
	int i;

	sqlite3_bind_int64(s, 1, ingest);
	sqlite3_bind_text(s, 2, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, bytes);
	if (tid > 0)
		sqlite3_bind_int64(s, 5, tid);
	for (i = 0; i < 4; i++)
		sqlite3_bind_int64(s, 6 + i, counts[i]);
	if (run(st, s))
		return -1;
	return sqlite3_last_insert_rowid(st->db);
}

int64_t
store_file_replaced(struct store *st, int64_t file)
{
	int64_t n = 0;

	if (store_flush(st))
		return -1;
	sqlite3_bind_int64(st->q[Q_FILE_REPLACED], 1, file);
	if (run_int(st, st->q[Q_FILE_REPLACED], &n) < 0)
		return -1;
	return n;
}

/* Binds a tenant block to ?2 ... ?7 of an insert or update. */
static void
bind_tenant(sqlite3_stmt *s, const struct tenant_info *ti, const char *month)
{
	bind_text(s, 2, ti->name);
	bind_text(s, 3, ti->locale);
	bind_text(s, 4, ti->currency);
	bind_text(s, 5, ti->color);
	if (ti->logo)
		sqlite3_bind_blob(s, 6, ti->logo, (int)ti->logolen,
		    SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 6);
	bind_text(s, 7, month);
}

int64_t
store_tenant_put(struct store *st, const struct tenant_info *ti,
    const char *month, unsigned *dropped)
{
	sqlite3_stmt *s = st->q[Q_TENANT_GET];
	int64_t tid = -1;
	unsigned had = 0;
	int rc, i;

	*dropped = 0;
	sqlite3_bind_text(s, 1, ti->id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		tid = sqlite3_column_int64(s, 0);
		for (i = 0; i < 5; i++)
			if (sqlite3_column_int(s, 1 + i))
				had |= 1u << i;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_error(st, "cannot query");
	if (tid == -1) {
		s = st->q[Q_TENANT_INS];
		bind_text(s, 1, ti->id);
		bind_tenant(s, ti, month);
		if (run(st, s))
			return -1;
		return sqlite3_last_insert_rowid(st->db);
	}
	*dropped = had & ~((ti->name ? TENANT_NAME : 0) |
	    (ti->locale ? TENANT_LOCALE : 0) |
	    (ti->currency ? TENANT_CURRENCY : 0) |
	    (ti->color ? TENANT_COLOR : 0) | (ti->logo ? TENANT_LOGO : 0));
	s = st->q[Q_TENANT_UPD];
	sqlite3_bind_int64(s, 1, tid);
	bind_tenant(s, ti, month);
	if (run(st, s))
		return -1;
	return tid;
}

int64_t
store_tenant_ensure(struct store *st, const char *id)
{
	struct tenant_info ti = { 0 };
	unsigned dropped;
	int64_t tid;
	int r;

	if ((r = store_tenant_find(st, id, &tid)) < 0)
		return -1;
	if (r == 1)
		return tid;
	ti.id = id;
	return store_tenant_put(st, &ti, MONTH_BEGINNING, &dropped);
}

int
store_tenant_find(struct store *st, const char *id, int64_t *tid)
{
	sqlite3_bind_text(st->q[Q_TENANT_GET], 1, id, -1, SQLITE_STATIC);
	return run_int(st, st->q[Q_TENANT_GET], tid);
}

int
store_tenant_touch(struct store *st, int64_t tid, int64_t ingest)
{
	sqlite3_bind_int64(st->q[Q_TENANT_TOUCH], 1, tid);
	sqlite3_bind_int64(st->q[Q_TENANT_TOUCH], 2, ingest);
	return run(st, st->q[Q_TENANT_TOUCH]);
}

int64_t
store_system_ensure(struct store *st, int64_t tid, const char *id, int declare)
{
	sqlite3_stmt *s = st->q[Q_SYSTEM_ENSURE];
	int64_t sid = -1;

	sqlite3_bind_int64(s, 1, tid);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, declare);
	if (run_int(st, s, &sid) != 1)
		return -1;
	return sid;
}

int
store_system_declared(struct store *st, int64_t tid, const char *id,
    int64_t *sid)
{
	sqlite3_stmt *s = st->q[Q_SYSTEM_GET];
	int rc, declared = 0;

	sqlite3_bind_int64(s, 1, tid);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*sid = sqlite3_column_int64(s, 0);
		declared = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_error(st, "cannot query");
	return declared;
}

/* Writes the change point of a section: (tid, month, its fields..., file). */
static int
change_point_put(struct store *st, sqlite3_stmt *s,
    const struct record_kind *k, int64_t tid, const char *month,
    const struct val *v, int64_t file)
{
	size_t i;

	sqlite3_bind_int64(s, 1, tid);
	sqlite3_bind_text(s, 2, month, -1, SQLITE_STATIC);
	for (i = 0; i < k->nfields; i++)
		bind_val(s, 3 + (int)i, &k->fields[i], &v[i]);
	sqlite3_bind_int64(s, 3 + (int)k->nfields, file);
	return run(st, s);
}

int
store_assumptions_put(struct store *st, int64_t tid, const char *month,
    const struct val *v, int64_t file)
{
	return change_point_put(st, st->q[Q_ASSUMPTIONS], &rk_assumptions, tid,
	    month, v, file);
}

int
store_sla_put(struct store *st, int64_t tid, const char *month,
    const struct val *v, int64_t file)
{
	return change_point_put(st, st->q[Q_SLA], &rk_sla, tid, month, v, file);
}

int
store_systems_clear(struct store *st, int64_t tid, const char *month)
{
	sqlite3_bind_int64(st->q[Q_SYSTEMS_CLEAR], 1, tid);
	sqlite3_bind_text(st->q[Q_SYSTEMS_CLEAR], 2, month, -1, SQLITE_STATIC);
	return run(st, st->q[Q_SYSTEMS_CLEAR]);
}

int
store_system_put(struct store *st, int64_t tid, const char *month,
    int64_t sid, const struct val *sys, const struct val *baseline,
    int64_t file)
{
	sqlite3_stmt *s = st->q[Q_SYSTEM_PUT];

	sqlite3_bind_int64(s, 1, tid);
	sqlite3_bind_text(s, 2, month, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, sid);
	bind_val(s, 4, &rk_system.fields[Y_NAME], &sys[Y_NAME]);
	bind_val(s, 5, &rk_system.fields[Y_MODEL], &sys[Y_MODEL]);
	bind_val(s, 6, &rk_baseline.fields[L_MINUTES_PER_TASK],
	    &baseline[L_MINUTES_PER_TASK]);
	bind_val(s, 7, &rk_baseline.fields[L_ERROR_RATE],
	    &baseline[L_ERROR_RATE]);
	sqlite3_bind_int64(s, 8, file);
	return run(st, s);
}

int
store_month_add(struct store *st, int64_t tid, int month)
{
	sqlite3_bind_int64(st->q[Q_MONTH], 1, tid);
	sqlite3_bind_int(st->q[Q_MONTH], 2, month);
	return run(st, st->q[Q_MONTH]);
}

int
store_severity_known(struct store *st, int64_t tid, const char *sev)
{
	int64_t n = 0;

	sqlite3_bind_int64(st->q[Q_SEV_ANY], 1, tid);
	if (run_int(st, st->q[Q_SEV_ANY], &n) < 0)
		return -1;
	if (n == 0)
		return 2;
	sqlite3_bind_int64(st->q[Q_SEV_KNOWN], 1, tid);
	sqlite3_bind_text(st->q[Q_SEV_KNOWN], 2, sev, -1, SQLITE_STATIC);
	if (run_int(st, st->q[Q_SEV_KNOWN], &n) < 0)
		return -1;
	return n > 0;
}

/* Binds row `r` of a batch from parameter `p` on; returns the next one. */
static int
bind_row(sqlite3_stmt *s, int p, const struct record_kind *k,
    const struct batch *b, const struct row *r)
{
	size_t i;

	if (k == &rk_incident)
		sqlite3_bind_int64(s, p++, r->tid);
	for (i = 0; i < k->nfields; i++, p++) {
		if ((int)i == b->sysfield)
			sqlite3_bind_int64(s, p, r->sid);
		else
			bind_val(s, p, &k->fields[i], &r->v[i]);
	}
	sqlite3_bind_int64(s, p++, r->file);
	return p;
}

/* Writes the waiting rows of kind k: BATCH in one statement, or one by one. */
static int
flush_kind(struct store *st, int k)
{
	struct batch *b = &st->put[k];
	size_t r;
	int p = 1, rc = 0;

	/* Every parameter is bound anew: no sqlite3_clear_bindings. */
	if (b->n == BATCH) {
		for (r = 0; r < b->n; r++)
			p = bind_row(b->many, p, kinds[k].kind, b, &b->rows[r]);
		rc = run_bound(st, b->many);
	} else
		for (r = 0; r < b->n && rc == 0; r++) {
			bind_row(b->one, 1, kinds[k].kind, b, &b->rows[r]);
			rc = run_bound(st, b->one);
		}
	discard(b);
	return rc;
}

int
store_flush(struct store *st)
{
	int k;

	for (k = 0; k < K_N; k++)
		if (st->put[k].n && flush_kind(st, k))
			return -1;
	return 0;
}

int
store_put(struct store *st, const struct record_kind *k, int64_t tid,
    int64_t sid, const struct val *v, int64_t file)
{
	struct batch *b;
	struct row *r;
	int kind;

	for (kind = 0; kind < K_N && kinds[kind].kind != k; kind++)
		;
	if (kind == K_N)
		return error("internal: no table for %s", k->what);
	b = &st->put[kind];
	r = &b->rows[b->n++];
	r->tid = tid;
	r->sid = sid;
	r->file = file;
	r->v = v;
	return b->n == BATCH ? flush_kind(st, kind) : 0;
}

int
store_tenant_summary(struct store *st, int64_t tid, struct tenant_summary *ts)
{
	sqlite3_stmt *s = st->q[Q_SUMMARY];
	int rc;

	memset(ts, 0, sizeof(*ts));
	sqlite3_bind_int64(s, 1, tid);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ts->daily = sqlite3_column_int64(s, 0);
		if (sqlite3_column_type(s, 1) != SQLITE_NULL) {
			snprintf(ts->first, sizeof(ts->first), "%s",
			    (const char *)sqlite3_column_text(s, 1));
			snprintf(ts->last, sizeof(ts->last), "%s",
			    (const char *)sqlite3_column_text(s, 2));
		}
		ts->months = sqlite3_column_int64(s, 3);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_ROW)
		return sql_error(st, "cannot query");
	s = st->q[Q_SUMMARY2];
	sqlite3_bind_int64(s, 1, tid);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ts->incidents = sqlite3_column_int64(s, 0);
		ts->drift = sqlite3_column_int64(s, 1);
		ts->integrations = sqlite3_column_int64(s, 2);
		snprintf(ts->id, sizeof(ts->id), "%s",
		    (const char *)sqlite3_column_text(s, 3));
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_ROW)
		return sql_error(st, "cannot query");
	return 0;
}

/* --- reading ---------------------------------------------------------------- */

struct store_row {
	sqlite3_stmt *s;
};

int64_t
store_row_int(const struct store_row *r, int col)
{
	return sqlite3_column_int64(r->s, col);
}

double
store_row_real(const struct store_row *r, int col)
{
	if (sqlite3_column_type(r->s, col) == SQLITE_NULL)
		return NAN;
	return sqlite3_column_double(r->s, col);
}

const char *
store_row_text(const struct store_row *r, int col)
{
	return (const char *)sqlite3_column_text(r->s, col);
}

const void *
store_row_blob(const struct store_row *r, int col, size_t *len)
{
	const void *p = sqlite3_column_blob(r->s, col);

	*len = (size_t)sqlite3_column_bytes(r->s, col);
	return p;
}

int
store_read(struct store *st, enum store_read q, const struct store_arg *a,
    size_t na, int (*row)(void *ctx, const struct store_row *r), void *ctx)
{
	struct store_row r = { st->r[q] };
	size_t i;
	int rc, ret = 0;

	for (i = 0; i < na; i++) {
		if (a[i].s)
			sqlite3_bind_text(r.s, (int)i + 1, a[i].s, -1,
			    SQLITE_STATIC);
		else
			sqlite3_bind_int64(r.s, (int)i + 1, a[i].i);
	}
	while ((rc = sqlite3_step(r.s)) == SQLITE_ROW)
		if ((ret = row(ctx, &r)) != 0)
			break;
	sqlite3_reset(r.s);
	sqlite3_clear_bindings(r.s);
	if (ret == 0 && rc != SQLITE_DONE)
		return sql_error(st, "cannot read");
	return ret;
}

struct idlist {
	char (*v)[64];
	size_t n;
};

static int
add_id(void *ctx, const struct store_row *r)
{
	struct idlist *l = ctx;

	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	snprintf(l->v[l->n++], 64, "%s", store_row_text(r, 0));
	return 0;
}

int
store_tenant_ids(struct store *st, char (**ids)[64], size_t *n)
{
	struct idlist l = { NULL, 0 };
	int rc = store_read(st, SR_TENANTS, NULL, 0, add_id, &l);

	*ids = l.v;
	*n = l.n;
	return rc;
}

static int
read_month_text(void *ctx, const struct store_row *r)
{
	snprintf(ctx, 8, "%s", store_row_text(r, 0));
	return 0;
}

int
store_latest_month(struct store *st, char month[8])
{
	month[0] = '\0';
	return store_read(st, SR_LATEST_MONTH, NULL, 0, read_month_text, month);
}
