/* ingest_json.c: reads a roic-kpi/1 JSON export (SPEC 3.1) into the store. */
#include "ingest_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jtok.h"

#define MAX_LOGO_BYTES ((size_t)1 << 20)
#define NONE JTOK_NONE

static const char *const top_keys[] = { "format", "month", "tenant",
	"assumptions", "sla", "systems", "daily", "incidents", "drift",
	"integrations", NULL };
static const char *const tenant_extra[] = { "brand", NULL };
static const char *const system_extra[] = { "baseline", NULL };

/* A system a file declares or names, so each is looked up once per file. */
struct sysent {
	const char *id;
	int64_t sid;
	int declared;
};

struct jfile {
	struct ingest *ing;
	struct srcfile *f;
	struct jdoc *doc;
	char month[8];		/* the file's first month (SPEC 3.1) */
	size_t resolution;	/* this file's sla.resolution_minutes */
	struct sysent *sys;
	size_t nsys, capsys;
	size_t ndeferred;
	struct buf logo;
};

#define TOK(jf, i) (&(jf)->doc->t[(i)])

/* An error at token `t` (a value, a key, or an object missing a key). */
static int PRINTF(3, 4)
jerr(struct jfile *jf, size_t t, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	ferr_off(jf->f, TOK(jf, t)->off, "%s", msg.ptr);
	buf_release(&msg);
	return -1;
}

static int
in_names(const char *const *names, const char *key)
{
	for (; names && *names; names++)
		if (strcmp(*names, key) == 0)
			return 1;
	return 0;
}

/* 1 while the file has no error and its tenant is known: rows are written. */
static int
writing(const struct jfile *jf)
{
	return jf->f->nerr == 0 && jf->f->tid > 0;
}

static const char *
tname(const struct jfile *jf, size_t t)
{
	return jtok_type_name(TOK(jf, t)->type);
}

/* Remembers a system the file declares or names. */
static struct sysent *
sysent_add(struct jfile *jf, const char *id, int64_t sid, int declared)
{
	struct sysent *e;

	if (jf->nsys == jf->capsys) {
		jf->capsys = jf->capsys ? 2 * jf->capsys : 8;
		jf->sys = xrealloc(jf->sys, jf->capsys * sizeof(*jf->sys));
	}
	e = &jf->sys[jf->nsys++];
	e->id = id;
	e->sid = sid;
	e->declared = declared;
	return e;
}

/* Canonical JSON text of an array of numbers (edges) or counts. */
static int
read_number_array(struct jfile *jf, const struct field *fd, size_t arr,
    struct val *v)
{
	struct buf b = BUF_INIT;
	double prev = 0, sum = 0;
	char num[32];
	size_t i, e;
	int bad = 0;

	buf_addch(&b, '[');
	for (i = 0, e = arr + 1; i < TOK(jf, arr)->n; i++, e = TOK(jf, e)->next) {
		const struct jtok *t = TOK(jf, e);

		if (fd->type == FT_COUNTS) {
			if (t->type != JT_NUMBER || !t->isint || t->i < 0) {
				jerr(jf, e, "'%s' must hold counts (non-negative "
				    "JSON integers)", fd->name);
				bad = 1;
				continue;
			}
			sum += t->d;
			snprintf(num, sizeof(num), "%lld", (long long)t->i);
		} else {
			if (t->type != JT_NUMBER || !isfinite(t->d)) {
				jerr(jf, e, "'%s' must hold numbers", fd->name);
				bad = 1;
				continue;
			}
			if (i > 0 && t->d <= prev) {
				jerr(jf, e, "'%s' must increase from one value to "
				    "the next", fd->name);
				bad = 1;
			}
			prev = t->d;
			fmt_double(prev, num);
		}
		buf_addf(&b, "%s%s", i ? "," : "", num);
	}
	buf_addch(&b, ']');
	if (!bad && fd->type == FT_COUNTS && sum <= 0) {
		jerr(jf, arr, "'%s' counts must not all be zero", fd->name);
		bad = 1;
	}
	v->i = (int64_t)TOK(jf, arr)->n;
	v->json = buf_detach(&b, NULL);
	return bad ? -1 : 0;
}

/* Canonical JSON of sla.resolution_minutes: severity -> minutes. */
static int
read_targets(struct jfile *jf, size_t obj, struct val *v)
{
	struct buf b = BUF_INIT;
	char num[32];
	size_t i, k;
	int bad = 0;

	buf_addch(&b, '{');
	for (i = 0, k = obj + 1; i < TOK(jf, obj)->n;
	    i++, k = TOK(jf, k + 1)->next) {
		const char *key = TOK(jf, k)->s;
		const struct jtok *t = TOK(jf, k + 1);
		size_t n = TOK(jf, k)->n;

		if (n == 0 || n > 32 || strspn(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789_-") != n) {
			jerr(jf, k, "severity '%.40s' must be 1 to 32 letters, "
			    "digits, '-' or '_'", key);
			bad = 1;
			continue;
		}
		if (t->type != JT_NUMBER || t->d <= 0 || t->d > 1e9) {
			jerr(jf, k + 1, "the target of '%s' must be a positive "
			    "number of minutes", key);
			bad = 1;
			continue;
		}
		fmt_double(t->d, num);
		buf_addf(&b, "%s\"%s\":%s", b.len > 1 ? "," : "", key, num);
	}
	buf_addch(&b, '}');
	v->json = buf_detach(&b, NULL);
	return bad ? -1 : 0;
}

/*
 * Converts value token `t` to a value of field `fd`, with every check of
 * the field. Reports at the value.
 */
static int
read_value(struct jfile *jf, const struct field *fd, size_t t, struct val *v)
{
	const struct jtok *tk = TOK(jf, t);
	struct buf msg = BUF_INIT;
	int rc = 0;

	v->present = 0;
	if (tk->type == JT_NULL) {
		if (fd->required)
			return jerr(jf, t, "'%s' is required and must not be "
			    "null", fd->name);
		return 0;
	}
	switch (fd->type) {
	case FT_COUNT:
		if (tk->type == JT_NUMBER && !tk->isint)
			return jerr(jf, t, "'%s' must be a whole number (a JSON "
			    "integer, without a decimal point)", fd->name);
		if (tk->type != JT_NUMBER)
			goto type;
		v->i = tk->i;
		v->d = tk->d;
		break;
	case FT_RATE:
	case FT_MONEY:
	case FT_NUM:
		if (tk->type != JT_NUMBER)
			goto type;
		v->d = tk->d;
		break;
	case FT_EDGES:
	case FT_COUNTS:
		if (tk->type != JT_ARRAY || tk->n < (fd->type == FT_EDGES ? 2u : 1u))
			return jerr(jf, t, "'%s' must be an array of at least %s",
			    fd->name, fd->type == FT_EDGES ? "2 numbers" :
			    "1 count");
		v->present = 1;
		return read_number_array(jf, fd, t, v);
	case FT_TARGETS:
		if (tk->type != JT_OBJECT)
			goto type;
		v->present = 1;
		return read_targets(jf, t, v);
	default:
		if (tk->type != JT_STRING)
			goto type;
		v->s = tk->s;
		break;
	}
	v->present = 1;
	if (val_check(fd, v, &msg)) {
		jerr(jf, t, "%s", msg.ptr);
		rc = -1;
	}
	buf_release(&msg);
	return rc;
type:
	return jerr(jf, t, "'%s' must be %s, not %s", fd->name,
	    fd->type == FT_COUNT ? "a whole number" : fd->type <= FT_TIME ?
	    "a string" : fd->type == FT_TARGETS ? "an object" : "a number",
	    tname(jf, t));
}

/*
 * Reads object token `obj` as a record of kind `k` into v[]: unknown keys
 * (but those in `extra`) and missing required keys are errors, then the
 * checks across fields. Returns 0 when the record is valid.
 */
static int
read_object(struct jfile *jf, size_t obj, const struct record_kind *k,
    struct val *v, const char *const *extra)
{
	size_t before = jf->f->found, i, key, vt[MAX_FIELDS];
	struct buf msg = BUF_INIT;
	int idx;

	record_clear(v, k->nfields);
	for (i = 0; i < k->nfields; i++)
		vt[i] = NONE;
	for (i = 0, key = obj + 1; i < TOK(jf, obj)->n;
	    i++, key = TOK(jf, key + 1)->next) {
		const struct jtok *kt = TOK(jf, key);

		if ((idx = record_field(k, kt->s, kt->n)) < 0) {
			if (!in_names(extra, kt->s))
				jerr(jf, key, "unknown key '%.60s' in %s", kt->s,
				    k->what);
			continue;
		}
		vt[idx] = key + 1;
		read_value(jf, &k->fields[idx], key + 1, &v[idx]);
	}
	for (i = 0; i < k->nfields; i++)
		if (k->fields[i].required && vt[i] == NONE)
			buf_addf(&msg, "%s'%s'", msg.len ? ", " : "",
			    k->fields[i].name);
	if (msg.len)
		jerr(jf, obj, "missing required key%s %s in %s",
		    strchr(msg.ptr, ',') ? "s" : "", msg.ptr, k->what);
	buf_reset(&msg);
	if (jf->f->found == before && (idx = record_check(k, v, &msg)) >= 0)
		jerr(jf, vt[idx], "%s", msg.ptr);
	buf_release(&msg);
	return jf->f->found == before ? 0 : -1;
}

/* Member `key` of object `obj` when present and not null, else NONE. */
static size_t
member(struct jfile *jf, size_t obj, const char *key)
{
	size_t t = jdoc_get(jf->doc, obj, key);

	return t == NONE || TOK(jf, t)->type == JT_NULL ? NONE : t;
}

/* Member `name` of `obj` of the given type, or NONE (absent, or reported). */
static size_t
typed_member(struct jfile *jf, size_t obj, const char *name, int type)
{
	size_t t = member(jf, obj, name);

	if (t != NONE && TOK(jf, t)->type != type) {
		jerr(jf, t, "'%s' must be %s, not %s", name,
		    jtok_type_name(type), tname(jf, t));
		return NONE;
	}
	return t;
}

static void
consider_month(char best[8], const struct jtok *t)
{
	char mon[8];
	int y, m;

	if (t->type != JT_STRING || t->n < 7)
		return;
	memcpy(mon, t->s, 7);
	mon[7] = '\0';
	if (parse_month(mon, &y, &m) == 0 &&
	    (best[0] == '\0' || strcmp(mon, best) < 0))
		memcpy(best, mon, 8);
}

/*
 * The file's first month: its `month`, else the earliest month of any dated
 * record, else MONTH_BEGINNING.
 */
static void
first_month(struct jfile *jf, size_t month)
{
	static const struct {
		const char *section, *key;
	} dated[] = { { "daily", "date" }, { "incidents", "opened" },
		{ "drift", "month" }, { "integrations", "date" } };
	size_t i, k, arr, row, t;

	jf->month[0] = '\0';
	if (month != NONE) {
		consider_month(jf->month, TOK(jf, month));
		return;
	}
	for (k = 0; k < ARRAY_SIZE(dated); k++) {
		if ((arr = jdoc_get(jf->doc, 0, dated[k].section)) == NONE ||
		    TOK(jf, arr)->type != JT_ARRAY)
			continue;
		for (i = 0, row = arr + 1; i < TOK(jf, arr)->n;
		    i++, row = TOK(jf, row)->next)
			if ((t = jdoc_get(jf->doc, row, dated[k].key)) != NONE)
				consider_month(jf->month, TOK(jf, t));
	}
	if (jf->month[0] == '\0')
		memcpy(jf->month, MONTH_BEGINNING, 8);
}

/* Reads brand.logo (token t), a PNG file relative to the export. */
static int
read_logo(struct jfile *jf, size_t t, const char *rel)
{
	const char *slash = strrchr(jf->f->path, '/');
	struct buf path = BUF_INIT;
	int rc = 0;

	if (rel[0] == '/')
		return jerr(jf, t, "'logo' must be a path relative to the "
		    "export file");
	if (slash)
		buf_add(&path, jf->f->path, (size_t)(slash - jf->f->path) + 1);
	buf_addstr(&path, rel);
	buf_reset(&jf->logo);
	if (read_file(path.ptr, MAX_LOGO_BYTES, &jf->logo) == -1)
		rc = jerr(jf, t, "unable to read logo '%s': %s", path.ptr,
		    errno == EFBIG ? "larger than 1 MiB" : strerror(errno));
	else if (jf->logo.len < 8 ||
	    memcmp(jf->logo.ptr, "\x89PNG\r\n\x1a\n", 8) != 0)
		rc = jerr(jf, t, "logo '%s' is not a PNG file", path.ptr);
	buf_release(&path);
	return rc;
}

static int
valid_color(const char *s)
{
	return strlen(s) == 7 && s[0] == '#' &&
	    strspn(s + 1, "0123456789abcdefABCDEF") == 6;
}

/* Reads the tenant object and stores the tenant. */
static int
read_tenant(struct jfile *jf)
{
	struct val v[T_NFIELDS] = { 0 }, b[B_NFIELDS] = { 0 };
	struct tenant_info ti = { 0 };
	size_t t = jdoc_get(jf->doc, 0, "tenant"), brand;
	const char *loc;
	int64_t tid;

	if (t == NONE)
		return jerr(jf, 0, "missing required key 'tenant'");
	if (TOK(jf, t)->type != JT_OBJECT)
		return jerr(jf, t, "'tenant' must be an object, not %s",
		    tname(jf, t));
	read_object(jf, t, &rk_tenant, v, tenant_extra);
	if (v[T_ID].present && !valid_tenant_id(v[T_ID].s))
		jerr(jf, jdoc_get(jf->doc, t, "id"), "tenant id '%.70s' must be "
		    TENANT_ID_RULE, v[T_ID].s);
	loc = v[T_LOCALE].present ? v[T_LOCALE].s : NULL;
	if (loc && strcmp(loc, "en-CA") && strcmp(loc, "fr-CA") &&
	    strcmp(loc, "en-US"))
		jerr(jf, jdoc_get(jf->doc, t, "locale"), "'locale' must be "
		    "en-CA, fr-CA or en-US, not '%.40s'", loc);
	if (v[T_CURRENCY].present && (strlen(v[T_CURRENCY].s) != 3 ||
	    strspn(v[T_CURRENCY].s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3))
		jerr(jf, jdoc_get(jf->doc, t, "currency"), "'currency' must be "
		    "an ISO 4217 code such as CAD, not '%.40s'",
		    v[T_CURRENCY].s);
	if ((brand = typed_member(jf, t, "brand", JT_OBJECT)) != NONE) {
		ti.brand = 1;
		read_object(jf, brand, &rk_brand, b, NULL);
		if (b[B_COLOR].present && !valid_color(b[B_COLOR].s))
			jerr(jf, jdoc_get(jf->doc, brand, "color"), "'color' "
			    "must be #RRGGBB, not '%.40s'", b[B_COLOR].s);
		if (b[B_LOGO].present && read_logo(jf, jdoc_get(jf->doc, brand,
		    "logo"), b[B_LOGO].s) == 0) {
			ti.logo = jf->logo.ptr;
			ti.logolen = jf->logo.len;
		}
		ti.color = b[B_COLOR].present ? b[B_COLOR].s : NULL;
	}
	if (jf->f->nerr)
		return -1;
	ti.id = v[T_ID].s;
	ti.name = v[T_NAME].present ? v[T_NAME].s : NULL;
	ti.locale = loc;
	ti.currency = v[T_CURRENCY].present ? v[T_CURRENCY].s : NULL;
	if ((tid = store_tenant_put(jf->ing->st, &ti, jf->month)) < 0)
		return -2;
	jf->f->tid = tid;
	return 0;
}

/* Reads and stores the change points: assumptions, sla, systems. */
static int
read_change_points(struct jfile *jf)
{
	struct val a[A_NFIELDS] = { 0 }, s[S_NFIELDS] = { 0 };
	struct val y[Y_NFIELDS] = { 0 }, l[L_NFIELDS] = { 0 };
	struct store *st = jf->ing->st;
	size_t obj, arr, sys, base, other, i, k, id, oid;
	int64_t sid;
	int rc = 0, bad;

	if ((obj = typed_member(jf, 0, "assumptions", JT_OBJECT)) != NONE &&
	    read_object(jf, obj, &rk_assumptions, a, NULL) == 0 && writing(jf) &&
	    store_assumptions_put(st, jf->f->tid, jf->month, a, jf->f->file))
		rc = -2;
	if ((obj = typed_member(jf, 0, "sla", JT_OBJECT)) != NONE) {
		if (read_object(jf, obj, &rk_sla, s, NULL) == 0 && writing(jf) &&
		    store_sla_put(st, jf->f->tid, jf->month, s, jf->f->file))
			rc = -2;
		jf->resolution = member(jf, obj, "resolution_minutes");
	}
	record_clear(s, S_NFIELDS);
	if (rc || (arr = typed_member(jf, 0, "systems", JT_ARRAY)) == NONE)
		return rc;
	if (writing(jf) && store_systems_clear(st, jf->f->tid, jf->month))
		return -2;
	for (i = 0, sys = arr + 1; i < TOK(jf, arr)->n;
	    i++, sys = TOK(jf, sys)->next) {
		if (TOK(jf, sys)->type != JT_OBJECT) {
			jerr(jf, sys, "each element of 'systems' must be an "
			    "object, not %s", tname(jf, sys));
			continue;
		}
		bad = read_object(jf, sys, &rk_system, y, system_extra);
		record_clear(l, L_NFIELDS);
		if ((base = typed_member(jf, sys, "baseline", JT_OBJECT)) != NONE &&
		    read_object(jf, base, &rk_baseline, l, NULL))
			bad = -1;
		if (!y[Y_ID].present)
			continue;
		id = jdoc_get(jf->doc, sys, "id");
		for (k = 0, other = arr + 1; k < i;
		    k++, other = TOK(jf, other)->next) {
			oid = jdoc_get(jf->doc, other, "id");
			if (oid != NONE && TOK(jf, oid)->type == JT_STRING &&
			    strcmp(TOK(jf, oid)->s, y[Y_ID].s) == 0) {
				jerr(jf, id, "system '%s' is declared twice in "
				    "'systems'", y[Y_ID].s);
				break;
			}
		}
		/* Rows of this file may name it, written or not. */
		sid = 0;
		if (!bad && writing(jf) && ((sid = store_system_ensure(st,
		    jf->f->tid, y[Y_ID].s, 1)) < 0 || store_system_put(st,
		    jf->f->tid, jf->month, sid, y, l, jf->f->file)))
			return -2;
		sysent_add(jf, y[Y_ID].s, sid, 1);
	}
	return 0;
}

/*
 * The key of the system a record names. A system not declared yet may be
 * declared by a JSON file later in the command: the check waits for it.
 */
static int64_t
system_of(struct jfile *jf, const char *section, size_t index,
    const char *name)
{
	struct store *st = jf->ing->st;
	struct sysent *e = NULL;
	int64_t sid = -1;
	size_t i;
	int r;

	for (i = 0; i < jf->nsys && e == NULL; i++)
		if (strcmp(jf->sys[i].id, name) == 0)
			e = &jf->sys[i];
	if (e == NULL) {
		if ((r = store_system_declared(st, jf->f->tid, name, &sid)) < 0)
			return -1;
		if (r == 0 && (sid = store_system_ensure(st, jf->f->tid, name,
		    0)) < 0)
			return -1;
		e = sysent_add(jf, name, sid, r);
	}
	if (!e->declared && jf->ndeferred < MAX_ERRORS_PER_FILE) {
		jf->ndeferred++;
		ingest_defer(jf->ing, DEFER_SYSTEM, jf->f->path, jf->f->tid,
		    name, section, index, "system");
	}
	return e->sid;
}

/* Checks an incident's severity now, or when every JSON file is in. */
static int
check_severity(struct jfile *jf, size_t index, const char *sev)
{
	int r;

	if (jf->resolution != NONE &&
	    jdoc_get(jf->doc, jf->resolution, sev) != NONE)
		return 0;
	if ((r = store_severity_known(jf->ing->st, jf->f->tid, sev)) < 0)
		return -1;
	if (r != 1 && jf->ndeferred < MAX_ERRORS_PER_FILE) {
		jf->ndeferred++;
		ingest_defer(jf->ing, DEFER_SEVERITY, jf->f->path, jf->f->tid,
		    sev, "incidents", index, "severity");
	}
	return 0;
}

/* Reads and stores the records of one section. */
static int
read_records(struct jfile *jf, const char *name, const struct record_kind *k,
    int count)
{
	struct val v[MAX_FIELDS] = { 0 };
	size_t arr = typed_member(jf, 0, name, JT_ARRAY), i, row;
	int sysfield = record_field(k, "system", 6);
	int64_t sid = 0;
	int rc = 0;

	if (arr == NONE)
		return 0;
	for (i = 0, row = arr + 1; i < TOK(jf, arr)->n && !ferr_full(jf->f);
	    i++, row = TOK(jf, row)->next) {
		jf->f->counts[count]++;
		if (TOK(jf, row)->type != JT_OBJECT) {
			jerr(jf, row, "each element of '%s' must be an object, "
			    "not %s", name, tname(jf, row));
			continue;
		}
		if (read_object(jf, row, k, v, NULL) || jf->f->tid <= 0)
			continue;
		if ((sid = system_of(jf, name, i, v[sysfield].s)) < 0 ||
		    (k == &rk_incident &&
		    check_severity(jf, i, v[I_SEVERITY].s))) {
			rc = -2;
			break;
		}
		if (writing(jf) && store_put(jf->ing->st, k, jf->f->tid, sid, v,
		    jf->f->file)) {
			rc = -2;
			break;
		}
	}
	record_clear(v, MAX_FIELDS);
	return rc;
}

/* Parses the text; a syntax error is reported at its position. */
static int
parse(struct srcfile *f, struct jdoc *doc)
{
	if (jdoc_parse(doc, f->text.ptr, f->text.len) == 0)
		return 0;
	ferr_off(f, doc->err_off, "invalid JSON: %s", doc->err);
	return -1;
}

int
ingest_json(struct ingest *ing, struct srcfile *f)
{
	struct jfile jf = { 0 };
	size_t i, key, t;
	int rc = 0;

	jf.ing = ing;
	jf.f = f;
	jf.doc = &ing->doc;
	jf.resolution = NONE;
	buf_init(&jf.logo);
	if (parse(f, jf.doc))
		goto out;
	if (TOK(&jf, 0)->type != JT_OBJECT) {
		jerr(&jf, 0, "an export must be a JSON object with \"format\": "
		    "\"" ROIC_FORMAT "\"");
		goto out;
	}
	for (i = 0, key = 1; i < TOK(&jf, 0)->n; i++, key = TOK(&jf, key + 1)->next)
		if (!in_names(top_keys, TOK(&jf, key)->s))
			jerr(&jf, key, "unknown key '%.60s'", TOK(&jf, key)->s);
	if ((t = jdoc_get(jf.doc, 0, "format")) == NONE)
		jerr(&jf, 0, "missing required key 'format' (\"" ROIC_FORMAT
		    "\")");
	else if (TOK(&jf, t)->type != JT_STRING) {
		jerr(&jf, t, "'format' must be the string \"" ROIC_FORMAT "\", "
		    "not %s", tname(&jf, t));
		goto out;
	} else if (strcmp(TOK(&jf, t)->s, ROIC_FORMAT) != 0) {
		jerr(&jf, t, "unsupported format '%.40s'; roic reads '"
		    ROIC_FORMAT "'", TOK(&jf, t)->s);
		goto out;
	}
	if ((t = member(&jf, 0, "month")) != NONE) {
		static const struct field mf = { "month", FT_MONTH, 0, 0 };
		struct val m = { 0 };

		first_month(&jf, read_value(&jf, &mf, t, &m) == 0 ? t : NONE);
	} else
		first_month(&jf, NONE);
	if (read_tenant(&jf) == -2 || read_change_points(&jf) == -2 ||
	    read_records(&jf, "daily", &rk_daily, 0) ||
	    read_records(&jf, "incidents", &rk_incident, 1) ||
	    read_records(&jf, "drift", &rk_drift, 2) ||
	    read_records(&jf, "integrations", &rk_integration, 3))
		rc = -1;
out:
	free(jf.sys);
	buf_release(&jf.logo);
	return rc;
}

void
ingest_json_locate(struct srcfile *f, const struct deferred *d, size_t n)
{
	struct jdoc doc = JDOC_INIT;
	size_t i, t;

	if (read_file(f->path, SIZE_MAX, &f->text) == -1) {
		ferr_off(f, 0, "unable to read again: %s", strerror(errno));
		return;
	}
	if (parse(f, &doc) == 0)
		for (i = 0; i < n; i++) {
			t = jdoc_get(&doc, jdoc_at(&doc, jdoc_get(&doc, 0,
			    d[i].section), d[i].index), d[i].key);
			t = t == NONE ? 0 : doc.t[t].off;
			if (d[i].kind == DEFER_SYSTEM)
				ferr_off(f, t, "system '%s' is not declared in "
				    "'systems' (of this file, an earlier ingest "
				    "or a JSON file of this command)", d[i].name);
			else
				ferr_off(f, t, "severity '%s' has no target in "
				    "'sla.resolution_minutes'", d[i].name);
		}
	jdoc_release(&doc);
}
