/*
 * ingest.h: validating KPI exports (JSON and CSV, SPEC 3) and writing them
 * to the store in one transaction.
 */
#ifndef ROIC_INGEST_H
#define ROIC_INGEST_H

#include <stddef.h>

#include "store.h"

#define MAX_INPUT_BYTES_DEFAULT ((size_t)256 << 20)
#define MAX_ERRORS_PER_FILE 20

struct ingest_opts {
	int check_only;		/* validate, store nothing */
	int force;		/* apply files already ingested byte for byte */
	int quiet;		/* no line per file */
	size_t max_bytes;	/* largest export file read */
};

/*
 * Validates the exports named by `paths` (files, or folders searched for
 * *.json and *.csv) and writes them to `st` in ONE transaction: JSON files
 * first, then CSV files. Any error in any file stores nothing. Errors are
 * reported as FILE:LINE:COL. Returns 0 on success, 1 when the input had
 * errors, -1 on other failures (I/O, the store).
 */
int ingest_run(struct store *st, char *const *paths, size_t npaths,
    const struct ingest_opts *o);

/*
 * Validates one export held in memory, named `name` in messages, read as
 * CSV when `csv` is set; stores nothing (the transaction is rolled back).
 * Returns as ingest_run. For the fuzzers and tests.
 */
int ingest_text(struct store *st, const char *name, const char *text,
    size_t len, int csv, const struct ingest_opts *o);

#endif
