/*
 * jcompare: compares a view model (data.json, on standard input) with the
 * expected values of one month of a metrics case (tests/metrics/caseN/).
 *
 *   jcompare EXPECTED.json MONTH [LABEL] < data.json
 *       prints "ok - LABEL MONTH PATH" or "FAIL - LABEL MONTH PATH: got X
 *       want Y" for every path of months.MONTH in EXPECTED.json; exits 0
 *       when all match, 1 when any does not, 2 on bad usage or input.
 *   jcompare --list EXPECTED.json
 *       prints the expected tenant, then each month, one per line.
 *
 * EXPECTED.json is { "tenant": ID, "months": { MONTH: { PATH: VALUE } } }.
 * A PATH is dot-separated keys; a key may be followed by selectors:
 * `name[k=v]` picks the one element of the array `name` whose member k
 * equals v (a string, or an integer or boolean written as text),
 * `name[k1=v1,k2=v2]` the one where all hold, and `name[N]` element N
 * (0-based). VALUE:
 *   null               the path must exist and be null;
 *   a number           a number a with |a - b| <= 1e-12 * max(|a|, |b|), or
 *                      both exactly 0;
 *   a string, boolean  exactly that;
 *   an array           an array of the same length, element by element;
 *   an object          an object holding at least those keys, each equal;
 *   "(absent)"         the path must not resolve (no such key or element).
 *
 * Build: cc -std=c11 -Wall -Wextra -o jcompare jcompare.c -ljansson -lm
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REL_TOL 1e-12
#define ABSENT "(absent)"

enum { RESOLVED, MISSING, BAD_PATH };

/* Copies the n bytes at s into a new NUL-terminated string (caller frees). */
static char *
xstrndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p == NULL) {
		fputs("jcompare: out of memory\n", stderr);
		exit(2);
	}
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Whether the JSON scalar v equals the text want (a selector's value). */
static int
scalar_is(const json_t *v, const char *want)
{
	char buf[64];

	if (json_is_string(v))
		return strcmp(json_string_value(v), want) == 0;
	if (json_is_integer(v)) {
		snprintf(buf, sizeof buf, "%lld",
		    (long long)json_integer_value(v));
		return strcmp(buf, want) == 0;
	}
	if (json_is_true(v))
		return strcmp(want, "true") == 0;
	if (json_is_false(v))
		return strcmp(want, "false") == 0;
	if (json_is_null(v))
		return strcmp(want, "null") == 0;
	return 0;
}

/* Whether the selector text sel (length n) is k=v[,k=v]..., each k non-empty. */
static int
selector_valid(const char *sel, size_t n)
{
	size_t i = 0;

	while (i <= n) {
		size_t j = i;
		const char *eq;

		while (j < n && sel[j] != ',')
			j++;
		eq = memchr(sel + i, '=', j - i);
		if (eq == NULL || eq == sel + i)
			return 0;
		i = j + 1;
	}
	return 1;
}

/*
 * Whether the array element e satisfies every condition of the selector
 * text sel (k=v[,k=v]..., length n, valid by selector_valid()).
 */
static int
element_matches(const json_t *e, const char *sel, size_t n)
{
	size_t i = 0;

	if (!json_is_object(e))
		return 0;
	while (i < n) {
		size_t j = i, eq;
		char *key, *val;
		const json_t *m;
		int ok;

		while (j < n && sel[j] != ',')
			j++;
		eq = (size_t)((const char *)memchr(sel + i, '=', j - i) - sel);
		key = xstrndup(sel + i, eq - i);
		val = xstrndup(sel + eq + 1, j - eq - 1);
		m = json_object_get(e, key);
		ok = m != NULL && scalar_is(m, val);
		free(key);
		free(val);
		if (!ok)
			return 0;
		i = j + 1;
	}
	return 1;
}

/*
 * Applies the selector sel (the text between brackets, length n) to *cur.
 * Returns RESOLVED, MISSING or BAD_PATH; *why says what went wrong.
 */
static int
apply_selector(const json_t **cur, const char *sel, size_t n,
    const char **why)
{
	const json_t *hit = NULL, *e;
	size_t i, count = 0;
	int digits = n > 0;

	if (!json_is_array(*cur)) {
		*why = "not an array";
		return MISSING;
	}
	for (i = 0; i < n; i++)
		if (sel[i] < '0' || sel[i] > '9')
			digits = 0;
	if (digits) {
		char *idx = xstrndup(sel, n);
		size_t k = (size_t)strtoull(idx, NULL, 10);

		free(idx);
		if (k >= json_array_size(*cur)) {
			*why = "index past the end of the array";
			return MISSING;
		}
		*cur = json_array_get(*cur, k);
		return RESOLVED;
	}
	if (!selector_valid(sel, n)) {
		*why = "malformed selector";
		return BAD_PATH;
	}
	for (i = 0; i < json_array_size(*cur); i++) {
		e = json_array_get(*cur, i);
		if (element_matches(e, sel, n)) {
			hit = e;
			count++;
		}
	}
	if (count == 0) {
		*why = "no element matches";
		return MISSING;
	}
	if (count > 1) {
		*why = "more than one element matches";
		return BAD_PATH;
	}
	*cur = hit;
	return RESOLVED;
}

/*
 * Resolves path in root. Returns RESOLVED (with *out set), MISSING or
 * BAD_PATH (with *why set).
 */
static int
resolve(const json_t *root, const char *path, const json_t **out,
    const char **why)
{
	const json_t *cur = root;
	const char *p = path;

	while (*p != '\0') {
		size_t n = 0;
		char *key;

		while (p[n] != '\0' && p[n] != '.' && p[n] != '[')
			n++;
		if (n == 0) {
			*why = "empty key";
			return BAD_PATH;
		}
		if (!json_is_object(cur)) {
			*why = "not an object";
			return MISSING;
		}
		key = xstrndup(p, n);
		cur = json_object_get(cur, key);
		free(key);
		if (cur == NULL) {
			*why = "no such key";
			return MISSING;
		}
		p += n;
		while (*p == '[') {
			const char *close = strchr(p, ']');
			int rc;

			if (close == NULL) {
				*why = "unclosed '['";
				return BAD_PATH;
			}
			rc = apply_selector(&cur, p + 1,
			    (size_t)(close - p - 1), why);
			if (rc != RESOLVED)
				return rc;
			p = close + 1;
		}
		if (*p == '.')
			p++;
		else if (*p != '\0') {
			*why = "junk after ']'";
			return BAD_PATH;
		}
	}
	*out = cur;
	return RESOLVED;
}

/* Whether the numbers a and b are equal within the relative tolerance. */
static int
num_equal(double a, double b)
{
	double m = fmax(fabs(a), fabs(b));

	if (a == 0 && b == 0)
		return 1;
	if (!isfinite(a) || !isfinite(b))
		return 0;
	return fabs(a - b) <= REL_TOL * m;
}

/* Whether got matches the expected value want (rules at the top). */
static int
matches(const json_t *got, const json_t *want)
{
	size_t i;
	const char *k;
	json_t *w;

	if (json_is_null(want))
		return json_is_null(got);
	if (json_is_number(want))
		return json_is_number(got) &&
		    num_equal(json_number_value(got), json_number_value(want));
	if (json_is_string(want))
		return json_is_string(got) &&
		    strcmp(json_string_value(got), json_string_value(want)) == 0;
	if (json_is_boolean(want))
		return json_is_boolean(got) &&
		    json_is_true(got) == json_is_true(want);
	if (json_is_array(want)) {
		if (!json_is_array(got) ||
		    json_array_size(got) != json_array_size(want))
			return 0;
		for (i = 0; i < json_array_size(want); i++)
			if (!matches(json_array_get(got, i),
			    json_array_get(want, i)))
				return 0;
		return 1;
	}
	if (!json_is_object(got))
		return 0;
	json_object_foreach((json_t *)want, k, w) {
		const json_t *g = json_object_get(got, k);

		if (g == NULL || !matches(g, w))
			return 0;
	}
	return 1;
}

/* Prints v compactly (or "(absent)" for NULL); reals in the shortest form. */
static void
print_value(const json_t *v)
{
	char *s;

	if (v == NULL) {
		fputs(ABSENT, stdout);
		return;
	}
	if (json_is_real(v)) {
		double d = json_real_value(v);
		char buf[40];
		int prec;

		for (prec = 15; prec < 17; prec++) {
			snprintf(buf, sizeof buf, "%.*g", prec, d);
			if (strtod(buf, NULL) == d)
				break;
		}
		printf("%.*g", prec, d);
		return;
	}
	s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	fputs(s != NULL ? s : "?", stdout);
	free(s);
}

/* Loads the expected file; exits 2 when it cannot. */
static json_t *
load_expected(const char *path)
{
	json_error_t err;
	json_t *e = json_load_file(path, JSON_REJECT_DUPLICATES, &err);

	if (e == NULL) {
		fprintf(stderr, "jcompare: %s:%d:%d: %s\n", path, err.line,
		    err.column, err.text);
		exit(2);
	}
	if (!json_is_object(e) || !json_is_string(json_object_get(e, "tenant")) ||
	    !json_is_object(json_object_get(e, "months"))) {
		fprintf(stderr, "jcompare: %s: want an object with 'tenant' "
		    "(string) and 'months' (object)\n", path);
		exit(2);
	}
	return e;
}

static void
usage(void)
{
	fputs("usage: jcompare EXPECTED.json MONTH [LABEL] < data.json\n"
	    "       jcompare --list EXPECTED.json\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	json_t *exp, *paths, *want, *data;
	json_error_t err;
	const char *label, *month, *path, *mon;
	int failed = 0;

	if (argc == 3 && strcmp(argv[1], "--list") == 0) {
		exp = load_expected(argv[2]);
		puts(json_string_value(json_object_get(exp, "tenant")));
		json_object_foreach(json_object_get(exp, "months"), mon, paths)
			puts(mon);
		json_decref(exp);
		return 0;
	}
	if (argc < 3 || argc > 4 || argv[1][0] == '-')
		usage();
	exp = load_expected(argv[1]);
	month = argv[2];
	label = argc == 4 ? argv[3] : argv[1];
	paths = json_object_get(json_object_get(exp, "months"), month);
	if (!json_is_object(paths)) {
		fprintf(stderr, "jcompare: %s: no object for month '%s'\n",
		    argv[1], month);
		json_decref(exp);
		return 2;
	}
	data = json_loadf(stdin, JSON_REJECT_DUPLICATES, &err);
	if (data == NULL) {
		printf("FAIL - %s %s (data.json does not parse: %d:%d: %s)\n",
		    label, month, err.line, err.column, err.text);
		json_decref(exp);
		return 1;
	}
	json_object_foreach(paths, path, want) {
		const json_t *got = NULL;
		const char *why = "";
		int rc = resolve(data, path, &got, &why);
		int want_absent = json_is_string(want) &&
		    strcmp(json_string_value(want), ABSENT) == 0;
		int ok;

		if (rc == BAD_PATH) {
			printf("FAIL - %s %s %s: bad path (%s)\n", label, month,
			    path, why);
			failed++;
			continue;
		}
		ok = want_absent ? rc == MISSING :
		    rc == RESOLVED && matches(got, want);
		if (ok) {
			printf("ok - %s %s %s\n", label, month, path);
			continue;
		}
		failed++;
		printf("FAIL - %s %s %s: got ", label, month, path);
		print_value(rc == RESOLVED ? got : NULL);
		if (rc == MISSING)
			printf(" [%s]", why);
		fputs(" want ", stdout);
		print_value(want);
		putchar('\n');
	}
	json_decref(data);
	json_decref(exp);
	return failed ? 1 : 0;
}
