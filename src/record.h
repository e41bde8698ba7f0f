/*
 * record.h: the records of a KPI export (SPEC 3.1) as field tables, shared
 * by the readers (JSON, CSV) and the store. A record is an array of values
 * indexed by the field enums below.
 */
#ifndef ROIC_RECORD_H
#define ROIC_RECORD_H

#include <stddef.h>
#include <stdint.h>

enum ftype {
	FT_STR,		/* free text (names, summaries) */
	FT_ID,		/* an identifier: system, endpoint, feature, incident id */
	FT_DATE,	/* YYYY-MM-DD; also in `i` as the integer YYYYMMDD */
	FT_MONTH,	/* YYYY-MM */
	FT_TIME,	/* RFC 3339 UTC */
	FT_COUNT,	/* non-negative integer */
	FT_RATE,	/* number in [0, 1] */
	FT_MONEY,	/* non-negative finite number */
	FT_NUM,		/* non-negative finite number (latency, minutes) */
	FT_EDGES,	/* array of increasing numbers */
	FT_COUNTS,	/* array of counts */
	FT_TARGETS	/* object: severity -> minutes */
};

struct field {
	const char *name;
	enum ftype type;
	int required;
	size_t maxlen;	/* for text: the most characters allowed */
};

/*
 * A value: `present` is 0 for an absent or null optional value. Counts are
 * in `i` (and `d`), numbers in `d`, text in `s` (NUL-terminated, owned by
 * the reader's input); dates are also in `i` as YYYYMMDD (20261001), the
 * form the store keeps them in; times have their Unix seconds in `d` and their
 * canonical text in `json` (val_check sets both); arrays and objects keep
 * canonical JSON in `json`.
 */
struct val {
	int present;
	int64_t i;
	double d;
	const char *s;
	char *json;	/* owned: freed by record_clear */
};

enum { D_DATE, D_SYSTEM, D_TASKS, D_ERRORS, D_UPTIME, D_DOWNTIME, D_P95,
	D_ACCURACY, D_HALLUCINATION, D_LLM_COST, D_LLM_CALLS, D_CACHE_HITS,
	D_NFIELDS };
enum { I_ID, I_SYSTEM, I_SEVERITY, I_OPENED, I_RESOLVED, I_SUMMARY,
	I_NFIELDS };
enum { R_SYSTEM, R_FEATURE, R_MONTH, R_EDGES, R_BASELINE, R_CURRENT,
	R_NFIELDS };
enum { G_DATE, G_SYSTEM, G_ENDPOINT, G_CALLS, G_FAILURES, G_P95,
	G_NFIELDS };
enum { T_ID, T_NAME, T_LOCALE, T_CURRENCY, T_NFIELDS };
enum { B_COLOR, B_LOGO, B_NFIELDS };
enum { A_HOURLY_RATE, A_COST_PER_ERROR, A_MONTHLY_FEE, A_NFIELDS };
enum { S_AVAILABILITY, S_P95, S_RESOLUTION, S_ACCURACY, S_NFIELDS };
enum { Y_ID, Y_NAME, Y_MODEL, Y_NFIELDS };
enum { L_MINUTES_PER_TASK, L_ERROR_RATE, L_NFIELDS };

/* A table of fields, with its name as the user knows it ("daily row"). */
struct record_kind {
	const char *what;
	const struct field *fields;
	size_t nfields;
};

extern const struct record_kind rk_daily, rk_incident, rk_drift,
    rk_integration, rk_tenant, rk_brand, rk_assumptions, rk_sla, rk_system,
    rk_baseline;

#define MAX_FIELDS 16
#define ROIC_FORMAT "roic-kpi/1"
#define MONTH_BEGINNING "0000-00"

/* Index of the field called name[0..n), or -1. */
int record_field(const struct record_kind *k, const char *name, size_t n);
/* 1 when values of kind k can own memory (times, arrays): see record_clear. */
int record_owns_memory(const struct record_kind *k);
/* Frees what values own and marks them absent. */
void record_clear(struct val *v, size_t n);

/*
 * Parses text s[0..n) as a value of field f (the CSV reader's form: empty
 * text is absent). Numbers have a decimal point; when `decimal` is ',',
 * a decimal comma instead is read too ("12,40", as spreadsheets in French
 * locales write). Returns 0, or -1 with a message in `msg` that quotes the
 * text as given.
 */
struct buf;
int val_parse_text(const struct field *f, const char *s, size_t n,
    char decimal, struct val *v, struct buf *msg);
/* Range and format checks shared by every reader, after conversion. */
int val_check(const struct field *f, struct val *v, struct buf *msg);

/* Checks that hold across the fields of one record: returns the index of the
 * offending field and a message, or -1 when the record is consistent. */
int record_check(const struct record_kind *k, const struct val *v,
    struct buf *msg);

/* Parses strict formats; each returns 0 or -1. */
int parse_date(const char *s, int *y, int *m, int *d);
int parse_month(const char *s, int *y, int *m);
int parse_time(const char *s, double *t, char canon[40]);
int valid_tenant_id(const char *s);
#define TENANT_ID_RULE "1 to 63 characters of a-z, 0-9 and '-', starting " \
	"with a letter or digit"

/* Appends s[0..n) in single quotes, control characters escaped, at most 40
 * bytes shown: for messages that show a value. */
void quote_text(struct buf *b, const char *s, size_t n);

/* The shortest decimal text that reads back to the same double, as JSON. */
void fmt_double(double d, char out[32]);

#endif
