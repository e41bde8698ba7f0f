/* ingest_csv.c: reads and validates a CSV export of daily rows or incidents
 * (SPEC 3.2). */
#include "ingest_int.h"

#include <csv.h>
#include <string.h>

#define MAX_COLS 32
#define COL_TENANT (-2)
#define COL_UNKNOWN (-3)

struct cfile {
	struct srcfile *f;
	const struct record_kind *k;
	int count;		/* index into f->counts */
	int col[MAX_COLS];	/* column -> field index, or COL_TENANT */
	size_t ncols;
	size_t rec, fld;	/* record being read (0 = header), its field */
	struct buf cell;	/* the current record's fields, NUL-separated */
	size_t off[MAX_COLS];
	size_t nfields;		/* fields in the current record */
	int header_bad;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct cfile *cf = data;

	if (cf->nfields < MAX_COLS) {
		cf->off[cf->nfields++] = cf->cell.len;
		buf_add(&cf->cell, s ? s : "", s ? len : 0);
		buf_addch(&cf->cell, '\0');
	}
	cf->fld++;
}

static const char *
cell(const struct cfile *cf, size_t i)
{
	return cf->cell.ptr + cf->off[i];
}

/* Reads the header: the kind of file and what each column holds. */
static void
read_header(struct cfile *cf)
{
	const struct record_kind *k = NULL;
	size_t i, j;
	int has_date = 0, has_opened = 0, has_tenant = 0;

	if (cf->fld > MAX_COLS) {
		ferr_csv(cf->f, 0, MAX_COLS, "more than %d columns", MAX_COLS);
		cf->header_bad = 1;
		return;
	}
	cf->ncols = cf->nfields;
	for (i = 0; i < cf->ncols; i++) {
		has_date |= strcmp(cell(cf, i), "date") == 0;
		if (strcmp(cell(cf, i), "opened") == 0)
			has_opened = (int)i + 1;
	}
	if (!has_date == !has_opened) {
		ferr_csv(cf->f, 0, has_opened ? (size_t)has_opened - 1 : 0,
		    has_date ? "the header names both 'date' and 'opened': a "
		    "CSV file holds daily rows or incidents, not both" :
		    "the header names neither 'date' (daily rows) nor 'opened' "
		    "(incidents)");
		cf->header_bad = 1;
		return;
	}
	cf->k = k = has_date ? &rk_daily : &rk_incident;
	cf->count = has_date ? 0 : 1;
	for (i = 0; i < cf->ncols; i++) {
		const char *name = cell(cf, i);

		cf->col[i] = strcmp(name, "tenant") == 0 ? COL_TENANT :
		    record_field(k, name, strlen(name));
		if (cf->col[i] == -1) {
			cf->col[i] = COL_UNKNOWN;
			ferr_csv(cf->f, 0, i, "unknown column '%.60s' in a CSV "
			    "file of %ss", name, k->what);
			cf->header_bad = 1;
		}
		has_tenant |= cf->col[i] == COL_TENANT;
		for (j = 0; j < i; j++)
			if (cf->col[j] == cf->col[i] &&
			    cf->col[i] != COL_UNKNOWN) {
				ferr_csv(cf->f, 0, i, "column '%.60s' appears "
				    "twice", name);
				cf->header_bad = 1;
			}
	}
	if (!has_tenant) {
		ferr_csv(cf->f, 0, 0, "missing required column 'tenant'");
		cf->header_bad = 1;
	}
	for (j = 0; j < k->nfields; j++) {
		for (i = 0; i < cf->ncols; i++)
			if (cf->col[i] == (int)j)
				break;
		if (i == cf->ncols && k->fields[j].required) {
			ferr_csv(cf->f, 0, 0, "missing required column '%s'",
			    k->fields[j].name);
			cf->header_bad = 1;
		}
	}
}

/* The tenant of the file is that of its first row; every row must name it. */
static int
check_tenant(struct cfile *cf, size_t col)
{
	struct srcfile *f = cf->f;
	const char *t = cell(cf, col);

	if (*t == '\0')
		return ferr_csv(f, cf->rec, col, "'tenant' is required");
	if (f->csv_tenant == NULL) {
		if (!valid_tenant_id(t))
			return ferr_csv(f, cf->rec, col, "tenant id '%.70s' "
			    "must be " TENANT_ID_RULE, t);
		f->csv_tenant = arena_strndup(&f->cells, t, strlen(t));
		f->tenant_rec = cf->rec;
		f->tenant_fld = col;
		return 0;
	}
	if (strcmp(f->csv_tenant, t) != 0)
		return ferr_csv(f, cf->rec, col, "tenant '%.70s' differs from "
		    "'%s' of the first row: a CSV file holds one tenant's rows",
		    t, f->csv_tenant);
	return 0;
}

static size_t
column_of(const struct cfile *cf, int field)
{
	size_t i;

	for (i = 0; i < cf->ncols; i++)
		if (cf->col[i] == field)
			return i;
	return 0;
}

/* Validates one data record into a new struct rec. */
static void
read_row(struct cfile *cf)
{
	const struct record_kind *k = cf->k;
	struct srcfile *f = cf->f;
	struct buf msg = BUF_INIT;
	size_t before = f->found, i;
	struct rec *r;
	int idx;

	f->counts[cf->count]++;
	if (cf->fld != cf->ncols) {
		ferr_csv(f, cf->rec, cf->fld < cf->ncols ? cf->fld : cf->ncols,
		    "this row has %zu fields; the header has %zu", cf->fld,
		    cf->ncols);
		return;
	}
	r = recs_add(&f->recs[cf->count]);
	for (i = 0; i < cf->ncols; i++) {
		const char *s = cell(cf, i);
		size_t n = strlen(s);

		if (cf->col[i] == COL_TENANT) {
			check_tenant(cf, i);
			continue;
		}
		/* Text values must outlive the record's cells. */
		if (k->fields[cf->col[i]].type <= FT_TIME && n > 0)
			s = arena_strndup(&f->cells, s, n);
		buf_reset(&msg);
		if (val_parse_text(&k->fields[cf->col[i]], s, n, f->decimal,
		    &r->v[cf->col[i]], &msg))
			ferr_csv(f, cf->rec, i, "%s", msg.ptr);
		else if (!r->v[cf->col[i]].present &&
		    k->fields[cf->col[i]].required)
			ferr_csv(f, cf->rec, i, "'%s' is required",
			    k->fields[cf->col[i]].name);
	}
	buf_reset(&msg);
	if (f->found == before && (idx = record_check(k, r->v, &msg)) >= 0)
		ferr_csv(f, cf->rec, column_of(cf, idx), "%s", msg.ptr);
	buf_release(&msg);
	if (f->found != before) {
		record_clear(r->v, k->nfields);
		f->recs[cf->count].n--;
		return;
	}
	r->rec = cf->rec;
	r->sys_at = column_of(cf, record_field(k, "system", 6));
	if (k == &rk_incident)
		r->sev_at = column_of(cf, I_SEVERITY);
}

static void
on_record(int c, void *data)
{
	struct cfile *cf = data;

	(void)c;
	if (cf->rec == 0)
		read_header(cf);
	else if (!cf->header_bad && !ferr_full(cf->f))
		read_row(cf);
	cf->rec++;
	cf->fld = 0;
	cf->nfields = 0;
	buf_reset(&cf->cell);
}

/*
 * Byte offset of field `fld` of record `rec`, fields separated by `sep`,
 * counting records as libcsv does (lines with no field are skipped); past
 * the last field of the record, the offset of its end.
 */
static size_t
field_offset(const char *t, size_t len, size_t start, char sep, size_t rec,
    size_t fld)
{
	enum { ROW, FIELD, PLAIN, QUOTED, QUOTE } s = ROW;
	size_t i, r = 0, f = 0;

	for (i = start; i < len; i++) {
		char c = t[i];

		switch (s) {
		case ROW:
			if (c == '\r' || c == '\n')
				continue;
			f = 0;
			s = FIELD;
			/* FALLTHROUGH */
		case FIELD:
			if (r == rec && f == fld)
				return i;
			if (c == '"')
				s = QUOTED;
			else if (c == sep)
				f++;
			else if (c == '\r' || c == '\n')
				goto end;
			else
				s = PLAIN;
			break;
		case PLAIN:
		case QUOTE:
			if (c == sep) {
				f++;
				s = FIELD;
			} else if (c == '\r' || c == '\n')
				goto end;
			else if (s == QUOTE && c == '"')
				s = QUOTED;
			break;
		case QUOTED:
			if (c == '"')
				s = QUOTE;
			break;
		}
		continue;
end:
		if (r == rec)
			return i;
		r++;
		s = ROW;
	}
	return len;
}

/* Spaces are data to roic: " 412" is not a count, so nothing is trimmed. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

size_t
ingest_csv_offset(const struct srcfile *f, size_t rec, size_t fld)
{
	size_t start = 0;

	if (f->text.len >= 3 && memcmp(f->text.ptr, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	return field_offset(f->text.ptr, f->text.len, start, f->sep, rec, fld);
}

/*
 * The separator of the file whose text starts at `t`: ';' when its header
 * line holds ';' and no ',' (as spreadsheets in French locales export,
 * with decimal commas), else ','.
 */
static char
separator(const char *t, size_t len)
{
	size_t n = strcspn(t, "\r\n");

	if (n > len)
		n = len;
	return memchr(t, ';', n) && !memchr(t, ',', n) ? ';' : ',';
}

void
ingest_csv_read(struct srcfile *f)
{
	struct cfile cf = { 0 };
	struct csv_parser p;
	size_t start = 0, n;

	cf.f = f;
	buf_init(&cf.cell);
	if (f->text.len >= 3 && memcmp(f->text.ptr, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	f->sep = separator(f->text.ptr + start, f->text.len - start);
	f->decimal = f->sep == ';' ? ',' : '.';
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		ferr_off(f, 0, "out of memory");
		return;
	}
	csv_set_delim(&p, (unsigned char)f->sep);
	csv_set_space_func(&p, no_space);
	n = csv_parse(&p, f->text.ptr + start, f->text.len - start, on_field,
	    on_record, &cf);
	if (n < f->text.len - start)
		ferr_off(f, start + n, "invalid CSV: a quote inside a field must "
		    "be doubled, and a quoted field must end at a %s or line "
		    "end", f->sep == ';' ? "semicolon" : "comma");
	else if (csv_fini(&p, on_field, on_record, &cf) != 0)
		ferr_csv(f, cf.rec, cf.fld, "invalid CSV: a quoted field is not "
		    "closed at the end of the file");
	if (cf.rec == 0 && f->found == 0)
		ferr_off(f, 0, "empty CSV file: it needs a header row");
	csv_free(&p);
	buf_release(&cf.cell);
}
