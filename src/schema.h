/*
 * schema.h: the schema of the view model (SPEC 5.0): every key that
 * data.json and the contexts of the templates can hold, with its type and
 * a line on what it means. The one list the template and chart checks,
 * the reference page (docs/templates.md) and the tests read.
 */
#ifndef ROIC_SCHEMA_H
#define ROIC_SCHEMA_H

#include <stddef.h>

#include <jansson.h>

#include "util.h"

/* Types a key's value may have (several bits: a union; NULL: may be null). */
enum {
	SCHEMA_OBJECT = 1 << 0,
	SCHEMA_ARRAY = 1 << 1,
	SCHEMA_STRING = 1 << 2,
	SCHEMA_NUMBER = 1 << 3,		/* integer or real */
	SCHEMA_INTEGER = 1 << 4,	/* always an integer */
	SCHEMA_BOOL = 1 << 5,
	SCHEMA_NULL = 1 << 6
};

/* What a schema describes: data.json, or the context of a template. */
enum schema_context {
	SCHEMA_VIEW,		/* the view model, data.json */
	SCHEMA_REPORT,		/* report.md: the view, i18n, page */
	SCHEMA_PORTAL,		/* portal.md: the latest view, i18n, page */
	SCHEMA_LAYOUT,		/* layout.html: either page's, page.content */
	SCHEMA_NCONTEXTS
};

struct schema;
struct schema_node;

/*
 * The schema, with `i18n` made of the keys of `labels` (n objects: the
 * "labels" of each locale's strings as loaded, their keys together).
 * Returns a new schema (free it with schema_free), or NULL after reporting
 * a mistake in the schema's own tables (a key before its parent).
 */
struct schema *schema_new(json_t *const *labels, size_t n);
void schema_free(struct schema *s);
/*
 * The schema of a build: i18n from the labels of every locale's strings,
 * templates/i18n/LOCALE.json, from folder `templates` (NULL: built in) or
 * built in (view_strings). NULL after reporting.
 */
struct schema *schema_load(const char *templates);

/* The root object of a context; borrowed from `s`. */
const struct schema_node *schema_root(const struct schema *s,
    enum schema_context c);

/*
 * The member `key` (len bytes) of object node `n`, or NULL when it has
 * none (or is not an object). Members of a map (targets.resolution_minutes)
 * are any key.
 */
const struct schema_node *schema_member(const struct schema_node *n,
    const char *key, size_t len);
/* The i-th member of n (0, 1, ...), NULL past the last. A map's one
 * member stands for any key. */
const struct schema_node *schema_member_at(const struct schema_node *n,
    size_t i);
/* The element of array node `n`, or NULL when it is not an array. */
const struct schema_node *schema_element(const struct schema_node *n);
/* Its types (SCHEMA_* bits). */
unsigned schema_types(const struct schema_node *n);
/* Its path as the reference writes it: "systems[].figures.FIGURE.value". */
const char *schema_path(const struct schema_node *n);
/* Its key: a member's name, "[]" for an element, "SEVERITY" (upper case)
 * for any key of a map. */
const char *schema_key(const struct schema_node *n);
/* 1 when n stands for any key of its map. */
int schema_any_key(const struct schema_node *n);

/* The node at a dotted path of a context's keys ("figures.roi.value";
 * "[]" after an array's name for its element: "systems[].name"), or NULL. */
const struct schema_node *schema_find(const struct schema *s,
    enum schema_context c, const char *path);

/* "string or null", "array", ... of SCHEMA_* bits, into out. */
void schema_type_name(unsigned types, struct buf *out);

/*
 * The figures that carry `formula` and `inputs` (the headline ones), in
 * the order of the figures; NULL-terminated, static.
 */
const char *const *schema_headline(void);

/* The data tables of `table NAME` (directive.c draws them): name, the
 * view model's list of their rows ("breached": "sla.breached"), what they
 * show; ending with a NULL name. */
struct schema_table {
	const char *name, *rows, *doc;
};
extern const struct schema_table schema_tables[];

/*
 * Appends a Markdown table of keys (key, type, meaning), from the tables
 * of schema.c: for SCHEMA_VIEW every key of data.json (a figure's keys
 * once, under figures.FIGURE); for any other context the keys of `page`,
 * each with the templates that have it. i18n: schema_doc_i18n.
 */
void schema_doc(const struct schema *s, enum schema_context c,
    struct buf *out);
/* A Markdown table of the figures: name, label in `labels` (a locale's),
 * whether a count, per system, headline (formula and inputs). */
void schema_doc_figures(struct buf *out, const json_t *labels);
/* The keys of i18n with their text in `labels` (one locale's). */
void schema_doc_i18n(const struct schema *s, const json_t *labels,
    struct buf *out);

#endif
