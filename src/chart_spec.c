/*
 * chart_spec.c: the chart specs, charts/<name>.json, read with the
 * positions of their values so that each error names file, line and column.
 */
#include "chart_int.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "diag.h"
#include "font.h"
#include "jtok.h"
#include "schema.h"

#define MAX_SPEC_BYTES ((size_t)1 << 20)

const char *const chart_type_names[CT_N] = { "line", "bar", "stacked_bar",
	"bullet", "sparkline", "heat_strip" };

static const char *const unit_names[] = { "count", "number", "money",
	"percent", "hours", "minutes", "ms" };

/* A spec being read. */
struct reader {
	const char *file;
	const struct jdoc *d;
	int errors;
	struct spec *sp;	/* being read: its paths go to sp->refs */
	int series;		/* the series being read, or -1 */
};

static void bad(struct reader *r, size_t tok, const char *fmt, ...)
	PRINTF(3, 4);

/* Reports an error at token `tok`. */
static void
bad(struct reader *r, size_t tok, const char *fmt, ...)
{
	char msg[256];
	size_t line, col;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	text_linecol(r->d->text, r->d->len, r->d->t[tok].off, &line, &col);
	diag_at(r->file, line, col, "%s", msg);
	r->errors++;
}

static const struct jtok *
tok(struct reader *r, size_t i)
{
	return &r->d->t[i];
}

/* Checks that token `i` has `type`; reports "KEY: expected ..." if not. */
static int
want(struct reader *r, size_t i, int type, const char *key)
{
	if (tok(r, i)->type == type)
		return 0;
	bad(r, i, "'%s' must be %s, not %s", key, jtok_type_name(type),
	    jtok_type_name(tok(r, i)->type));
	return -1;
}

/*
 * A text the reader sees: a string, or an object of strings by language
 * or locale ({"en": "...", "fr-CA": "..."}). Returns a new jansson value.
 */
static json_t *
text(struct reader *r, size_t i, const char *key)
{
	const struct jtok *t = tok(r, i);
	json_t *o;
	size_t k, m;

	if (t->type == JT_STRING)
		return json_string(t->s);
	if (t->type != JT_OBJECT || t->n == 0) {
		bad(r, i, "'%s' must be a string or an object of strings by "
		    "language (\"en\", \"fr\")", key);
		return NULL;
	}
	o = json_object();
	for (k = i + 1, m = 0; m < t->n; m++, k = tok(r, k + 1)->next) {
		const char *lang = tok(r, k)->s;
		size_t len = strlen(lang);

		if (len < 2 || len > 15 || strspn(lang,
		    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") !=
		    len) {
			bad(r, k, "'%s' is not a language tag", lang);
			continue;
		}
		if (want(r, k + 1, JT_STRING, lang) == 0)
			json_object_set_new(o, lang, json_string(tok(r,
			    k + 1)->s));
	}
	return o;
}

/*
 * A path into the view model: keys and array indexes joined by dots
 * ("figures.hours_saved.series", "systems.0.name"); "{arg}" may stand in
 * a key, for the argument of the directive. Returns a new string or NULL.
 */
static char *
path(struct reader *r, size_t i, const char *key, int what)
{
	const char *s = tok(r, i)->s, *p;
	struct spec_ref *ref;
	size_t seg = 0;

	if (want(r, i, JT_STRING, key))
		return NULL;
	for (p = s; ; p++) {
		if (*p == '.' || *p == '\0') {
			if (seg == 0)
				break;
			if (*p != '\0') {
				seg = 0;
				continue;
			}
			r->sp->refs = xrealloc(r->sp->refs, (r->sp->nrefs + 1) *
			    sizeof(*r->sp->refs));
			ref = &r->sp->refs[r->sp->nrefs++];
			ref->path = xstrdup(s);
			text_linecol(r->d->text, r->d->len, r->d->t[i].off,
			    &ref->line, &ref->col);
			ref->series = r->series;
			ref->want = what;
			return xstrdup(s);
		} else if (strchr("abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-{}", *p) == NULL)
			break;
		else
			seg++;
	}
	bad(r, i, "'%s' is not a path of the view model (keys joined by "
	    "dots, such as \"figures.hours_saved.series\")", s);
	return NULL;
}

/* A number, or a path to one. */
static int
numref(struct reader *r, size_t i, const char *key, struct numref *out)
{
	const struct jtok *t = tok(r, i);

	if (t->type == JT_NUMBER) {
		if (!isfinite(t->d)) {
			bad(r, i, "'%s' is too large a number", key);
			return -1;
		}
		out->set = 1;
		out->value = t->d;
		return 0;
	}
	if (t->type != JT_STRING) {
		bad(r, i, "'%s' must be a number or a path of the view model",
		    key);
		return -1;
	}
	if ((out->path = path(r, i, key, REF_NUMBER)) == NULL)
		return -1;
	out->set = 1;
	return 0;
}

static int
flag(struct reader *r, size_t i, const char *key, int *out)
{
	const struct jtok *t = tok(r, i);

	if (t->type != JT_TRUE && t->type != JT_FALSE) {
		bad(r, i, "'%s' must be true or false", key);
		return -1;
	}
	*out = t->type == JT_TRUE;
	return 0;
}

static int
decimals(struct reader *r, size_t i, const char *key, int *out)
{
	const struct jtok *t = tok(r, i);

	if (t->type != JT_NUMBER || !t->isint || t->i < 0 || t->i > 6) {
		bad(r, i, "'%s' must be a whole number from 0 to 6", key);
		return -1;
	}
	*out = (int)t->i;
	return 0;
}

/* One of `names`; its index in *out. */
static int
choice(struct reader *r, size_t i, const char *key, const char *const *names,
    size_t n, int *out)
{
	struct buf list = BUF_INIT;
	size_t k;

	if (want(r, i, JT_STRING, key))
		return -1;
	for (k = 0; k < n; k++)
		if (strcmp(tok(r, i)->s, names[k]) == 0) {
			*out = (int)k;
			return 0;
		}
	for (k = 0; k < n; k++)
		buf_addf(&list, "%s%s", k ? ", " : "", names[k]);
	bad(r, i, "'%s' cannot be \"%s\" (one of: %s)", key, tok(r, i)->s,
	    list.ptr);
	buf_release(&list);
	return -1;
}

static const char *const color_names[] = { "auto", "brand", "grey" };
static const char *const better_names[] = { "higher", "lower" };

/* "label_path": a path, or up to 3 whose texts are joined. */
static void
label_paths(struct reader *r, size_t i, struct spec_series *s)
{
	const struct jtok *t = tok(r, i);
	size_t e, n;

	if (t->type == JT_STRING) {
		if ((s->label_path[0] = path(r, i, "label_path",
		    REF_TEXT)) != NULL)
			s->nlabel_path = 1;
		return;
	}
	if (t->type != JT_ARRAY || t->n == 0 || t->n > 3) {
		bad(r, i, "'label_path' must be a path or a list of 1 to 3 "
		    "paths");
		return;
	}
	for (e = i + 1, n = 0; n < t->n; n++, e = tok(r, e)->next)
		if ((s->label_path[s->nlabel_path] = path(r, e,
		    "label_path", REF_TEXT)) != NULL)
			s->nlabel_path++;
}

/* One element of "series". */
static void
series(struct reader *r, size_t i, struct spec_series *s)
{
	const struct jtok *t = tok(r, i);
	size_t k, m, v;
	int seen_path = 0;

	s->decimals = -1;
	if (t->type != JT_OBJECT) {
		bad(r, i, "each series must be an object, not %s",
		    jtok_type_name(t->type));
		return;
	}
	for (k = i + 1, m = 0; m < t->n; m++, k = tok(r, v)->next) {
		const char *key = tok(r, k)->s;

		v = k + 1;
		if (strcmp(key, "path") == 0) {
			s->path = path(r, v, key, REF_NUMBERS);
			seen_path = 1;
		} else if (strcmp(key, "per") == 0)
			s->per = path(r, v, key, REF_NUMBERS);
		else if (strcmp(key, "each") == 0)
			s->each = path(r, v, key, REF_EACH);
		else if (strcmp(key, "label_path") == 0)
			label_paths(r, v, s);
		else if (strcmp(key, "label") == 0)
			s->label = text(r, v, key);
		else if (strcmp(key, "target_label") == 0)
			s->target_label = text(r, v, key);
		else if (strcmp(key, "color") == 0)
			choice(r, v, key, color_names, ARRAY_SIZE(color_names),
			    &s->color);
		else if (strcmp(key, "dashed") == 0)
			flag(r, v, key, &s->dashed);
		else if (strcmp(key, "zoom") == 0)
			flag(r, v, key, &s->zoom);
		else if (strcmp(key, "better") == 0)
			choice(r, v, key, better_names,
			    ARRAY_SIZE(better_names), &s->lower_better);
		else if (strcmp(key, "decimals") == 0)
			decimals(r, v, key, &s->decimals);
		else if (strcmp(key, "target") == 0)
			numref(r, v, key, &s->target);
		else if (strcmp(key, "min") == 0)
			numref(r, v, key, &s->min);
		else if (strcmp(key, "max") == 0)
			numref(r, v, key, &s->max);
		else
			bad(r, k, "unknown key '%s' in a series", key);
	}
	if (!seen_path)
		bad(r, i, "a series needs a 'path'");
}

/* The "bands" of a heat strip: [{"from": 1, "label": ...}, ...]. */
static void
bands(struct reader *r, size_t i, struct spec *sp)
{
	const struct jtok *t = tok(r, i);
	size_t k, m, e, v, n;

	if (want(r, i, JT_ARRAY, "bands"))
		return;
	if (t->n == 0 || t->n > 3) {
		bad(r, i, "'bands' must list 1 to 3 bands, best first");
		return;
	}
	sp->bands = xcalloc(t->n, sizeof(*sp->bands));
	for (e = i + 1, n = 0; n < t->n; n++, e = tok(r, e)->next) {
		struct band *b = &sp->bands[sp->nbands++];
		int from = 0;

		b->from = -INFINITY;
		if (want(r, e, JT_OBJECT, "bands"))
			continue;
		for (k = e + 1, m = 0; m < tok(r, e)->n; m++,
		    k = tok(r, v)->next) {
			const char *key = tok(r, k)->s;

			v = k + 1;
			if (strcmp(key, "from") == 0) {
				if (want(r, v, JT_NUMBER, key) == 0 &&
				    !isfinite(tok(r, v)->d))
					bad(r, v, "'from' is too large a number");
				else if (tok(r, v)->type == JT_NUMBER)
					b->from = tok(r, v)->d;
				from = 1;
			} else if (strcmp(key, "label") == 0)
				b->label = text(r, v, key);
			else
				bad(r, k, "unknown key '%s' in a band", key);
		}
		if (!from || b->label == NULL)
			bad(r, e, "a band needs 'from' and 'label'");
		else if (n > 0 && b->from >= sp->bands[n - 1].from)
			bad(r, e, "bands go from the best down: 'from' must "
			    "be below the band before");
	}
}

/* The "y" axis: {"min": 0, "max": 1}. */
static void
axis(struct reader *r, size_t i, struct spec *sp)
{
	size_t k, m, v;

	if (want(r, i, JT_OBJECT, "y"))
		return;
	for (k = i + 1, m = 0; m < tok(r, i)->n; m++, k = tok(r, v)->next) {
		const char *key = tok(r, k)->s;

		v = k + 1;
		if (strcmp(key, "min") == 0)
			numref(r, v, key, &sp->ymin);
		else if (strcmp(key, "max") == 0)
			numref(r, v, key, &sp->ymax);
		else
			bad(r, k, "unknown key '%s' in 'y' (min, max)", key);
	}
}

/* Reads the whole spec; errors are counted in r->errors. */
static void
spec_read(struct reader *r, struct spec *sp)
{
	const struct jtok *t = tok(r, 0);
	size_t k, m, v, e, n;
	int type = 0, unit;

	sp->unit = -1;
	sp->decimals = -1;
	sp->type = -1;
	if (t->type != JT_OBJECT) {
		bad(r, 0, "a chart spec must be an object, not %s",
		    jtok_type_name(t->type));
		return;
	}
	for (k = 1, m = 0; m < t->n; m++, k = tok(r, v)->next) {
		const char *key = tok(r, k)->s;

		v = k + 1;
		if (strcmp(key, "type") == 0) {
			choice(r, v, key, chart_type_names, CT_N, &sp->type);
			type = 1;
		} else if (strcmp(key, "title") == 0)
			sp->title = text(r, v, key);
		else if (strcmp(key, "format") == 0) {
			if (choice(r, v, key, unit_names,
			    ARRAY_SIZE(unit_names), &unit) == 0)
				sp->unit = unit;
		} else if (strcmp(key, "decimals") == 0)
			decimals(r, v, key, &sp->decimals);
		else if (strcmp(key, "target") == 0)
			numref(r, v, key, &sp->target);
		else if (strcmp(key, "target_label") == 0)
			sp->target_label = text(r, v, key);
		else if (strcmp(key, "y") == 0)
			axis(r, v, sp);
		else if (strcmp(key, "height") == 0) {
			if (tok(r, v)->type != JT_NUMBER ||
			    tok(r, v)->d < 20 || tok(r, v)->d > 600)
				bad(r, v, "'height' must be a number of points "
				    "from 20 to 600");
			else
				sp->height = tok(r, v)->d;
		} else if (strcmp(key, "bands") == 0)
			bands(r, v, sp);
		else if (strcmp(key, "none_label") == 0)
			sp->none_label = text(r, v, key);
		else if (strcmp(key, "shared_scale") == 0)
			flag(r, v, key, &sp->shared_scale);
		else if (strcmp(key, "description") == 0)
			want(r, v, JT_STRING, key);
		else if (strcmp(key, "series") == 0) {
			if (want(r, v, JT_ARRAY, key))
				continue;
			if (tok(r, v)->n == 0 || tok(r, v)->n > MAX_SERIES) {
				bad(r, v, "'series' must list 1 to %d series",
				    MAX_SERIES);
				continue;
			}
			sp->series = xcalloc(tok(r, v)->n, sizeof(*sp->series));
			for (e = v + 1, n = 0; n < tok(r, v)->n; n++,
			    e = tok(r, e)->next) {
				r->series = (int)sp->nseries;
				series(r, e, &sp->series[sp->nseries++]);
			}
			r->series = -1;
		} else
			bad(r, k, "unknown key '%s'", key);
	}
	if (!type)
		bad(r, 0, "a chart spec needs a 'type' (one of: line, bar, "
		    "stacked_bar, bullet, sparkline, heat_strip)");
	if (sp->nseries == 0 && tok(r, 0)->type == JT_OBJECT &&
	    jdoc_get(r->d, 0, "series") == JTOK_NONE)
		bad(r, 0, "a chart spec needs 'series'");
	if (sp->type == CT_HEAT && sp->bands == NULL &&
	    jdoc_get(r->d, 0, "bands") == JTOK_NONE)
		bad(r, 0, "a heat_strip needs 'bands'");
}

void
spec_release(struct spec *sp)
{
	size_t i;
	int k;

	free(sp->name);
	json_decref(sp->title);
	json_decref(sp->target_label);
	json_decref(sp->none_label);
	free(sp->target.path);
	free(sp->ymin.path);
	free(sp->ymax.path);
	for (i = 0; i < sp->nseries; i++) {
		struct spec_series *s = &sp->series[i];

		free(s->path);
		free(s->per);
		free(s->each);
		for (k = 0; k < s->nlabel_path; k++)
			free(s->label_path[k]);
		json_decref(s->label);
		json_decref(s->target_label);
		free(s->target.path);
		free(s->min.path);
		free(s->max.path);
	}
	free(sp->series);
	for (i = 0; i < sp->nbands; i++)
		json_decref(sp->bands[i].label);
	free(sp->bands);
	for (i = 0; i < sp->nrefs; i++)
		free(sp->refs[i].path);
	free(sp->refs);
	free(sp->file);
	memset(sp, 0, sizeof(*sp));
}

/*
 * Parses spec text[0..len) of `file` into sp. Returns 0, or -1 after
 * reporting every error found (sp is then released).
 */
static int
spec_parse(const char *file, const char *text, size_t len, struct spec *sp)
{
	struct jdoc d = JDOC_INIT;
	struct reader r = { file, &d, 0, sp, -1 };
	size_t line, col;

	memset(sp, 0, sizeof(*sp));
	if (jdoc_parse(&d, text, len) != 0) {
		text_linecol(text, len, d.err_off, &line, &col);
		diag_at(file, line, col, "%s", d.err);
		jdoc_release(&d);
		return -1;
	}
	spec_read(&r, sp);
	jdoc_release(&d);
	if (r.errors) {
		spec_release(sp);
		return -1;
	}
	return 0;
}

int
chart_spec_check(const char *file, const char *text, size_t len)
{
	struct spec sp;

	if (spec_parse(file, text, len, &sp))
		return -1;
	spec_release(&sp);
	return 0;
}

/* The set's spec of `name`, or NULL. */
const struct spec *
chart_set_find(const struct chart_set *cs, const char *name)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->v[i].name, name) == 0)
			return &cs->v[i];
	return NULL;
}

static int set_add(struct chart_set *cs, const char *name, const char *file,
    const char *text, size_t len);

int
chart_set_has(const struct chart_set *cs, const char *name)
{
	return chart_set_find(cs, name) != NULL;
}

int
chart_set_add(struct chart_set *cs, const char *name, const char *file,
    const char *text, size_t len)
{
	return set_add(cs, name, file, text, len);
}

/* Adds (or replaces) spec `name` from text; -1 after reporting. */
static int
set_add(struct chart_set *cs, const char *name, const char *file,
    const char *text, size_t len)
{
	struct spec sp;
	size_t i;

	if (spec_parse(file, text, len, &sp))
		return -1;
	sp.name = xstrdup(name);
	sp.file = xstrdup(file);
	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->v[i].name, name) == 0) {
			spec_release(&cs->v[i]);
			cs->v[i] = sp;
			return 0;
		}
	cs->v = xrealloc(cs->v, (cs->n + 1) * sizeof(*cs->v));
	cs->v[cs->n++] = sp;
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 when a file name is a chart's: NAME.json, NAME of [a-z0-9_-]. */
static int
spec_name(const char *file, char *name, size_t size)
{
	size_t n = strlen(file);

	if (n <= 5 || n - 5 >= size || strcmp(file + n - 5, ".json") != 0 ||
	    strspn(file, "abcdefghijklmnopqrstuvwxyz0123456789_-") != n - 5)
		return 0;
	memcpy(name, file, n - 5);
	name[n - 5] = '\0';
	return 1;
}

struct chart_set *
chart_set_load(const char *dir)
{
	struct chart_set *cs;
	const struct asset *a;
	char name[64], **files = NULL;
	struct dirent *de;
	size_t i, n = 0;
	int failed = 0;
	DIR *dp;

	/* Layout measures text: no charts without their fonts. */
	if (font_init() != 0)
		return NULL;
	cs = xcalloc(1, sizeof(*cs));

	for (a = charts_builtin; a->name; a++) {
		char file[128];

		snprintf(file, sizeof(file), "charts/%s", a->name);
		if (spec_name(a->name, name, sizeof(name)) &&
		    set_add(cs, name, file, a->data, a->len))
			failed = 1;
	}
	if (dir != NULL) {
		if ((dp = opendir(dir)) == NULL) {
			error("unable to open chart folder '%s': %s", dir,
			    strerror(errno));
			chart_set_free(cs);
			return NULL;
		}
		/* In name order, so that errors come out the same way. */
		while ((de = readdir(dp)) != NULL)
			if (de->d_name[0] != '.' && strlen(de->d_name) > 5 &&
			    strcmp(de->d_name + strlen(de->d_name) - 5,
			    ".json") == 0) {
				files = xrealloc(files, (n + 1) *
				    sizeof(*files));
				files[n++] = xstrdup(de->d_name);
			}
		closedir(dp);
		if (n > 0)
			qsort(files, n, sizeof(*files), by_name);
		for (i = 0; i < n; i++) {
			struct buf path = BUF_INIT, text = BUF_INIT;

			buf_addf(&path, "%s/%s", dir, files[i]);
			if (!spec_name(files[i], name, sizeof(name))) {
				diag_file(path.ptr, "a chart's file name must "
				    "be NAME.json, NAME of a-z, 0-9, _ and -");
				failed = 1;
			} else if (read_file(path.ptr, MAX_SPEC_BYTES,
			    &text) != 0) {
				diag_file(path.ptr, "unable to read: %s",
				    strerror(errno));
				failed = 1;
			} else if (set_add(cs, name, path.ptr, text.ptr,
			    text.len))
				failed = 1;
			buf_release(&path);
			buf_release(&text);
			free(files[i]);
		}
		free(files);
	}
	if (failed) {
		chart_set_free(cs);
		return NULL;
	}
	return cs;
}

void
chart_set_free(struct chart_set *cs)
{
	size_t i;

	if (cs == NULL)
		return;
	for (i = 0; i < cs->n; i++)
		spec_release(&cs->v[i]);
	free(cs->v);
	free(cs);
}

/* --- the paths against the view model's schema ------------------------ */

/* 1 when n holds numbers (or nulls) only. */
static int
numeric(const struct schema_node *n)
{
	unsigned t = n ? schema_types(n) : 0;

	return (t & SCHEMA_NUMBER) && !(t & ~(unsigned)(SCHEMA_NUMBER |
	    SCHEMA_INTEGER | SCHEMA_NULL));
}

/* 1 when node n is what a path of kind `want` must lead to. */
static int
fits(const struct schema_node *n, int want)
{
	unsigned t = schema_types(n);

	switch (want) {
	case REF_NUMBERS:
		return numeric(n) || ((t & SCHEMA_ARRAY) &&
		    !(t & ~(unsigned)(SCHEMA_ARRAY | SCHEMA_NULL)) &&
		    numeric(schema_element(n)));
	case REF_NUMBER:
		return numeric(n);
	case REF_EACH:
		return schema_element(n) != NULL &&
		    (schema_types(schema_element(n)) & SCHEMA_OBJECT);
	default:
		return (t & SCHEMA_STRING) && !(t & ~(unsigned)(SCHEMA_STRING |
		    SCHEMA_NULL));
	}
}

static const char *const wants[] = { "numbers", "a number",
	"a list of objects", "text" };

/* The nodes a path reached: the first that fits, the first that does not. */
struct reached {
	const struct schema_node *hit, *miss;
};

/* Notes node m, reached at the end of a path. Returns 2 or 1 as reach. */
static int
reached_end(const struct schema_node *m, int want, struct reached *out)
{
	if (fits(m, want)) {
		if (out->hit == NULL)
			out->hit = m;
		return 2;
	}
	if (out->miss == NULL)
		out->miss = m;
	return 1;
}

/* 1 when p[0..e) holds "{arg}". */
static int
has_arg(const char *p, const char *e)
{
	for (; e - p >= 5; p++)
		if (memcmp(p, "{arg}", 5) == 0)
			return 1;
	return 0;
}

/*
 * Follows path p (its rest, from node n) as the layout's resolve() does,
 * "{arg}" replaced by `arg` or, when arg is NULL, standing for any key.
 * Returns 2 when some node it reaches fits `want`, 1 when it reaches only
 * nodes that do not, 0 when it reaches none; notes them in `out`.
 */
static int
reach(const struct schema_node *n, const char *p, const char *arg, int want,
    struct reached *out)
{
	const struct schema_node *m;
	const char *e = strchr(p, '.');
	struct buf seg = BUF_INIT;
	size_t i;
	int r, best = 0;

	if (n == NULL)
		return 0;
	if (e == NULL)
		e = p + strlen(p);
	if (arg == NULL && has_arg(p, e)) {
		/* Any member: the best of them. */
		for (i = 0; (m = schema_member_at(n, i)) != NULL && best < 2;
		    i++) {
			r = *e ? reach(m, e + 1, arg, want, out) :
			    reached_end(m, want, out);
			if (r > best)
				best = r;
		}
		return best;
	}
	while (p < e) {
		if (e - p >= 5 && memcmp(p, "{arg}", 5) == 0) {
			buf_addstr(&seg, arg);
			p += 5;
		} else
			buf_addch(&seg, *p++);
	}
	if ((schema_types(n) & SCHEMA_ARRAY) && seg.len > 0 &&
	    strspn(seg.ptr, "0123456789") == seg.len)
		m = schema_element(n);
	else
		m = schema_member(n, seg.ptr, seg.len);
	buf_release(&seg);
	if (m == NULL)
		return 0;
	return *e ? reach(m, e + 1, arg, want, out) : reached_end(m, want, out);
}

/*
 * Where ref `ref` of spec `sp` leads from `view` (`arg` as for reach): in
 * the element of its series' `each` for the paths the layout reads there,
 * the element then the view for a bullet's numbers. Returns as reach does,
 * or -1 when the series' `each` leads to no list of objects (an error of
 * its own).
 */
static int
ref_reach(const struct spec *sp, const struct spec_ref *ref,
    const struct schema_node *view, const char *arg, struct reached *out)
{
	const struct spec_series *ss = ref->series >= 0 ?
	    &sp->series[ref->series] : NULL;
	struct reached each = { NULL, NULL };
	int r;

	memset(out, 0, sizeof(*out));
	if (ss == NULL || ss->each == NULL || ref->want == REF_EACH)
		return reach(view, ref->path, arg, ref->want, out);
	if (reach(view, ss->each, arg, REF_EACH, &each) != 2)
		return -1;
	r = reach(schema_element(each.hit), ref->path, arg, ref->want, out);
	if (r == 0 && ref->want == REF_NUMBER)
		r = reach(view, ref->path, arg, ref->want, out);
	return r;
}

/* Reports what is wrong with a path (r from ref_reach) at file:line:col. */
static void
ref_error(const char *file, size_t line, size_t col, const char *path,
    int r, const struct reached *out, int want, const char *tail)
{
	struct buf t = BUF_INIT;

	if (r == 0) {
		diag_at(file, line, col, "'%s' is not in the view model%s",
		    path, tail);
		return;
	}
	schema_type_name(schema_types(out->miss), &t);
	diag_at(file, line, col, "'%s' is of type %s; the chart needs %s%s",
	    path, t.ptr, wants[want], tail);
	buf_release(&t);
}

int
chart_set_check(const struct chart_set *cs, const struct schema_node *view)
{
	struct reached out;
	size_t i, k;
	int r, rc = 0;

	for (i = 0; i < cs->n; i++) {
		const struct spec *sp = &cs->v[i];

		for (k = 0; k < sp->nrefs; k++) {
			const struct spec_ref *ref = &sp->refs[k];

			if ((r = ref_reach(sp, ref, view, NULL, &out)) == 2 ||
			    r < 0)
				continue;
			ref_error(sp->file, ref->line, ref->col, ref->path, r,
			    &out, ref->want, "");
			rc = -1;
		}
	}
	return rc;
}

int
chart_check_use(const struct chart_set *cs, const struct schema_node *view,
    const char *name, const char *arg, const char *file, size_t line,
    size_t col)
{
	const struct spec *sp = chart_set_find(cs, name);
	struct reached out;
	struct buf path = BUF_INIT, tail = BUF_INIT;
	size_t k;
	int r, rc = 0;

	if (sp == NULL)
		return 0;
	for (k = 0; k < sp->nrefs; k++) {
		const struct spec_ref *ref = &sp->refs[k];
		const char *p;

		if (strstr(ref->path, "{arg}") == NULL)
			continue;
		if (arg == NULL || *arg == '\0') {
			diag_at(file, line, col, "chart '%s' needs an argument "
			    "for its paths' {arg} (chart %s FIGURE)", name,
			    name);
			rc = -1;
			break;
		}
		/* Bad for any argument: chart_set_check says so. */
		if (ref_reach(sp, ref, view, NULL, &out) != 2 ||
		    (r = ref_reach(sp, ref, view, arg, &out)) == 2)
			continue;
		buf_reset(&path);
		for (p = ref->path; *p; )
			if (strncmp(p, "{arg}", 5) == 0) {
				buf_addstr(&path, arg);
				p += 5;
			} else
				buf_addch(&path, *p++);
		buf_reset(&tail);
		buf_addf(&tail, " (chart %s %s, %s:%zu:%zu)", name, arg,
		    sp->file, ref->line, ref->col);
		ref_error(file, line, col, path.ptr, r < 0 ? 0 : r, &out,
		    ref->want, tail.ptr);
		rc = -1;
	}
	buf_release(&path);
	buf_release(&tail);
	return rc;
}
