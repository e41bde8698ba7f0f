/* fuzz_chart.c: libFuzzer target for chart specs: read, and when valid,
 * its paths checked against the view model's schema, laid out from a view
 * model and drawn as SVG. */
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "chart_cairo.h"
#include "schema.h"
#include "view.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* A view model with a little of everything the paths may reach. */
static const char view_text[] =
	"{\"tenant\":{\"id\":\"f\",\"name\":\"F\",\"locale\":\"fr-CA\","
	"\"currency\":\"EUR\"},\"month\":\"2026-10\",\"brand\":{\"color\":"
	"\"#1F6FEB\"},\"targets\":{\"availability\":0.995},\"figures\":{"
	"\"roi\":{\"value\":0.5,\"series\":[1,null,3,-4,5,6,7,8,9,10,11,1e300]},"
	"\"tasks\":{\"value\":3,\"series\":[0,0,0,0,0,0,0,0,0,0,0,0]}},"
	"\"systems\":[{\"name\":\"a\",\"figures\":{\"roi\":{\"series\":[1,2]}}},"
	"{\"name\":\"b\"}],\"days\":[{\"date\":\"2026-10-01\",\"checks\":2,"
	"\"met\":1},{\"date\":\"x\",\"checks\":0,\"met\":0}],"
	"\"integrations\":[{\"endpoint\":\"e\",\"success_rate\":0.5}]}";

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct chart_set *cs;
	static json_t *view, *strings;
	static struct schema *schema;
	char *text = malloc(size + 1);
	struct buf svg = BUF_INIT;
	struct chart c;

	if (cs == NULL) {
		cs = chart_set_load(NULL);
		view = json_loads(view_text, 0, NULL);
		strings = view_strings(NULL, "fr-CA");
		schema = schema_load(NULL);
		if (cs == NULL || view == NULL || strings == NULL ||
		    schema == NULL)
			abort();
	}
	memcpy(text, data, size);
	text[size] = '\0';
	if (chart_set_add(cs, "fuzz", "fuzz.json", text, size) == 0) {
		chart_set_check(cs, schema_root(schema, SCHEMA_VIEW));
		chart_check_use(cs, schema_root(schema, SCHEMA_VIEW), "fuzz",
		    "roi", "t.md", 1, 1);
		if (chart_layout(cs, "fuzz", "roi", view,
		    json_object_get(strings, "labels"), &c) != 0 ||
		    chart_cairo_svg(&c, &svg) != 0)
			abort();
		chart_release(&c);
		buf_release(&svg);
	}
	free(text);
	return 0;
}
