/* html.c: Markdown to HTML with cmark, and the report's directives. */
#include "html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "chart.h"
#include "diag.h"
#include "directive.h"
#include "schema.h"
#include "font.h"
#include "view.h"

void
html_escape(struct buf *out, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': buf_addstr(out, "&amp;"); break;
		case '<': buf_addstr(out, "&lt;"); break;
		case '>': buf_addstr(out, "&gt;"); break;
		case '"': buf_addstr(out, "&quot;"); break;
		case '\'': buf_addstr(out, "&#39;"); break;
		default: buf_addch(out, *s); break;
		}
}


/*
 * Opens the box of a wide table: it scrolls sideways on a small screen, so
 * it is a named region that the keyboard can reach.
 */
static void
table_wrap(struct buf *o, const char *name)
{
	buf_addstr(o, "<div class=\"table-wrap\" tabindex=\"0\" "
	    "role=\"region\" aria-label=\"");
	html_escape(o, name);
	buf_addstr(o, "\">");
}

static const json_t *
figure(const json_t *view, const char *name)
{
	return json_object_get(json_object_get(view, "figures"), name);
}

static double
number(const json_t *j)
{
	return json_is_number(j) ? json_number_value(j) : NAN;
}

/*
 * Lays out chart `name` (with `arg`) into the page's list, once per file;
 * NULL when the chart set has no such chart.
 */
static const struct chart *
use_chart(struct chart_list *cl, const json_t *view, const json_t *labels,
    const char *name, const char *arg)
{
	struct chart c;
	size_t i;

	if (cl == NULL || chart_layout(cl->set, name, arg, view, labels, &c))
		return NULL;
	for (i = 0; i < cl->n; i++)
		if (strcmp(cl->v[i].file, c.file) == 0) {
			chart_release(&c);
			return &cl->v[i];
		}
	for (i = 0; cl->drawn != NULL && i < cl->drawn->n; i++)
		if (strcmp(cl->drawn->v[i].file, c.file) == 0 &&
		    chart_same(&cl->drawn->v[i], &c))
			snprintf(c.dir, sizeof(c.dir), "%s", cl->drawn_dir);
	cl->v = xrealloc(cl->v, (cl->n + 1) * sizeof(*cl->v));
	cl->v[cl->n] = c;
	return &cl->v[cl->n++];
}

/*
 * The screens that get a chart's compact layout: those on which the wide
 * one, scaled down to the page, would show its 8-point text below 11 CSS
 * pixels (narrower than about 700 pixels). style.css has the same query
 * for the size of the compact picture.
 */
#define COMPACT_MEDIA "(max-width: 45rem)"

/* Where the SVG of a chart is, from the page (`suffix` "" or ".compact"). */
static void
chart_src(struct buf *o, const struct chart *c, const char *suffix)
{
	html_escape(o, c->dir[0] ? c->dir : "charts/");
	html_escape(o, c->file);
	buf_addf(o, "%s.svg", suffix);
}

/*
 * The <img> of a chart's SVG, at its size in CSS pixels (4/3 a point); in
 * a <picture> whose <source> gives small screens the compact layout when
 * the chart has one (no script: the browser picks).
 */
static void
chart_img(struct buf *o, const struct chart *c, const char *class)
{
	if (c->compact.width > 0) {
		buf_addstr(o, "<picture><source media=\"" COMPACT_MEDIA
		    "\" srcset=\"");
		chart_src(o, c, ".compact");
		buf_addf(o, "\" width=\"%.0f\" height=\"%.0f\">",
		    c->compact.width * 4 / 3, c->compact.height * 4 / 3);
	}
	buf_addf(o, "<img class=\"%s\" src=\"", class);
	chart_src(o, c, "");
	buf_addf(o, "\" width=\"%.0f\" height=\"%.0f\" alt=\"",
	    c->scene.width * 4 / 3, c->scene.height * 4 / 3);
	html_escape(o, c->alt);
	buf_addstr(o, "\">");
	if (c->compact.width > 0)
		buf_addstr(o, "</picture>");
}

/*
 * The headline cards: value, last month, change. The value says how wide
 * it is, in em of DejaVu Sans Bold (the page's first face; the font's own
 * widths, as the charts and the PDF measure), rounded up, as --fit; the
 * style sheet sets it no larger than fits its card with that (container
 * query units: no script), so no figure runs through its card's border.
 */
static void
cards(struct buf *o, const json_t *view, const json_t *labels,
    struct chart_list *cl)
{
	static const char *const headline[] = { "hours_saved", "cost_avoided",
		"error_reduction", "sla_adherence", "roi" };
	size_t i;

	buf_addstr(o, "<div class=\"cards\">\n");
	for (i = 0; i < ARRAY_SIZE(headline); i++) {
		const json_t *f = figure(view, headline[i]);
		const struct chart *c;
		double delta = number(json_object_get(f, "delta"));
		const char *display = json_string_value(json_object_get(f,
		    "display"));

		buf_addf(o, "<section class=\"card%s\">\n<h2>",
		    i == ARRAY_SIZE(headline) - 1 ? " card-roi" : "");
		html_escape(o, directive_label(labels, "figures", headline[i]));
		buf_addstr(o, "</h2>\n<p class=\"value\"");
		if (display && font_init() == 0) {
			char em[32];

			em[sizeof(em) - 1] = '\0';
			buf_addf(o, " style=\"--fit: %s\"", fmt_scaled(em +
			    sizeof(em) - 1, (uint64_t)ceil(font_width(FONT_BOLD,
			    100, display, strlen(display))), 2, 1));
		}
		buf_addch(o, '>');
		html_escape(o, display);
		buf_addstr(o, "</p>\n<p class=\"previous\">");
		html_escape(o, directive_label(labels, NULL, "previous"));
		html_escape(o, directive_label(labels, NULL, "colon"));
		view_format(view, headline[i], number(json_object_get(f,
		    "previous")), 0, o);
		buf_addf(o, "</p>\n<p class=\"delta %s\">", isnan(delta) ? "" :
		    delta > 0 ? "up" : delta < 0 ? "down" : "flat");
		html_escape(o, directive_label(labels, NULL, "change"));
		html_escape(o, directive_label(labels, NULL, "colon"));
		html_escape(o, json_string_value(json_object_get(f,
		    "delta_display")) ?: "\xe2\x80\x94");
		buf_addstr(o, "</p>\n");
		/* The 12-month trend, when the charts have a sparkline. */
		if ((c = use_chart(cl, view, labels, "sparkline",
		    headline[i])) != NULL) {
			chart_img(o, c, "sparkline");
			buf_addch(o, '\n');
		}
		buf_addstr(o, "</section>\n");
	}
	buf_addstr(o, "</div>\n");
}

/* A table of text cells, escaped; codes in <code>. */
static void
html_dtable(struct buf *o, const struct dtable *t, const char *class)
{
	size_t r, k;

	buf_addstr(o, "<table");
	if (class)
		buf_addf(o, " class=\"%s\"", class);
	buf_addstr(o, ">\n<thead><tr>");
	for (k = 0; k < t->cols; k++) {
		buf_addstr(o, "<th scope=\"col\">");
		html_escape(o, t->head[k]);
		buf_addstr(o, "</th>");
	}
	buf_addstr(o, "</tr></thead>\n<tbody>\n");
	for (r = 0; r < t->rows; r++) {
		buf_addstr(o, "<tr>");
		for (k = 0; k < t->cols; k++) {
			const char *c = t->cell[r * t->cols + k];
			int head = k == 0 && t->row_heads;

			buf_addstr(o, head ? "<th scope=\"row\">" : "<td>");
			if (t->code[k] && strcmp(c, "—") != 0) {
				buf_addstr(o, "<code>");
				html_escape(o, c);
				buf_addstr(o, "</code>");
			} else
				html_escape(o, c);
			buf_addstr(o, head ? "</th>" : "</td>");
		}
		buf_addstr(o, "</tr>\n");
	}
	buf_addstr(o, "</tbody></table></div>\n");
}

/* "How this is computed": the formula and the inputs of a figure. */
static int
explain(struct buf *o, const json_t *view, const json_t *labels,
    const char *name)
{
	struct dexplain e;
	size_t i;

	if (directive_explain(view, labels, name, &e))
		return -1;
	buf_addstr(o, "<details class=\"explain\">\n<summary>");
	html_escape(o, e.title);
	buf_addstr(o, "</summary>\n<p class=\"formula\">");
	html_escape(o, e.formula);
	buf_addstr(o, "</p>\n<dl>\n");
	for (i = 0; i < e.n; i++) {
		buf_addstr(o, "<dt>");
		html_escape(o, e.term[i]);
		buf_addstr(o, "</dt><dd>");
		html_escape(o, e.value[i]);
		buf_addstr(o, "</dd>\n");
	}
	buf_addstr(o, "</dl>\n");
	for (i = 0; i < e.ntables; i++) {
		table_wrap(o, directive_label(labels, "figures", name));
		html_dtable(o, &e.tables[i], NULL);
	}
	buf_addstr(o, "</details>\n");
	dexplain_release(&e);
	return 0;
}

static void
alerts(struct buf *o, const json_t *view, const json_t *labels)
{
	const json_t *list = json_object_get(view, "alerts"), *a;
	size_t i;

	if (json_array_size(list) == 0) {
		buf_addstr(o, "<p class=\"no-alerts\">");
		html_escape(o, directive_label(labels, NULL, "no_alerts"));
		buf_addstr(o, "</p>\n");
		return;
	}
	buf_addstr(o, "<ul class=\"alerts\">\n");
	json_array_foreach(list, i, a) {
		const char *sev = json_string_value(json_object_get(a, "severity"));

		buf_addf(o, "<li class=\"alert alert-%s\"><strong>",
		    sev && strcmp(sev, "critical") == 0 ? "critical" : "warning");
		html_escape(o, directive_label(labels, "values", sev ? sev : "warning"));
		buf_addstr(o, "</strong> ");
		html_escape(o, json_string_value(json_object_get(a, "message")));
		buf_addstr(o, "</li>\n");
	}
	buf_addstr(o, "</ul>\n");
}

static int
table(struct buf *o, const json_t *view, const json_t *labels,
    const char *name)
{
	struct dtable t;
	char class[48];

	if (directive_table(view, labels, name, &t))
		return -1;
	if (t.rows == 0) {
		buf_addstr(o, "<p class=\"empty\">");
		html_escape(o, directive_label(labels, NULL, "no_rows"));
		buf_addstr(o, "</p>\n");
		dtable_release(&t);
		return 0;
	}
	table_wrap(o, directive_label(labels, "sections", name));
	snprintf(class, sizeof(class), "data data-%s", name);
	html_dtable(o, &t, class);
	dtable_release(&t);
	return 0;
}

/*
 * A chart: its SVG with the text alternative as alt, and its numbers as a
 * table under a disclosure, for those who want to read them.
 */
static int
chart(struct buf *o, const json_t *view, const json_t *labels,
    struct chart_list *cl, const char *name, const char *arg)
{
	const struct chart *c = use_chart(cl, view, labels, name,
	    *arg ? arg : NULL);
	const struct chart_table *t;
	size_t r, k;

	if (c == NULL)
		return -1;
	t = &c->table;
	/* A tap opens the wide picture whole, to zoom into. */
	buf_addstr(o, "<figure class=\"chart\">\n<a href=\"");
	chart_src(o, c, "");
	buf_addstr(o, "\">");
	chart_img(o, c, "chart");
	buf_addstr(o, "</a>");
	buf_addstr(o, "\n<details class=\"numbers\">\n<summary>");
	html_escape(o, directive_label(labels, "charts", "numbers"));
	buf_addstr(o, "</summary>\n");
	table_wrap(o, c->title);
	buf_addstr(o, "<table class=\"numbers\">\n<thead><tr>");
	for (k = 0; k < t->cols; k++) {
		buf_addstr(o, "<th scope=\"col\">");
		html_escape(o, t->cell[k]);
		buf_addstr(o, "</th>");
	}
	buf_addstr(o, "</tr></thead>\n<tbody>\n");
	for (r = 1; r < t->rows; r++) {
		buf_addstr(o, "<tr>");
		for (k = 0; k < t->cols; k++) {
			buf_addstr(o, k == 0 ? "<th scope=\"row\">" : "<td>");
			html_escape(o, t->cell[r * t->cols + k]);
			buf_addstr(o, k == 0 ? "</th>" : "</td>");
		}
		buf_addstr(o, "</tr>\n");
	}
	buf_addstr(o, "</tbody></table></div>\n</details>\n</figure>\n");
	return 0;
}

/*
 * Turns every heading of a Markdown document that a user wrote (the
 * service team's notes) two levels down, so that it sits under the
 * section that shows it.
 */
static void
demote_headings(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node *n;
	int level;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			level = cmark_node_get_heading_level(n) + 2;
			cmark_node_set_heading_level(n, level > 6 ? 6 : level);
		}
	}
	cmark_iter_free(it);
}

/* The service team's notes (the view's "notes", Markdown), in cmark's
 * safe mode, without directives: a fenced block there is only code. */
static void
notes(struct buf *o, const json_t *view)
{
	const char *md = json_string_value(json_object_get(view, "notes"));
	cmark_node *doc;
	char *html;

	if (md == NULL)
		return;
	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT |
	    CMARK_OPT_VALIDATE_UTF8);
	demote_headings(doc);
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	buf_addstr(o, "<div class=\"notes\">\n");
	buf_addstr(o, html);
	buf_addstr(o, "</div>\n");
	free(html);
	cmark_node_free(doc);
}

/* Renders one directive; -1 when the info string names none. */
static int
directive(struct buf *o, const json_t *view, const json_t *labels,
    struct chart_list *cl, const char *info)
{
	char word[32], arg[64] = "", rest[64] = "";

	if (sscanf(info, "%31s %63s %63s", word, arg, rest) < 1)
		return -1;
	if (strcmp(word, "cards") == 0)
		cards(o, view, labels, cl);
	else if (strcmp(word, "alerts") == 0)
		alerts(o, view, labels);
	else if (strcmp(word, "notes") == 0)
		notes(o, view);
	else if (strcmp(word, "explain") == 0)
		return explain(o, view, labels, arg);
	else if (strcmp(word, "table") == 0)
		return table(o, view, labels, arg);
	else if (strcmp(word, "chart") == 0)
		return chart(o, view, labels, cl, arg, rest);
	else
		return -1;
	return 0;
}

/* Appends the names of the headline figures, or of the tables. */
static void
names_list(struct buf *b, int tables)
{
	const char *const *h = schema_headline();
	size_t i;

	for (i = 0; tables ? schema_tables[i].name != NULL : h[i] != NULL; i++)
		buf_addf(b, "%s%s", i ? ", " : "", tables ?
		    schema_tables[i].name : h[i]);
}

/* 1 when `name` is a headline figure, which `explain` knows. */
static int
headline_figure(const char *name)
{
	const char *const *h;

	for (h = schema_headline(); *h; h++)
		if (strcmp(*h, name) == 0)
			return 1;
	return 0;
}

/* Checks one directive at line `line`. Returns 0, or -1 after reporting. */
static int
check_directive(const char *info, const struct chart_set *charts,
    const struct schema *schema, const char *name, size_t line)
{
	static const char *const words[] = { "cards", "alerts", "explain",
		"table", "chart", "notes" };
	const struct schema_node *view = schema_root(schema, SCHEMA_VIEW);
	const char *const *h;
	char word[32], arg[64] = "", rest[64] = "";
	struct buf list = BUF_INIT;
	struct dtable t;
	size_t i;
	int rc = 0;

	/* A template's info string made by Mustache is known when rendered. */
	if (strstr(info, "{{") != NULL ||
	    sscanf(info, "%31s %63s %63s", word, arg, rest) < 1)
		return 0;
	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (strcmp(word, words[i]) == 0)
			break;
	if (i == ARRAY_SIZE(words)) {
		diag_at(name, line, 1, "unknown directive '%s'", info);
		return -1;
	}
	if (strcmp(word, "chart") == 0) {
		if (!chart_set_has(charts, arg)) {
			diag_at(name, line, 1, "unknown chart '%s' (no "
			    "charts/%s.json)", arg, arg);
			return -1;
		}
		return chart_check_use(charts, view, arg, rest, name, line, 1);
	}
	if (strcmp(word, "cards") == 0) {
		for (h = schema_headline(); *h; h++)
			if (chart_check_use(charts, view, "sparkline", *h,
			    name, line, 1))
				rc = -1;
		return rc;
	}
	if (strcmp(word, "explain") == 0 && !headline_figure(arg)) {
		names_list(&list, 0);
		diag_at(name, line, 1, "'explain %s' names no headline figure "
		    "(one of: %s)", arg, list.ptr);
		rc = -1;
	} else if (strcmp(word, "table") == 0) {
		json_t *empty = json_object();

		if (directive_table(empty, empty, arg, &t) == 0)
			dtable_release(&t);
		else {
			names_list(&list, 1);
			diag_at(name, line, 1, "'table %s' names no table "
			    "(one of: %s)", arg, list.ptr);
			rc = -1;
		}
		json_decref(empty);
	}
	buf_release(&list);
	return rc;
}

int
html_check(const char *md, size_t len, const struct chart_set *charts,
    const struct schema *schema, const char *name)
{
	cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT |
	    CMARK_OPT_VALIDATE_UTF8), *n;
	const char *info;
	int rc = 0;

	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK ||
		    (info = cmark_node_get_fence_info(n)) == NULL || !*info)
			continue;
		if (check_directive(info, charts, schema, name,
		    (size_t)cmark_node_get_start_line(n)))
			rc = -1;
	}
	cmark_node_free(doc);
	return rc;
}

/*
 * Links to a report's PDF ("report.pdf", or "YYYY-MM/report.pdf" from the
 * portal) offer it for download under "<tenant>-<period>.pdf" (SPEC 5.5).
 * Markdown has no such attribute, so each becomes a custom inline node
 * with the <a> tag roic writes, around the link's own text.
 */
static void
download_links(cmark_node *root, const json_t *view)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node **links = NULL, *n, *c, *k;
	size_t nlinks = 0, i;
	const char *tenant = json_string_value(json_object_get(json_object_get(
	    view, "tenant"), "id"));
	const char *url, *title;
	char month[8];
	struct buf tag = BUF_INIT;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(
		    n = cmark_iter_get_node(it)) == CMARK_NODE_LINK) {
			links = xrealloc(links, (nlinks + 1) * sizeof(*links));
			links[nlinks++] = n;
		}
	cmark_iter_free(it);
	for (i = 0; i < nlinks && tenant; i++) {
		n = links[i];
		url = cmark_node_get_url(n);
		if (url == NULL)
			continue;
		if (strcmp(url, "report.pdf") == 0)
			snprintf(month, sizeof(month), "%s", json_string_value(
			    json_object_get(view, "month")) ?: "");
		else if (strlen(url) == 18 && url[7] == '/' &&
		    strcmp(url + 8, "report.pdf") == 0 &&
		    strspn(url, "0123456789") == 4 && url[4] == '-')
			snprintf(month, sizeof(month), "%.7s", url);
		else
			continue;
		buf_reset(&tag);
		buf_addstr(&tag, "<a href=\"");
		html_escape(&tag, url);
		buf_addstr(&tag, "\" download=\"");
		html_escape(&tag, tenant);
		buf_addch(&tag, '-');
		html_escape(&tag, month);
		buf_addstr(&tag, ".pdf\"");
		if ((title = cmark_node_get_title(n)) != NULL && *title) {
			buf_addstr(&tag, " title=\"");
			html_escape(&tag, title);
			buf_addch(&tag, '"');
		}
		buf_addch(&tag, '>');
		c = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
		cmark_node_set_on_enter(c, tag.ptr);
		cmark_node_set_on_exit(c, "</a>");
		while ((k = cmark_node_first_child(n)) != NULL)
			cmark_node_append_child(c, k);
		cmark_node_insert_before(n, c);
		cmark_node_free(n);
	}
	free(links);
	buf_release(&tag);
}

int
html_render(const char *md, size_t len, const json_t *view,
    const json_t *labels, struct chart_list *charts, const char *name,
    struct buf *out)
{
	cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT |
	    CMARK_OPT_VALIDATE_UTF8), *n;
	const char *info;
	char *html;
	int rc = 0;

	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK &&
		    (info = cmark_node_get_fence_info(n)) != NULL && *info) {
			if (directive(out, view, labels, charts, info) == 0)
				continue;
			diag_at(name, (size_t)cmark_node_get_start_line(n), 1,
			    "unknown directive or chart '%s'", info);
			rc = -1;
			continue;
		}
		/* cmark's safe mode: no raw HTML, no unsafe links. */
		download_links(n, view);
		html = cmark_render_html(n, CMARK_OPT_DEFAULT);
		buf_addstr(out, html);
		free(html);
	}
	cmark_node_free(doc);
	return rc;
}
