/*
 * ingest_int.h: what the export readers (JSON, CSV) share with the driver.
 *
 * A file goes through two phases. Reading (ingest_json_read,
 * ingest_csv_read) parses and validates it into a struct srcfile: every
 * record with its values, and the errors found; it touches no store, so the
 * driver runs it on a worker thread for the next file while the main thread
 * writes the current one. Writing (the driver's apply) checks what needs the
 * store (tenants, declared systems, severities) and stores the records.
 */
#ifndef ROIC_INGEST_INT_H
#define ROIC_INGEST_INT_H

#include <stdarg.h>
#include <stdint.h>

#include "diag.h"
#include "ingest.h"
#include "jtok.h"
#include "record.h"
#include "store.h"
#include "util.h"

/* An error, located by byte offset (or, in CSV, by record and field). */
struct ferr {
	size_t off;		/* byte offset in the file, once located */
	int located;		/* `off` is set */
	size_t rec, fld;	/* CSV: record (0 = header) and field */
	size_t line, col;	/* set by ferr_lines */
	size_t seq;		/* order of discovery, to keep sorting stable */
	char *msg;
};

/* A valid record. `at` locates its system and severity values. */
struct rec {
	struct val v[MAX_FIELDS];
	size_t sys_at, sev_at;	/* JSON: offsets; CSV: field numbers */
	size_t rec;		/* CSV: record number */
};

struct recs {
	struct rec *r;
	size_t n, cap;
};

/* A system of a `systems` section, with its baseline. */
struct sysdecl {
	struct val y[Y_NFIELDS];
	struct val l[L_NFIELDS];
	int valid;
};

/* Memory for text that must stay where it is until the file is done. */
struct arena {
	char **blocks;
	size_t nblocks, used, cap;
};

/* One export file: what reading found in it, then what writing did. */
struct srcfile {
	const char *path;
	int csv;
	struct buf text;
	char sha[65];
	int read_errno;		/* the file could not be read: why */

	struct ferr *err;
	size_t nerr, caperr;
	size_t found;		/* errors found, kept or not: compare this */
	int truncated;		/* more errors than MAX_ERRORS_PER_FILE */

	struct jdoc doc;	/* JSON: the tokens, and the decoded strings */
	struct arena cells;	/* CSV: the text of the fields */

	char month[8];		/* JSON: the first month (SPEC 3.1) */
	int has_tenant;		/* JSON: a valid tenant id */
	int tenant_ok;		/* JSON: and a valid tenant section */
	struct val t[T_NFIELDS];
	struct val b[B_NFIELDS];
	struct buf logo;
	int has_assumptions, has_sla, has_systems;
	struct val a[A_NFIELDS];
	struct val s[S_NFIELDS];
	size_t resolution;	/* token of sla.resolution_minutes, or JTOK_NONE */
	struct sysdecl *sys;
	size_t nsys, capsys;

	char sep;		/* CSV: the field separator, ',' or ';' */
	char decimal;		/* CSV: the decimal separator numbers may use */
	const char *csv_tenant;	/* CSV: the tenant of the first row */
	size_t tenant_rec, tenant_fld;

	struct recs recs[4];	/* daily, incidents, drift, integrations */
	int64_t counts[4];	/* records read, valid or not */

	int64_t file;		/* writing: its row in the store's files */
	int64_t tid;		/* writing: its tenant */
};

/* A check that must wait for every JSON file of the command. */
enum defer_kind { DEFER_SYSTEM, DEFER_SEVERITY };
struct deferred {
	enum defer_kind kind;
	char *path;
	int64_t tid;
	char *name;		/* the system id or severity */
	size_t line, col;	/* where its value is */
	int has_targets;	/* its file has severity targets of its own */
};

/* A JSON file whose report waits for its deferred checks. */
struct pending {
	char *path;
	struct ferr *err;	/* its errors, with lines and columns */
	size_t nerr;
	int truncated;
	char *summary;		/* its line for stdout, when it had no error */
};

/* What the daily rows of a month report, when it matters for a target. */
enum { WM_P95 = 1, WM_ACCURACY = 2, WM_INCIDENTS = 4 };

/* A month a file wrote daily rows of. */
struct wmonth {
	int month;		/* YYYYMM */
	unsigned reports;	/* WM_* */
};

/*
 * A file the command wrote (with daily rows, a change point of assumptions
 * or SLA, or a tenant block that took something away), kept for the
 * warnings at its end.
 */
struct written {
	char *path;
	char tenant[64];
	int64_t tid, file;
	unsigned dropped;	/* TENANT_* its tenant block took away */
	struct wmonth *m;	/* ascending */
	size_t nm, cap;
};

/*
 * What the command knows of a tenant it has written to, so that each file
 * of it costs fewer statements: its data version is bumped once, and the
 * keys of its declared systems are looked up once.
 */
struct known {
	int touched;
	struct known_system {
		char *id;
		int64_t sid;
	} *sys;
	size_t nsys;
};

/* One `roic ingest` or `roic check` command. */
struct ingest {
	struct store *st;
	const struct ingest_opts *o;
	int64_t ingest;		/* the ingests row, 0 until first needed */
	char at[32];
	struct deferred *def;
	size_t ndef, capdef;
	struct pending *pend;
	size_t npend, cappend;
	size_t errors, bad_files;
	struct known *known;	/* by tenant key */
	size_t nknown;
	struct written *wr;	/* files with daily rows or a warning */
	size_t nwr, capwr;
};

/*
 * Adds an error to the file's list, at a byte offset (ferr_off) or at a CSV
 * field (ferr_csv); past MAX_ERRORS_PER_FILE, marks the list truncated.
 * Both return -1, for `return ferr_off(...)`.
 */
int ferr_off(struct srcfile *f, size_t off, const char *fmt, ...) PRINTF(3, 4);
int ferr_csv(struct srcfile *f, size_t rec, size_t fld, const char *fmt, ...)
    PRINTF(4, 5);
/* 1 when an error past the limit was found: look for no more. */
int ferr_full(const struct srcfile *f);

/* Text that lives until arena_release; `n` bytes are copied, NUL added. */
const char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_release(struct arena *a);

/* Appends a record to a list; returns it, values cleared. */
struct rec *recs_add(struct recs *rs);

/*
 * The readers: each parses and validates the file whose bytes are in
 * f->text, filling `f`. They use no store and report nothing: errors go to
 * f's list.
 */
void ingest_json_read(struct srcfile *f);
void ingest_csv_read(struct srcfile *f);
/*
 * Warns about what the written files leave null or take away (SPEC 5.5):
 * the months with daily rows that they wrote, or whose change point they
 * wrote, and that have no assumptions or SLA targets in force, read from
 * what the command left in `st` (before its commit or rollback); and the
 * tenant attributes their tenant blocks took away. Returns 0, or -1 when
 * the store failed (see ingest_warn.c).
 */
int ingest_warn(struct store *st, const struct written *w, size_t n);
/* Byte offset of field `fld` of CSV record `rec` (see ingest_csv.c). */
size_t ingest_csv_offset(const struct srcfile *f, size_t rec, size_t fld);

#endif
