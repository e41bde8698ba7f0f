/* ingest.c: the ingest driver: files in, one transaction, errors out. */
#include "ingest_int.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

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

static int
ferr_cmp(const void *a, const void *b)
{
	const struct ferr *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
ferr_print(struct srcfile *f)
{
	size_t i, line, col;

	qsort(f->err, f->nerr, sizeof(*f->err), ferr_cmp);
	for (i = 0; i < f->nerr && i < MAX_ERRORS_PER_FILE; i++) {
		text_linecol(f->text.ptr, f->text.len, f->err[i].off, &line,
		    &col);
		diag_at(f->path, line, col, "%s", f->err[i].msg);
	}
	if (f->truncated || f->nerr > MAX_ERRORS_PER_FILE)
		diag_file_note(f->path, "stopped after %d errors",
		    MAX_ERRORS_PER_FILE);
}

void
ferr_clear(struct srcfile *f)
{
	size_t i;

	for (i = 0; i < f->nerr; i++)
		free(f->err[i].msg);
	free(f->err);
	f->err = NULL;
	f->nerr = f->caperr = 0;
	f->truncated = 0;
}

void
ingest_defer(struct ingest *ing, enum defer_kind kind, const char *path,
    int64_t tid, const char *name, const char *section, size_t index,
    const char *key)
{
	struct deferred *d;

	if (ing->ndef == ing->capdef) {
		ing->capdef = ing->capdef ? 2 * ing->capdef : 16;
		ing->def = xrealloc(ing->def, ing->capdef * sizeof(*ing->def));
	}
	d = &ing->def[ing->ndef++];
	d->kind = kind;
	d->path = xstrdup(path);
	d->tid = tid;
	d->name = xstrdup(name);
	d->section = section;
	d->index = index;
	d->key = key;
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

/* --- one file ----------------------------------------------------------- */

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

static void
touched_add(struct touched *t, int64_t tid)
{
	size_t i;

	for (i = t->n; i-- > 0;)
		if (t->tid[i] == tid)
			return;
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->tid = xrealloc(t->tid, t->cap * sizeof(*t->tid));
	}
	t->tid[t->n++] = tid;
}

/*
 * Validates and stores one file whose bytes are in f->text. Returns 0
 * (errors are counted in `ing`), or -1 when the store failed.
 */
static int
process(struct ingest *ing, struct srcfile *f, int csv, struct touched *touched)
{
	char at[32], *line = NULL;
	const char *nul;
	int rc = 0, seen;
	struct pending *p;
	size_t ndef;

	sha256_hex(f->text.ptr, f->text.len, f->sha);
	if ((nul = memchr(f->text.ptr, '\0', f->text.len)) != NULL) {
		/* jansson reads past NUL bytes, and no export has one. */
		ferr_off(f, (size_t)(nul - f->text.ptr), "the file holds a NUL "
		    "byte: exports are UTF-8 text");
		ferr_print(f);
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
	if (ing->ingest == 0 &&
	    (ing->ingest = store_ingest_new(ing->st, ing->at, ing->o->force)) < 0)
		return -1;
	f->file = store_file_add(ing->st, ing->ingest, f->path, f->sha,
	    (int64_t)f->text.len);
	if (f->file < 0)
		return -1;
	ndef = ing->ndef;
	rc = csv ? ingest_csv(ing, f) : ingest_json(ing, f);
	if (rc == 0 && f->nerr == 0) {
		if (f->tid > 0) {
			touched_add(touched, f->tid);
			if (store_file_done(ing->st, f->file, f->tid, f->counts) ||
			    store_tenant_touch(ing->st, f->tid, ing->ingest))
				rc = -1;
		}
		if (rc == 0 && !ing->o->quiet)
			line = counts_line(f->path, ing->o->check_only ? "ok," :
			    "read", f->counts, ing->o->check_only ? 0 :
			    store_file_replaced(ing->st, f->file));
	}
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
		ferr_print(f);
		ing->errors += f->nerr;
		ing->bad_files++;
	}
	return rc;
}

/* Reads one file and processes it. */
static int
ingest_file(struct ingest *ing, const char *path, int csv,
    struct touched *touched)
{
	struct srcfile f = { 0 };
	int rc = 0;

	f.path = path;
	f.text = ing->text;
	buf_reset(&f.text);
	if (read_file(path, ing->o->max_bytes, &f.text) == -1) {
		if (errno == EFBIG)
			diag_file(path, "file is larger than the limit of %zu "
			    "bytes (max_input_bytes)", ing->o->max_bytes);
		else
			diag_file(path, "unable to read: %s", strerror(errno));
		ing->errors++;
		ing->bad_files++;
	} else
		rc = process(ing, &f, csv, touched);
	ferr_clear(&f);
	ing->text = f.text;	/* its memory serves the next file */
	return rc;
}

/*
 * Runs the checks that waited for every JSON file, and reports each waiting
 * file: its errors, old and new, in order; or its line when it had none.
 */
static int
resolve_deferred(struct ingest *ing)
{
	size_t i, j = 0, k, nbad;
	int64_t sid;
	int r, rc = 0;

	for (i = 0; i < ing->npend; i++) {
		struct pending *p = &ing->pend[i];
		struct srcfile f = { 0 };
		struct deferred *bad;

		/* The deferred checks of each waiting file follow each other. */
		for (k = j; k < ing->ndef && strcmp(ing->def[k].path, p->path) == 0;)
			k++;
		bad = xcalloc(k - j + 1, sizeof(*bad));
		for (nbad = 0; j < k && rc == 0; j++) {
			struct deferred *d = &ing->def[j];

			if (d->kind == DEFER_SYSTEM)
				r = store_system_declared(ing->st, d->tid,
				    d->name, &sid);
			else
				r = store_severity_known(ing->st, d->tid,
				    d->name);
			if (r < 0)
				rc = -1;
			else if (r == 0)
				bad[nbad++] = *d;
		}
		j = k;
		f.path = p->path;
		buf_init(&f.text);
		if (nbad)
			ingest_json_locate(&f, bad, nbad);
		free(bad);
		for (k = 0; k < p->nerr; k++) {
			if (f.nerr == f.caperr) {
				f.caperr = f.caperr ? 2 * f.caperr : 8;
				f.err = xrealloc(f.err, f.caperr * sizeof(*f.err));
			}
			f.err[f.nerr++] = p->err[k];
		}
		f.truncated |= p->truncated;
		free(p->err);
		if (f.nerr) {
			if (f.text.len == 0 && read_file(f.path, SIZE_MAX,
			    &f.text) == -1)
				buf_reset(&f.text);
			ferr_print(&f);
			ing->errors += f.nerr;
			ing->bad_files++;
		} else if (p->summary)
			puts(p->summary);
		free(p->summary);
		free(p->path);
		ferr_clear(&f);
		buf_release(&f.text);
	}
	ing->npend = 0;
	for (i = 0; i < ing->ndef; i++) {
		free(ing->def[i].path);
		free(ing->def[i].name);
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
		free(ing->pend[i].path);
		free(ing->pend[i].summary);
		free(ing->pend[i].err);
	}
	free(ing->pend);
	buf_release(&ing->text);
	jdoc_release(&ing->doc);
}

int
ingest_text(struct store *st, const char *name, const char *text, size_t len,
    int csv, const struct ingest_opts *o)
{
	struct ingest ing = { 0 };
	struct srcfile f = { 0 };
	struct touched t = { 0 };
	int rc;

	ing.st = st;
	ing.o = o;
	buf_init(&ing.text);
	format_utc(0, ing.at);
	if (store_begin(st))
		return -1;
	f.path = name;
	buf_init(&f.text);
	buf_add(&f.text, text, len);
	rc = process(&ing, &f, csv, &t);
	if (rc == 0)
		rc = resolve_deferred(&ing);
	store_rollback(st);
	ferr_clear(&f);
	buf_release(&f.text);
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
	struct pathlist pl = { 0 };
	struct touched t = { 0 };
	struct stat sb;
	char *csv = NULL;
	int64_t now;
	size_t i;
	int pass, rc = 0;

	ing.st = st;
	ing.o = o;
	buf_init(&ing.text);
	if ((now = roic_now()) < 0)
		return error("SOURCE_DATE_EPOCH is not a number of seconds");
	format_utc(now, ing.at);
	for (i = 0; i < npaths; i++) {
		if (stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (add_folder(&pl, paths[i]))
				rc = 1;
		} else
			pathlist_add(&pl, xstrdup(paths[i]));
	}
	csv = xcalloc(pl.n, 1);
	for (i = 0; i < pl.n; i++)
		csv[i] = (char)is_csv(pl.v[i]);
	if (store_begin(st)) {
		rc = -1;
		goto out;
	}
	for (pass = 0; pass < 2 && rc >= 0; pass++) {
		for (i = 0; i < pl.n && rc >= 0; i++)
			if (csv[i] == pass && ingest_file(&ing, pl.v[i], pass, &t))
				rc = -1;
		if (pass == 0 && rc >= 0 && resolve_deferred(&ing))
			rc = -1;
	}
	if (rc < 0 || ing.errors || o->check_only) {
		store_rollback(st);
		if (rc >= 0 && ing.errors) {
			fprintf(stderr, "roic: %zu error%s in %zu file%s; %s\n",
			    ing.errors, ing.errors == 1 ? "" : "s",
			    ing.bad_files, ing.bad_files == 1 ? "" : "s",
			    o->check_only ? "the exports are not valid" :
			    "nothing was stored");
			rc = 1;
		}
		if (rc == 0 && o->check_only)
			printf("%zu file%s valid\n", pl.n, pl.n == 1 ? "" : "s");
		goto out;
	}
	if (store_commit(st)) {
		rc = -1;
		goto out;
	}
	print_summary(&ing, &t, pl.n);
out:
	for (i = 0; i < pl.n; i++)
		free(pl.v[i]);
	free(pl.v);
	free(csv);
	free(t.tid);
	ingest_release(&ing);
	return rc;
}
