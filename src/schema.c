/*
 * schema.c: the schema of the view model: every key of data.json and of
 * the templates' contexts, its type and meaning, in tables of one line a
 * key (adding a key to the view is adding a line here).
 */
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "diag.h"
#include "metrics.h"
#include "view.h"

/* Type shorthands of the tables. */
#define OBJ SCHEMA_OBJECT
#define ARR SCHEMA_ARRAY
#define STR SCHEMA_STRING
#define NUM SCHEMA_NUMBER
#define INT (SCHEMA_NUMBER | SCHEMA_INTEGER)
#define BOOL SCHEMA_BOOL
#define NUL SCHEMA_NULL

/*
 * One key. Its path names its parent first: "a.b" is b of object a,
 * "a[]" the element of array a, an upper-case last name (SEVERITY) any key
 * of map a, and FIGURE every figure of figure_defs (metrics.h), each with
 * the keys of figure_keys.
 */
struct key {
	const char *path;
	unsigned types;
	const char *doc;
	unsigned where;		/* K_*, FK_* or P_*, by table */
	const char *same;	/* its members are those of this key */
};

/* view_keys: FIGURE of the tenant or of a system. */
enum { K_TENANT_FIGURES = 1, K_SYSTEM_FIGURES = 2 };
/* figure_keys: only in the tenant's figures, only in the headline ones. */
enum { FK_TENANT = 1, FK_HEADLINE = 2 };
/* page_keys: the templates whose context has the key. */
enum { P_REPORT = 1, P_PORTAL = 2, P_LAYOUT = 4 };

/* data.json, in its order. */
static const struct key view_keys[] = {
	{ "format", STR, "the shape of this object: \"roic-report/1\"", 0, NULL },
	{ "tenant", OBJ, "the client", 0, NULL },
	{ "tenant.id", STR, "its id, as in the exports (a folder name)", 0, NULL },
	{ "tenant.name", STR, "its name", 0, NULL },
	{ "tenant.locale", STR, "its locale: en-CA, fr-CA or en-US", 0, NULL },
	{ "tenant.currency", STR, "its currency, an ISO 4217 code", 0, NULL },
	{ "month", STR, "the report's month, YYYY-MM (a period's last month)", 0, NULL },
	{ "period", OBJ, "the period reported (SPEC 5.7)", 0, NULL },
	{ "period.kind", STR, "month, quarter or year", 0, NULL },
	{ "period.id", STR, "2026-10, 2026-Q3 or 2026", 0, NULL },
	{ "period.from", STR, "its first day, YYYY-MM-DD", 0, NULL },
	{ "period.to", STR, "its last day, YYYY-MM-DD", 0, NULL },
	{ "period.partial", BOOL, "true when the data ends before its last day", 0, NULL },
	{ "period.days_with_data", INT, "its days with at least one daily row", 0, NULL },
	{ "period.days", INT, "its calendar days", 0, NULL },
	{ "period.banner", STR | NUL, "when partial, the banner's sentence (Partial month: data to ...), else null", 0, NULL },
	{ "brand", OBJ, "the tenant's brand", 0, NULL },
	{ "brand.color", STR | NUL, "its colour, #RRGGBB", 0, NULL },
	{ "brand.logo", STR | NUL, "its logo in the site, \"assets/logo.png\"", 0, NULL },
	{ "targets", OBJ, "the assumptions and SLA targets in force for the month", 0, NULL },
	{ "targets.availability", NUM | NUL, "the availability target, a rate", 0, NULL },
	{ "targets.p95_latency_ms", NUM | NUL, "the p95 latency target, milliseconds", 0, NULL },
	{ "targets.accuracy", NUM | NUL, "the accuracy target, a rate", 0, NULL },
	{ "targets.resolution_minutes", OBJ, "the resolution target of each severity", 0, NULL },
	{ "targets.resolution_minutes.SEVERITY", NUM | NUL, "minutes to resolve an incident of that severity (P1, ...)", 0, NULL },
	{ "targets.hourly_rate", NUM | NUL, "the hourly rate of the work the AI does", 0, NULL },
	{ "targets.cost_per_error", NUM | NUL, "what an error costs", 0, NULL },
	{ "targets.monthly_fee", NUM | NUL, "the MSP's monthly fee", 0, NULL },
	{ "months", ARR, "the tenant's months with data, oldest first", 0, NULL },
	{ "months[]", STR, "a month, YYYY-MM", 0, NULL },
	{ "days", ARR, "the SLA checks of each day of the month (the heat strip)", 0, NULL },
	{ "days[]", OBJ, "a day", 0, NULL },
	{ "days[].date", STR, "YYYY-MM-DD", 0, NULL },
	{ "days[].checks", INT, "SLA checks counted that day", 0, NULL },
	{ "days[].met", INT, "of which met", 0, NULL },
	{ "figures", OBJ, "every figure of the month by name (see the figures below)", 0, NULL },
	{ "figures.FIGURE", OBJ, "a figure", K_TENANT_FIGURES, NULL },
	{ "figures.hours_saved.inputs.systems", ARR, "per system", 0, NULL },
	{ "figures.hours_saved.inputs.systems[]", OBJ, "a system", 0, NULL },
	{ "figures.hours_saved.inputs.systems[].system", STR, "its id", 0, NULL },
	{ "figures.hours_saved.inputs.systems[].tasks", INT | NUL, "its tasks", 0, NULL },
	{ "figures.hours_saved.inputs.systems[].minutes_per_task", NUM | NUL, "its baseline minutes per task", 0, NULL },
	{ "figures.hours_saved.inputs.systems[].hours_saved", NUM | NUL, "its hours saved", 0, NULL },
	{ "figures.hours_saved.inputs.tasks", INT | NUL, "tasks, all systems", 0, NULL },
	{ "figures.hours_saved.inputs.hours_saved", NUM | NUL, "hours saved, all systems", 0, NULL },
	{ "figures.error_reduction.inputs.systems", ARR, "per system", 0, NULL },
	{ "figures.error_reduction.inputs.systems[]", OBJ, "a system", 0, NULL },
	{ "figures.error_reduction.inputs.systems[].system", STR, "its id", 0, NULL },
	{ "figures.error_reduction.inputs.systems[].tasks", INT | NUL, "its tasks", 0, NULL },
	{ "figures.error_reduction.inputs.systems[].error_rate", NUM | NUL, "its baseline error rate", 0, NULL },
	{ "figures.error_reduction.inputs.systems[].baseline_errors", NUM | NUL, "errors expected without AI", 0, NULL },
	{ "figures.error_reduction.inputs.systems[].errors", INT | NUL, "its errors", 0, NULL },
	{ "figures.error_reduction.inputs.baseline_errors", NUM | NUL, "errors expected without AI, all systems", 0, NULL },
	{ "figures.error_reduction.inputs.errors", INT | NUL, "errors, all systems", 0, NULL },
	{ "figures.error_reduction.inputs.errors_avoided", NUM | NUL, "baseline errors - errors", 0, NULL },
	{ "figures.cost_avoided.inputs.hours_saved", NUM | NUL, "hours saved", 0, NULL },
	{ "figures.cost_avoided.inputs.hourly_rate", NUM | NUL, "the hourly rate", 0, NULL },
	{ "figures.cost_avoided.inputs.labor_cost_avoided", NUM | NUL, "hours saved x hourly rate", 0, NULL },
	{ "figures.cost_avoided.inputs.baseline_errors", NUM | NUL, "errors expected without AI", 0, NULL },
	{ "figures.cost_avoided.inputs.errors", INT | NUL, "errors", 0, NULL },
	{ "figures.cost_avoided.inputs.cost_per_error", NUM | NUL, "what an error costs", 0, NULL },
	{ "figures.cost_avoided.inputs.error_cost_avoided", NUM | NUL, "errors avoided x cost per error", 0, NULL },
	{ "figures.sla_adherence.inputs.availability", OBJ, "the daily availability checks", 0, NULL },
	{ "figures.sla_adherence.inputs.availability.checks", INT, "counted", 0, NULL },
	{ "figures.sla_adherence.inputs.availability.met", INT, "met", 0, NULL },
	{ "figures.sla_adherence.inputs.latency", OBJ, "the daily p95 latency checks", 0, NULL },
	{ "figures.sla_adherence.inputs.latency.checks", INT, "counted", 0, NULL },
	{ "figures.sla_adherence.inputs.latency.met", INT, "met", 0, NULL },
	{ "figures.sla_adherence.inputs.accuracy", OBJ, "the daily accuracy checks", 0, NULL },
	{ "figures.sla_adherence.inputs.accuracy.checks", INT, "counted", 0, NULL },
	{ "figures.sla_adherence.inputs.accuracy.met", INT, "met", 0, NULL },
	{ "figures.sla_adherence.inputs.incidents", OBJ, "the incident resolution checks", 0, NULL },
	{ "figures.sla_adherence.inputs.incidents.checks", INT, "counted", 0, NULL },
	{ "figures.sla_adherence.inputs.incidents.met", INT, "met", 0, NULL },
	{ "figures.roi.inputs.cost_avoided", NUM | NUL, "cost avoided", 0, NULL },
	{ "figures.roi.inputs.llm_cost", NUM | NUL, "LLM spend", 0, NULL },
	{ "figures.roi.inputs.monthly_fee", NUM | NUL, "the monthly fee", 0, NULL },
	{ "figures.roi.inputs.ai_cost", NUM | NUL, "LLM spend + monthly fee", 0, NULL },
	{ "figures.roi.inputs.net_benefit", NUM | NUL, "cost avoided - AI cost", 0, NULL },
	{ "sla", OBJ, "the month's SLA checks", 0, NULL },
	{ "sla.checks", INT, "counted", 0, NULL },
	{ "sla.met", INT, "met", 0, NULL },
	{ "sla.breached", ARR, "the checks missed (table breached)", 0, NULL },
	{ "sla.breached[]", OBJ, "a check missed", 0, NULL },
	{ "sla.breached[].kind", STR, "availability, latency, accuracy or incident", 0, NULL },
	{ "sla.breached[].system", STR, "the system's id", 0, NULL },
	{ "sla.breached[].system_name", STR, "the system's name", 0, NULL },
	{ "sla.breached[].date", STR, "the day, YYYY-MM-DD", 0, NULL },
	{ "sla.breached[].incident", STR | NUL, "the incident's id (incident checks), else null", 0, NULL },
	{ "systems", ARR, "the systems with data in the month (table systems)", 0, NULL },
	{ "systems[]", OBJ, "a system", 0, NULL },
	{ "systems[].id", STR, "its id", 0, NULL },
	{ "systems[].name", STR, "its name", 0, NULL },
	{ "systems[].model", STR | NUL, "its model", 0, NULL },
	{ "systems[].figures", OBJ, "its figures: every figure but the tenant's own (ai_cost, net_benefit, roi)", 0, NULL },
	{ "systems[].figures.FIGURE", OBJ, "a figure of the system", K_SYSTEM_FIGURES, NULL },
	{ "incidents", ARR, "the incidents of the month (table incidents)", 0, NULL },
	{ "incidents[]", OBJ, "an incident", 0, NULL },
	{ "incidents[].id", STR, "its id", 0, NULL },
	{ "incidents[].system", STR, "its system's id", 0, NULL },
	{ "incidents[].system_name", STR, "its system's name", 0, NULL },
	{ "incidents[].severity", STR, "its severity (P1, ...)", 0, NULL },
	{ "incidents[].opened", STR, "when it was opened, RFC 3339 UTC", 0, NULL },
	{ "incidents[].resolved", STR | NUL, "when it was resolved; null: still open", 0, NULL },
	{ "incidents[].minutes", NUM | NUL, "minutes to resolution, or open at the month's end", 0, NULL },
	{ "incidents[].target_minutes", NUM | NUL, "its severity's target", 0, NULL },
	{ "incidents[].in_sla", BOOL | NUL, "resolved within target; null: not counted", 0, NULL },
	{ "incidents[].summary", STR | NUL, "what happened", 0, NULL },
	{ "drift", ARR, "input drift of each system and feature (table drift)", 0, NULL },
	{ "drift[]", OBJ, "a feature of a system", 0, NULL },
	{ "drift[].system", STR, "the system's id", 0, NULL },
	{ "drift[].system_name", STR, "the system's name", 0, NULL },
	{ "drift[].feature", STR, "the feature", 0, NULL },
	{ "drift[].psi", NUM | NUL, "its Population Stability Index", 0, NULL },
	{ "drift[].status", STR, "stable, moderate or significant", 0, NULL },
	{ "integrations", ARR, "each system's endpoints (table integrations)", 0, NULL },
	{ "integrations[]", OBJ, "an endpoint of a system", 0, NULL },
	{ "integrations[].system", STR, "the system's id", 0, NULL },
	{ "integrations[].system_name", STR, "the system's name", 0, NULL },
	{ "integrations[].endpoint", STR, "the endpoint", 0, NULL },
	{ "integrations[].calls", INT, "calls in the month", 0, NULL },
	{ "integrations[].failures", INT, "of which failed", 0, NULL },
	{ "integrations[].success_rate", NUM | NUL, "1 - failures / calls", 0, NULL },
	{ "integrations[].worst_day_success_rate", NUM | NUL, "the worst day's", 0, NULL },
	{ "integrations[].series", ARR, "the success rate of the 12 months, oldest first", 0, NULL },
	{ "integrations[].series[]", NUM | NUL, "a month's; null without calls", 0, NULL },
	{ "alerts", ARR, "what needs attention, most important codes first (directive alerts)", 0, NULL },
	{ "alerts[]", OBJ, "an alert", 0, NULL },
	{ "alerts[].severity", STR, "critical or warning", 0, NULL },
	{ "alerts[].code", STR, "availability, latency, incident, accuracy, drift, ...", 0, NULL },
	{ "alerts[].message", STR, "a sentence in the tenant's language", 0, NULL },
	{ "summary", ARR, "the report's summary, 3 to 6 sentences", 0, NULL },
	{ "summary[]", STR, "a sentence in the tenant's language", 0, NULL },
	{ "notes", STR | NUL, "the service team's notes (Markdown, --notes), or null", 0, NULL },
	{ "lineage", ARR, "the export files that fed the month (table lineage)", 0, NULL },
	{ "lineage[]", OBJ, "a file", 0, NULL },
	{ "lineage[].file", STR, "its path as ingested", 0, NULL },
	{ "lineage[].sha256", STR, "its SHA-256", 0, NULL },
	{ "lineage[].bytes", INT, "its size", 0, NULL },
	{ "lineage[].ingested_at", STR, "when, RFC 3339 UTC", 0, NULL },
	{ "restatement", OBJ | NUL, "when this report replaces an issued one (SPEC 5.4), else null", 0, NULL },
	{ "restatement.date", STR, "the day it was restated, YYYY-MM-DD", 0, NULL },
	{ "restatement.date_display", STR, "that day as the locale writes it", 0, NULL },
	{ "restatement.version", INT, "the number of the report it replaces", 0, NULL },
	{ "restatement.replaces", STR, "that report's file, report.vN.pdf", 0, NULL },
	{ "restatement.changes", ARR, "the headline figures that changed", 0, NULL },
	{ "restatement.changes[]", OBJ, "a figure", 0, NULL },
	{ "restatement.changes[].figure", STR, "its name", 0, NULL },
	{ "restatement.changes[].label", STR, "its label in the tenant's language", 0, NULL },
	{ "restatement.changes[].old", STR | NUL, "its display string before", 0, NULL },
	{ "restatement.changes[].new", STR, "its display string now", 0, NULL },
};

/* The keys of every figure, figures.FIGURE.KEY (and per system). */
static const struct key figure_keys[] = {
	{ "value", NUM | NUL, "the month's value (counts are integers)", 0, NULL },
	{ "previous", NUM | NUL, "the month before's", 0, NULL },
	{ "delta", NUM | NUL, "value - previous", 0, NULL },
	{ "delta_display", STR, "the change as the page shows it (+1.3 pts)", 0, NULL },
	{ "series", ARR, "the 12 months ending at the report's, oldest first", 0, NULL },
	{ "series[]", NUM | NUL, "a month's value; null without data", 0, NULL },
	{ "display", STR, "the value in the tenant's locale (—: null)", 0, NULL },
	{ "formula", STR, "how it is computed, in the tenant's language", FK_TENANT | FK_HEADLINE, NULL },
	{ "inputs", OBJ, "the sums the formula used (figures.FIGURE.inputs above)", FK_TENANT | FK_HEADLINE, NULL },
};

/* What a page's context adds to the view model: `page`. */
static const struct key page_keys[] = {
	{ "page", OBJ, "the page", P_REPORT | P_PORTAL, NULL },
	{ "page.lang", STR, "its language, en or fr (of the html element)", P_REPORT | P_PORTAL, NULL },
	{ "page.assets", STR, "the site's assets folder from the page (style.css, logo.png)", P_REPORT | P_PORTAL, NULL },
	{ "page.title", STR, "its title", P_REPORT | P_PORTAL, NULL },
	{ "page.subtitle", STR, "its subtitle: the month, or the portal's title", P_REPORT | P_PORTAL, NULL },
	{ "page.msp_name", STR | NUL, "the MSP's name (--msp-name), or null", P_REPORT | P_PORTAL, NULL },
	{ "page.prepared_by", STR | NUL, "Prepared by the MSP (labels.prepared_by), or null", P_REPORT | P_PORTAL, NULL },
	{ "page.notes_title", STR, "the heading of the service team's notes: From the MSP (labels.notes_from)", P_REPORT | P_PORTAL, NULL },
	{ "page.month_label", STR, "the report's month in words (October 2026)", P_REPORT | P_PORTAL, NULL },
	{ "page.home", STR, "the portal, from the report", P_REPORT, NULL },
	{ "page.data", STR, "the report's data.json", P_REPORT, NULL },
	{ "page.pdf", STR, "the report's PDF, report.pdf", P_REPORT, NULL },
	{ "page.pdf_name", STR, "the PDF's download name, TENANT-PERIOD.pdf", P_REPORT, NULL },
	{ "page.tenant_name", STR, "the tenant's name", P_REPORT, NULL },
	{ "page.latest", STR, "the latest report, from the portal", P_PORTAL, NULL },
	{ "page.reports", ARR, "every report of the tenant, newest first", P_PORTAL, NULL },
	{ "page.reports[]", OBJ, "a report", P_PORTAL, NULL },
	{ "page.reports[].label", STR, "its period in words", P_PORTAL, NULL },
	{ "page.reports[].href", STR, "its page", P_PORTAL, NULL },
	{ "page.reports[].data", STR, "its data.json", P_PORTAL, NULL },
	{ "page.reports[].pdf", STR, "its report.pdf", P_PORTAL, NULL },
	{ "page.reports[].download", STR, "the PDF's download name", P_PORTAL, NULL },
	{ "page.reports[].hours_saved", STR, "its figures.hours_saved.display", P_PORTAL, NULL },
	{ "page.reports[].cost_avoided", STR, "its figures.cost_avoided.display", P_PORTAL, NULL },
	{ "page.reports[].sla_adherence", STR, "its figures.sla_adherence.display", P_PORTAL, NULL },
	{ "page.reports[].restatement", OBJ | NUL, "its restatement, as restatement", P_PORTAL, "restatement" },
	{ "page.reports[].partial", BOOL, "true for a partial period", P_PORTAL, NULL },
	{ "page.content", STR, "the page's HTML, from report.md or portal.md (unescaped: {{{page.content}}})", P_LAYOUT, NULL },
};

const struct schema_table schema_tables[] = {
	{ "incidents", "incidents", "the incident log" },
	{ "systems", "systems", "each system's main figures" },
	{ "drift", "drift", "input drift by system and feature" },
	{ "integrations", "integrations", "integration health by endpoint" },
	{ "lineage", "lineage", "the export files that fed the month" },
	{ "breached", "sla.breached", "the SLA checks missed" },
	{ NULL, NULL, NULL },
};

struct schema_node {
	char *key;		/* "[]": an element; any: any key */
	char *path;
	unsigned types;
	const char *doc;
	int any;
	const struct schema_node *same;	/* members from there */
	struct schema_node **kid;	/* members, then */
	size_t nkid, cap;
	struct schema_node *elem;	/* of an array */
};

struct schema {
	struct schema_node **all;	/* every node, to free */
	size_t nall;
	struct schema_node *root[SCHEMA_NCONTEXTS];
	struct schema_node *i18n;
};

static int
upper_name(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!(s[i] >= 'A' && s[i] <= 'Z') && s[i] != '_')
			return 0;
	return n > 0;
}

static struct schema_node *
node_new(struct schema *s, const char *key, size_t klen, const char *path,
    size_t plen, unsigned types, const char *doc)
{
	struct schema_node *n = xcalloc(1, sizeof(*n));

	n->key = xstrndup(key, klen);
	n->path = xstrndup(path, plen);
	n->types = types;
	n->doc = doc;
	s->all = xrealloc(s->all, (s->nall + 1) * sizeof(*s->all));
	s->all[s->nall++] = n;
	return n;
}

static void
add_kid(struct schema_node *parent, struct schema_node *kid)
{
	if (parent->nkid == parent->cap) {
		parent->cap = parent->cap ? 2 * parent->cap : 8;
		parent->kid = xrealloc(parent->kid, parent->cap *
		    sizeof(*parent->kid));
	}
	parent->kid[parent->nkid++] = kid;
}

/* The member `key` of n as the tables name it (no map matching). */
static struct schema_node *
kid_named(const struct schema_node *n, const char *key, size_t len)
{
	size_t i;

	for (i = 0; i < n->nkid; i++)
		if (strlen(n->kid[i]->key) == len &&
		    memcmp(n->kid[i]->key, key, len) == 0)
			return n->kid[i];
	return NULL;
}

/*
 * The node at `path` (len bytes: names joined by dots, "[]" after an
 * array's name for its element) below `root`, the names matched by `kid`;
 * NULL when there is none.
 */
static const struct schema_node *
walk(const struct schema_node *root, const char *path, size_t len,
    const struct schema_node *(*kid)(const struct schema_node *,
    const char *, size_t))
{
	const struct schema_node *n = root;
	size_t a = 0, b;

	while (n != NULL && a < len) {
		for (b = a; b < len && path[b] != '.' && path[b] != '['; b++)
			;
		if (b == a && path[b] != '[')
			return NULL;		/* an empty name */
		if (b > a)
			n = kid(n, path + a, b - a);
		for (; n != NULL && b < len && path[b] == '['; b += 2) {
			if (b + 1 >= len || path[b + 1] != ']')
				return NULL;
			n = n->types & SCHEMA_ARRAY ? n->same ? n->same->elem :
			    n->elem : NULL;
		}
		if (b < len && path[b] != '.')
			return NULL;
		a = b + 1;
		if (b + 1 == len)
			return NULL;		/* a final dot */
	}
	return n;
}

static const struct schema_node *
kid_literal(const struct schema_node *n, const char *key, size_t len)
{
	return kid_named(n, key, len);
}

static struct schema_node *
table_find(struct schema_node *root, const char *path, size_t len)
{
	return (struct schema_node *)walk(root, path, len, kid_literal);
}

/*
 * Adds the node of `path` (its parent added before) below `root`, with
 * `prefix` before its path. Returns it, or NULL after reporting.
 */
static struct schema_node *
add_path(struct schema *s, struct schema_node *root, const char *prefix,
    const char *path, unsigned types, const char *doc)
{
	struct buf full = BUF_INIT;
	struct schema_node *parent, *n;
	size_t len, k;

	buf_addf(&full, "%s%s", prefix, path);
	len = full.len;
	if (len > 2 && strcmp(full.ptr + len - 2, "[]") == 0) {
		parent = table_find(root, full.ptr, len - 2);
		if (parent == NULL || parent->elem != NULL ||
		    !(parent->types & SCHEMA_ARRAY))
			goto bad;
		n = parent->elem = node_new(s, "[]", 2, full.ptr, len, types,
		    doc);
		buf_release(&full);
		return n;
	}
	for (k = len; k > 0 && full.ptr[k - 1] != '.'; k--)
		;
	parent = k > 0 ? table_find(root, full.ptr, k - 1) : root;
	if (parent == NULL || !(parent->types & SCHEMA_OBJECT) ||
	    kid_named(parent, full.ptr + k, len - k) != NULL)
		goto bad;
	n = node_new(s, full.ptr + k, len - k, full.ptr, len, types, doc);
	n->any = upper_name(full.ptr + k, len - k);
	add_kid(parent, n);
	buf_release(&full);
	return n;
bad:
	error("schema: '%s' has no parent, or is there twice", full.ptr);
	buf_release(&full);
	return NULL;
}

/* Each figure at `at` (figures.FIGURE or systems[].figures.FIGURE). */
static int
add_figures(struct schema *s, const struct key *k, int tenant)
{
	struct buf prefix = BUF_INIT, path = BUF_INIT;
	size_t j, plen = strlen(k->path) - strlen("FIGURE");
	int f, rc = 0;

	for (f = 0; f < F_N && rc == 0; f++) {
		if (!tenant && figure_defs[f].tenant_only)
			continue;
		buf_reset(&path);
		buf_addf(&path, "%.*s%s", (int)plen, k->path, figure_defs[f].name);
		if (add_path(s, s->root[SCHEMA_VIEW], "", path.ptr, k->types,
		    k->doc) == NULL)
			rc = -1;
		buf_reset(&prefix);
		buf_addf(&prefix, "%s.", path.ptr);
		for (j = 0; j < ARRAY_SIZE(figure_keys) && rc == 0; j++) {
			const struct key *fk = &figure_keys[j];

			if ((fk->where & FK_TENANT) && !tenant)
				continue;
			if ((fk->where & FK_HEADLINE) && !view_figure_headline(f))
				continue;
			if (add_path(s, s->root[SCHEMA_VIEW], prefix.ptr,
			    fk->path, fk->types, fk->doc) == NULL)
				rc = -1;
		}
	}
	buf_release(&prefix);
	buf_release(&path);
	return rc;
}

static unsigned
json_types(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return SCHEMA_OBJECT;
	case JSON_ARRAY: return SCHEMA_ARRAY;
	case JSON_STRING: return SCHEMA_STRING;
	case JSON_INTEGER: return SCHEMA_NUMBER | SCHEMA_INTEGER;
	case JSON_REAL: return SCHEMA_NUMBER;
	case JSON_TRUE:
	case JSON_FALSE: return SCHEMA_BOOL;
	default: return SCHEMA_NULL;
	}
}

/* Adds the keys of JSON value v to node n (made for it): the union. */
static void
add_json(struct schema *s, struct schema_node *n, const json_t *v)
{
	const char *key;
	json_t *m;
	size_t i;

	n->types |= json_types(v);
	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, key, m) {
			struct schema_node *k = kid_named(n, key, strlen(key));

			if (k == NULL) {
				struct buf path = BUF_INIT;

				buf_addf(&path, "%s.%s", n->path, key);
				k = node_new(s, key, strlen(key), path.ptr,
				    path.len, 0, NULL);
				add_kid(n, k);
				buf_release(&path);
			}
			add_json(s, k, m);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, m) {
			if (n->elem == NULL) {
				struct buf path = BUF_INIT;

				buf_addf(&path, "%s[]", n->path);
				n->elem = node_new(s, "[]", 2, path.ptr,
				    path.len, 0, NULL);
				buf_release(&path);
			}
			add_json(s, n->elem, m);
		}
	}
}

/* The context of a template: the view's members, i18n and page. */
static int
add_context(struct schema *s, enum schema_context c, unsigned where)
{
	struct schema_node *r, *v = s->root[SCHEMA_VIEW];
	size_t i;

	r = s->root[c] = node_new(s, "", 0, "", 0, SCHEMA_OBJECT, NULL);
	for (i = 0; i < v->nkid; i++)
		add_kid(r, v->kid[i]);
	add_kid(r, s->i18n);
	for (i = 0; i < ARRAY_SIZE(page_keys); i++) {
		struct schema_node *n;

		if (!(page_keys[i].where & where))
			continue;
		if ((n = add_path(s, r, "", page_keys[i].path,
		    page_keys[i].types, page_keys[i].doc)) == NULL)
			return -1;
		if (page_keys[i].same != NULL &&
		    (n->same = table_find(v, page_keys[i].same,
		    strlen(page_keys[i].same))) == NULL)
			return error("schema: '%s' is not a key",
			    page_keys[i].same);
	}
	return 0;
}

struct schema *
schema_new(json_t *const *labels, size_t n)
{
	struct schema *s = xcalloc(1, sizeof(*s));
	size_t i;
	int rc = 0;

	s->root[SCHEMA_VIEW] = node_new(s, "", 0, "", 0, SCHEMA_OBJECT, NULL);
	for (i = 0; i < ARRAY_SIZE(view_keys) && rc == 0; i++) {
		const struct key *k = &view_keys[i];

		if (k->where & (K_TENANT_FIGURES | K_SYSTEM_FIGURES))
			rc = add_figures(s, k, k->where & K_TENANT_FIGURES);
		else if (add_path(s, s->root[SCHEMA_VIEW], "", k->path,
		    k->types, k->doc) == NULL)
			rc = -1;
	}
	s->i18n = node_new(s, "i18n", 4, "i18n", 4, SCHEMA_OBJECT,
	    "the labels of the tenant's locale, templates/i18n/LOCALE.json");
	for (i = 0; i < n; i++)
		if (labels[i] != NULL)
			add_json(s, s->i18n, labels[i]);
	if (rc == 0)
		rc = add_context(s, SCHEMA_REPORT, P_REPORT);
	if (rc == 0)
		rc = add_context(s, SCHEMA_PORTAL, P_PORTAL);
	if (rc == 0)
		rc = add_context(s, SCHEMA_LAYOUT, P_REPORT | P_PORTAL |
		    P_LAYOUT);
	if (rc != 0) {
		schema_free(s);
		return NULL;
	}
	return s;
}

struct schema *
schema_load(const char *templates)
{
	json_t *labels[16] = { NULL }, *strings;
	const struct asset *a;
	struct schema *s = NULL;
	size_t n = 0, i;
	char locale[16];
	int failed = 0;

	for (a = assets_builtin; a->name != NULL && n < ARRAY_SIZE(labels); a++) {
		if (sscanf(a->name, "i18n/%15[A-Za-z-].json", locale) != 1)
			continue;
		if ((strings = view_strings(templates, locale)) == NULL) {
			failed = 1;
			continue;
		}
		labels[n++] = json_incref(json_object_get(strings, "labels"));
		json_decref(strings);
	}
	if (!failed)
		s = schema_new(labels, n);
	for (i = 0; i < n; i++)
		json_decref(labels[i]);
	return s;
}

void
schema_free(struct schema *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nall; i++) {
		free(s->all[i]->key);
		free(s->all[i]->path);
		free(s->all[i]->kid);
		free(s->all[i]);
	}
	free(s->all);
	free(s);
}

const struct schema_node *
schema_root(const struct schema *s, enum schema_context c)
{
	return s->root[c];
}

/* The node whose members n has. */
static const struct schema_node *
members_of(const struct schema_node *n)
{
	return n->same ? n->same : n;
}

const struct schema_node *
schema_member(const struct schema_node *n, const char *key, size_t len)
{
	const struct schema_node *m;
	size_t i;

	if (n == NULL || !(n->types & SCHEMA_OBJECT))
		return NULL;
	m = members_of(n);
	for (i = 0; i < m->nkid; i++)
		if (m->kid[i]->any ? len > 0 : strlen(m->kid[i]->key) == len &&
		    memcmp(m->kid[i]->key, key, len) == 0)
			return m->kid[i];
	return NULL;
}

const struct schema_node *
schema_member_at(const struct schema_node *n, size_t i)
{
	if (n == NULL || !(n->types & SCHEMA_OBJECT))
		return NULL;
	n = members_of(n);
	return i < n->nkid ? n->kid[i] : NULL;
}

const struct schema_node *
schema_element(const struct schema_node *n)
{
	return n != NULL && (n->types & SCHEMA_ARRAY) ? members_of(n)->elem :
	    NULL;
}

unsigned
schema_types(const struct schema_node *n)
{
	return n->types;
}

const char *
schema_path(const struct schema_node *n)
{
	return n->path;
}

const char *
schema_key(const struct schema_node *n)
{
	return n->key;
}

int
schema_any_key(const struct schema_node *n)
{
	return n->any;
}

const struct schema_node *
schema_find(const struct schema *s, enum schema_context c, const char *path)
{
	return walk(s->root[c], path, strlen(path), schema_member);
}

void
schema_type_name(unsigned t, struct buf *out)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = { { SCHEMA_OBJECT, "object" }, { SCHEMA_ARRAY, "array" },
		{ SCHEMA_STRING, "string" }, { SCHEMA_INTEGER, "integer" },
		{ SCHEMA_NUMBER, "number" }, { SCHEMA_BOOL, "boolean" },
		{ SCHEMA_NULL, "null" } };
	size_t i, n = 0;

	if (t & SCHEMA_INTEGER)
		t &= ~(unsigned)SCHEMA_NUMBER;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (t & names[i].bit)
			buf_addf(out, "%s%s", n++ ? " or " : "", names[i].name);
}

const char *const *
schema_headline(void)
{
	static const char *v[F_N + 1];
	size_t n = 0;
	int f;

	if (v[0] == NULL)
		for (f = 0; f < F_N; f++)
			if (view_figure_headline(f))
				v[n++] = figure_defs[f].name;
	return v;
}

/* --- the reference --------------------------------------------------- */

/* A cell of a Markdown table: | and newlines would end it, < start HTML. */
static void
cell(struct buf *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			buf_addstr(out, "\\|");
		else if (*s == '<')
			buf_addstr(out, "&lt;");
		else if (*s == '&')
			buf_addstr(out, "&amp;");
		else if (*s == '\n')
			buf_addch(out, ' ');
		else
			buf_addch(out, *s);
	}
}

static void
row(struct buf *out, const char *prefix, const struct key *k,
    const char *note)
{
	buf_addf(out, "| `%s%s` | ", prefix, k->path);
	schema_type_name(k->types, out);
	buf_addstr(out, " | ");
	cell(out, k->doc);
	if (note)
		buf_addf(out, " (%s)", note);
	buf_addstr(out, " |\n");
}

void
schema_doc(const struct schema *s, enum schema_context c, struct buf *out)
{
	size_t i, j;

	(void)s;
	if (c != SCHEMA_VIEW) {
		buf_addstr(out, "| key | type | what | in |\n"
		    "|---|---|---|---|\n");
		for (i = 0; i < ARRAY_SIZE(page_keys); i++) {
			const struct key *k = &page_keys[i];

			buf_addf(out, "| `%s` | ", k->path);
			schema_type_name(k->types, out);
			buf_addstr(out, " | ");
			cell(out, k->doc);
			buf_addf(out, " | %s%s%s |\n", k->where & P_REPORT ?
			    "report.md, " : "", k->where & P_PORTAL ?
			    "portal.md, " : "", "layout.html");
		}
		return;
	}
	buf_addstr(out, "| key | type | what |\n|---|---|---|\n");
	for (i = 0; i < ARRAY_SIZE(view_keys); i++) {
		const struct key *k = &view_keys[i];

		row(out, "", k, NULL);
		if (!(k->where & K_TENANT_FIGURES))
			continue;
		for (j = 0; j < ARRAY_SIZE(figure_keys); j++)
			row(out, "figures.FIGURE.", &figure_keys[j],
			    figure_keys[j].where & FK_HEADLINE ?
			    "headline figures only" : NULL);
	}
}

void
schema_doc_figures(struct buf *out, const json_t *labels)
{
	const json_t *names = json_object_get(labels, "figures");
	int f;

	buf_addstr(out, "| FIGURE | label (en-CA) | integer | per system | "
	    "formula and inputs |\n|---|---|---|---|---|\n");
	for (f = 0; f < F_N; f++) {
		buf_addf(out, "| `%s` | ", figure_defs[f].name);
		cell(out, json_string_value(json_object_get(names,
		    figure_defs[f].name)));
		buf_addf(out, " | %s | %s | %s |\n", figure_defs[f].integer ?
		    "yes" : "", figure_defs[f].tenant_only ? "" : "yes",
		    view_figure_headline(f) ? "yes" : "");
	}
}

static void
doc_i18n(const struct schema_node *n, const json_t *v, struct buf *out)
{
	size_t i;

	if (n->nkid == 0) {
		buf_addf(out, "| `%s` | ", n->path);
		schema_type_name(n->types, out);
		buf_addstr(out, " | ");
		if (json_is_string(v))
			cell(out, json_string_value(v));
		else if (json_is_array(v) && json_array_size(v) > 0) {
			cell(out, json_string_value(json_array_get(v, 0)));
			buf_addstr(out, ", ...");
		}
		buf_addstr(out, " |\n");
		return;
	}
	for (i = 0; i < n->nkid; i++)
		doc_i18n(n->kid[i], json_object_get(v, n->kid[i]->key), out);
}

void
schema_doc_i18n(const struct schema *s, const json_t *labels,
    struct buf *out)
{
	buf_addstr(out, "| key | type | en-CA |\n|---|---|---|\n");
	doc_i18n(s->i18n, labels, out);
}
