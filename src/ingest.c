/*
 * ingest.c: the ingest driver: files in, one transaction, errors out.
 *
 * Files are read and validated (the readers, on a worker thread, one file
 * ahead) and written (here, on the thread that owns the store), in order:
 * JSON files, the checks that waited for all of them, then CSV files.
 */
#include "ingest_int.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* --- errors ------------------------------------------------------------ */

static int
ferr_add(struct srcfile *f, struct ferr *e, const char *fmt, va_list ap)
{
	struct buf msg = BUF_INIT;

	f->found++;
	if (f->nerr >= MAX_ERRORS_PER_FILE) {
		f->truncated = 1;
		return -1;
	}
	if (f->nerr == f->caperr) {
		f->caperr = f->caperr ? 2 * f->caperr : 8;
		f->err = xrealloc(f->err, f->caperr * sizeof(*f->err));
	}
	buf_vaddf(&msg, fmt, ap);
	e->msg = buf_detach(&msg, NULL);
	e->seq = f->nerr;
	f->err[f->nerr++] = *e;
	return -1;
}

int
ferr_csv(struct srcfile *f, size_t rec, size_t fld, const char *fmt, ...)
{
	struct ferr e = { 0 };
	va_list ap;

	e.rec = rec;
	e.fld = fld;
	va_start(ap, fmt);
	ferr_add(f, &e, fmt, ap);
	va_end(ap);
	return -1;
}

int
ferr_off(struct srcfile *f, size_t off, const char *fmt, ...)
{
	struct ferr e = { 0 };
	va_list ap;

	e.off = off;
	e.located = 1;
	va_start(ap, fmt);
	ferr_add(f, &e, fmt, ap);
	va_end(ap);
	return -1;
}

int
ferr_full(const struct srcfile *f)
{
	return f->truncated;
}

/* Gives every error of the file its line and column. */
static void
ferr_lines(struct srcfile *f)
{
	size_t i;

	for (i = 0; i < f->nerr; i++) {
		struct ferr *e = &f->err[i];

		if (!e->located) {
			e->off = ingest_csv_offset(f, e->rec, e->fld);
			e->located = 1;
		}
		text_linecol(f->text.ptr, f->text.len, e->off, &e->line, &e->col);
	}
}

static int
ferr_cmp(const void *a, const void *b)
{
	const struct ferr *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Prints errors in file order, at most MAX_ERRORS_PER_FILE; frees them. */
static void
print_errors(const char *path, struct ferr *err, size_t n, int truncated)
{
	size_t i;

	qsort(err, n, sizeof(*err), ferr_cmp);
	for (i = 0; i < n; i++) {
		if (i < MAX_ERRORS_PER_FILE)
			diag_at(path, err[i].line, err[i].col, "%s", err[i].msg);
		free(err[i].msg);
	}
	if (truncated || n > MAX_ERRORS_PER_FILE)
		diag_file_note(path, "stopped after %d errors",
		    MAX_ERRORS_PER_FILE);
}

/* --- a file's memory ----------------------------------------------------- */

#define ARENA_BLOCK 65536

const char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (a->nblocks == 0 || a->used + n + 1 > ARENA_BLOCK) {
		if (a->nblocks == a->cap) {
			a->cap = a->cap ? 2 * a->cap : 4;
			a->blocks = xrealloc(a->blocks, a->cap * sizeof(*a->blocks));
		}
		a->blocks[a->nblocks++] = xmalloc(n + 1 > ARENA_BLOCK ? n + 1 :
		    ARENA_BLOCK);
		a->used = 0;
	}
	p = a->blocks[a->nblocks - 1] + a->used;
	memcpy(p, s, n);
	p[n] = '\0';
	/* A block holding one large string is full. */
	a->used = n + 1 > ARENA_BLOCK ? ARENA_BLOCK : a->used + n + 1;
	return p;
}

void
arena_release(struct arena *a)
{
	size_t i;

	for (i = 0; i < a->nblocks; i++)
		free(a->blocks[i]);
	free(a->blocks);
	memset(a, 0, sizeof(*a));
}

struct rec *
recs_add(struct recs *rs)
{
	struct rec *r;

	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? 2 * rs->cap : 64;
		rs->r = xrealloc(rs->r, rs->cap * sizeof(*rs->r));
	}
	r = &rs->r[rs->n++];
	memset(r, 0, sizeof(*r));
	return r;
}

/* The kinds of f->recs[], in their order. */
static const struct record_kind *const rec_kinds[4] = { &rk_daily,
	&rk_incident, &rk_drift, &rk_integration };

static void
srcfile_init(struct srcfile *f)
{
	memset(f, 0, sizeof(*f));
	buf_init(&f->text);
	buf_init(&f->logo);
}

/* Empties a file for the next one, keeping the memory that can serve again. */
static void
srcfile_reset(struct srcfile *f)
{
	struct srcfile keep = *f;
	size_t i, k;

	for (i = 0; i < f->nerr; i++)
		free(f->err[i].msg);
	free(f->err);
	for (k = 0; k < 4; k++)
		if (record_owns_memory(rec_kinds[k]))
			for (i = 0; i < f->recs[k].n; i++)
				record_clear(f->recs[k].r[i].v,
				    rec_kinds[k]->nfields);
	record_clear(f->s, S_NFIELDS);
	free(f->sys);
	arena_release(&f->cells);
	memset(f, 0, sizeof(*f));
	f->text = keep.text;
	buf_reset(&f->text);
	f->logo = keep.logo;
	buf_reset(&f->logo);
	f->doc = keep.doc;
	for (k = 0; k < 4; k++) {
		f->recs[k] = keep.recs[k];
		f->recs[k].n = 0;
	}
}

static void
srcfile_release(struct srcfile *f)
{
	size_t k;

	srcfile_reset(f);
	buf_release(&f->text);
	buf_release(&f->logo);
	jdoc_release(&f->doc);
	for (k = 0; k < 4; k++)
		free(f->recs[k].r);
}

/* Validates the bytes in f->text; a NUL byte is refused (no export has one,
 * and parsers disagree on it: jansson reads past it). Reports nothing. */
static void
read_text(struct srcfile *f)
{
	const char *nul;

	sha256_hex(f->text.ptr, f->text.len, f->sha);
	if ((nul = memchr(f->text.ptr, '\0', f->text.len)) != NULL)
		ferr_off(f, (size_t)(nul - f->text.ptr), "the file holds a NUL "
		    "byte: exports are UTF-8 text");
	else if (f->csv)
		ingest_csv_read(f);
	else
		ingest_json_read(f);
}

/* Reading: what runs on the worker thread. Reports nothing. */
static void
read_phase(struct srcfile *f, const char *path, int csv, size_t max_bytes)
{
	f->path = path;
	f->csv = csv;
	if (read_file(path, max_bytes, &f->text) == -1)
		f->read_errno = errno ? errno : EIO;
	else
		read_text(f);
}

/* --- the list of files ------------------------------------------------ */

struct pathlist {
	char **v;
	size_t n, cap;
};

static void
pathlist_add(struct pathlist *pl, char *p)
{
	if (pl->n == pl->cap) {
		pl->cap = pl->cap ? 2 * pl->cap : 64;
		pl->v = xrealloc(pl->v, pl->cap * sizeof(*pl->v));
	}
	pl->v[pl->n++] = p;
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
has_ext(const char *p, const char *ext)
{
	size_t n = strlen(p), e = strlen(ext);

	return n > e && strcasecmp(p + n - e, ext) == 0;
}

/* Adds the *.json and *.csv files below folder `dir`, sorted by path. */
static int
add_folder(struct pathlist *pl, const char *dir)
{
	struct pathlist here = { 0 };
	struct dirent *de;
	struct stat sb;
	DIR *d;
	size_t i;

	if ((d = opendir(dir)) == NULL)
		return error("unable to read folder '%s': %s", dir,
		    strerror(errno));
	while ((de = readdir(d)) != NULL) {
		struct buf p = BUF_INIT;

		if (de->d_name[0] == '.')
			continue;
		buf_addf(&p, "%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", de->d_name);
		if (stat(p.ptr, &sb) == 0 && (S_ISDIR(sb.st_mode) ||
		    has_ext(p.ptr, ".json") || has_ext(p.ptr, ".csv")))
			pathlist_add(&here, buf_detach(&p, NULL));
		else
			buf_release(&p);
	}
	closedir(d);
	if (here.n > 1)		/* qsort(NULL, 0, ...) is undefined */
		qsort(here.v, here.n, sizeof(*here.v), strp_cmp);
	for (i = 0; i < here.n; i++) {
		if (stat(here.v[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			add_folder(pl, here.v[i]);
			free(here.v[i]);
		} else
			pathlist_add(pl, here.v[i]);
	}
	free(here.v);
	return 0;
}

/*
 * 1 when the file is read as CSV: by its name (.csv, .json), else by its
 * first byte ('{' is JSON). Unreadable files count as JSON; reading them
 * again reports the error.
 */
static int
is_csv(const char *path)
{
	unsigned char head[64];
	size_t n, i = 0;
	FILE *fp;

	if (has_ext(path, ".csv"))
		return 1;
	if (has_ext(path, ".json") || (fp = fopen(path, "rb")) == NULL)
		return 0;
	n = fread(head, 1, sizeof(head), fp);
	fclose(fp);
	if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && strchr(" \t\r\n", head[i]))
		i++;
	return i < n && head[i] != '{';
}

/* --- writing ------------------------------------------------------------ */

/* "1 daily row", "2 daily rows" */
static void
count(struct buf *b, int64_t n, const char *what)
{
	buf_addf(b, "%" PRId64 " %s%s", n, what, n == 1 ? "" : "s");
}

/* The line that says what a file held; the caller frees it. */
static char *
counts_line(const char *path, const char *what, const int64_t c[4],
    int64_t replaced)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s: %s ", path, what);
	count(&b, c[0], "daily row");
	buf_addstr(&b, ", ");
	count(&b, c[1], "incident");
	buf_addstr(&b, ", ");
	count(&b, c[2], "drift record");
	buf_addstr(&b, ", ");
	count(&b, c[3], "integration record");
	if (replaced > 0) {
		buf_addstr(&b, " (");
		count(&b, replaced, "earlier value");
		buf_addstr(&b, " replaced)");
	}
	return buf_detach(&b, NULL);
}

/* Tenants the command touched, for the summary. */
struct touched {
	int64_t *tid;
	size_t n, cap;
};

/* Adds a tenant the first time the command writes to it (see apply). */
static void
touched_add(struct touched *t, int64_t tid)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->tid = xrealloc(t->tid, t->cap * sizeof(*t->tid));
	}
	t->tid[t->n++] = tid;
}

static void
defer(struct ingest *ing, struct srcfile *f, enum defer_kind kind,
    const char *name, size_t off)
{
	struct deferred *d;

	if (ing->ndef == ing->capdef) {
		ing->capdef = ing->capdef ? 2 * ing->capdef : 16;
		ing->def = xrealloc(ing->def, ing->capdef * sizeof(*ing->def));
	}
	d = &ing->def[ing->ndef++];
	d->kind = kind;
	d->path = xstrdup(f->path);
	d->tid = f->tid;
	d->name = xstrdup(name);
	d->has_targets = f->resolution != JTOK_NONE && !f->csv;
	text_linecol(f->text.ptr, f->text.len, off, &d->line, &d->col);
}

/* A system a file declares or names, so each is looked up once per file. */
struct sysent {
	const char *id;
	int64_t sid;
	int declared;
};

struct systems {
	struct sysent *v;
	size_t n, cap;
};

static struct sysent *
systems_add(struct systems *s, const char *id, int64_t sid, int declared)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n].id = id;
	s->v[s->n].sid = sid;
	s->v[s->n].declared = declared;
	return &s->v[s->n++];
}

static int
writing(const struct srcfile *f)
{
	return f->nerr == 0 && f->tid > 0;
}

/*
 * The tenant of the file: looked up (CSV), or given the file's tenant block
 * (JSON; what the block took away goes to *dropped).
 */
static int
apply_tenant(struct ingest *ing, struct srcfile *f, unsigned *dropped)
{
	struct tenant_info ti = { 0 };
	int r;

	if (f->csv) {
		if (f->csv_tenant == NULL)
			return 0;
		if ((r = store_tenant_find(ing->st, f->csv_tenant, &f->tid)) < 0)
			return -1;
		if (r == 0) {
			f->tid = 0;
			ferr_csv(f, f->tenant_rec, f->tenant_fld, "tenant '%s' is "
			    "not known: ingest a JSON export of it first, or in "
			    "the same command", f->csv_tenant);
		}
		return 0;
	}
	if (!f->has_tenant)
		return 0;
	ti.id = f->t[T_ID].s;
	/* A file with errors stores nothing: its id serves the checks. */
	if (!f->tenant_ok || f->nerr)
		return (f->tid = store_tenant_ensure(ing->st, ti.id)) < 0 ?
		    -1 : 0;
	ti.name = f->t[T_NAME].present ? f->t[T_NAME].s : NULL;
	ti.locale = f->t[T_LOCALE].present ? f->t[T_LOCALE].s : NULL;
	ti.currency = f->t[T_CURRENCY].present ? f->t[T_CURRENCY].s : NULL;
	ti.color = f->b[B_COLOR].present ? f->b[B_COLOR].s : NULL;
	if (f->b[B_LOGO].present) {
		ti.logo = f->logo.ptr;
		ti.logolen = f->logo.len;
	}
	return (f->tid = store_tenant_put(ing->st, &ti, f->month, dropped)) < 0 ?
	    -1 : 0;
}

/* What the command knows of tenant `tid` (keys are small integers). */
static struct known *
known(struct ingest *ing, int64_t tid)
{
	size_t n;

	if ((size_t)tid >= ing->nknown) {
		n = (size_t)tid * 2 + 16;
		ing->known = xrealloc(ing->known, n * sizeof(*ing->known));
		memset(ing->known + ing->nknown, 0,
		    (n - ing->nknown) * sizeof(*ing->known));
		ing->nknown = n;
	}
	return &ing->known[tid];
}

/* The key of a system the command knows to be declared, or 0. */
static int64_t
known_system(const struct known *k, const char *id)
{
	size_t i;

	for (i = 0; i < k->nsys; i++)
		if (strcmp(k->sys[i].id, id) == 0)
			return k->sys[i].sid;
	return 0;
}

static void
known_system_add(struct known *k, const char *id, int64_t sid)
{
	k->sys = xrealloc(k->sys, (k->nsys + 1) * sizeof(*k->sys));
	k->sys[k->nsys].id = xstrdup(id);
	k->sys[k->nsys++].sid = sid;
}

/* The change points of a JSON file, and the systems it declares. */
static int
apply_change_points(struct ingest *ing, struct srcfile *f, struct systems *sys)
{
	struct store *st = ing->st;
	int64_t sid;
	size_t i;

	if (writing(f) && ((f->has_assumptions && store_assumptions_put(st,
	    f->tid, f->month, f->a, f->file)) || (f->has_sla &&
	    store_sla_put(st, f->tid, f->month, f->s, f->file)) ||
	    (f->has_systems && store_systems_clear(st, f->tid, f->month))))
		return -1;
	for (i = 0; i < f->nsys; i++) {
		const struct sysdecl *d = &f->sys[i];

		/* Its rows may name it, whether it is written or not. */
		sid = 0;
		if (d->valid && writing(f)) {
			struct known *k = known(ing, f->tid);

			if ((sid = known_system(k, d->y[Y_ID].s)) == 0) {
				if ((sid = store_system_ensure(st, f->tid,
				    d->y[Y_ID].s, 1)) < 0)
					return -1;
				known_system_add(k, d->y[Y_ID].s, sid);
			}
			if (store_system_put(st, f->tid, f->month, sid, d->y,
			    d->l, f->file))
				return -1;
		}
		systems_add(sys, d->y[Y_ID].s, sid, 1);
	}
	return 0;
}

/*
 * The key of the system a record names, or 0 after reporting it. In JSON a
 * system not declared yet may be declared by a later JSON file of the
 * command: the check waits for it. Returns -1 on store failures.
 */
static int64_t
system_of(struct ingest *ing, struct srcfile *f, struct systems *sys,
    const struct rec *r, const char *name, size_t *ndeferred)
{
	struct sysent *e = NULL;
	int64_t sid = 0;
	size_t i;
	int d;

	for (i = 0; i < sys->n && e == NULL; i++)
		if (strcmp(sys->v[i].id, name) == 0)
			e = &sys->v[i];
	if (e == NULL && (sid = known_system(known(ing, f->tid), name)) > 0)
		e = systems_add(sys, name, sid, 1);
	if (e == NULL) {
		if ((d = store_system_declared(ing->st, f->tid, name, &sid)) < 0)
			return -1;
		if (d == 1)
			known_system_add(known(ing, f->tid), name, sid);
		if (d == 0 && f->csv) {
			ferr_csv(f, r->rec, r->sys_at, "system '%s' is not "
			    "declared for tenant '%s' (in 'systems' of a JSON "
			    "export)", name, f->csv_tenant);
			return 0;
		}
		if (d == 0 && (sid = store_system_ensure(ing->st, f->tid, name,
		    0)) < 0)
			return -1;
		e = systems_add(sys, name, sid, d);
	}
	if (!e->declared && (*ndeferred)++ < MAX_ERRORS_PER_FILE)
		defer(ing, f, DEFER_SYSTEM, name, r->sys_at);
	return e->sid;
}

/* Checks an incident's severity; 0 or -1 on store failures. */
static int
check_severity(struct ingest *ing, struct srcfile *f, const struct rec *r,
    size_t *ndeferred)
{
	const char *sev = r->v[I_SEVERITY].s;
	int known;

	if (!f->csv && f->resolution != JTOK_NONE &&
	    jdoc_get(&f->doc, f->resolution, sev) != JTOK_NONE)
		return 0;
	if ((known = store_severity_known(ing->st, f->tid, sev)) < 0)
		return -1;
	if (known == 1 || (f->csv && known == 2))
		return 0;
	if (f->csv)
		ferr_csv(f, r->rec, r->sev_at, "severity '%s' has no target in "
		    "'sla.resolution_minutes'", sev);
	else if ((*ndeferred)++ < MAX_ERRORS_PER_FILE)
		defer(ing, f, DEFER_SEVERITY, sev, r->sev_at);
	return 0;
}

/* The entry of `month` (YYYYMM) in the file's months, added when new. */
static struct wmonth *
written_month(struct written *w, int month)
{
	size_t i;

	for (i = w->nm; i > 0 && w->m[i - 1].month >= month; i--)
		if (w->m[i - 1].month == month)
			return &w->m[i - 1];
	if (w->nm == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 8;
		w->m = xrealloc(w->m, w->cap * sizeof(*w->m));
	}
	memmove(&w->m[i + 1], &w->m[i], (w->nm - i) * sizeof(*w->m));
	w->nm++;
	w->m[i].month = month;
	w->m[i].reports = 0;
	return &w->m[i];
}

/*
 * Writes the records of a file, with the checks that need the store; the
 * months of its daily rows, and what they report, go to `w`.
 */
static int
apply_records(struct ingest *ing, struct srcfile *f, struct systems *sys,
    struct written *w)
{
	size_t k, i, ndeferred = 0, j;
	struct wmonth *wm;
	int64_t sid;
	unsigned incidents = 0;

	for (k = 0; k < 4 && f->tid > 0; k++) {
		const struct record_kind *rk = rec_kinds[k];
		int sf = record_field(rk, "system", 6);

		for (i = 0; i < f->recs[k].n; i++) {
			const struct rec *r = &f->recs[k].r[i];

			if ((sid = system_of(ing, f, sys, r, r->v[sf].s,
			    &ndeferred)) < 0 || (rk == &rk_incident &&
			    check_severity(ing, f, r, &ndeferred)))
				return -1;
			if (sid > 0 && writing(f) && store_put(ing->st, rk, f->tid,
			    sid, r->v, f->file))
				return -1;
			if (sid <= 0 || !writing(f))
				continue;
			if (rk == &rk_incident)
				incidents = WM_INCIDENTS;
			if (rk != &rk_daily)
				continue;
			/* The months with daily rows, for the portal's list. */
			j = w->nm;
			wm = written_month(w, (int)(r->v[D_DATE].i / 100));
			if (w->nm > j && store_month_add(ing->st, f->tid,
			    wm->month))
				return -1;
			wm->reports |= (r->v[D_P95].present ? WM_P95 : 0) |
			    (r->v[D_ACCURACY].present ? WM_ACCURACY : 0);
		}
	}
	for (i = 0; i < w->nm; i++)
		w->m[i].reports |= incidents;
	return 0;
}

/* Keeps what the warnings need of a file that was written; takes w->m. */
static void
written_add(struct ingest *ing, const struct srcfile *f, struct written *w)
{
	struct written *e;

	if (ing->nwr == ing->capwr) {
		ing->capwr = ing->capwr ? 2 * ing->capwr : 16;
		ing->wr = xrealloc(ing->wr, ing->capwr * sizeof(*ing->wr));
	}
	e = &ing->wr[ing->nwr++];
	*e = *w;
	e->path = xstrdup(f->path);
	snprintf(e->tenant, sizeof(e->tenant), "%s",
	    f->csv ? f->csv_tenant : f->t[T_ID].s);
	e->tid = f->tid;
	e->file = f->file;
	w->m = NULL;
}

/*
 * Writes one file that was read: checks what needs the store, stores its
 * records, reports it. Returns 0 (errors are counted in `ing`), or -1 when
 * the store failed.
 */
static int
apply(struct ingest *ing, struct srcfile *f, struct touched *touched)
{
	struct systems sys = { 0 };
	struct written w = { 0 };
	char at[32], *line = NULL;
	struct pending *p;
	size_t ndef = ing->ndef;
	int rc = 0, seen;

	if (f->read_errno) {
		if (f->read_errno == EFBIG)
			diag_file(f->path, "file is larger than the limit of %zu "
			    "bytes (max_input_bytes)", ing->o->max_bytes);
		else
			diag_file(f->path, "unable to read: %s",
			    strerror(f->read_errno));
		ing->errors++;
		ing->bad_files++;
		return 0;
	}
	if (!ing->o->check_only && !ing->o->force) {
		if ((seen = store_file_seen(ing->st, f->sha, at)) < 0)
			return -1;
		if (seen) {
			if (!ing->o->quiet)
				printf("%s: unchanged since it was ingested at "
				    "%s; skipped (--force applies it again)\n",
				    f->path, at);
			return 0;
		}
	}
	if (ing->ingest == 0 && (ing->ingest = store_ingest_new(ing->st,
	    ing->at, ing->o->force)) < 0)
		return -1;
	if (apply_tenant(ing, f, &w.dropped) || (f->file = store_file_add(
	    ing->st, ing->ingest, f->path, f->sha, (int64_t)f->text.len, f->tid,
	    f->counts)) < 0 || (!f->csv && f->tid > 0 &&
	    apply_change_points(ing, f, &sys)) ||
	    apply_records(ing, f, &sys, &w) ||
	    store_flush(ing->st))	/* before the records go away */
		rc = -1;
	free(sys.v);
	if (rc == 0 && f->nerr == 0 && f->tid > 0) {
		struct known *k = known(ing, f->tid);

		/* Once per tenant and command: the summary, the version. */
		if (!k->touched) {
			touched_add(touched, f->tid);
			if (store_tenant_touch(ing->st, f->tid, ing->ingest))
				rc = -1;
		}
		k->touched = 1;
		/* Rows, change points that may govern stored rows, or a
		 * tenant block that took something away: see ingest_warn. */
		if (w.nm || w.dropped || f->has_assumptions || f->has_sla)
			written_add(ing, f, &w);
	}
	free(w.m);
	if (rc == 0 && f->nerr == 0 && !ing->o->quiet)
		line = counts_line(f->path, ing->o->check_only ? "ok," : "read",
		    f->counts, ing->o->check_only ? 0 :
		    store_file_replaced(ing->st, f->file));
	ferr_lines(f);
	if (ing->ndef > ndef) {
		/* Its report waits for the checks of the other JSON files. */
		if (ing->npend == ing->cappend) {
			ing->cappend = ing->cappend ? 2 * ing->cappend : 8;
			ing->pend = xrealloc(ing->pend,
			    ing->cappend * sizeof(*ing->pend));
		}
		p = &ing->pend[ing->npend++];
		p->path = xstrdup(f->path);
		p->err = f->err;
		p->nerr = f->nerr;
		p->truncated = f->truncated;
		p->summary = line;
		f->err = NULL;
		f->nerr = f->caperr = 0;
		return rc;
	}
	if (line)
		puts(line);
	free(line);
	if (f->nerr) {
		print_errors(f->path, f->err, f->nerr, f->truncated);
		ing->errors += f->nerr;
		ing->bad_files++;
		f->nerr = 0;
	}
	return rc;
}

/*
 * Runs the checks that waited for every JSON file, and reports each waiting
 * file: its errors, old and new, in order; or its line when it had none.
 */
static int
resolve_deferred(struct ingest *ing)
{
	struct buf msg = BUF_INIT;
	size_t i, j = 0, k;
	int64_t sid;
	int r, rc = 0;

	for (i = 0; i < ing->npend; i++) {
		struct pending *p = &ing->pend[i];
		struct srcfile f = { 0 };

		f.err = p->err;
		f.nerr = f.caperr = p->nerr;
		f.truncated = p->truncated;
		/* The deferred checks of each waiting file follow each other. */
		for (; j < ing->ndef && strcmp(ing->def[j].path, p->path) == 0;
		    j++) {
			struct deferred *d = &ing->def[j];
			struct ferr e = { 0 };

			if (rc)
				continue;
			if (d->kind == DEFER_SYSTEM)
				r = store_system_declared(ing->st, d->tid,
				    d->name, &sid);
			else
				r = store_severity_known(ing->st, d->tid,
				    d->name);
			/* No targets anywhere, and none in its file: no check. */
			if (r == 2 && !d->has_targets)
				r = 1;
			if (r < 0)
				rc = -1;
			if (r != 0 && r != 2)
				continue;
			if (f.nerr == f.caperr) {
				f.caperr = f.caperr ? 2 * f.caperr : 8;
				f.err = xrealloc(f.err, f.caperr * sizeof(*f.err));
			}
			e.line = d->line;
			e.col = d->col;
			e.seq = f.nerr;
			if (d->kind == DEFER_SYSTEM)
				buf_addf(&msg, "system '%s' is not declared in "
				    "'systems' (of this file, an earlier ingest "
				    "or a JSON file of this command)", d->name);
			else
				buf_addf(&msg, "severity '%s' has no target in "
				    "'sla.resolution_minutes'", d->name);
			e.msg = buf_detach(&msg, NULL);
			f.err[f.nerr++] = e;
		}
		if (f.nerr) {
			print_errors(p->path, f.err, f.nerr, f.truncated);
			ing->errors += f.nerr;
			ing->bad_files++;
		} else if (p->summary)
			puts(p->summary);
		free(f.err);
		free(p->summary);
		free(p->path);
	}
	ing->npend = 0;
	for (k = 0; k < ing->ndef; k++) {
		free(ing->def[k].path);
		free(ing->def[k].name);
	}
	ing->ndef = 0;
	return rc;
}

static void
ingest_release(struct ingest *ing)
{
	size_t i;

	for (i = 0; i < ing->ndef; i++) {
		free(ing->def[i].path);
		free(ing->def[i].name);
	}
	free(ing->def);
	for (i = 0; i < ing->npend; i++) {
		size_t k;

		for (k = 0; k < ing->pend[i].nerr; k++)
			free(ing->pend[i].err[k].msg);
		free(ing->pend[i].path);
		free(ing->pend[i].summary);
		free(ing->pend[i].err);
	}
	free(ing->pend);
	for (i = 0; i < ing->nknown; i++) {
		size_t k;

		for (k = 0; k < ing->known[i].nsys; k++)
			free(ing->known[i].sys[k].id);
		free(ing->known[i].sys);
	}
	free(ing->known);
	for (i = 0; i < ing->nwr; i++) {
		free(ing->wr[i].path);
		free(ing->wr[i].m);
	}
	free(ing->wr);
}

/* --- the pipeline --------------------------------------------------------- */

/*
 * Files in flight: the worker reads files i + 1 ... i + SLOTS - 1 while the
 * main thread writes file i, so that a slow file to read seldom holds up
 * the writes.
 */
#define SLOTS 4
struct pipeline {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct srcfile slot[SLOTS];
	int ready[SLOTS];	/* the slot holds a file read and not written */
	int stop;		/* the main thread gives up */
	char **paths;
	const char *csv;
	size_t n;
	size_t max_bytes;
};

static void *
worker(void *arg)
{
	struct pipeline *pl = arg;
	size_t i;

	for (i = 0; i < pl->n; i++) {
		struct srcfile *f = &pl->slot[i % SLOTS];

		pthread_mutex_lock(&pl->mu);
		while (pl->ready[i % SLOTS] && !pl->stop)
			pthread_cond_wait(&pl->cv, &pl->mu);
		pthread_mutex_unlock(&pl->mu);
		if (pl->stop)
			break;
		read_phase(f, pl->paths[i], pl->csv[i], pl->max_bytes);
		pthread_mutex_lock(&pl->mu);
		pl->ready[i % SLOTS] = 1;
		pthread_cond_broadcast(&pl->cv);
		pthread_mutex_unlock(&pl->mu);
	}
	return NULL;
}

/* Writes every file in order, reading one ahead on a worker thread. */
static int
run_files(struct ingest *ing, char **paths, const char *csv, size_t n,
    size_t njson, struct touched *t)
{
	struct pipeline pl;
	pthread_t th;
	size_t i;
	int rc = 0, threaded;

	memset(&pl, 0, sizeof(pl));
	pthread_mutex_init(&pl.mu, NULL);
	pthread_cond_init(&pl.cv, NULL);
	for (i = 0; i < SLOTS; i++)
		srcfile_init(&pl.slot[i]);
	pl.paths = paths;
	pl.csv = csv;
	pl.n = n;
	pl.max_bytes = ing->o->max_bytes;
	threaded = pthread_create(&th, NULL, worker, &pl) == 0;
	for (i = 0; i < n && rc == 0; i++) {
		struct srcfile *f = &pl.slot[i % SLOTS];

		if (i == njson && resolve_deferred(ing)) {
			rc = -1;
			break;
		}
		if (threaded) {
			pthread_mutex_lock(&pl.mu);
			while (!pl.ready[i % SLOTS])
				pthread_cond_wait(&pl.cv, &pl.mu);
			pthread_mutex_unlock(&pl.mu);
		} else
			read_phase(f, paths[i], csv[i], pl.max_bytes);
		rc = apply(ing, f, t);
		srcfile_reset(f);
		pthread_mutex_lock(&pl.mu);
		pl.ready[i % SLOTS] = 0;
		pthread_cond_broadcast(&pl.cv);
		pthread_mutex_unlock(&pl.mu);
	}
	if (rc == 0 && njson == n && resolve_deferred(ing))
		rc = -1;
	if (threaded) {
		pthread_mutex_lock(&pl.mu);
		pl.stop = 1;
		pthread_cond_broadcast(&pl.cv);
		pthread_mutex_unlock(&pl.mu);
		pthread_join(th, NULL);
	}
	for (i = 0; i < SLOTS; i++)
		srcfile_release(&pl.slot[i]);
	pthread_mutex_destroy(&pl.mu);
	pthread_cond_destroy(&pl.cv);
	return rc;
}

/* --- the commands ----------------------------------------------------------- */

int
ingest_text(struct store *st, const char *name, const char *text, size_t len,
    int csv, const struct ingest_opts *o)
{
	struct ingest ing = { 0 };
	struct touched t = { 0 };
	struct srcfile f;
	int rc;

	ing.st = st;
	ing.o = o;
	format_utc(0, ing.at);
	if (store_begin(st))
		return -1;
	srcfile_init(&f);
	f.path = name;
	f.csv = csv;
	buf_add(&f.text, text, len);
	read_text(&f);
	rc = apply(&ing, &f, &t);
	if (rc == 0)
		rc = resolve_deferred(&ing);
	if (rc == 0 && ing.errors == 0)
		rc = ingest_warn(st, ing.wr, ing.nwr);
	store_rollback(st);
	srcfile_release(&f);
	free(t.tid);
	ingest_release(&ing);
	return rc < 0 ? -1 : ing.errors ? 1 : 0;
}

static void
print_summary(struct ingest *ing, const struct touched *t, size_t nfiles)
{
	struct tenant_summary ts;
	struct buf b = BUF_INIT;
	size_t i;

	if (ing->ingest == 0) {
		printf("nothing to store: %zu file%s unchanged\n", nfiles,
		    nfiles == 1 ? "" : "s");
		return;
	}
	printf("stored ingest %" PRId64 " at %s: %zu tenant%s\n", ing->ingest,
	    ing->at, t->n, t->n == 1 ? "" : "s");
	if (ing->o->quiet)
		return;
	for (i = 0; i < t->n; i++) {
		if (store_tenant_summary(ing->st, t->tid[i], &ts))
			break;
		buf_reset(&b);
		buf_addf(&b, "  %s: ", ts.id);
		count(&b, ts.months, "month");
		if (ts.months)
			buf_addf(&b, " (%s to %s)", ts.first, ts.last);
		buf_addstr(&b, ", ");
		count(&b, ts.daily, "daily row");
		buf_addstr(&b, ", ");
		count(&b, ts.incidents, "incident");
		buf_addstr(&b, ", ");
		count(&b, ts.drift, "drift record");
		buf_addstr(&b, ", ");
		count(&b, ts.integrations, "integration record");
		puts(b.ptr);
	}
	buf_release(&b);
}

int
ingest_run(struct store *st, char *const *paths, size_t npaths,
    const struct ingest_opts *o)
{
	struct ingest ing = { 0 };
	struct pathlist all = { 0 }, ordered = { 0 };
	struct touched t = { 0 };
	struct stat sb;
	char *csv = NULL;
	int64_t now;
	size_t i, njson = 0;
	int pass, rc = 0, began = 0;

	ing.st = st;
	ing.o = o;
	if ((now = roic_now()) < 0)
		return error("SOURCE_DATE_EPOCH is not a number of seconds");
	format_utc(now, ing.at);
	for (i = 0; i < npaths; i++) {
		if (stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			size_t before = all.n;

			if (add_folder(&all, paths[i]))
				rc = 1;
			/* A cron job pointed at the wrong folder must fail. */
			else if (all.n == before) {
				error("no export (*.json or *.csv) in folder '%s' "
				    "or below", paths[i]);
				rc = 1;
			}
		} else
			pathlist_add(&all, xstrdup(paths[i]));
	}
	/* JSON files first, then CSV files, each in the order given. */
	csv = xcalloc(all.n, 1);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < all.n; i++)
			if (is_csv(all.v[i]) == pass) {
				csv[ordered.n] = (char)pass;
				pathlist_add(&ordered, all.v[i]);
				njson += !pass;
			}
	if (rc == 0 && (store_begin(st) || (began = 1, run_files(&ing,
	    ordered.v, csv, ordered.n, njson, &t))))
		rc = -1;
	/* Before the commit: it reads the change points of every file. */
	if (rc == 0 && ing.errors == 0 && ingest_warn(st, ing.wr, ing.nwr))
		rc = -1;
	if (rc != 0 || ing.errors || o->check_only) {
		if (began)
			store_rollback(st);
		if (rc == 0 && ing.errors) {
			fprintf(stderr, "roic: %zu error%s in %zu file%s; %s\n",
			    ing.errors, ing.errors == 1 ? "" : "s",
			    ing.bad_files, ing.bad_files == 1 ? "" : "s",
			    o->check_only ? "the exports are not valid" :
			    "nothing was stored");
			rc = 1;
		}
		if (rc == 0 && o->check_only)
			printf("%zu file%s valid\n", all.n, all.n == 1 ? "" : "s");
	} else if (store_commit(st))
		rc = -1;
	else
		print_summary(&ing, &t, all.n);
	for (i = 0; i < all.n; i++)
		free(all.v[i]);
	free(all.v);
	free(ordered.v);
	free(csv);
	free(t.tid);
	ingest_release(&ing);
	return rc;
}
