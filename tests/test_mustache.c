/* test_mustache.c: the official Mustache spec, escaping, numbers, errors, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mustache.h"

/* Partials from a JSON object (the spec's `partials`), by name. */
static int
json_loader(void *ctx, const char *name, struct buf *out)
{
	json_t *v = ctx ? json_object_get(ctx, name) : NULL;

	if (!json_is_string(v))
		return -1;
	buf_add(out, json_string_value(v), json_string_length(v));
	return 0;
}

/* Renders with escaping `e` and partials `partials` (may be NULL); the
 * output goes to `out`. Returns what mustache_render returns. */
static int
render(const char *tmpl, json_t *data, json_t *partials,
    enum mustache_escape e, int max_depth, struct buf *out)
{
	struct mustache_opts o = { e, json_loader, partials, "t.md", max_depth };

	return mustache_render(tmpl, strlen(tmpl), data, &o, out);
}

/* Runs template `tmpl` with stderr captured into `err`. */
static int
render_err(const char *tmpl, json_t *data, json_t *partials, int max_depth,
    struct buf *out, struct buf *err)
{
	char path[] = "/tmp/test_mustache.XXXXXX";
	int fd = mkstemp(path), saved, ret;

	assert_true(fd >= 0);
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	ret = render(tmpl, data, partials, MUSTACHE_HTML, max_depth, out);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	assert_int_equal(read_file(path, 1 << 20, err), 0);
	unlink(path);
	return ret;
}

static const char *modules[] = {
	"comments", "delimiters", "interpolation", "inverted", "partials",
	"sections", "~inheritance",
};

static void
test_spec(void **state)
{
	const char *dir = getenv("MUSTACHE_SPEC");
	struct buf path = BUF_INIT, out = BUF_INIT, failed = BUF_INIT;
	json_error_t jerr;
	json_t *doc, *tests, *t;
	size_t m, i, pass, total = 0, passed = 0;

	(void)state;
	if (!dir || !*dir)
		dir = "../shared/conformance/mustache-spec";
	for (m = 0; m < ARRAY_SIZE(modules); m++) {
		buf_reset(&path);
		buf_addf(&path, "%s/%s.json", dir, modules[m]);
		doc = json_load_file(path.ptr, 0, &jerr);
		if (!doc)
			fail_msg("%s: %s", path.ptr, jerr.text);
		tests = json_object_get(doc, "tests");
		assert_true(json_is_array(tests));
		pass = 0;
		json_array_foreach(tests, i, t) {
			const char *tmpl = json_string_value(
			    json_object_get(t, "template"));
			const char *want = json_string_value(
			    json_object_get(t, "expected"));
			int ret;

			assert_non_null(tmpl);
			assert_non_null(want);
			buf_reset(&out);
			ret = render(tmpl, json_object_get(t, "data"),
			    json_object_get(t, "partials"), MUSTACHE_HTML, 0,
			    &out);
			if (ret == 0 && strcmp(out.ptr, want) == 0) {
				pass++;
				continue;
			}
			buf_addf(&failed, "  %s: %s\n", modules[m],
			    json_string_value(json_object_get(t, "name")));
		}
		printf("# %s: %zu/%zu\n", modules[m][0] == '~' ?
		    modules[m] + 1 : modules[m], pass, json_array_size(tests));
		total += json_array_size(tests);
		passed += pass;
		json_decref(doc);
	}
	if (passed != total)
		fail_msg("%zu of %zu spec tests failed:\n%s", total - passed,
		    total, failed.ptr);
	buf_release(&path);
	buf_release(&out);
	buf_release(&failed);
}

static void
check(const char *tmpl, const char *json, enum mustache_escape e,
    const char *want)
{
	struct buf out = BUF_INIT;
	json_t *data = json_loads(json, JSON_DECODE_ANY, NULL);

	assert_non_null(data);
	assert_int_equal(render(tmpl, data, NULL, e, 0, &out), 0);
	assert_string_equal(out.ptr, want);
	buf_release(&out);
	json_decref(data);
}

static void
test_markdown(void **state)
{
	(void)state;
	check("{{x}}", "{\"x\": \"*a* [b](c) #_1.5 `d` <e>\"}",
	    MUSTACHE_MARKDOWN,
	    "\\*a\\* \\[b\\]\\(c\\) \\#\\_1\\.5 \\`d\\` \\<e\\>");
	check("{{x}}", "{\"x\": \"a\\r\\nb\\tc\\n- d\"}", MUSTACHE_MARKDOWN,
	    "a  b c \\- d");
	check("{{x}}", "{\"x\": \"!\\\"#$%&'()*+,-./:;<=>?@[\\\\]^_`{|}~\"}",
	    MUSTACHE_MARKDOWN, "\\!\\\"\\#\\$\\%\\&\\'\\(\\)\\*\\+\\,\\-\\.\\/"
	    "\\:\\;\\<\\=\\>\\?\\@\\[\\\\\\]\\^\\_\\`\\{\\|\\}\\~");
	check("{{x}}", "{\"x\": \"Sant\\u00e9 42\"}", MUSTACHE_MARKDOWN,
	    "Sant\xc3\xa9 42");
	check("{{{x}}}|{{&x}}", "{\"x\": \"*a*\"}", MUSTACHE_MARKDOWN,
	    "*a*|*a*");
	check("{{x}}", "{\"x\": \"<a href='x'>&\\\"\"}", MUSTACHE_HTML,
	    "&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
	check("{{x}}", "{\"x\": \"<*>\"}", MUSTACHE_NONE, "<*>");
}

static void
test_numbers(void **state)
{
	(void)state;
	check("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}",
	    "{\"a\": 1.210, \"b\": 3, \"c\": -0.5, \"d\": 0.1, \"e\": 2.0,"
	    " \"f\": 1e300}", MUSTACHE_NONE, "1.21 3 -0.5 0.1 2 1e+300");
	check("{{a}}", "{\"a\": 0.30000000000000004}", MUSTACHE_NONE,
	    "0.30000000000000004");
	check("{{a}}", "{\"a\": -9007199254740993}", MUSTACHE_NONE,
	    "-9007199254740993");
	check("{{a}}", "{\"a\": 1.5}", MUSTACHE_MARKDOWN, "1\\.5");
}

static void
expect_error(const char *tmpl, json_t *partials, int depth, const char *msg)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	json_t *data = json_object();

	assert_int_equal(render_err(tmpl, data, partials, depth, &out, &err),
	    -1);
	if (!strstr(err.ptr, msg))
		fail_msg("want '%s', got '%s'", msg, err.ptr);
	buf_release(&out);
	buf_release(&err);
	json_decref(data);
}

static void
test_errors(void **state)
{
	(void)state;
	expect_error("line one\n  ab {{#items}}\n{{x}}\n",
	    NULL, 0, "t.md:2:6: error: unclosed section 'items'\n");
	expect_error("{{#a}}\n{{/b}}", NULL, 0,
	    "t.md:2:1: error: 'b' closes section 'a' opened at 1:1\n");
	expect_error("x\n{{/b}}", NULL, 0,
	    "t.md:2:1: error: no open section to close 'b'\n");
	expect_error("ab {{x", NULL, 0, "t.md:1:4: error: unclosed tag\n");
	expect_error("{{x y}}", NULL, 0, "t.md:1:1: error: bad tag name\n");
	expect_error("{{}}", NULL, 0, "t.md:1:1: error: empty tag\n");
	expect_error("{{= | =}}", NULL, 0,
	    "t.md:1:1: error: bad delimiter change\n");
	expect_error("{{=a=}}", NULL, 0,
	    "t.md:1:1: error: bad delimiter change\n");
	expect_error("{{{x}}", NULL, 0, "t.md:1:1: error: unclosed tag\n");
}

static void
test_depth(void **state)
{
	json_t *p = json_pack("{s:s, s:s}", "self", "x{{>self}}",
	    "bad", "{{#a}}");
	char name[16], text[64];
	int i;

	(void)state;
	/* bomb0 renders bomb1 twice, ..., bomb40 is "x": 2^40 lines. */
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "bomb%d", i);
		snprintf(text, sizeof(text), "{{>bomb%d}}\n{{>bomb%d}}", i + 1,
		    i + 1);
		json_object_set_new(p, name, json_string(text));
	}
	json_object_set_new(p, "bomb40", json_string("x"));
	expect_error("{{>self}}", p, 0,
	    "self:1:2: error: partials nested more than 64 deep at 'self'\n");
	expect_error("{{>self}}", p, 5,
	    "self:1:2: error: partials nested more than 5 deep at 'self'\n");
	expect_error("{{<self}}{{/self}}", p, 0, "more than 64 deep");
	expect_error("{{>bad}}", p, 0,
	    "bad:1:1: error: unclosed section 'a'\n");
	expect_error("{{>bomb0}}", p, 0, "too costly");
	json_object_set_new(p, "p", json_string("{{$a}}{{/a}}"));
	expect_error("{{<p}}{{$a}}{{$a}}{{/a}}{{/a}}{{/p}}", p, 0,
	    "blocks nested more than 64 deep at 'a'");
	json_decref(p);
}

/* Odd templates must fail or render, never crash or hang. */
static void
test_robust(void **state)
{
	static const char *cases[] = {
		"{{", "}}", "{{{", "{{{}}}", "{{#}}", "{{/}}", "{{=}}",
		"{{==}}", "{{=<% %>=}}<%", "{{=<% %>=}}<%={{ }}=%>{{x}}",
		"{{!", "{{#a}}{{/a}}{{/a}}", "{{^a}}", "{{$a}}", "{{<a}}",
		"{{>a}}", "{{>}}", "{{&}}", "\n\n  {{#a}}  \r\n{{/a}}\r",
		"{{<p}}{{/p}}{{<p}}{{$x}}{{/x}}{{/p}}", "{{a.}}", "{{.a}}",
		"{{a..b}}", "{{#.}}{{.}}{{/.}}", "  {{>p}}\r", "\r\n{{>p}}",
		"{{$a}}\n  {{$a}}\n{{/a}}\n{{/a}}",
		"{{<p}}{{$a}}\n  x\n{{/a}}{{/p}}",
	};
	json_t *data = json_loads("{\"a\": [1, {\"b\": null}, [[]], \"x\"],"
	    " \".\": 1, \"\": 2}", 0, NULL);
	json_t *p = json_pack("{s:s, s:s}", "p", "{{$a}}\n  y\n{{/a}}\n",
	    "a", "{{#a}}{{>a}}{{/a}}");
	struct buf out = BUF_INIT, err = BUF_INIT;
	size_t i;
	char deep[3000];

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		buf_reset(&out);
		buf_reset(&err);
		(void)render_err(cases[i], data, p, 0, &out, &err);
	}
	/* Deep nesting of sections is refused, not a stack overflow. */
	for (i = 0; i + 6 < sizeof(deep); i += 6)
		memcpy(deep + i, "{{#a}}", 6);
	deep[i] = '\0';
	buf_reset(&err);
	assert_int_equal(render_err(deep, data, p, 0, &out, &err), -1);
	assert_non_null(strstr(err.ptr, "nested too deeply"));
	/* No NUL needed after the template; NULL data is an empty context. */
	buf_reset(&out);
	{
		struct mustache_opts o = { MUSTACHE_HTML, NULL, NULL, "x", 0 };

		assert_int_equal(mustache_render("a{{b}}c{{#d}}", 7, NULL, &o,
		    &out), 0);
		assert_string_equal(out.ptr, "ac");
	}
	buf_release(&out);
	buf_release(&err);
	json_decref(data);
	json_decref(p);
}

/* Checking: contexts are the JSON values of a sample data object. */
static const void *
json_member(void *arg, const void *ctx, const char *name, size_t len)
{
	(void)arg;
	return json_is_object((json_t *)ctx) ? json_object_getn((json_t *)ctx,
	    name, len) : NULL;
}

static const void *
json_section(void *arg, const void *v)
{
	(void)arg;
	return json_is_array((json_t *)v) && json_array_size((json_t *)v) ?
	    json_array_get((json_t *)v, 0) : v;
}

static void
json_file(void *arg, const char *name, struct buf *out)
{
	(void)arg;
	buf_addf(out, "dir/partials/%s.md", name);
}

/* Checks `tmpl` against `data` with partials `partials`; stderr into err. */
static int
check_err(const char *tmpl, const char *data, const char *partials,
    struct buf *err)
{
	char path[] = "/tmp/test_mustache.XXXXXX";
	json_t *d = json_loads(data, 0, NULL);
	json_t *p = partials ? json_loads(partials, 0, NULL) : NULL;
	struct mustache_opts o = { MUSTACHE_MARKDOWN, json_loader, p, "t.md", 0 };
	struct mustache_names nm = { json_member, json_section, json_file, NULL,
		"the data" };
	int fd = mkstemp(path), saved, ret;

	assert_non_null(d);
	assert_true(partials == NULL || p != NULL);
	assert_true(fd >= 0);
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	ret = mustache_check(tmpl, strlen(tmpl), d, &nm, &o);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	buf_reset(err);
	assert_int_equal(read_file(path, 1 << 20, err), 0);
	unlink(path);
	json_decref(d);
	json_decref(p);
	return ret;
}

static void
test_check(void **state)
{
	static const char *data = "{\"tenant\": {\"name\": \"n\"}, "
	    "\"figures\": {\"tasks\": {\"display\": \"1\"}}, "
	    "\"systems\": [{\"name\": \"s\", \"figures\": {}}], "
	    "\"months\": [\"2026-10\"], \"c\": {\"a\": {}}, "
	    "\"a\": {\"b\": 1}, \"restatement\": null}";
	struct buf err = BUF_INIT;

	(void)state;
	/* What renders something passes: the stack, dots, ".", inverted. */
	assert_int_equal(check_err("{{tenant.name}} {{#systems}}{{name}} "
	    "{{tenant.name}} {{#figures}}{{/figures}}{{/systems}}{{#months}}"
	    "{{.}}{{/months}}{{^restatement}}{{figures.tasks.display}}"
	    "{{/restatement}}{{#figures.tasks}}{{display}}{{/figures.tasks}}"
	    "{{{a.b}}}{{&a.b}}", data, NULL, &err), 0);
	assert_string_equal(err.ptr, "");
	/* Each unknown name, where it is; all of them; once each. */
	assert_int_equal(check_err("# x\n\n- **{{figures.taks.display}}**\n"
	    "{{#systms}}{{name}}{{/systms}}\n{{^restatment}}{{/restatment}}\n"
	    "{{#systems}}{{nme}}{{/systems}}{{{figures.tasks.dsplay}}}\n"
	    "{{tenant.name.x}}{{a.}}{{.a}}", data, NULL, &err), -1);
	assert_string_equal(err.ptr,
	    "t.md:3:5: error: 'figures.taks.display' is not in the data\n"
	    "t.md:4:1: error: 'systms' is not in the data\n"
	    "t.md:5:1: error: 'restatment' is not in the data\n"
	    "t.md:6:13: error: 'nme' is not in the data\n"
	    "t.md:6:32: error: 'figures.tasks.dsplay' is not in the data\n"
	    "t.md:7:1: error: 'tenant.name.x' is not in the data\n"
	    "t.md:7:18: error: 'a.' is not in the data\n"
	    "t.md:7:24: error: '.a' is not in the data\n");
	/* A dotted name does not look further down the stack once its
	 * first name is found (c has an a without b), as rendering. */
	assert_int_equal(check_err("{{#c}}{{a.b}}{{/c}}", data, NULL, &err), -1);
	assert_string_equal(err.ptr, "t.md:1:7: error: 'a.b' is not in the data\n");
	/* Partials: in the context that includes them, named by their file;
	 * one that does not exist; a name wrong in one context only, once. */
	assert_int_equal(check_err("{{#systems}}{{> p}}{{/systems}}",
	    data, "{\"p\": \"{{name}}\"}", &err), 0);
	assert_int_equal(check_err("{{#systems}}{{> p}}{{/systems}}\n{{> p}}\n"
	    "{{> p}}\n{{> nope}}\n", data, "{\"p\": \"x {{name}}\"}", &err), -1);
	assert_string_equal(err.ptr,
	    "dir/partials/p.md:1:3: error: 'name' is not in the data\n"
	    "t.md:4:1: error: 'nope' is not a partial (no dir/partials/nope.md)\n");
	/* A partial's syntax error is reported in it. */
	assert_int_equal(check_err("{{> p}}", data, "{\"p\": \"{{#a}}\"}",
	    &err), -1);
	assert_string_equal(err.ptr,
	    "dir/partials/p.md:1:1: error: unclosed section 'a'\n");
	/* Inheritance: a block's override is checked where the parent puts
	 * it, with the parent's context; an overridden default is not. */
	assert_int_equal(check_err("{{<base}}{{$b}}{{name}}{{/b}}{{/base}}",
	    data, "{\"base\": \"{{#systems}}{{$b}}{{nope}}{{/b}}{{/systems}}\"}",
	    &err), 0);
	assert_int_equal(check_err("{{<base}}{{$b}}{{name}}{{/b}}{{/base}}",
	    data, "{\"base\": \"{{$b}}{{/b}}\"}", &err), -1);
	assert_string_equal(err.ptr, "t.md:1:16: error: 'name' is not in the data\n");
	assert_int_equal(check_err("{{<base}}{{/base}}\n{{<none}}{{/none}}",
	    data, "{\"base\": \"{{$b}}{{nope}}{{/b}}\"}", &err), -1);
	assert_string_equal(err.ptr,
	    "dir/partials/base.md:1:7: error: 'nope' is not in the data\n"
	    "t.md:2:1: error: 'none' is not a template (no dir/partials/none.md)\n");
	/* Recursion ends: each partial once a stack and blocks. */
	assert_int_equal(check_err("{{#systems}}{{> r}}{{/systems}}", data,
	    "{\"r\": \"{{name}}{{#systems}}{{> r}}{{/systems}}{{> r}}\"}",
	    &err), 0);
	assert_int_equal(check_err("{{> r}}", data,
	    "{\"r\": \"{{> r}}{{<r}}{{$b}}{{> r}}{{/b}}{{/r}}{{x}}\"}", &err), -1);
	assert_string_equal(err.ptr,
	    "dir/partials/r.md:1:39: error: 'x' is not in the data\n");
	/* Under an unknown section nothing more is reported. */
	assert_int_equal(check_err("{{#nope}}{{anything}}{{> p}}{{/nope}}",
	    data, "{\"p\": \"{{x}}\"}", &err), -1);
	assert_string_equal(err.ptr, "t.md:1:1: error: 'nope' is not in the data\n");
	buf_release(&err);
}

/* Every template of the spec is checked against its own data without
 * harm (names it lacks are reported; it renders them as nothing). */
static void
test_check_spec(void **state)
{
	const char *dir = getenv("MUSTACHE_SPEC");
	struct mustache_names nm = { json_member, json_section, NULL, NULL,
		"the data" };
	struct buf path = BUF_INIT;
	json_t *doc, *t;
	size_t m, i, n = 0;
	FILE *saved = stderr;

	(void)state;
	if (!dir || !*dir)
		dir = "../shared/conformance/mustache-spec";
	stderr = fopen("/dev/null", "w");
	for (m = 0; m < ARRAY_SIZE(modules); m++) {
		buf_reset(&path);
		buf_addf(&path, "%s/%s.json", dir, modules[m]);
		doc = json_load_file(path.ptr, 0, NULL);
		assert_non_null(doc);
		json_array_foreach(json_object_get(doc, "tests"), i, t) {
			const char *tmpl = json_string_value(json_object_get(t,
			    "template"));
			struct mustache_opts o = { MUSTACHE_HTML, json_loader,
				json_object_get(t, "partials"), "t", 0 };

			mustache_check(tmpl, strlen(tmpl), json_object_get(t,
			    "data"), &nm, &o);
			n++;
		}
		json_decref(doc);
	}
	fclose(stderr);
	stderr = saved;
	assert_true(n > 100);
	buf_release(&path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_robust),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_check_spec),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
