/* ingest_int.h: what the export readers (JSON, CSV) share with the driver. */
#ifndef ROIC_INGEST_INT_H
#define ROIC_INGEST_INT_H

#include <stdarg.h>
#include <stdint.h>

#include "diag.h"
#include "jtok.h"
#include "ingest.h"
#include "record.h"
#include "store.h"
#include "util.h"

/* Where an error points, until its byte offset is known. */
struct ferr {
	size_t off;		/* byte offset in the file, once located */
	int located;		/* `off` is set */
	size_t seq;		/* order of discovery, to keep sorting stable */
	size_t rec, fld;	/* CSV: record (0 = header) and field */
	char *msg;
};

/* One export file being read. */
struct srcfile {
	const char *path;
	struct buf text;
	char sha[65];
	int64_t file;		/* its row in the store's files table */
	int64_t tid;		/* its tenant, once known */
	int64_t counts[4];	/* daily, incidents, drift, integrations */
	struct ferr *err;
	size_t nerr, caperr;
	size_t found;		/* errors found, kept or not: compare this */
	int truncated;		/* more errors than MAX_ERRORS_PER_FILE */
};

/* A check that must wait for every JSON file of the command. */
enum defer_kind { DEFER_SYSTEM, DEFER_SEVERITY };
struct deferred {
	enum defer_kind kind;
	char *path;
	int64_t tid;
	char *name;		/* the system id or severity */
	const char *section;	/* "daily", "incidents", ... */
	size_t index;		/* the record's index in its section */
	const char *key;	/* the key of the value to point at */
};

/* A JSON file whose report waits for its deferred checks. */
struct pending {
	char *path;
	struct ferr *err;	/* located errors found while reading it */
	size_t nerr;
	int truncated;
	char *summary;		/* its line for stdout, when it had no error */
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
	struct buf text;	/* reused from file to file */
	struct jdoc doc;	/* reused from file to file */
};

/*
 * Adds an error at a CSV field to the file's list; when the list is full,
 * marks it truncated. Returns -1 for `return ferr_csv(...)`.
 */
int ferr_csv(struct srcfile *f, size_t rec, size_t fld, const char *fmt, ...)
    PRINTF(4, 5);
/* An error at a known byte offset (syntax errors). */
int ferr_off(struct srcfile *f, size_t off, const char *fmt, ...) PRINTF(3, 4);
/* Prints the file's errors sorted by position (offsets must be set), at
 * most MAX_ERRORS_PER_FILE of them. */
void ferr_print(struct srcfile *f);
void ferr_clear(struct srcfile *f);
/* 1 when an error past the limit was found: look for no more. */
int ferr_full(const struct srcfile *f);

void ingest_defer(struct ingest *ing, enum defer_kind kind, const char *path,
    int64_t tid, const char *name, const char *section, size_t index,
    const char *key);

/* The readers: each validates and stores one file whose bytes are in f->text.
 * They add errors to `f` and return -1 only on failures of the store. */
int ingest_json(struct ingest *ing, struct srcfile *f);
int ingest_csv(struct ingest *ing, struct srcfile *f);
/* Locates the deferred checks' errors of one JSON file (re-reading it). */
void ingest_json_locate(struct srcfile *f, const struct deferred *d, size_t n);

#endif
