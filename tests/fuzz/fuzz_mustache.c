/* fuzz_mustache.c: libFuzzer target for Mustache templates: any text
 * rendered with data of every JSON type, partials "self" (the template
 * itself: recursion to the depth limit) and "p" (a fixed one), and its
 * names checked against that data (mustache_check). */
#include <stdlib.h>
#include <string.h>

#include "mustache.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

struct tmpl {
	const unsigned char *p;
	size_t n;
};

static int
load(void *ctx, const char *name, struct buf *out)
{
	const struct tmpl *t = ctx;

	if (strcmp(name, "self") == 0) {
		buf_add(out, t->p, t->n);
		return 0;
	}
	if (strcmp(name, "p") == 0) {
		buf_addstr(out, "{{#list}}<{{.}}>{{/list}}{{$b}}d{{/b}}\n");
		return 0;
	}
	return -1;
}

/* The check's contexts: the data's values. */
static const void *
member(void *arg, const void *ctx, const char *name, size_t len)
{
	(void)arg;
	return json_is_object((json_t *)ctx) ? json_object_getn((json_t *)ctx,
	    name, len) : NULL;
}

static const void *
section(void *arg, const void *v)
{
	(void)arg;
	return json_is_array((json_t *)v) && json_array_size((json_t *)v) ?
	    json_array_get((json_t *)v, 0) : v;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static json_t *view;
	struct tmpl t = { data, size };
	struct mustache_opts o = { MUSTACHE_HTML, load, &t, "fuzz", 0 };
	struct mustache_names nm = { member, section, NULL, NULL, "the data" };

	/* Each escape in turn: HTML, Markdown, none. */
	struct buf out = BUF_INIT;

	if (view == NULL &&
	    (view = json_loads("{\"a\":\"<&>\\\"'\",\"n\":1.5,\"t\":true,"
	    "\"f\":false,\"z\":null,\"list\":[1,\"x\",{\"a\":2},[3]],"
	    "\"o\":{\"a\":{\"b\":{\"c\":\"deep\"}}},\"e\":[],\"s\":\"\"}", 0,
	    NULL)) == NULL)
		abort();
	for (; o.escape <= MUSTACHE_NONE; o.escape++) {
		mustache_render((const char *)data, size, view, &o, &out);
		buf_release(&out);
	}
	mustache_check((const char *)data, size, view, &nm, &o);
	return 0;
}
