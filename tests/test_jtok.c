/* test_jtok.c: the strict JSON parser: values, positions and errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "jtok.h"
#include "util.h"

static struct jdoc doc = JDOC_INIT;

static int
parse(const char *text)
{
	return jdoc_parse(&doc, text, strlen(text));
}

/* Parses text that must fail; checks the offset and the message start. */
static void
fails(const char *text, size_t off, const char *msg)
{
	if (parse(text) == 0)
		fail_msg("parsed: %s", text);
	if (doc.err_off != off || strncmp(doc.err, msg, strlen(msg)) != 0)
		fail_msg("%s: got %zu '%s', want %zu '%s'", text, doc.err_off,
		    doc.err, off, msg);
}

static void
test_values(void **state)
{
	size_t t;

	(void)state;
	assert_int_equal(parse("{\"a\": [1, -2.5, \"x\", true, false, null],"
	    " \"b\": {\"c\": 9007199254740993}}"), 0);
	assert_int_equal(doc.t[0].type, JT_OBJECT);
	assert_int_equal(doc.t[0].n, 2);
	t = jdoc_get(&doc, 0, "a");
	assert_int_equal(doc.t[t].type, JT_ARRAY);
	assert_int_equal(doc.t[t].n, 6);
	assert_int_equal(doc.t[jdoc_at(&doc, t, 0)].isint, 1);
	assert_int_equal(doc.t[jdoc_at(&doc, t, 0)].i, 1);
	assert_int_equal(doc.t[jdoc_at(&doc, t, 1)].isint, 0);
	assert_true(doc.t[jdoc_at(&doc, t, 1)].d == -2.5);
	assert_string_equal(doc.t[jdoc_at(&doc, t, 2)].s, "x");
	assert_int_equal(doc.t[jdoc_at(&doc, t, 3)].type, JT_TRUE);
	assert_int_equal(doc.t[jdoc_at(&doc, t, 5)].type, JT_NULL);
	assert_int_equal(jdoc_at(&doc, t, 6), JTOK_NONE);
	t = jdoc_get(&doc, jdoc_get(&doc, 0, "b"), "c");
	assert_int_equal(doc.t[t].i, 9007199254740993LL);
	assert_int_equal(jdoc_get(&doc, 0, "z"), JTOK_NONE);
	/* 19 digits do not fit the exact path: a double, not an integer. */
	assert_int_equal(parse("[12345678901234567890]"), 0);
	assert_int_equal(doc.t[1].isint, 0);
	assert_true(doc.t[1].d == 12345678901234567890.0);
	assert_int_equal(parse("[412.0, 4e2, -0]"), 0);
	assert_int_equal(doc.t[1].isint, 0);
	assert_int_equal(doc.t[2].isint, 0);
	assert_int_equal(doc.t[3].isint, 1);
}

static void
test_strings(void **state)
{
	(void)state;
	assert_int_equal(parse("[\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\u20ac"
	    "\\ud83d\\ude00\"]"), 0);
	assert_string_equal(doc.t[1].s, "a\"b\\c/d\n\t\xc3\xa9\xe2\x82\xac"
	    "\xf0\x9f\x98\x80");
	assert_int_equal(doc.t[1].n, strlen(doc.t[1].s));
	assert_int_equal(parse("[\"Sant\xc3\xa9\"]"), 0);
	assert_string_equal(doc.t[1].s, "Sant\xc3\xa9");
	fails("[\"a\\u0000b\"]", 3, "\\u0000 is not allowed");
	fails("[\"a\\x\"]", 3, "invalid escape");
	fails("[\"\\ud83d\"]", 2, "high surrogate without");
	fails("[\"\\ude00\"]", 2, "lone low surrogate");
	fails("[\"\\u12G4\"]", 2, "invalid \\u escape");
	fails("[\"a\tb\"]", 3, "control character");
	fails("[\"ab\ncd\"]", 1, "unterminated string (a line break");
	fails("[\"abc", 1, "unterminated string");
	fails("[\"\xc3(\"]", 2, "invalid UTF-8");
	fails("[\"\xed\xa0\x80\"]", 2, "invalid UTF-8");
}

static void
test_positions(void **state)
{
	const char *text = "{\n  \"k\": [10, {\"x\": \"y\"}],\n  \"m\": null\n}";
	size_t k, x;

	(void)state;
	assert_int_equal(parse(text), 0);
	k = jdoc_get(&doc, 0, "k");
	assert_int_equal(doc.t[k].off, 9);
	assert_int_equal(doc.t[k - 1].off, 4);	/* its key */
	assert_int_equal(doc.t[jdoc_at(&doc, k, 0)].off, 10);
	x = jdoc_get(&doc, jdoc_at(&doc, k, 1), "x");
	assert_int_equal(doc.t[x].off, 20);
	assert_int_equal(doc.t[jdoc_get(&doc, 0, "m")].off, 34);
	/* A byte-order mark is skipped. */
	assert_int_equal(parse("\xEF\xBB\xBF{\"a\":1}"), 0);
	assert_int_equal(doc.t[0].off, 3);
}

static void
test_errors(void **state)
{
	char big[4096], *p;
	int i;

	(void)state;
	fails("", 0, "empty file");
	fails("  \n", 3, "empty file");
	fails("{\"a\":1,}", 7, "a ',' before '}'");
	fails("[1,]", 3, "a ',' before ']'");
	fails("{\"a\":1 \"b\":2}", 7, "expected ',' or '}'");
	fails("{\"a\" 1}", 5, "expected ':'");
	fails("{a:1}", 1, "expected a key");
	fails("[01]", 1, "invalid number: no leading zeros");
	fails("[1.]", 1, "invalid number: a digit must follow the decimal");
	fails("[1e]", 1, "invalid number: a digit must follow the exponent");
	fails("[-]", 1, "invalid number");
	fails("[+1]", 1, "unexpected '+'");
	fails("[NaN]", 1, "NaN and Infinity");
	fails("[nul]", 1, "invalid literal");
	fails("[1] [2]", 4, "text after the end");
	fails("[1", 2, "unexpected end of file");
	fails("{\"a\":1, \"b\":2, \"a\":3}", 15, "duplicate key 'a'");
	/* Over 16 keys, duplicates are found with a hash table. */
	p = big;
	p += sprintf(p, "{");
	for (i = 0; i < 40; i++)
		p += sprintf(p, "\"k%d\":%d,", i, i);
	sprintf(p, "\"k7\":0}");
	fails(big, (size_t)(p - big), "duplicate key 'k7'");
	/* Nesting has a limit, so no input exhausts the stack. */
	memset(big, '[', 1000);
	big[1000] = '\0';
	fails(big, 128, "nested deeper than");
}

static int
teardown(void **state)
{
	(void)state;
	jdoc_release(&doc);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
