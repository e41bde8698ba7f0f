/* fuzz_markdown.c: libFuzzer target for a report's Markdown and its
 * directives (cards, table, alerts, explain, chart, ...): any text
 * rendered as the HTML page and as the PDF, with the view model of a
 * fixture report (tests/fuzz/view.json). */
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "html.h"
#include "pdf.h"
#include "view.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static json_t *view, *strings;
	static struct chart_set *cs;
	struct chart_list cl = { 0 };
	struct pdf_opts po = { "MSP", 1793000000, NULL, 0 };
	struct buf out = BUF_INIT;

	if (view == NULL) {
		const char *path = getenv("FUZZ_VIEW");

		view = json_load_file(path ? path : "tests/fuzz/view.json", 0,
		    NULL);
		strings = view_strings(NULL, "fr-CA");
		cs = chart_set_load(NULL);
		if (view == NULL || strings == NULL || cs == NULL)
			abort();
	}
	cl.set = cs;
	if (html_render((const char *)data, size, view, json_object_get(strings,
	    "labels"), &cl, "fuzz.md", &out) == 0) {
		buf_reset(&out);
		pdf_render((const char *)data, size, view,
		    json_object_get(strings, "labels"), &cl, &po, &out);
	}
	chart_list_release(&cl);
	buf_release(&out);
	return 0;
}
