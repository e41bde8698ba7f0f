/* build.c: the build of the tenants' sites: view models, pages, assets. */
#include "build.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <dirent.h>

#include "assets.h"
#include "font.h"
#include "format.h"
#include "chart.h"
#include "chart_cairo.h"
#include "diag.h"
#include "directive.h"
#include "html.h"
#include "metrics.h"
#include "pdf.h"
#include "schema.h"
#include "sign.h"
#include "mustache.h"
#include "util.h"
#include "view.h"

/* The templates of a build, loaded once. */
struct build_templates {
	const char *dir;
	struct buf report, portal, layout, style;
	struct chart_set *charts;
};

struct names {
	char (*v)[64];
	size_t n;
};

/*
 * The SHA-256 of every file the tenant being built was given, by the path
 * it was written to: its manifest takes them from here instead of reading
 * the files back.
 */
static struct written {
	char *path;
	char hex[65];
} *written;
static size_t nwritten;

static void
written_reset(void)
{
	while (nwritten > 0)
		free(written[--nwritten].path);
}

static void
written_add(const char *path, const void *data, size_t len)
{
	written = xrealloc(written, (nwritten + 1) * sizeof(*written));
	written[nwritten].path = xstrdup(path);
	sha256_hex(data, len, written[nwritten].hex);
	nwritten++;
}

/* The hash of what was last written to `path`, or NULL. */
static const char *
written_hash(const char *path)
{
	size_t i;

	for (i = nwritten; i-- > 0;)
		if (strcmp(written[i].path, path) == 0)
			return written[i].hex;
	return NULL;
}

/*
 * The folder the last file was written to, which is there unless this
 * process removed or renamed a folder since (forget_folder), or another
 * did: a write that finds no folder makes them all and tries again.
 */
static struct buf made = BUF_INIT;

static void
forget_folder(void)
{
	buf_reset(&made);
}

/* Creates the folders of `path` (its dirname and above): its folder at
 * once when the one above it is there (the common case), else each. */
static int
mkdirs(const char *path)
{
	char *p, *s = strrchr(path, '/');

	if (s != NULL && made.len == (size_t)(s - path) &&
	    memcmp(made.ptr, path, made.len) == 0)
		return 0;
	p = xstrdup(path);
	s = strrchr(p, '/');
	if (s != NULL && s != p) {
		*s = '\0';
		if (mkdir(p, 0755) == 0 || errno == EEXIST) {
			buf_reset(&made);
			buf_addstr(&made, p);
			free(p);
			return 0;
		}
		*s = '/';
	}
	for (s = p + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0755) == -1 && errno != EEXIST) {
			error("unable to create folder '%s': %s", p,
			    strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	s = strrchr(p, '/');
	buf_reset(&made);
	if (s != NULL)
		buf_add(&made, p, (size_t)(s - p));
	free(p);
	return 0;
}

/* Writes all of data[0..len) to fd and closes it. Returns 0, or -1 with
 * errno set by what failed. */
static int
write_close(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;
	int e;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return close(fd);
}

/*
 * Writes a file of a folder being built (a month's `.MONTH.new`, which
 * takes its place whole once complete): no temporary name needed, since
 * no reader looks there. Returns 0, or -1 after reporting.
 */
/* A new file, its folders made when they are not there. Returns its
 * descriptor, -1 with errno set, or -2 when a folder could not be made
 * (reported). */
static int
create(const char *path)
{
	int fd;

	if (mkdirs(path))
		return -2;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd == -1 && errno == ENOENT) {
		forget_folder();
		if (mkdirs(path))
			return -2;
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	}
	return fd;
}

static int
write_new(const char *path, const void *data, size_t len)
{
	int fd;

	if ((fd = create(path)) == -2)
		return -1;
	if (fd == -1 || write_close(fd, data, len) == -1) {
		error("unable to write '%s': %s", path, strerror(errno));
		return -1;
	}
	written_add(path, data, len);
	return 0;
}

/*
 * Writes a file by a temporary name in its folder and a rename, so that no
 * reader ever sees half of it. The name is this process's (a tenant is
 * built by one process; what a build cut short left, the next removes).
 * Returns 0, or -1 after reporting.
 */
static int
write_atomic(const char *path, const void *data, size_t len)
{
	struct buf tmp = BUF_INIT;
	int fd;

	buf_addf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	if ((fd = create(tmp.ptr)) < 0) {
		if (fd == -1)
			error("unable to write '%s': %s", path,
			    strerror(errno));
		buf_release(&tmp);
		return -1;
	}
	if (write_close(fd, data, len) == -1 || rename(tmp.ptr, path) == -1) {
		error("unable to write '%s': %s", path, strerror(errno));
		unlink(tmp.ptr);
		buf_release(&tmp);
		return -1;
	}
	buf_release(&tmp);
	written_add(path, data, len);
	return 0;
}

/* Partials come from templates/partials/NAME.md (or the built-in ones). */
static int
load_partial(void *ctx, const char *name, struct buf *out)
{
	struct build_templates *t = ctx;
	struct buf path = BUF_INIT;
	const struct asset *a;
	int rc = -1;

	buf_addf(&path, "partials/%s.md", name);
	for (a = assets_builtin; a->name; a++)
		if (strcmp(a->name, path.ptr) == 0)
			rc = 0;
	if (t->dir != NULL) {
		struct buf file = BUF_INIT;

		buf_addf(&file, "%s/%s", t->dir, path.ptr);
		if (access(file.ptr, R_OK) == 0)
			rc = 0;
		buf_release(&file);
	}
	if (rc == 0)
		rc = assets_load(t->dir, path.ptr, out);
	buf_release(&path);
	return rc;
}


/*
 * Renders a page: the Markdown template with `ctx` (Mustache, escaped for
 * Markdown), to HTML with the directives, inside the layout.
 */
static int
render_page(struct build_templates *t, const struct buf *md_tmpl, const char *name,
    json_t *ctx, const json_t *view, const json_t *labels,
    struct chart_list *charts, struct buf *md_out, struct buf *out)
{
	struct mustache_opts mo = { MUSTACHE_MARKDOWN, load_partial, t, name, 0 };
	struct buf md = BUF_INIT, body = BUF_INIT;
	json_t *page = json_object_get(ctx, "page");
	int rc = -1;

	if (mustache_render(md_tmpl->ptr, md_tmpl->len, ctx, &mo, &md) ||
	    html_render(md.ptr, md.len, view, labels, charts, name, &body))
		goto out;
	json_object_set_new(page, "content", json_string(body.ptr));
	mo.escape = MUSTACHE_HTML;
	mo.name = "layout.html";
	rc = mustache_render(t->layout.ptr, t->layout.len, ctx, &mo, out);
	json_object_del(page, "content");
	if (md_out)
		buf_add(md_out, md.ptr, md.len);
out:
	buf_release(&md);
	buf_release(&body);
	return rc;
}

/* The labels of a set of strings (view_strings), or an empty object. */
json_t *
build_labels(json_t *strings)
{
	json_t *l = json_object_get(strings, "labels");

	return l ? json_incref(l) : json_object();
}

/* The context of a page: the view model, the strings, and `page`. The
 * view's members are shared, not copied: a page adds members of its own
 * and changes none of the view's. */
static json_t *
page_context(const json_t *view, json_t *labels, const char *assets,
    const char *title, const char *subtitle, const char *msp)
{
	json_t *ctx = json_copy((json_t *)view), *page = json_object();
	const char *locale = json_string_value(json_object_get(json_object_get(
	    view, "tenant"), "locale"));
	struct buf b = BUF_INIT;

	json_object_set(ctx, "i18n", labels);
	json_object_set_new(page, "lang", json_string(locale &&
	    strncmp(locale, "fr", 2) == 0 ? "fr" : "en"));
	json_object_set_new(page, "assets", json_string(assets));
	json_object_set_new(page, "title", json_string(title));
	json_object_set_new(page, "subtitle", json_string(subtitle));
	/* The MSP that prepared the report, for the footer. */
	json_object_set_new(page, "msp_name", msp && *msp ? json_string(msp) :
	    json_null());
	if (msp && *msp) {
		buf_subst(&b, json_string_value(json_object_get(labels,
		    "prepared_by")) ?: "{{msp}}", (const char *const[]){
		    "msp", msp, NULL });
		json_object_set_new(page, "prepared_by", json_string(b.ptr));
		buf_reset(&b);
		buf_subst(&b, json_string_value(json_object_get(labels,
		    "notes_from")) ?: "{{msp}}", (const char *const[]){
		    "msp", msp, NULL });
		json_object_set_new(page, "notes_title", json_string(b.ptr));
	} else {
		json_object_set_new(page, "prepared_by", json_null());
		json_object_set(page, "notes_title", json_object_get(
		    json_object_get(labels, "sections"), "notes"));
	}
	json_object_set_new(ctx, "page", page);
	buf_release(&b);
	return ctx;
}

int
build_report_page(struct build_templates *t, const json_t *view,
    json_t *labels, const char *msp, struct chart_list *charts,
    struct buf *md, struct buf *out)
{
	const char *month = json_string_value(json_object_get(view, "month"));
	const char *name = json_string_value(json_object_get(json_object_get(
	    view, "tenant"), "name"));
	struct buf title = BUF_INIT, doc = BUF_INIT, pdf = BUF_INIT;
	json_t *ctx, *page;
	int rc;

	view_month_label(labels, month ? month : "0000-01", &title);
	view_document_title(view, labels, &doc);
	view_pdf_name(view, &pdf);
	ctx = page_context(view, labels, "../assets", doc.ptr, title.ptr, msp);
	page = json_object_get(ctx, "page");
	json_object_set_new(page, "tenant_name", json_string(name ? name : ""));
	json_object_set_new(page, "month_label", json_string(title.ptr));
	json_object_set_new(page, "home", json_string("../index.html"));
	json_object_set_new(page, "data", json_string("data.json"));
	json_object_set_new(page, "pdf", json_string("report.pdf"));
	json_object_set_new(page, "pdf_name", json_string(pdf.ptr));
	charts->set = t->charts;
	rc = render_page(t, &t->report, "report.md", ctx, view, labels, charts,
	    md, out);
	json_decref(ctx);
	buf_release(&title);
	buf_release(&doc);
	buf_release(&pdf);
	return rc;
}

static void key_files(struct buf *k, const char *dir);

struct tenant_build {
	json_t *strings;	/* of the tenant's locale */
	struct store *st;
	const struct build_opts *o;
	struct build_templates *t;
	const char *tenant;
	struct buf logo;
	int64_t time;		/* of the documents: SOURCE_DATE_EPOCH or now */
	char key[65];		/* of the build, but the tenant's data */
	int64_t data_version;	/* of the tenant being built */
	int built, skipped;	/* tenants */
	int restated, reissued;	/* months */
	char (*built_months)[8];	/* of the tenant being built */
	size_t nbuilt;
	struct chart_list drawn;	/* the charts of the month built last */
	char drawn_month[8];
	struct timespec start;	/* of the build, for the bar */
};

#define MAX_NOTES_BYTES ((size_t)1 << 20)

/*
 * The service team's notes of a tenant's period (SPEC 5.5):
 * NOTES/<tenant>/<period>.md, appended to `out`. Returns 1 when there is
 * such a file, 0 when there is none (or no --notes), -1 after reporting.
 */
static int
read_notes(const struct tenant_build *tb, const char *period,
    struct buf *out)
{
	struct buf path = BUF_INIT;
	int rc = 0;

	if (tb->o->notes == NULL)
		return 0;
	buf_addf(&path, "%s/%s/%s.md", tb->o->notes, tb->tenant, period);
	if (read_file(path.ptr, MAX_NOTES_BYTES, out) == 0)
		rc = 1;
	else if (errno != ENOENT)
		rc = error("unable to read '%s': %s", path.ptr, errno == EFBIG ?
		    "larger than 1 MiB" : strerror(errno));
	if (rc == 1 && !utf8_valid(out->ptr, out->len))
		rc = error("%s: not valid UTF-8", path.ptr);
	buf_release(&path);
	return rc;
}

/* Appends the tenant's notes (names and bytes) to a build key. */
static void
notes_key(const struct tenant_build *tb, struct buf *k)
{
	struct buf dir = BUF_INIT;

	if (tb->o->notes == NULL)
		return;
	buf_addf(&dir, "%s/%s", tb->o->notes, tb->tenant);
	buf_addstr(k, "notes\n");
	key_files(k, dir.ptr);
	buf_release(&dir);
}

/* The tenant's row: its logo and its data version. */
static int
read_tenant(void *ctx, const struct store_row *r)
{
	struct tenant_build *tb = ctx;
	const void *p;
	size_t len;

	if ((p = store_row_blob(r, 6, &len)) != NULL && len > 0)
		buf_add(&tb->logo, p, len);
	tb->data_version = store_row_int(r, 7);
	return 0;
}

/* 1 when file name d (of DIR/charts/) is one that chart c writes there. */
static int
chart_file(const struct build_opts *o, const struct chart *c, const char *d)
{
	size_t n = strlen(c->file);

	if (c->dir[0] != '\0' || strncmp(d, c->file, n) != 0)
		return 0;
	d += n;
	return strcmp(d, ".svg") == 0 || (o->png && strcmp(d, ".png") == 0) ||
	    (c->compact.width > 0 && strcmp(d, ".compact.svg") == 0);
}

/*
 * Writes the charts of a page into DIR/charts/ (SVG, its compact layout as
 * NAME.compact.svg, and PNG with --png) with `put` (write_new in a folder
 * being built, else write_atomic), but those it shows from another page's
 * folder (their `dir`), and removes the charts an earlier build left there
 * that the page no longer uses. Returns 0, or -1 after reporting.
 */
static int
write_charts(const struct build_opts *o, const char *dir,
    const struct chart_list *cl, int (*put)(const char *, const void *,
    size_t))
{
	struct buf path = BUF_INIT, data = BUF_INIT;
	struct dirent *de;
	size_t i;
	DIR *dp;
	int rc = 0;

	for (i = 0; i < cl->n && rc == 0; i++) {
		if (cl->v[i].dir[0] != '\0')
			continue;
		buf_reset(&data);
		buf_reset(&path);
		buf_addf(&path, "%s/charts/%s.svg", dir, cl->v[i].file);
		rc = chart_cairo_svg(&cl->v[i], &data) ? -1 :
		    put(path.ptr, data.ptr, data.len);
		if (rc == 0 && cl->v[i].compact.width > 0) {
			struct chart k = cl->v[i];

			/* The same chart with its other scene. */
			k.scene = cl->v[i].compact;
			buf_reset(&data);
			buf_reset(&path);
			buf_addf(&path, "%s/charts/%s.compact.svg", dir,
			    cl->v[i].file);
			rc = chart_cairo_svg(&k, &data) ? -1 :
			    put(path.ptr, data.ptr, data.len);
		}
		if (rc == 0 && o->png) {
			buf_reset(&data);
			buf_reset(&path);
			buf_addf(&path, "%s/charts/%s.png", dir, cl->v[i].file);
			rc = chart_cairo_png(&cl->v[i], CHART_PNG_SCALE,
			    &data) ? -1 : put(path.ptr, data.ptr, data.len);
		}
	}
	/* A folder being built holds nothing else. */
	buf_reset(&path);
	buf_addf(&path, "%s/charts", dir);
	if (rc == 0 && put != write_new && (dp = opendir(path.ptr)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			const char *dot = strrchr(de->d_name, '.');
			int keep = 0;

			if (dot == NULL || (strcmp(dot, ".svg") != 0 &&
			    strcmp(dot, ".png") != 0))
				continue;
			for (i = 0; i < cl->n && !keep; i++)
				keep = chart_file(o, &cl->v[i], de->d_name);
			if (!keep) {
				buf_reset(&data);
				buf_addf(&data, "%s/%s", path.ptr, de->d_name);
				unlink(data.ptr);
			}
		}
		closedir(dp);
		if (rmdir(path.ptr) == 0)	/* when it holds nothing now */
			forget_folder();
	}
	buf_release(&path);
	buf_release(&data);
	return rc;
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Removes a folder and all it holds; quiet about what is not there. */
static void
remove_tree(const char *path)
{
	char **files;
	size_t n, i;
	struct buf p = BUF_INIT;

	forget_folder();
	dir_files(path, &files, &n);
	for (i = 0; i < n; i++) {
		buf_reset(&p);
		buf_addf(&p, "%s/%s", path, files[i]);
		unlink(p.ptr);
		/* Then the folders of the file, deepest first. */
		while (strrchr(p.ptr, '/') > p.ptr + strlen(path)) {
			*strrchr(p.ptr, '/') = '\0';
			rmdir(p.ptr);
		}
		free(files[i]);
	}
	free(files);
	rmdir(path);
	buf_release(&p);
}

/*
 * Puts folder `fresh` in the place of `final` at once: exchanged with the
 * old one (renameat2 RENAME_EXCHANGE), which is then removed; or renamed,
 * when there is none. A reader sees the whole old month or the whole new
 * one, never half of each; a crash leaves the old one, or the new one and
 * a leftover that the next build removes.
 */
static int
swap_in(const char *fresh, const char *final)
{
	forget_folder();
	if (syscall(SYS_renameat2, AT_FDCWD, fresh, AT_FDCWD, final,
	    2 /* RENAME_EXCHANGE */) == 0) {
		remove_tree(fresh);
		return 0;
	}
	if ((errno == ENOENT || errno == EINVAL || errno == ENOSYS) &&
	    rename(fresh, final) == 0)
		return 0;
	return error("unable to put '%s' in place: %s", final,
	    strerror(errno));
}

/* Leftovers of a build cut short in a tenant's folder: a month being
 * built (.YYYY-MM.new) and files being written (*.tmp.*). The other files'
 * paths go to `kept`, each after a newline (and a newline at the end). */
static void
clean_leftovers(const struct tenant_build *tb, struct buf *kept)
{
	struct buf dir = BUF_INIT, p = BUF_INIT;
	char **files;
	size_t n, i;

	buf_reset(kept);
	buf_addf(&dir, "%s/%s", tb->o->out, tb->tenant);
	dir_files(dir.ptr, &files, &n);
	for (i = 0; i < n; i++) {
		buf_reset(&p);
		buf_addf(&p, "%s/%s", dir.ptr, files[i]);
		if (files[i][0] == '.' && strstr(files[i], ".new/") != NULL) {
			*strchr(p.ptr + dir.len + 1, '/') = '\0';
			remove_tree(p.ptr);
		} else if (strstr(files[i], ".tmp.") != NULL)
			unlink(p.ptr);
		else {
			buf_addch(kept, '\n');
			buf_addstr(kept, files[i]);
		}
		free(files[i]);
	}
	free(files);
	buf_addch(kept, '\n');
	buf_release(&dir);
	buf_release(&p);
}

/* 1 when the paths of clean_leftovers hold month's data.json. */
static int
has_report(const struct buf *kept, const char *month)
{
	char want[32];

	snprintf(want, sizeof(want), "\n%s/data.json\n", month);
	return strstr(kept->ptr, want) != NULL;
}

/* 1 when two values of figures are the same number (1 read back from
 * data.json is an integer; 1.0 of the view a real) or both null. */
static int
same_value(const json_t *a, const json_t *b)
{
	if (json_is_number(a) && json_is_number(b))
		return json_number_value(a) == json_number_value(b);
	return json_is_null(a) == json_is_null(b) && !json_is_number(a) &&
	    !json_is_number(b);
}

/*
 * Restatements (SPEC 5.4): the month's last built view model `old` against
 * the new `view`. When a figure's value changed, sets the view's
 * "restatement" (date, version, the headline figures that changed, old and
 * new) and returns 1; when none did, keeps the old restatement and returns
 * 0 (a re-issue). `version` is the number of the kept report.vN.pdf.
 */
static int
restatement(const struct tenant_build *tb, json_t *view, const json_t *old,
    int version)
{
	static const char *const headline[] = { "hours_saved", "cost_avoided",
		"error_reduction", "sla_adherence", "roi" };
	const json_t *nf = json_object_get(view, "figures");
	const json_t *of = json_object_get(old, "figures"), *f;
	const json_t *labels = json_object_get(tb->strings, "labels");
	const char *name;
	json_t *r, *changes;
	char date[32];
	size_t i;
	int changed = 0;

	json_object_foreach((json_t *)nf, name, f)
		if (!same_value(json_object_get(f, "value"), json_object_get(
		    json_object_get(of, name), "value")))
			changed = 1;
	if (!changed) {
		json_object_set(view, "restatement", json_object_get(old,
		    "restatement") ? json_object_get(old, "restatement") :
		    json_null());
		return 0;
	}
	format_utc(tb->time, date);
	date[10] = '\0';
	r = json_object();
	changes = json_array();
	json_object_set_new(r, "date", json_string(date));
	{
		struct buf d = BUF_INIT;

		format_date(&d, json_string_value(json_object_get(
		    json_object_get(view, "tenant"), "locale")), date, NULL);
		json_object_set_new(r, "date_display", json_string(d.ptr));
		buf_release(&d);
	}
	json_object_set_new(r, "version", json_integer(version));
	json_object_set_new(r, "replaces", json_sprintf("report.v%d.pdf",
	    version));
	for (i = 0; i < ARRAY_SIZE(headline); i++) {
		const json_t *a = json_object_get(of, headline[i]);
		const json_t *b = json_object_get(nf, headline[i]);

		if (same_value(json_object_get(a, "value"), json_object_get(b,
		    "value")))
			continue;
		json_array_append_new(changes, json_pack("{s:s, s:s, s:O, s:O}",
		    "figure", headline[i], "label", directive_label(labels,
		    "figures", headline[i]), "old", json_object_get(a,
		    "display") ? json_object_get(a, "display") : json_null(),
		    "new", json_object_get(b, "display")));
	}
	json_object_set_new(r, "changes", changes);
	json_object_set_new(view, "restatement", r);
	return 1;
}

/* Copies file `from` to `to` (atomically). */
static int
copy_file(const char *from, const char *to)
{
	struct buf b = BUF_INIT;
	int rc;

	if (read_file(from, (size_t)1 << 30, &b) != 0)
		return error("unable to read '%s': %s", from, strerror(errno));
	rc = write_atomic(to, b.ptr, b.len);
	buf_release(&b);
	return rc;
}

/*
 * Builds one month of a tenant: data.json, index.html, its charts and its
 * PDF, all into a fresh folder that then takes the month's place at once.
 */
static int
build_month(struct tenant_build *tb, const char *month, struct metrics *have,
    json_t *labels, json_t **viewp)
{
	struct buf path = BUF_INIT, text = BUF_INIT, md = BUF_INIT;
	struct buf dir = BUF_INIT, final = BUF_INIT;
	struct chart_list charts = { 0 };
	struct pdf_opts po = { 0 };
	struct metrics *m = NULL;
	json_t *view = NULL, *old = NULL;
	int rc = -1, versions = 0, restated = 0;

	buf_addf(&final, "%s/%s/%s", tb->o->out, tb->tenant, month);
	buf_addf(&dir, "%s/%s/.%s.new", tb->o->out, tb->tenant, month);
	remove_tree(dir.ptr);
	/* The caller's metrics when they are of this month. */
	if (strcmp(have->month, month) != 0 &&
	    metrics_compute(tb->st, tb->tenant, month, &m) != 0)
		goto out;
	view = view_build(m ? m : have, tb->strings);
	/* The service team's voice, when it has a word for this month. */
	switch (read_notes(tb, month, &text)) {
	case 1:
		json_object_set_new(view, "notes", json_stringn(text.ptr,
		    text.len));
		break;
	case -1:
		goto out;
	}
	buf_reset(&text);
	/* A month built before: a restatement, or a re-issue. */
	buf_addf(&path, "%s/data.json", final.ptr);
	if ((old = json_load_file(path.ptr, 0, NULL)) != NULL) {
		char **files;
		size_t n, i;

		dir_files(final.ptr, &files, &n);
		for (i = 0; i < n; i++) {
			if (strncmp(files[i], "report.v", 8) == 0)
				versions++;
			free(files[i]);
		}
		free(files);
		restated = restatement(tb, view, old, versions + 1);
	}
	buf_reset(&path);
	view_write(view, &text);
	buf_addf(&path, "%s/data.json", dir.ptr);
	if (write_new(path.ptr, text.ptr, text.len))
		goto out;
	buf_reset(&text);
	if (build_report_page(tb->t, view, labels, tb->o->msp_name, &charts,
	    &md, &text))
		goto out;
	if (write_charts(tb->o, dir.ptr, &charts, write_new))
		goto out;
	buf_reset(&path);
	buf_addf(&path, "%s/index.html", dir.ptr);
	if (write_new(path.ptr, text.ptr, text.len))
		goto out;
	/* The PDF of the same Markdown, signed when there is a key. */
	buf_reset(&text);
	po.msp_name = tb->o->msp_name;
	po.time = tb->time;
	po.logo = tb->logo.len ? tb->logo.ptr : NULL;
	po.logo_len = tb->logo.len;
	if (pdf_render(md.ptr, md.len, view, labels, &charts, &po, &text))
		goto out;
	if (tb->o->signer) {
		struct buf signed_pdf = BUF_INIT;

		if (sign_pdf(tb->o->signer, text.ptr, text.len, tb->time,
		    &signed_pdf)) {
			buf_release(&signed_pdf);
			goto out;
		}
		buf_release(&text);
		text = signed_pdf;
	}
	buf_reset(&path);
	buf_addf(&path, "%s/report.pdf", dir.ptr);
	if (write_new(path.ptr, text.ptr, text.len))
		goto out;
	/* The reports issued before stay beside the new one. */
	if (old != NULL) {
		int v;

		for (v = 1; v <= versions + restated; v++) {
			struct buf from = BUF_INIT;

			buf_reset(&path);
			buf_addf(&path, "%s/report.v%d.pdf", dir.ptr, v);
			if (v <= versions)
				buf_addf(&from, "%s/report.v%d.pdf", final.ptr, v);
			else
				buf_addf(&from, "%s/report.pdf", final.ptr);
			v = copy_file(from.ptr, path.ptr) ? -v : v;
			buf_release(&from);
			if (v < 0)
				goto out;
		}
	}
	if (swap_in(dir.ptr, final.ptr))
		goto out;
	if (old != NULL) {
		if (restated)
			tb->restated++;
		else
			tb->reissued++;
		if (!tb->o->quiet)
			say("%s %s %s\n", restated ? "restated" : "re-issued",
			    tb->tenant, month);
	}
	rc = 0;
	*viewp = view;
	view = NULL;
	/* The portal shows the charts it has in common with this month from
	 * the month's folder. */
	chart_list_release(&tb->drawn);
	tb->drawn = charts;
	memset(&charts, 0, sizeof(charts));
	snprintf(tb->drawn_month, sizeof(tb->drawn_month), "%s", month);
out:
	if (rc)
		remove_tree(dir.ptr);
	json_decref(old);
	chart_list_release(&charts);
	buf_release(&md);
	json_decref(view);
	metrics_free(m);
	buf_release(&path);
	buf_release(&text);
	buf_release(&dir);
	buf_release(&final);
	return rc;
}

/* 1 when path `rel` lies in a month folder this build wrote anew. */
static int
in_built_month(const struct tenant_build *tb, const char *rel)
{
	size_t i;

	if (strlen(rel) < 8 || rel[7] != '/')
		return 0;
	for (i = 0; i < tb->nbuilt; i++)
		if (strncmp(rel, tb->built_months[i], 7) == 0)
			return 1;
	return 0;
}

/*
 * SHA256SUMS of a tenant's site: every other file with its SHA-256, in
 * sha256sum's format, sorted; and SHA256SUMS.p7s, its detached CMS
 * signature, when signing (else an old one is removed). The files of
 * months this build did not touch keep the hash the last manifest gave
 * them (a year of reports is not read again for one month's build).
 */
static int
manifest(struct tenant_build *tb)
{
	struct buf dir = BUF_INIT, sums = BUF_INIT, path = BUF_INIT;
	struct buf file = BUF_INIT, sig = BUF_INIT, old = BUF_INIT;
	char **files, hex[65];
	const char *hit, *now;
	size_t n, i, len;
	int rc = 0;

	buf_addf(&dir, "%s/%s", tb->o->out, tb->tenant);
	buf_addf(&path, "%s/SHA256SUMS", dir.ptr);
	buf_addch(&old, '\n');
	read_file(path.ptr, (size_t)64 << 20, &old);
	dir_files(dir.ptr, &files, &n);
	for (i = 0; i < n; i++) {
		if (rc == 0 && strcmp(files[i], "SHA256SUMS") != 0 &&
		    strcmp(files[i], "SHA256SUMS.p7s") != 0 &&
		    strstr(files[i], ".tmp.") == NULL) {
			len = strlen(files[i]);
			hit = NULL;
			/* "\nHASH  PATH\n" of the last manifest. */
			if (files[i][0] >= '0' && files[i][0] <= '9' &&
			    !in_built_month(tb, files[i]))
				for (hit = old.ptr; (hit = strstr(hit + 1,
				    files[i])) != NULL; )
					if (hit - old.ptr >= 67 && hit[-1] == ' ' &&
					    hit[-2] == ' ' && hit[-67] == '\n' &&
					    hit[len] == '\n')
						break;
			/* Written by this build: a month's files went to
			 * .YYYY-MM.new/, which took the month's place. */
			buf_reset(&path);
			if (in_built_month(tb, files[i]))
				buf_addf(&path, "%s/.%.7s.new%s", dir.ptr,
				    files[i], files[i] + 7);
			else
				buf_addf(&path, "%s/%s", dir.ptr, files[i]);
			now = hit ? NULL : written_hash(path.ptr);
			if (hit != NULL) {
				memcpy(hex, hit - 66, 64);
				hex[64] = '\0';
			} else if (now != NULL)
				memcpy(hex, now, 65);
			else {
				buf_reset(&path);
				buf_addf(&path, "%s/%s", dir.ptr, files[i]);
				buf_reset(&file);
				if (read_file(path.ptr, (size_t)1 << 30,
				    &file) != 0)
					rc = error("unable to read '%s': %s",
					    path.ptr, strerror(errno));
				sha256_hex(file.ptr, file.len, hex);
			}
			buf_addf(&sums, "%s  %s\n", hex, files[i]);
		}
		free(files[i]);
	}
	free(files);
	buf_reset(&path);
	buf_addf(&path, "%s/SHA256SUMS", dir.ptr);
	if (rc == 0)
		rc = write_atomic(path.ptr, sums.ptr, sums.len);
	buf_addstr(&path, ".p7s");
	if (rc == 0 && tb->o->signer) {
		if ((rc = sign_detached(tb->o->signer, sums.ptr, sums.len,
		    tb->time, &sig)) == 0)
			rc = write_atomic(path.ptr, sig.ptr, sig.len);
	} else if (rc == 0)
		unlink(path.ptr);
	buf_release(&dir);
	buf_release(&sums);
	buf_release(&path);
	buf_release(&file);
	buf_release(&sig);
	buf_release(&old);
	return rc;
}

/* The portal of a tenant: its latest report's headline, every month. */
static int
build_portal(struct tenant_build *tb, json_t *latest, json_t *reports,
    json_t *labels)
{
	struct buf text = BUF_INIT, path = BUF_INIT, title = BUF_INIT;
	const char *month = json_string_value(json_object_get(latest, "month"));
	struct chart_list charts = { tb->t->charts, NULL, 0, NULL, NULL };
	json_t *ctx, *page;
	char drawn_dir[32];
	int rc = -1;

	if (month != NULL && strcmp(tb->drawn_month, month) == 0) {
		snprintf(drawn_dir, sizeof(drawn_dir), "%s/charts/", month);
		charts.drawn = &tb->drawn;
		charts.drawn_dir = drawn_dir;
	}
	buf_addf(&title, "%s \xe2\x80\x94 %s", json_string_value(
	    json_object_get(labels, "portal_title")) ?: "", json_string_value(
	    json_object_get(json_object_get(latest, "tenant"), "name")) ?: "");
	ctx = page_context(latest, labels, "assets", title.ptr,
	    json_string_value(json_object_get(labels, "portal_title")) ?: "",
	    tb->o->msp_name);
	buf_reset(&title);
	view_month_label(labels, month, &title);
	page = json_object_get(ctx, "page");
	json_object_set_new(page, "month_label", json_string(title.ptr));
	buf_reset(&title);
	buf_addf(&title, "%s/index.html", month);
	json_object_set_new(page, "latest", json_string(title.ptr));
	json_object_set(page, "reports", reports);
	if (render_page(tb->t, &tb->t->portal, "portal.md", ctx, latest, labels,
	    &charts, NULL, &text) == 0) {
		buf_addf(&path, "%s/%s", tb->o->out, tb->tenant);
		rc = write_charts(tb->o, path.ptr, &charts, write_atomic);
		buf_addstr(&path, "/index.html");
		if (rc == 0)
			rc = write_atomic(path.ptr, text.ptr, text.len);
	}
	chart_list_release(&charts);
	json_decref(ctx);
	buf_release(&text);
	buf_release(&path);
	buf_release(&title);
	return rc;
}

/*
 * A line of the portal's list of months. It carries every key its template
 * may ask for, null or false where the month has none: Mustache looks a
 * name up the context stack, and a key missing here would be found in the
 * portal's root (the latest month's view) instead.
 */
static json_t *
report_entry(const json_t *view, const json_t *labels, const char *month)
{
	json_t *e = json_object(), *r;
	struct buf b = BUF_INIT;
	static const char *const shown[] = { "hours_saved", "cost_avoided",
		"sla_adherence" };
	const char *d;
	size_t i;

	view_month_label(labels, month, &b);
	json_object_set_new(e, "label", json_string(b.ptr));
	buf_reset(&b);
	buf_addf(&b, "%s/index.html", month);
	json_object_set_new(e, "href", json_string(b.ptr));
	buf_reset(&b);
	buf_addf(&b, "%s/data.json", month);
	json_object_set_new(e, "data", json_string(b.ptr));
	buf_reset(&b);
	buf_addf(&b, "%s/report.pdf", month);
	json_object_set_new(e, "pdf", json_string(b.ptr));
	buf_reset(&b);
	view_pdf_name(view, &b);
	json_object_set_new(e, "download", json_string(b.ptr));
	for (i = 0; i < ARRAY_SIZE(shown); i++) {
		d = json_string_value(json_object_get(json_object_get(
		    json_object_get(view, "figures"), shown[i]), "display"));
		json_object_set_new(e, shown[i], json_string(d ? d :
		    "\xe2\x80\x94"));
	}
	/* A restated month says so, with the report it replaced. */
	r = json_object_get(view, "restatement");
	json_object_set_new(e, "restatement", json_is_object(r) ?
	    json_incref(r) : json_null());
	json_object_set_new(e, "partial", json_boolean(json_is_true(
	    json_object_get(json_object_get(view, "period"), "partial"))));
	buf_release(&b);
	return e;
}

/* A line of the build's output, under the bar when there is one. */
static void
say(const char *fmt, ...)
{
	va_list ap;

	if (isatty(2) && isatty(1))
		fputs("\r\033[K", stderr);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

/*
 * The build record of a tenant: OUT/.roic/builds/<tenant>, the key of its
 * last complete build (the build's key, the month asked for, the tenant's
 * data version). Outside the tenant's folder: nothing of it is published.
 */
static void
record_path(const struct tenant_build *tb, struct buf *path)
{
	buf_addf(path, "%s/.roic/builds/%s", tb->o->out, tb->tenant);
}

static void
tenant_key(const struct tenant_build *tb, const char *month, char key[65])
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s\n%s\n%s\n%lld\n", tb->key, tb->tenant,
	    month ? month : tb->o->all_months ? "all" : "latest complete",
	    (long long)tb->data_version);
	notes_key(tb, &b);
	sha256_hex(b.ptr, b.len, key);
	buf_release(&b);
}

/* 1 when the tenant's last build had this key and its site is there. */
static int
up_to_date(const struct tenant_build *tb, const char *key)
{
	struct buf path = BUF_INIT, rec = BUF_INIT;
	int same;

	record_path(tb, &path);
	same = read_file(path.ptr, 4096, &rec) == 0 && rec.len >= 64 &&
	    memcmp(rec.ptr, key, 64) == 0;
	buf_reset(&path);
	buf_addf(&path, "%s/%s/SHA256SUMS", tb->o->out, tb->tenant);
	same = same && access(path.ptr, R_OK) == 0;
	buf_release(&path);
	buf_release(&rec);
	return same;
}

/* Builds a tenant: its months, then its portal and assets. */
static int
build_tenant(struct tenant_build *tb, const char *month)
{
	struct store_arg a = { 0, tb->tenant };
	json_t *labels = NULL, *reports = json_array(), *last = NULL;
	struct buf path = BUF_INIT;
	struct metrics *m = NULL;
	char key[65] = "", want[8] = "";
	size_t i;
	int rc = -1, built = 0, snapshot = 0, partial = 0;
	struct buf kept = BUF_INIT;

	/* Nothing to do when nothing it depends on changed. */
	buf_reset(&tb->logo);
	tb->data_version = -1;
	if (store_snapshot(tb->st))
		goto out;
	snapshot = 1;
	if (store_read(tb->st, SR_TENANT, &a, 1, read_tenant, tb))
		goto out;
	if (tb->data_version >= 0) {
		tenant_key(tb, month, key);
		if (!tb->o->force && up_to_date(tb, key)) {
			tb->skipped++;
			if (!tb->o->quiet)
				say("up to date %s\n", tb->tenant);
			rc = 0;
			goto out;
		}
	}
	/* No record while the site changes: a build cut short is redone. */
	record_path(tb, &path);
	unlink(path.ptr);
	buf_reset(&path);
	clean_leftovers(tb, &kept);
	written_reset();
	tb->nbuilt = 0;
	/* The tenant's months and locale; with a month, its metrics too. */
	switch (metrics_compute(tb->st, tb->tenant, month ? month : "2000-01",
	    &m)) {
	case 0:
		break;
	case 1:
		error("unknown tenant '%s'", tb->tenant);
		/* FALLTHROUGH */
	default:
		goto out;
	}
	if ((tb->strings = view_strings(tb->t->dir, m->locale)) == NULL)
		goto out;
	labels = build_labels(tb->strings);
	/*
	 * Without --month: the latest month unless it is partial (SPEC 5.5),
	 * whose metrics are those the month's build needs; a partial month
	 * is built only when --month asks for it.
	 */
	if (month == NULL && m->nmonths > 0) {
		struct metrics *lm = NULL;
		int day;

		if (metrics_compute(tb->st, tb->tenant,
		    m->months[m->nmonths - 1], &lm))
			goto out;
		metrics_free(m);
		m = lm;
		if ((partial = metrics_partial(m, &day)) && !tb->o->quiet)
			say("partial month not built: %s %s (data to "
			    "%04d-%02d-%02d); build it with --month %s\n",
			    tb->tenant, m->month, day / 10000, day / 100 % 100,
			    day % 100, m->month);
		if (!partial)
			snprintf(want, sizeof(want), "%s", m->month);
		else if (m->nmonths > 1)
			snprintf(want, sizeof(want), "%s",
			    m->months[m->nmonths - 2]);
	}
	for (i = 0; i < m->nmonths; i++) {
		json_t *v = NULL;
		int wanted = month ? strcmp(m->months[i], month) == 0 :
		    tb->o->all_months ? !(partial && i + 1 == m->nmonths) :
		    strcmp(m->months[i], want) == 0;

		/* The portal lists every month with a report, built now or
		 * before (its data.json is there). */
		if (wanted) {
			if (build_month(tb, m->months[i], m, labels, &v))
				goto out;
			tb->built_months = xrealloc(tb->built_months,
			    (tb->nbuilt + 1) * sizeof(*tb->built_months));
			snprintf(tb->built_months[tb->nbuilt++], 8, "%s",
			    m->months[i]);
			built++;
		} else {
			json_error_t je;

			if (!has_report(&kept, m->months[i]))
				continue;
			buf_reset(&path);
			buf_addf(&path, "%s/%s/%s/data.json", tb->o->out,
			    tb->tenant, m->months[i]);
			if ((v = json_load_file(path.ptr, 0, &je)) == NULL) {
				error("%s: %s", path.ptr, je.text);
				goto out;
			}
		}
		json_array_insert_new(reports, 0, report_entry(v, labels,
		    m->months[i]));
		json_decref(last);
		last = v;
	}
	if (built == 0) {
		if (!tb->o->quiet && partial)
			warning("tenant '%s' has no complete month yet: skipped",
			    tb->tenant);
		else if (!tb->o->quiet)
			warning("tenant '%s' has no daily rows in %s: skipped",
			    tb->tenant, month ? month : "any month");
		rc = 0;
		goto out;
	}
	if (build_portal(tb, last, reports, labels))
		goto out;
	buf_reset(&path);
	buf_addf(&path, "%s/%s/assets/style.css", tb->o->out, tb->tenant);
	if (write_atomic(path.ptr, tb->t->style.ptr, tb->t->style.len))
		goto out;
	if (tb->logo.len > 0) {
		buf_reset(&path);
		buf_addf(&path, "%s/%s/assets/logo.png", tb->o->out, tb->tenant);
		if (write_atomic(path.ptr, tb->logo.ptr, tb->logo.len))
			goto out;
	}
	if (manifest(tb))
		goto out;
	/* The record last: a build cut short is done again. */
	buf_reset(&path);
	record_path(tb, &path);
	if (key[0] && write_atomic(path.ptr, key, 64))
		goto out;
	tb->built++;
	if (!tb->o->quiet)
		say("built %s: %d month%s\n", tb->tenant, built,
		    built == 1 ? "" : "s");
	rc = 0;
out:
	buf_release(&kept);
	if (snapshot && store_snapshot_end(tb->st))
		rc = -1;
	chart_list_release(&tb->drawn);
	tb->drawn_month[0] = '\0';
	json_decref(last);
	json_decref(reports);
	json_decref(labels);
	json_decref(tb->strings);
	tb->strings = NULL;
	metrics_free(m);
	buf_release(&path);
	return rc;
}

/* A tenant's row of the operator's index: its latest report's view. */
struct op_row {
	const char *id;
	json_t *view;		/* NULL: no report built */
	char month[8];
	int critical, warning, restated;
};

/* Critical alerts first, then warnings, then by id. */
static int
op_row_cmp(const void *a, const void *b)
{
	const struct op_row *x = a, *y = b;

	if ((x->view == NULL) != (y->view == NULL))
		return x->view == NULL ? 1 : -1;
	if (x->critical != y->critical)
		return x->critical > y->critical ? -1 : 1;
	if (x->warning != y->warning)
		return x->warning > y->warning ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* The latest month of a tenant's site with a data.json, into row. */
static void
op_row_read(const struct build_opts *o, struct op_row *r)
{
	struct buf dir = BUF_INIT, path = BUF_INIT;
	const json_t *a;
	char **files;
	size_t n, i;

	buf_addf(&dir, "%s/%s", o->out, r->id);
	dir_files(dir.ptr, &files, &n);
	for (i = 0; i < n; i++) {
		if (strlen(files[i]) == 17 && strcmp(files[i] + 7,
		    "/data.json") == 0 && files[i][4] == '-' &&
		    strspn(files[i], "0123456789") == 4 &&
		    strncmp(files[i], r->month, 7) > 0)
			snprintf(r->month, sizeof(r->month), "%.7s", files[i]);
		free(files[i]);
	}
	free(files);
	if (r->month[0]) {
		buf_addf(&path, "%s/%s/data.json", dir.ptr, r->month);
		r->view = json_load_file(path.ptr, 0, NULL);
	}
	json_array_foreach(json_object_get(r->view, "alerts"), i, a) {
		const char *sev = json_string_value(json_object_get(a,
		    "severity"));

		if (sev && strcmp(sev, "critical") == 0)
			r->critical++;
		else
			r->warning++;
	}
	r->restated = json_is_object(json_object_get(r->view, "restatement"));
	buf_release(&dir);
	buf_release(&path);
}

/* A cell of a figure's display string. */
static void
op_figure(struct buf *h, const json_t *view, const char *name)
{
	const json_t *f = json_object_get(json_object_get(view, "figures"),
	    name);

	buf_addstr(h, "<td class=\"num\">");
	html_escape(h, json_string_value(json_object_get(f, "display")) ?:
	    "\xe2\x80\x94");
	if (json_string_value(json_object_get(f, "delta_display")) &&
	    strcmp(json_string_value(json_object_get(f, "delta_display")),
	    "\xe2\x80\x94") != 0) {
		buf_addstr(h, "<br><span class=\"change\">");
		html_escape(h, json_string_value(json_object_get(f,
		    "delta_display")));
		buf_addstr(h, "</span>");
	}
	buf_addstr(h, "</td>");
}

/*
 * out/_operator/index.html, the MSP's morning view (SPEC 5.5): a row per
 * tenant with its latest report's period, headline figures, alert counts,
 * restated and partial flags and links, tenants with critical alerts
 * first. Read from the reports on disk, so that tenants built before (or
 * up to date) are there too. For the MSP's staff only: outside every
 * tenant's folder.
 */
static int
operator_index(const struct build_opts *o, const struct build_templates *t,
    const struct names *tenants)
{
	static const char *const shown[] = { "hours_saved", "cost_avoided",
		"error_reduction", "sla_adherence", "roi" };
	struct buf html = BUF_INIT, path = BUF_INIT, b = BUF_INIT;
	struct op_row *rows = xcalloc(tenants->n + 1, sizeof(*rows));
	json_t *strings = view_strings(t->dir, "en-CA"), *labels;
	size_t i, k, crit = 0, warn = 0, restated = 0, partial = 0;
	int rc;

	labels = build_labels(strings);
	for (i = 0; i < tenants->n; i++) {
		rows[i].id = tenants->v[i];
		op_row_read(o, &rows[i]);
		crit += rows[i].critical > 0;
		warn += rows[i].critical == 0 && rows[i].warning > 0;
		restated += rows[i].restated;
		partial += json_is_true(json_object_get(json_object_get(
		    rows[i].view, "period"), "partial"));
	}
	qsort(rows, tenants->n, sizeof(*rows), op_row_cmp);
	buf_addstr(&html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<title>Tenants: the latest reports</title>\n"
	    "<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body class=\"operator\">\n"
	    "<header class=\"masthead\">\n<div class=\"masthead-text\">\n"
	    "<p class=\"tenant\">");
	html_escape(&html, o->msp_name ? o->msp_name : "Operator's view");
	buf_addstr(&html, "</p>\n<p class=\"period\">Every tenant's latest "
	    "report</p>\n</div>\n</header>\n<main>\n<h1>Tenants</h1>\n");
	buf_addf(&html, "<p class=\"overview\">%zu tenant%s: <strong>%zu with "
	    "critical alerts</strong>, %zu with warnings only, %zu restated, "
	    "%zu partial.</p>\n", tenants->n, tenants->n == 1 ? "" : "s",
	    crit, warn, restated, partial);
	buf_addstr(&html, "<div class=\"table-wrap\" tabindex=\"0\" "
	    "role=\"region\" aria-label=\"Tenants\"><table class=\"data "
	    "operator\">\n<thead><tr><th scope=\"col\">Tenant</th>"
	    "<th scope=\"col\">Latest report</th>");
	for (k = 0; k < ARRAY_SIZE(shown); k++) {
		buf_addstr(&html, "<th scope=\"col\">");
		html_escape(&html, directive_label(labels, "figures",
		    shown[k]));
		buf_addstr(&html, "</th>");
	}
	buf_addstr(&html, "<th scope=\"col\">Critical</th><th scope=\"col\">"
	    "Warnings</th><th scope=\"col\">Flags</th><th scope=\"col\">"
	    "Files</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < tenants->n; i++) {
		const struct op_row *r = &rows[i];
		const char *name = json_string_value(json_object_get(
		    json_object_get(r->view, "tenant"), "name"));

		buf_addf(&html, "<tr%s><th scope=\"row\"><a href=\"../",
		    r->critical ? " class=\"critical\"" : r->warning ?
		    " class=\"warning\"" : "");
		html_escape(&html, r->id);
		buf_addstr(&html, "/index.html\">");
		html_escape(&html, name ? name : r->id);
		buf_addstr(&html, "</a></th>");
		if (r->view == NULL) {
			buf_addf(&html, "<td colspan=\"%zu\">No report built "
			    "yet</td></tr>\n", ARRAY_SIZE(shown) + 5);
			continue;
		}
		buf_reset(&b);
		view_month_label(labels, r->month, &b);
		buf_addstr(&html, "<td><a href=\"../");
		html_escape(&html, r->id);
		buf_addf(&html, "/%s/index.html\">", r->month);
		html_escape(&html, b.ptr);
		buf_addstr(&html, "</a></td>");
		for (k = 0; k < ARRAY_SIZE(shown); k++)
			op_figure(&html, r->view, shown[k]);
		buf_addf(&html, "<td class=\"num%s\">%d</td><td class=\"num%s\">"
		    "%d</td><td>", r->critical ? " bad" : "", r->critical,
		    r->warning ? " warn" : "", r->warning);
		if (r->restated) {
			buf_addstr(&html, "<span class=\"flag\">Restated ");
			html_escape(&html, json_string_value(json_object_get(
			    json_object_get(r->view, "restatement"), "date")));
			buf_addstr(&html, "</span> ");
		}
		if (json_is_true(json_object_get(json_object_get(r->view,
		    "period"), "partial")))
			buf_addstr(&html, "<span class=\"flag\">Partial "
			    "month</span>");
		buf_addstr(&html, "</td><td><a href=\"../");
		html_escape(&html, r->id);
		buf_addf(&html, "/%s/report.pdf\" download=\"", r->month);
		html_escape(&html, r->id);
		buf_addf(&html, "-%s.pdf\">PDF</a> \xc2\xb7 <a href=\"../",
		    r->month);
		html_escape(&html, r->id);
		buf_addf(&html, "/%s/data.json\">JSON</a></td></tr>\n",
		    r->month);
	}
	buf_addstr(&html, "</tbody></table></div>\n</main>\n<footer>\n<p>"
	    "For the service team only: this folder is not part of any "
	    "tenant's site.</p>\n</footer>\n</body>\n</html>\n");
	buf_addf(&path, "%s/_operator/index.html", o->out);
	rc = write_atomic(path.ptr, html.ptr, html.len);
	buf_reset(&path);
	buf_addf(&path, "%s/_operator/style.css", o->out);
	if (rc == 0)
		rc = write_atomic(path.ptr, t->style.ptr, t->style.len);
	for (i = 0; i < tenants->n; i++)
		json_decref(rows[i].view);
	free(rows);
	json_decref(labels);
	json_decref(strings);
	buf_release(&html);
	buf_release(&path);
	buf_release(&b);
	return rc;
}

/*
 * The file template `name` is read from, as its errors name it: DIR/NAME
 * when the --templates folder has it, else the built-in NAME.
 */
static void
template_file(const char *dir, const char *name, struct buf *out)
{
	if (dir != NULL) {
		buf_addf(out, "%s/%s", dir, name);
		if (access(out->ptr, F_OK) == 0)
			return;
		buf_reset(out);
	}
	buf_addstr(out, name);
}

/* The file of partial `name` (load_partial's), for mustache_check. */
static void
partial_file(void *arg, const char *name, struct buf *out)
{
	struct build_templates *t = arg;
	struct buf rel = BUF_INIT;

	buf_addf(&rel, "partials/%s.md", name);
	template_file(t->dir, rel.ptr, out);
	buf_release(&rel);
}

/* The view model's schema as the contexts of mustache_check. */
static const void *
schema_names_member(void *arg, const void *ctx, const char *name,
    size_t len)
{
	(void)arg;
	return schema_member(ctx, name, len);
}

static const void *
schema_names_section(void *arg, const void *v)
{
	const struct schema_node *e = schema_element(v);

	(void)arg;
	return e ? e : v;
}

/* The partials the checks of the Markdown templates loaded, by name. */
struct checked {
	struct build_templates *t;
	char **name;
	size_t n;
};

/* load_partial, noting the partial's name. */
static int
check_load(void *ctx, const char *name, struct buf *out)
{
	struct checked *ck = ctx;
	size_t i;

	for (i = 0; i < ck->n && strcmp(ck->name[i], name) != 0; i++)
		;
	if (i == ck->n) {
		ck->name = xrealloc(ck->name, (ck->n + 1) * sizeof(*ck->name));
		ck->name[ck->n++] = xstrdup(name);
	}
	return load_partial(ck->t, name, out);
}

/*
 * Checks a template before any page is written, reporting at its line and
 * column: renders it once with no data (an unclosed section, a bad tag,
 * partials nested too deep), checks every name of it and its partials
 * against the schema's context `c` (mustache_check), and the directives of
 * a Markdown template's text (html_check: its own lines, not those of the
 * rendered text; its partials' are checked by check_partials). Returns 0,
 * or -1 after reporting every error found.
 */
static int
check_template(struct checked *ck, const struct schema *s,
    const struct buf *text, const char *name, enum mustache_escape esc,
    enum schema_context c)
{
	struct build_templates *t = ck->t;
	struct buf out = BUF_INIT, file = BUF_INIT;
	struct mustache_opts mo = { esc, check_load, ck, NULL, 0 };
	struct mustache_names nm = { schema_names_member,
		schema_names_section, partial_file, t, "the view model" };
	json_t *empty = json_object();
	int rc;

	template_file(t->dir, name, &file);
	mo.name = file.ptr;
	/* Rendered, it parses: its names can be checked. */
	if ((rc = mustache_render(text->ptr, text->len, empty, &mo, &out)) == 0) {
		if (mustache_check(text->ptr, text->len, schema_root(s, c), &nm,
		    &mo))
			rc = -1;
		if (esc == MUSTACHE_MARKDOWN && html_check(text->ptr, text->len,
		    t->charts, s, file.ptr))
			rc = -1;
	}
	json_decref(empty);
	buf_release(&out);
	buf_release(&file);
	return rc;
}

/* The directives of each partial the checks loaded, in its own file. */
static int
check_partials(struct checked *ck, const struct schema *s)
{
	struct buf text = BUF_INIT, file = BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < ck->n; i++) {
		buf_reset(&text);
		buf_reset(&file);
		partial_file(ck->t, ck->name[i], &file);
		if (load_partial(ck->t, ck->name[i], &text) == 0 &&
		    html_check(text.ptr, text.len, ck->t->charts, s, file.ptr))
			rc = -1;
	}
	buf_release(&text);
	buf_release(&file);
	return rc;
}

struct build_templates *
build_templates_load(const char *dir, const char *charts)
{
	struct build_templates *t = xcalloc(1, sizeof(*t));
	struct checked ck = { NULL, NULL, 0 };
	struct schema *s = NULL;
	int bad = 0;

	t->dir = dir;
	buf_init(&t->report);
	buf_init(&t->portal);
	buf_init(&t->layout);
	buf_init(&t->style);
	if (assets_load(dir, "report.md", &t->report) ||
	    assets_load(dir, "portal.md", &t->portal) ||
	    assets_load(dir, "layout.html", &t->layout) ||
	    assets_load(dir, "style.css", &t->style) ||
	    (t->charts = chart_set_load(charts)) == NULL ||
	    (s = schema_load(dir)) == NULL) {
		build_templates_free(t);
		return NULL;
	}
	/* Every error of every template and chart, then stop. */
	ck.t = t;
	bad |= chart_set_check(t->charts, schema_root(s, SCHEMA_VIEW));
	bad |= check_template(&ck, s, &t->report, "report.md",
	    MUSTACHE_MARKDOWN, SCHEMA_REPORT);
	bad |= check_template(&ck, s, &t->portal, "portal.md",
	    MUSTACHE_MARKDOWN, SCHEMA_PORTAL);
	bad |= check_partials(&ck, s);
	bad |= check_template(&ck, s, &t->layout, "layout.html",
	    MUSTACHE_HTML, SCHEMA_LAYOUT);
	schema_free(s);
	while (ck.n > 0)
		free(ck.name[--ck.n]);
	free(ck.name);
	if (bad) {
		build_templates_free(t);
		return NULL;
	}
	return t;
}

void
build_templates_free(struct build_templates *t)
{
	if (t == NULL)
		return;
	buf_release(&t->report);
	buf_release(&t->portal);
	buf_release(&t->layout);
	buf_release(&t->style);
	chart_set_free(t->charts);
	free(t);
}

/* Appends the files of folder `dir` (NULL: none), names and bytes. */
static void
key_files(struct buf *k, const char *dir)
{
	char **files;
	size_t n, i;

	if (dir == NULL)
		return;
	dir_files(dir, &files, &n);
	for (i = 0; i < n; i++) {
		struct buf path = BUF_INIT;

		buf_addf(k, "file %s\n", files[i]);
		buf_addf(&path, "%s/%s", dir, files[i]);
		read_file(path.ptr, (size_t)64 << 20, k);
		buf_release(&path);
		free(files[i]);
	}
	free(files);
}

/*
 * The key of a build but the tenants' data (SPEC 7): roic's version, the
 * templates and chart specs (built-in and of the folders), the fonts, the
 * signer's certificate and chain, the options that change the output and
 * SOURCE_DATE_EPOCH. A tenant's key adds its data version (tenant_key).
 */
static void
build_key(const struct build_opts *o, char key[65])
{
	struct buf k = BUF_INIT;
	const struct asset *a;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	int f;

	buf_addf(&k, "roic %s\n", ROIC_VERSION);
	for (a = assets_builtin; a->name; a++) {
		buf_addf(&k, "asset %s %zu\n", a->name, a->len);
		buf_add(&k, a->data, a->len);
	}
	for (a = charts_builtin; a->name; a++) {
		buf_addf(&k, "chart %s %zu\n", a->name, a->len);
		buf_add(&k, a->data, a->len);
	}
	key_files(&k, o->templates);
	key_files(&k, o->charts);
	for (f = 0; f < FONT_N; f++) {
		buf_addf(&k, "font %d\n", f);
		read_file(font_path(f), (size_t)64 << 20, &k);
		read_file(font_pdf_path(f, 0), (size_t)64 << 20, &k);
	}
	if (o->signer)
		sign_identity(o->signer, &k);
	buf_addf(&k, "png %d\nmsp %s\nsign %d\nsde %s\n", o->png,
	    o->msp_name ? o->msp_name : "", o->signer != NULL, sde ? sde : "");
	sha256_hex(k.ptr, k.len, key);
	buf_release(&k);
}

unsigned
build_shard_of(const char *tenant, unsigned n)
{
	uint64_t h = 14695981039346656037u;
	const unsigned char *p;

	for (p = (const unsigned char *)tenant; *p; p++) {
		h ^= *p;
		h *= 1099511628211u;
	}
	return (unsigned)(h % n) + 1;
}

/* Tenants done, counted by every worker (a shared page), for the bar. */
static uint64_t *done_count;

/*
 * The progress bar on stderr, on a terminal and unless quiet: tenants done
 * of all, the rate, and the time left.
 */
static void
progress(const struct build_opts *o, size_t total,
    const struct timespec *start, int last)
{
	struct timespec now;
	uint64_t done = done_count ? __atomic_load_n(done_count,
	    __ATOMIC_RELAXED) : 0;
	double secs, rate;
	int width = 30, fill;

	if (o->quiet || !isatty(2) || total == 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	secs = (double)(now.tv_sec - start->tv_sec) +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e9;
	rate = secs > 0 ? (double)done / secs : 0;
	fill = (int)((double)width * (double)done / (double)total);
	fprintf(stderr, "\r[%.*s%*s] %llu/%zu tenants  %.1f/s  ", fill,
	    "##############################", width - fill, "",
	    (unsigned long long)done, total, rate);
	if (rate > 0 && done < total)
		fprintf(stderr, "%.0f s left ", (double)(total - done) / rate);
	if (last)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/*
 * Builds tenants w, w + step, ... of the list; returns the failures. In a
 * worker (step > 1) with its own store connection.
 */
static int
build_share(struct tenant_build *tb, const struct names *tenants, size_t w,
    size_t step, const char *month)
{
	size_t i;
	int failed = 0;

	for (i = w; i < tenants->n; i += step) {
		tb->tenant = tenants->v[i];
		if (build_tenant(tb, month)) {
			error("tenant '%s' failed", tenants->v[i]);
			failed++;
		}
		if (done_count)
			__atomic_add_fetch(done_count, 1, __ATOMIC_RELAXED);
		if (step == 1)
			progress(tb->o, tenants->n, &tb->start, 0);
	}
	return failed;
}

/*
 * Builds the tenants with `jobs` worker processes, each its share, each
 * with its own store connection (no SQLite connection crosses a fork) and
 * its own libharu and Cairo state. Returns the failures: a worker that
 * failed a tenant counts one (it named each), one that died counts one.
 */
static int
build_parallel(struct tenant_build *tb, const struct names *tenants,
    size_t jobs, const char *month)
{
	pid_t *pid = xcalloc(jobs, sizeof(*pid));
	int (*fd)[2] = xcalloc(jobs, sizeof(*fd));
	int *st = xcalloc(jobs, sizeof(*st));
	unsigned char *reaped = xcalloc(jobs, 1);
	size_t w;
	int failed = 0, status;

	fflush(stdout);
	fflush(stderr);
	for (w = 0; w < jobs; w++) {
		/* A pipe brings back the worker's counts. */
		if (pipe(fd[w]) == -1 || (pid[w] = fork()) == -1) {
			error("unable to start a worker: %s", strerror(errno));
			failed++;
			pid[w] = -1;
			continue;
		}
		if (pid[w] == 0) {
			struct store *own = store_open(tb->o->db,
			    STORE_EXISTING);
			char counts[64];
			int f, n, out = fd[w][1];

			/* The parent's bookkeeping is not the worker's. */
			close(fd[w][0]);
			free(pid);
			free(fd);
			free(st);
			free(reaped);
			if (own == NULL)
				_exit(3);
			tb->st = own;
			tb->built = tb->skipped = tb->restated =
			    tb->reissued = 0;
			f = build_share(tb, tenants, w, jobs, month);
			store_free(own);
			n = snprintf(counts, sizeof(counts), "%d %d %d %d\n",
			    tb->built, tb->skipped, tb->restated, tb->reissued);
			if (write(out, counts, (size_t)n) != n)
				f++;
			fflush(stdout);
			fflush(stderr);
			_exit(f ? 1 : 0);
		}
		close(fd[w][1]);
	}
	/* Until every worker is done: the bar, ten times a second. */
	for (;;) {
		size_t alive = 0;

		for (w = 0; w < jobs; w++)
			if (pid[w] > 0 && !reaped[w]) {
				pid_t r = waitpid(pid[w], &st[w], WNOHANG);

				if (r == pid[w])
					reaped[w] = 1;
				else
					alive++;
			}
		if (alive == 0)
			break;
		progress(tb->o, tenants->n, &tb->start, 0);
		nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
	}
	for (w = 0; w < jobs; w++) {
		char counts[64] = "";
		ssize_t n;
		int b = 0, sk = 0, rs = 0, ri = 0;

		if (pid[w] <= 0)
			continue;
		n = read(fd[w][0], counts, sizeof(counts) - 1);
		close(fd[w][0]);
		if (n > 0 && sscanf(counts, "%d %d %d %d", &b, &sk, &rs,
		    &ri) == 4) {
			tb->built += b;
			tb->skipped += sk;
			tb->restated += rs;
			tb->reissued += ri;
		}
		status = st[w];
		if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
			if (WIFSIGNALED(status))
				error("a build worker was killed (signal %d)",
				    WTERMSIG(status));
			else if (WEXITSTATUS(status) == 3)
				error("a build worker could not open the store");
			else
				error("a build worker exited with status %d",
				    WEXITSTATUS(status));
			failed++;
		} else if (WEXITSTATUS(status) == 1)
			failed++;
	}
	free(pid);
	free(fd);
	free(st);
	free(reaped);
	return failed;
}

int
build_run(struct store *st, const struct build_opts *o)
{
	struct build_templates *tp;
	struct names tenants = { 0 };
	struct tenant_build tb = { 0 };
	char month[8] = "";
	size_t i, jobs;
	int rc = 0, failed = 0;
	struct timespec start;

	clock_gettime(CLOCK_MONOTONIC, &start);
	if ((tp = build_templates_load(o->templates, o->charts)) == NULL)
		return 2;
	if (o->ntenants) {
		/* A tenant the store does not know is bad input, found
		 * before anything is built. */
		int unknown = 0;

		for (i = 0; i < o->ntenants; i++) {
			int64_t tid;

			switch (store_tenant_find(st, o->tenants[i], &tid)) {
			case 1:
				break;
			case 0:
				error("unknown tenant '%s'", o->tenants[i]);
				unknown++;
				break;
			default:
				rc = -1;
				goto out;
			}
		}
		if (unknown) {
			rc = 2;
			goto out;
		}
		for (i = 0; i < o->ntenants; i++) {
			tenants.v = xrealloc(tenants.v, (tenants.n + 1) *
			    sizeof(*tenants.v));
			snprintf(tenants.v[tenants.n++], 64, "%s", o->tenants[i]);
		}
	} else if (store_tenant_ids(st, &tenants.v, &tenants.n)) {
		rc = -1;
		goto out;
	}
	/* Each tenant finds its own month (build_tenant) unless --month
	 * says which; a store without a daily row has none to build. */
	if (store_latest_month(st, month)) {
		rc = -1;
		goto out;
	}
	if (month[0] == '\0') {
		error("no daily rows in the store: nothing to build");
		rc = 2;
		goto out;
	}
	if ((tb.time = roic_now()) < 0) {
		error("SOURCE_DATE_EPOCH is not a number of seconds");
		rc = 2;
		goto out;
	}
	if (o->signer == NULL && !o->no_sign)
		warning("no signing key (--sign-key, --sign-p12): the PDFs are "
		    "written unsigned");
	tb.st = st;
	tb.o = o;
	tb.t = tp;
	buf_init(&tb.logo);
	build_key(o, tb.key);
	/* This shard's tenants only. */
	if (o->shard_n > 0) {
		size_t k = 0;

		for (i = 0; i < tenants.n; i++)
			if (build_shard_of(tenants.v[i], o->shard_n) == o->shard_k)
				memmove(tenants.v[k++], tenants.v[i],
				    sizeof(tenants.v[0]));
		tenants.n = k;
	}
	tb.start = start;
	done_count = mmap(NULL, sizeof(*done_count), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (done_count == MAP_FAILED)
		done_count = NULL;
	else
		*done_count = 0;
	jobs = o->jobs > 0 ? (size_t)o->jobs : (size_t)sysconf(
	    _SC_NPROCESSORS_ONLN);
	if (jobs > tenants.n)
		jobs = tenants.n;
	if (jobs > 1 && o->db != NULL)
		failed = build_parallel(&tb, &tenants, jobs, o->month);
	else
		failed = build_share(&tb, &tenants, 0, 1, o->month);
	progress(o, tenants.n, &start, 1);
	if (done_count)
		munmap(done_count, sizeof(*done_count));
	done_count = NULL;
	buf_release(&tb.logo);
	free(tb.built_months);
	if (o->operator_index && operator_index(o, tp, &tenants))
		failed++;
	rc = failed ? 1 : 0;
	if (o->json) {
		struct timespec end;

		clock_gettime(CLOCK_MONOTONIC, &end);
		printf("{\"built\": %d, \"skipped\": %d, \"restated\": %d, "
		    "\"reissued\": %d, \"failed\": %d, \"seconds\": %.3f}\n",
		    tb.built, tb.skipped, tb.restated, tb.reissued, failed,
		    (double)(end.tv_sec - start.tv_sec) +
		    (double)(end.tv_nsec - start.tv_nsec) / 1e9);
	}
out:
	free(tenants.v);
	build_templates_free(tp);
	return rc;
}
