/*
 * templates_doc.c: writes docs/templates.md, the reference of the
 * templates and charts, on stdout: from the view model's schema
 * (src/schema.c), the built-in templates, strings and chart specs. `make
 * docs`; the suite compares the committed page with its output.
 */
#include <stdio.h>
#include <string.h>

#include "assets.h"
#include "directive.h"
#include "schema.h"
#include "util.h"
#include "view.h"

/* What each built-in template file is. */
static const struct {
	const char *name, *doc;
} files[] = {
	{ "report.md", "the monthly report: Markdown after Mustache, the page and the PDF" },
	{ "portal.md", "the tenant's portal: the latest report's headline, every report" },
	{ "layout.html", "the HTML around either page (the only raw HTML)" },
	{ "style.css", "the pages' style sheet, copied to the site's `assets/`" },
	{ "partials/headline.md", "the headline cards and how each is computed (`{{> headline}}`)" },
	{ "i18n/", "the strings of a locale: labels (i18n below), formulas, alert sentences" },
};

static const char intro[] =
"# Templates and charts: the reference\n"
"\n"
"<!-- Written by `make docs` (tools/templates_doc.c) from the view model's\n"
"     schema, src/schema.c, and the built-in templates and charts. Do not\n"
"     edit: the test suite checks that this page is what they make. -->\n"
"\n"
"A report is Markdown made by a Mustache template from the view model of a\n"
"tenant and month (`data.json`), with directives for what Markdown cannot\n"
"say (the cards, tables, charts), inside an HTML layout; the PDF typesets\n"
"the same Markdown. This page lists every name a template can use, every\n"
"directive and table, and how to override the built-in templates and\n"
"charts. `roic(1)` has the rest.\n"
"\n"
"## Where templates and charts come from\n"
"\n"
"The built-in templates (`templates/`) and chart specs (`charts/`) are\n"
"compiled into `roic`; `make install` also copies them to\n"
"`$(PREFIX)/share/roic/templates` and `$(PREFIX)/share/roic/charts`\n"
"(`/usr/local/share/roic/...` by default), to copy and edit:\n"
"\n"
"```sh\n"
"cp -r /usr/local/share/roic/templates my-templates\n"
"roic build --templates my-templates --charts my-charts\n"
"```\n"
"\n"
"- `--templates DIR` (`templates` in `roic.json`): a file of DIR wins over\n"
"  the built-in file of the same name, file by file; the others stay built\n"
"  in. A folder with only `partials/headline.md` changes the headline alone.\n"
"- `--charts DIR` (`charts` in `roic.json`): each `DIR/NAME.json` is a chart\n"
"  spec, over the built-in one of that name; a template places it with a\n"
"  `chart NAME` block.\n"
"\n";

static const char checked[] =
"## Checked before anything is written\n"
"\n"
"When `roic build` starts, every variable, section, inverted section and\n"
"partial of `report.md`, `portal.md`, `layout.html` and the partials they\n"
"include is looked up in its context as rendering would look it up, and\n"
"every path of every chart spec in the view model, against the schema\n"
"below (not one tenant's data: a key whose value is null is fine). Each\n"
"name that no view model can hold, each partial that does not exist, each\n"
"chart path that leads nowhere or to text where the chart draws numbers, and\n"
"each directive naming no figure, table or chart is reported at its file\n"
"(as given), line and column; then the build stops with exit status 2 and\n"
"writes nothing:\n"
"\n"
"```\n"
"my-templates/report.md:12:5: error: 'figures.taks.display' is not in the view model\n"
"my-charts/tasks.json:5:15: error: 'figures.tasks.serie' is not in the view model\n"
"```\n"
"\n"
"## Mustache\n"
"\n"
"| tag | what |\n"
"|---|---|\n"
"| `{{name}}` | the value, escaped for the output: in `.md` templates a backslash before each ASCII punctuation character (no value can start Markdown), in `layout.html` HTML entities; numbers in their shortest form; null as nothing |\n"
"| `{{{name}}}`, `{{&name}}` | the value as it is (`{{{page.content}}}`) |\n"
"| `{{#name}}...{{/name}}` | nothing when the value is null, false or an empty list; once per element of a list; else once; the value (or element) is the innermost context inside |\n"
"| `{{^name}}...{{/name}}` | once when the value is null, false or an empty list |\n"
"| `{{> name}}` | the partial `partials/name.md`, in the context where it stands |\n"
"| `{{< name}}{{$block}}...{{/block}}{{/name}}` | the template `partials/name.md` with its blocks `{{$block}}` replaced |\n"
"| `{{! comment}}`, `{{=<% %>=}}` | a comment; other delimiters |\n"
"\n"
"A name is looked up in the innermost context first, then outward;\n"
"`a.b.c` looks `a` up so, then `b` and `c` inside it; `{{.}}` is the\n"
"current element (of `{{#months}}{{.}}{{/months}}`).\n"
"\n"
"## The contexts\n"
"\n"
"- `report.md`: the view model of the report's month (below), `i18n`\n"
"  and `page`.\n"
"- `portal.md`: the view model of the latest report, `i18n` and `page`.\n"
"- `layout.html`: the context of the page it wraps, and `page.content`.\n"
"- a partial: the context where it is included.\n"
"\n";

static const char directives[] =
"## Directives\n"
"\n"
"A fenced code block whose info string names a directive is drawn by\n"
"roic, on the page and in the PDF, from the view model:\n"
"\n"
"````markdown\n"
"```chart hours_saved\n"
"```\n"
"````\n"
"\n"
"| directive | what |\n"
"|---|---|\n"
"| `cards` | the headline cards: each headline figure's value, previous month, change and 12-month sparkline (`chart sparkline FIGURE`, when there is a `sparkline` chart) |\n";

static const char chart_paths[] =
"\n"
"A spec's paths name keys of the view model joined by dots\n"
"(`figures.hours_saved.series`); a number after a list's name is its\n"
"element (`systems.0.name`), and `{arg}` stands for the directive's\n"
"argument (`chart sparkline roi` reads `figures.roi.series` from\n"
"`figures.{arg}.series`). Within a series:\n"
"\n"
"| key | leads to |\n"
"|---|---|\n"
"| `path`, `per` | numbers: a list (`series`) or one number; `per` divides `path` value by value |\n"
"| `each` | a list of objects (`systems`, `integrations`, `days`): one series (a bullet, a cell) per element; then `path`, `per` and `label_path` are inside the element |\n"
"| `label_path` | text, inside the element of `each`: 1 to 3 paths whose texts are joined |\n"
"| `target`, `min`, `max` | a number, or a path to one (inside the element of `each` first) |\n"
"\n"
"and for the chart, `target` and `y.min`, `y.max`: a number or a path to\n"
"one. README.md lists every key of a spec.\n";

static void
headline_list(struct buf *b)
{
	const char *const *h;

	for (h = schema_headline(); *h; h++)
		buf_addf(b, "%s`%s`", h == schema_headline() ? "" : ", ", *h);
}

/* The built-in chart specs: name, type, description. */
static int
charts(struct buf *b)
{
	const struct asset *a;

	buf_addstr(b, "\n## The built-in charts\n\n| chart | type | what |\n"
	    "|---|---|---|\n");
	for (a = charts_builtin; a->name; a++) {
		json_t *j = json_loadb(a->data, a->len, 0, NULL);
		size_t n = strlen(a->name);

		if (j == NULL || n < 6)
			return -1;
		buf_addf(b, "| `%.*s` | %s | %s |\n", (int)(n - 5), a->name,
		    json_string_value(json_object_get(j, "type")),
		    json_string_value(json_object_get(j, "description")) ?: "");
		json_decref(j);
	}
	return 0;
}

int
main(void)
{
	struct schema *s = schema_load(NULL);
	json_t *strings = view_strings(NULL, "en-CA"), *empty = json_object();
	const json_t *labels = json_object_get(strings, "labels");
	const struct asset *a;
	struct buf b = BUF_INIT;
	struct dtable t;
	size_t i, k;

	if (s == NULL || labels == NULL)
		return 1;
	buf_addstr(&b, intro);
	buf_addstr(&b, "| built-in file | what |\n|---|---|\n");
	for (a = assets_builtin; a->name; a++) {
		for (k = 0; k < ARRAY_SIZE(files); k++)
			if (strcmp(a->name, files[k].name) == 0 ||
			    (files[k].name[strlen(files[k].name) - 1] == '/' &&
			    strncmp(a->name, files[k].name,
			    strlen(files[k].name)) == 0))
				break;
		buf_addf(&b, "| `%s` | %s |\n", a->name, k < ARRAY_SIZE(files) ?
		    files[k].doc : "");
	}
	buf_addstr(&b, "\n");
	buf_addstr(&b, checked);

	buf_addstr(&b, "## The view model\n\nWhat `data.json` holds, and every "
	    "template's context. `[]` is an element of a list; an upper-case "
	    "name stands for any key (`targets.resolution_minutes.P1`); "
	    "`FIGURE` is each figure of the next table.\n\n");
	schema_doc(s, SCHEMA_VIEW, &b);
	buf_addstr(&b, "\n## The figures\n\nEach is `figures.FIGURE` (and, per "
	    "system, `systems[].figures.FIGURE`) with the keys above; SPEC "
	    "section 4 defines them.\n\n");
	schema_doc_figures(&b, labels);
	buf_addstr(&b, "\n## page\n\nWhat each page adds: the keys of `page` in "
	    "the context of each template.\n\n");
	schema_doc(s, SCHEMA_REPORT, &b);
	buf_addstr(&b, "\n## i18n\n\nThe `labels` of the strings of the "
	    "tenant's locale, `i18n/LOCALE.json` (en-CA, en-US, fr-CA; a "
	    "--templates folder's own file of a locale replaces it, with its "
	    "keys). A name is known when some locale has it. The built-in "
	    "keys, with their en-CA text:\n\n");
	schema_doc_i18n(s, labels, &b);
	buf_addstr(&b, "\n");

	buf_addstr(&b, directives);
	buf_addstr(&b, "| `explain FIGURE` | how a headline figure is computed: "
	    "its formula and inputs (a `<details>` on the page, the appendix "
	    "in the PDF); FIGURE one of ");
	headline_list(&b);
	buf_addstr(&b, " |\n| `alerts` | the month's alerts, most severe first "
	    "(`alerts`) |\n| `notes` | the service team's notes (`notes`, "
	    "Markdown from --notes DIR/TENANT/PERIOD.md) in cmark's safe mode, "
	    "their headings two levels down, their fenced blocks as code; "
	    "nothing when there are none |\n| `table NAME` | a data table, NAME one of the "
	    "tables below |\n| `chart NAME [ARG]` | the chart of spec "
	    "`charts/NAME.json` as an SVG (vector paths in the PDF) with its "
	    "numbers as a table; ARG replaces `{arg}` in its paths |\n\n"
	    "| table | rows | what |\n|---|---|---|\n");
	for (i = 0; schema_tables[i].name != NULL; i++) {
		/* Each must be a table of the directive. */
		if (directive_table(empty, empty, schema_tables[i].name, &t)) {
			fprintf(stderr, "templates_doc: no table '%s'\n",
			    schema_tables[i].name);
			return 1;
		}
		dtable_release(&t);
		buf_addf(&b, "| `%s` | `%s` | %s |\n", schema_tables[i].name,
		    schema_tables[i].rows, schema_tables[i].doc);
	}
	if (charts(&b))
		return 1;
	buf_addstr(&b, chart_paths);
	fwrite(b.ptr, 1, b.len, stdout);
	buf_release(&b);
	json_decref(empty);
	json_decref(strings);
	schema_free(s);
	return 0;
}
