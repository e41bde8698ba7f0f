/* ingest_json.c: reads a roic-kpi/1 JSON export (SPEC 3.1) into the store. */
#include "ingest_int.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LOGO_BYTES ((size_t)1 << 20)

static const char *const top_keys[] = { "format", "month", "tenant",
	"assumptions", "sla", "systems", "daily", "incidents", "drift",
	"integrations", NULL };
static const char *const tenant_extra[] = { "brand", NULL };
static const char *const system_extra[] = { "baseline", NULL };

/* A system a file refers to, so each is looked up once per file. */
struct sysent {
	const char *id;
	int64_t sid;
	int declared;
};

struct jfile {
	struct ingest *ing;
	struct srcfile *f;
	json_t *root;
	char month[8];		/* the file's first month (SPEC 3.1) */
	json_t *resolution;	/* this file's sla.resolution_minutes */
	struct sysent *sys;
	size_t nsys, capsys;
	size_t ndeferred;
	struct buf logo;
};

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

static const char *
json_type_name(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

/* Canonical JSON text of an array of numbers (edges) or counts. */
static int
read_number_array(struct jfile *jf, const struct field *fd, json_t *arr,
    struct val *v)
{
	struct buf b = BUF_INIT;
	double prev = 0, sum = 0;
	char num[32];
	json_t *e;
	size_t i;
	int bad = 0;

	if (!json_is_array(arr) || json_array_size(arr) <
	    (fd->type == FT_EDGES ? 2u : 1u))
		return -2;
	buf_addch(&b, '[');
	json_array_foreach(arr, i, e) {
		if (fd->type == FT_COUNTS) {
			if (!json_is_integer(e) || json_integer_value(e) < 0) {
				ferr_json(jf->f, arr, NULL, i, JPOS_VALUE,
				    "'%s' must hold counts (non-negative JSON "
				    "integers)", fd->name);
				bad = 1;
				continue;
			}
			sum += (double)json_integer_value(e);
			snprintf(num, sizeof(num), "%lld",
			    (long long)json_integer_value(e));
		} else {
			if (!json_is_number(e) || !isfinite(json_number_value(e))) {
				ferr_json(jf->f, arr, NULL, i, JPOS_VALUE,
				    "'%s' must hold numbers", fd->name);
				bad = 1;
				continue;
			}
			if (i > 0 && json_number_value(e) <= prev) {
				ferr_json(jf->f, arr, NULL, i, JPOS_VALUE,
				    "'%s' must increase from one value to the "
				    "next", fd->name);
				bad = 1;
			}
			prev = json_number_value(e);
			fmt_double(prev, num);
		}
		buf_addf(&b, "%s%s", i ? "," : "", num);
	}
	buf_addch(&b, ']');
	if (!bad && fd->type == FT_COUNTS && sum <= 0) {
		ferr_json(jf->f, arr, NULL, 0, JPOS_SELF,
		    "'%s' counts must not all be zero", fd->name);
		bad = 1;
	}
	v->i = (int64_t)json_array_size(arr);
	v->json = buf_detach(&b, NULL);
	return bad ? -1 : 0;
}

/* Canonical JSON of sla.resolution_minutes: severity -> minutes. */
static int
read_targets(struct jfile *jf, json_t *obj, struct val *v)
{
	struct buf b = BUF_INIT;
	const char *key;
	json_t *e;
	char num[32];
	int bad = 0;

	buf_addch(&b, '{');
	json_object_foreach(obj, key, e) {
		size_t n = strlen(key);

		if (n == 0 || n > 32 || strspn(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789_-") != n) {
			ferr_json(jf->f, obj, key, 0, JPOS_KEY, "severity '%.40s' "
			    "must be 1 to 32 letters, digits, '-' or '_'", key);
			bad = 1;
			continue;
		}
		if (!json_is_number(e) || json_number_value(e) <= 0 ||
		    json_number_value(e) > 1e9) {
			ferr_json(jf->f, obj, key, 0, JPOS_VALUE, "the target of "
			    "'%s' must be a positive number of minutes", key);
			bad = 1;
			continue;
		}
		fmt_double(json_number_value(e), num);
		buf_addf(&b, "%s\"%s\":%s", b.len > 1 ? "," : "", key, num);
	}
	buf_addch(&b, '}');
	v->json = buf_detach(&b, NULL);
	return bad ? -1 : 0;
}

/*
 * Converts member `key` of object `obj` (value `j`) to a value of field
 * `fd`, with every check of the field. Reports at the value.
 */
static int
read_value(struct jfile *jf, const struct field *fd, json_t *obj,
    const char *key, json_t *j, struct val *v)
{
	struct buf msg = BUF_INIT;
	int rc = 0;

	v->present = 0;
	if (json_is_null(j)) {
		if (fd->required)
			return ferr_json(jf->f, obj, key, 0, JPOS_VALUE,
			    "'%s' is required and must not be null", fd->name);
		return 0;
	}
	switch (fd->type) {
	case FT_COUNT:
		if (json_is_real(j))
			return ferr_json(jf->f, obj, key, 0, JPOS_VALUE,
			    "'%s' must be a whole number (a JSON integer, "
			    "without a decimal point)", fd->name);
		if (!json_is_integer(j))
			goto type;
		v->i = json_integer_value(j);
		v->d = (double)v->i;
		break;
	case FT_RATE:
	case FT_MONEY:
	case FT_NUM:
		if (!json_is_number(j))
			goto type;
		v->d = json_number_value(j);
		break;
	case FT_EDGES:
	case FT_COUNTS:
		rc = read_number_array(jf, fd, j, v);
		if (rc == -2)
			return ferr_json(jf->f, obj, key, 0, JPOS_VALUE,
			    "'%s' must be an array of at least %d %s",
			    fd->name, fd->type == FT_EDGES ? 2 : 1,
			    fd->type == FT_EDGES ? "numbers" : "count");
		v->present = 1;
		return rc;
	case FT_TARGETS:
		if (!json_is_object(j))
			goto type;
		rc = read_targets(jf, j, v);
		v->present = 1;
		return rc;
	default:
		if (!json_is_string(j))
			goto type;
		v->s = json_string_value(j);
		break;
	}
	v->present = 1;
	if (val_check(fd, v, &msg)) {
		ferr_json(jf->f, obj, key, 0, JPOS_VALUE, "%s", msg.ptr);
		rc = -1;
	}
	buf_release(&msg);
	return rc;
type:
	return ferr_json(jf->f, obj, key, 0, JPOS_VALUE, "'%s' must be %s, not %s",
	    fd->name, fd->type == FT_COUNT ? "a whole number" :
	    fd->type <= FT_TIME ? "a string" : fd->type == FT_TARGETS ?
	    "an object" : "a number", json_type_name(j));
}

/*
 * Reads object `obj` as a record of kind `k` into v[]: unknown keys (but
 * those in `extra`) and missing required keys are errors, then the checks
 * across fields. Returns 0 when the record is valid.
 */
static int
read_object(struct jfile *jf, json_t *obj, const struct record_kind *k,
    struct val *v, const char *const *extra)
{
	size_t before = jf->f->nerr;
	struct buf msg = BUF_INIT;
	const char *key;
	json_t *j;
	size_t i;
	int idx;

	record_clear(v, k->nfields);
	json_object_foreach(obj, key, j) {
		if ((idx = record_field(k, key, strlen(key))) < 0) {
			if (!in_names(extra, key))
				ferr_json(jf->f, obj, key, 0, JPOS_KEY,
				    "unknown key '%.60s' in %s", key, k->what);
			continue;
		}
		read_value(jf, &k->fields[idx], obj, key, j, &v[idx]);
	}
	for (i = 0; i < k->nfields; i++)
		if (k->fields[i].required && json_object_get(obj,
		    k->fields[i].name) == NULL)
			buf_addf(&msg, "%s'%s'", msg.len ? ", " : "",
			    k->fields[i].name);
	if (msg.len)
		ferr_json(jf->f, obj, NULL, 0, JPOS_SELF, "missing required "
		    "key%s %s in %s", strchr(msg.ptr, ',') ? "s" : "", msg.ptr,
		    k->what);
	buf_reset(&msg);
	if (jf->f->nerr == before &&
	    (idx = record_check(k, v, &msg)) >= 0)
		ferr_json(jf->f, obj, k->fields[idx].name, 0, JPOS_VALUE, "%s",
		    msg.ptr);
	buf_release(&msg);
	return jf->f->nerr == before ? 0 : -1;
}

/* Member `key` of the root when it is present and not null, else NULL. */
static json_t *
member(json_t *obj, const char *key)
{
	json_t *j = json_object_get(obj, key);

	return json_is_null(j) ? NULL : j;
}

/* The array of section `name`, or NULL (absent, or not an array: reported). */
static json_t *
section(struct jfile *jf, const char *name)
{
	json_t *j = member(jf->root, name);

	if (j != NULL && !json_is_array(j)) {
		ferr_json(jf->f, jf->root, name, 0, JPOS_VALUE,
		    "'%s' must be an array, not %s", name, json_type_name(j));
		return NULL;
	}
	return j;
}

/* The object of section `name`, or NULL (absent, or not an object: reported). */
static json_t *
object_member(struct jfile *jf, json_t *obj, const char *name)
{
	json_t *j = member(obj, name);

	if (j != NULL && !json_is_object(j)) {
		ferr_json(jf->f, obj, name, 0, JPOS_VALUE,
		    "'%s' must be an object, not %s", name, json_type_name(j));
		return NULL;
	}
	return j;
}

static void
consider_month(char best[8], const char *s)
{
	int y, m;
	char mon[8];

	if (s == NULL || strlen(s) < 7)
		return;
	memcpy(mon, s, 7);
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
first_month(struct jfile *jf, const char *month)
{
	static const struct {
		const char *section, *key;
	} dated[] = { { "daily", "date" }, { "incidents", "opened" },
		{ "drift", "month" }, { "integrations", "date" } };
	json_t *arr, *row;
	size_t i, k;

	jf->month[0] = '\0';
	if (month != NULL) {
		consider_month(jf->month, month);
		return;
	}
	for (k = 0; k < ARRAY_SIZE(dated); k++) {
		arr = json_object_get(jf->root, dated[k].section);
		if (!json_is_array(arr))
			continue;
		json_array_foreach(arr, i, row)
			consider_month(jf->month, json_string_value(
			    json_object_get(row, dated[k].key)));
	}
	if (jf->month[0] == '\0')
		memcpy(jf->month, MONTH_BEGINNING, 8);
}

/* Reads brand.logo, a PNG file relative to the export. */
static int
read_logo(struct jfile *jf, json_t *brand, const char *rel)
{
	const char *slash = strrchr(jf->f->path, '/');
	struct buf path = BUF_INIT;
	int rc = 0;

	if (rel[0] == '/')
		return ferr_json(jf->f, brand, "logo", 0, JPOS_VALUE,
		    "'logo' must be a path relative to the export file");
	if (slash)
		buf_add(&path, jf->f->path, (size_t)(slash - jf->f->path) + 1);
	buf_addstr(&path, rel);
	buf_reset(&jf->logo);
	if (read_file(path.ptr, MAX_LOGO_BYTES, &jf->logo) == -1)
		rc = ferr_json(jf->f, brand, "logo", 0, JPOS_VALUE,
		    "unable to read logo '%s': %s", path.ptr, errno == EFBIG ?
		    "larger than 1 MiB" : strerror(errno));
	else if (jf->logo.len < 8 ||
	    memcmp(jf->logo.ptr, "\x89PNG\r\n\x1a\n", 8) != 0)
		rc = ferr_json(jf->f, brand, "logo", 0, JPOS_VALUE,
		    "logo '%s' is not a PNG file", path.ptr);
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
	json_t *t = json_object_get(jf->root, "tenant"), *brand;
	struct val v[T_NFIELDS] = { 0 }, b[B_NFIELDS] = { 0 };
	struct tenant_info ti = { 0 };
	const char *loc;
	int64_t tid;

	if (t == NULL)
		return ferr_json(jf->f, NULL, NULL, 0, JPOS_SELF,
		    "missing required key 'tenant'");
	if (!json_is_object(t))
		return ferr_json(jf->f, jf->root, "tenant", 0, JPOS_VALUE,
		    "'tenant' must be an object, not %s", json_type_name(t));
	read_object(jf, t, &rk_tenant, v, tenant_extra);
	if (v[T_ID].present && !valid_tenant_id(v[T_ID].s))
		ferr_json(jf->f, t, "id", 0, JPOS_VALUE, "tenant id '%.70s' must "
		    "be " TENANT_ID_RULE, v[T_ID].s);
	loc = v[T_LOCALE].present ? v[T_LOCALE].s : NULL;
	if (loc && strcmp(loc, "en-CA") && strcmp(loc, "fr-CA") &&
	    strcmp(loc, "en-US"))
		ferr_json(jf->f, t, "locale", 0, JPOS_VALUE, "'locale' must be "
		    "en-CA, fr-CA or en-US, not '%.40s'", loc);
	if (v[T_CURRENCY].present && (strlen(v[T_CURRENCY].s) != 3 ||
	    strspn(v[T_CURRENCY].s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3))
		ferr_json(jf->f, t, "currency", 0, JPOS_VALUE, "'currency' must "
		    "be an ISO 4217 code such as CAD, not '%.40s'",
		    v[T_CURRENCY].s);
	if ((brand = object_member(jf, t, "brand")) != NULL) {
		ti.brand = 1;
		read_object(jf, brand, &rk_brand, b, NULL);
		if (b[B_COLOR].present && !valid_color(b[B_COLOR].s))
			ferr_json(jf->f, brand, "color", 0, JPOS_VALUE, "'color' "
			    "must be #RRGGBB, not '%.40s'", b[B_COLOR].s);
		if (b[B_LOGO].present && read_logo(jf, brand, b[B_LOGO].s) == 0) {
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
	json_t *obj, *arr, *sys, *base, *other;
	size_t i, k;
	int64_t sid;
	int rc = 0, bad;

	if ((obj = object_member(jf, jf->root, "assumptions")) != NULL &&
	    read_object(jf, obj, &rk_assumptions, a, NULL) == 0 && writing(jf) &&
	    store_assumptions_put(st, jf->f->tid, jf->month, a, jf->f->file))
		rc = -2;
	if ((obj = object_member(jf, jf->root, "sla")) != NULL) {
		if (read_object(jf, obj, &rk_sla, s, NULL) == 0 && writing(jf) &&
		    store_sla_put(st, jf->f->tid, jf->month, s, jf->f->file))
			rc = -2;
		jf->resolution = json_object_get(obj, "resolution_minutes");
	}
	record_clear(s, S_NFIELDS);
	if ((arr = section(jf, "systems")) == NULL)
		return rc;
	if (writing(jf) && store_systems_clear(st, jf->f->tid, jf->month))
		return -2;
	json_array_foreach(arr, i, sys) {
		if (!json_is_object(sys)) {
			ferr_json(jf->f, arr, NULL, i, JPOS_VALUE, "each element "
			    "of 'systems' must be an object, not %s",
			    json_type_name(sys));
			continue;
		}
		bad = read_object(jf, sys, &rk_system, y, system_extra);
		record_clear(l, L_NFIELDS);
		if ((base = object_member(jf, sys, "baseline")) != NULL &&
		    read_object(jf, base, &rk_baseline, l, NULL))
			bad = -1;
		if (!y[Y_ID].present)
			continue;
		for (k = 0; k < i; k++) {
			other = json_array_get(arr, k);
			if (json_is_object(other) && json_equal(json_object_get(
			    other, "id"), json_object_get(sys, "id"))) {
				ferr_json(jf->f, sys, "id", 0, JPOS_VALUE, "system "
				    "'%s' is declared twice in 'systems'",
				    y[Y_ID].s);
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
	return rc;
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
	struct sysent *e;
	int64_t sid = -1;
	size_t i;
	int r;

	for (i = 0; i < jf->nsys; i++)
		if (strcmp(jf->sys[i].id, name) == 0) {
			e = &jf->sys[i];
			goto found;
		}
	if ((r = store_system_declared(st, jf->f->tid, name, &sid)) < 0)
		return -1;
	if (r == 0 && (sid = store_system_ensure(st, jf->f->tid, name, 0)) < 0)
		return -1;
	e = sysent_add(jf, name, sid, r);
found:
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

	if (json_is_object(jf->resolution) &&
	    json_object_get(jf->resolution, sev) != NULL)
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
	json_t *arr = section(jf, name), *row;
	int sysfield = record_field(k, "system", 6);
	int64_t sid = 0;
	size_t i;
	int rc = 0;

	if (arr == NULL)
		return 0;
	json_array_foreach(arr, i, row) {
		if (ferr_full(jf->f))
			break;
		jf->f->counts[count]++;
		if (!json_is_object(row)) {
			ferr_json(jf->f, arr, NULL, i, JPOS_VALUE, "each element "
			    "of '%s' must be an object, not %s", name,
			    json_type_name(row));
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

/* Gives every error of the file its byte offset, from a position index. */
static void
locate(struct srcfile *f, json_t *root)
{
	struct jpos *jp = NULL;
	size_t i;

	for (i = 0; i < f->nerr; i++) {
		struct ferr *e = &f->err[i];

		if (e->located)
			continue;
		if (jp == NULL && (jp = jpos_new(f->text.ptr, f->text.len,
		    root)) == NULL)
			break;
		e->off = jpos_offset(jp, e->cont, e->key, e->index, e->what);
		e->located = 1;
	}
	jpos_free(jp);
}

/* The offset of the opening quote of the string that ends before `off`. */
static size_t
key_before(const char *t, size_t off)
{
	size_t i = off, k;

	while (i > 0 && t[i - 1] != '"')
		i--;
	if (i == 0)
		return off;
	for (i--; i > 0; i--) {
		if (t[i - 1] != '"')
			continue;
		for (k = i - 1; k > 0 && t[k - 1] == '\\'; k--)
			;
		if ((i - 1 - k) % 2 == 0)
			return i - 1;
	}
	return off;
}

/*
 * jansson reports a syntax error after the token it names ("... near
 * 'TOKEN'"): the offset of that token's first byte, when it is there.
 */
static size_t
token_start(const char *t, size_t off, const char *msg)
{
	const char *near = strstr(msg, " near '");
	size_t n;

	if (near == NULL)
		return off;
	near += 7;
	n = strlen(near);
	if (n == 0 || near[n - 1] != '\'')
		return off;
	n--;
	if (n == 0 || n > off || memcmp(t + off - n, near, n) != 0)
		return off;
	return off - n;
}

/* Parses the text; a syntax error is reported at its position. */
static json_t *
parse(struct srcfile *f)
{
	json_error_t je;
	json_t *root;
	size_t skip = 0;

	if (f->text.len >= 3 && memcmp(f->text.ptr, "\xEF\xBB\xBF", 3) == 0)
		skip = 3;
	root = json_loadb(f->text.ptr + skip, f->text.len - skip,
	    JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		size_t off = skip + (size_t)je.position;

		/* jansson points after a duplicate key: point at the key. */
		if (strncmp(je.text, "duplicate object key", 20) == 0)
			off = key_before(f->text.ptr, off);
		else
			off = token_start(f->text.ptr, off, je.text);
		ferr_off(f, off, "invalid JSON: %s", je.text);
	}
	return root;
}

int
ingest_json(struct ingest *ing, struct srcfile *f)
{
	struct jfile jf = { 0 };
	const char *key, *fmt;
	json_t *j;
	int rc = 0;

	jf.ing = ing;
	jf.f = f;
	buf_init(&jf.logo);
	if ((jf.root = parse(f)) == NULL)
		return 0;
	if (!json_is_object(jf.root)) {
		ferr_json(f, NULL, NULL, 0, JPOS_SELF, "an export must be a JSON "
		    "object with \"format\": \"" ROIC_FORMAT "\"");
		goto out;
	}
	json_object_foreach(jf.root, key, j)
		if (!in_names(top_keys, key))
			ferr_json(f, jf.root, key, 0, JPOS_KEY,
			    "unknown key '%.60s'", key);
	if ((j = json_object_get(jf.root, "format")) == NULL)
		ferr_json(f, NULL, NULL, 0, JPOS_SELF,
		    "missing required key 'format' (\"" ROIC_FORMAT "\")");
	else if ((fmt = json_string_value(j)) == NULL) {
		ferr_json(f, jf.root, "format", 0, JPOS_VALUE, "'format' must "
		    "be the string \"" ROIC_FORMAT "\", not %s",
		    json_type_name(j));
		goto out;
	} else if (strcmp(fmt, ROIC_FORMAT) != 0) {
		ferr_json(f, jf.root, "format", 0, JPOS_VALUE, "unsupported "
		    "format '%.40s'; roic reads '" ROIC_FORMAT "'", fmt);
		goto out;
	}
	if ((j = member(jf.root, "month")) != NULL) {
		struct val m = { 0 };
		static const struct field mf = { "month", FT_MONTH, 0, 0 };

		if (read_value(&jf, &mf, jf.root, "month", j, &m) == 0)
			first_month(&jf, m.s);
		else
			first_month(&jf, NULL);
	} else
		first_month(&jf, NULL);
	if (read_tenant(&jf) == -2 || read_change_points(&jf) == -2 ||
	    read_records(&jf, "daily", &rk_daily, 0) ||
	    read_records(&jf, "incidents", &rk_incident, 1) ||
	    read_records(&jf, "drift", &rk_drift, 2) ||
	    read_records(&jf, "integrations", &rk_integration, 3))
		rc = -1;
out:
	locate(f, jf.root);
	json_decref(jf.root);
	free(jf.sys);
	buf_release(&jf.logo);
	return rc;
}

void
ingest_json_locate(struct srcfile *f, const struct deferred *d, size_t n)
{
	json_t *root, *row;
	size_t i;

	if (read_file(f->path, SIZE_MAX, &f->text) == -1) {
		ferr_off(f, 0, "unable to read again: %s", strerror(errno));
		return;
	}
	if ((root = parse(f)) == NULL)
		return;
	for (i = 0; i < n; i++) {
		row = json_array_get(json_object_get(root, d[i].section),
		    d[i].index);
		if (d[i].kind == DEFER_SYSTEM)
			ferr_json(f, row, d[i].key, 0, JPOS_VALUE, "system '%s' "
			    "is not declared in 'systems' (of this file, an "
			    "earlier ingest or a JSON file of this command)",
			    d[i].name);
		else
			ferr_json(f, row, d[i].key, 0, JPOS_VALUE, "severity '%s' "
			    "has no target in 'sla.resolution_minutes'",
			    d[i].name);
	}
	locate(f, root);
	json_decref(root);
}
