/* fuzz_mustache.c: libFuzzer target for Mustache templates: any text
 * rendered with data of every JSON type, partials "self" (the template
 * itself: recursion to the depth limit) and "p" (a fixed one). */
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

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static json_t *view;
	struct tmpl t = { data, size };
	struct mustache_opts o = { MUSTACHE_HTML, load, &t, "fuzz", 0 };

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
	return 0;
}
