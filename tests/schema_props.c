/*
 * schema_props.c: the schema (src/schema.c) against view models as roic
 * writes them. usage: schema_props FILE.json... Prints a line for each key
 * of a file that the schema lacks ("extra PATH in FILE") or whose value has
 * a type the schema does not give it ("type PATH in FILE: TYPE"), then each
 * key of the schema that no file had ("unseen PATH"). Exits 1 after
 * extra or type lines, else 0. `schema_props --keys CONTEXT` prints the
 * paths of `page` of report, portal or layout, one a line, each followed
 * by "value" or "list-or-object".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "util.h"

static json_t *seen;
static int bad;

static unsigned
types_of(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return SCHEMA_OBJECT;
	case JSON_ARRAY: return SCHEMA_ARRAY;
	case JSON_STRING: return SCHEMA_STRING;
	case JSON_INTEGER: return SCHEMA_NUMBER;
	case JSON_REAL: return SCHEMA_NUMBER;
	case JSON_TRUE:
	case JSON_FALSE: return SCHEMA_BOOL;
	default: return SCHEMA_NULL;
	}
}

static void
walk(const struct schema_node *n, const json_t *v, const char *path,
    const char *file)
{
	const char *key;
	json_t *m;
	size_t i;

	json_object_set_new(seen, schema_path(n), json_true());
	if (!(types_of(v) & schema_types(n)) || (json_is_real(v) &&
	    (schema_types(n) & SCHEMA_INTEGER))) {
		struct buf t = BUF_INIT;

		schema_type_name(types_of(v) | (json_is_integer(v) ?
		    SCHEMA_INTEGER : 0), &t);
		printf("type %s in %s: %s\n", path, file, t.ptr);
		buf_release(&t);
		bad = 1;
	}
	if (json_is_object(v))
		json_object_foreach((json_t *)v, key, m) {
			const struct schema_node *k = schema_member(n, key,
			    strlen(key));
			struct buf p = BUF_INIT;

			buf_addf(&p, "%s%s%s", path, *path ? "." : "", key);
			if (k == NULL) {
				printf("extra %s in %s\n", p.ptr, file);
				bad = 1;
			} else
				walk(k, m, p.ptr, file);
			buf_release(&p);
		}
	else if (json_is_array(v))
		json_array_foreach(v, i, m) {
			struct buf p = BUF_INIT;

			buf_addf(&p, "%s[]", path);
			if (schema_element(n) == NULL) {
				printf("extra %s in %s\n", p.ptr, file);
				bad = 1;
			} else
				walk(schema_element(n), m, p.ptr, file);
			buf_release(&p);
		}
}

/* Prints the keys below n that no file had. */
static void
unseen(const struct schema_node *n)
{
	const struct schema_node *k;
	size_t i;

	if (json_object_get(seen, schema_path(n)) == NULL)
		printf("unseen %s\n", schema_path(n));
	for (i = 0; (k = schema_member_at(n, i)) != NULL; i++)
		unseen(k);
	if (schema_element(n) != NULL)
		unseen(schema_element(n));
}

static void
keys(const struct schema_node *n)
{
	const struct schema_node *k;
	size_t i;

	if (!schema_any_key(n))
		printf("%s %s\n", schema_path(n), schema_types(n) &
		    (SCHEMA_OBJECT | SCHEMA_ARRAY) ? "list-or-object" : "value");
	for (i = 0; (k = schema_member_at(n, i)) != NULL; i++)
		keys(k);
	if (schema_element(n) != NULL)
		keys(schema_element(n));
}

int
main(int argc, char **argv)
{
	struct schema *s = schema_load(NULL);
	json_error_t je;
	json_t *v;
	int i;

	if (s == NULL)
		return 2;
	if (argc == 3 && strcmp(argv[1], "--keys") == 0) {
		enum schema_context c = strcmp(argv[2], "report") == 0 ?
		    SCHEMA_REPORT : strcmp(argv[2], "portal") == 0 ?
		    SCHEMA_PORTAL : SCHEMA_LAYOUT;

		keys(schema_member(schema_root(s, c), "page", 4));
		schema_free(s);
		return 0;
	}
	seen = json_object();
	for (i = 1; i < argc; i++) {
		if ((v = json_load_file(argv[i], 0, &je)) == NULL) {
			fprintf(stderr, "%s: %s\n", argv[i], je.text);
			return 2;
		}
		walk(schema_root(s, SCHEMA_VIEW), v, "", argv[i]);
		json_decref(v);
	}
	unseen(schema_root(s, SCHEMA_VIEW));
	json_decref(seen);
	schema_free(s);
	return bad;
}
