/* directive.c: the text of the report's tables and explanations. */
#include "directive.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "util.h"
#include "view.h"

const char *
directive_label(const json_t *labels, const char *group, const char *key)
{
	const json_t *g = group ? json_object_get(labels, group) : labels;
	const char *s = json_string_value(json_object_get(g, key));

	return s ? s : key;
}

static double
number(const json_t *j)
{
	return json_is_number(j) ? json_number_value(j) : NAN;
}

/* A column of a data table: its heading, and how a row shows it. */
struct column {
	const char *key;	/* member of the row */
	const char *heading;	/* key of labels.columns or labels.figures */
	char kind;		/* 's' text, 'f' figure of the row's "figures",
				   'p' percent ratio, 'n' number, 'm' minutes,
				   't' time (UTC), 'd' date, 'b' yes/no,
				   'v' translated value, 'c' code,
				   'k' kind of a missed check */
};

static char *
cell(const json_t *view, const json_t *labels, const json_t *row,
    const struct column *c)
{
	const json_t *v = json_object_get(row, c->key);
	const char *locale = json_string_value(json_object_get(json_object_get(
	    view, "tenant"), "locale"));
	struct buf o = BUF_INIT;

	switch (c->kind) {
	case 'f':
		v = json_object_get(json_object_get(json_object_get(row,
		    "figures"), c->key), "value");
		view_format(view, c->key, number(v), 0, &o);
		break;
	case 'p':
		view_format(view, "availability", number(v), 0, &o);
		break;
	case 'm':
		view_format(view, "error_budget_min", number(v), 0, &o);
		break;
	case 't':
		/* "2026-10-07T14:29:00Z" as "2026-10-07 14:29 UTC" (en-US
		 * "Oct 7, 2026, 14:29 UTC"; with the seconds when there are
		 * some). */
		if (json_is_string(v) && strlen(json_string_value(v)) == 20) {
			const char *s = json_string_value(v);
			char hm[16];

			snprintf(hm, sizeof(hm), "%.5s%.3s", s + 11,
			    strncmp(s + 16, ":00", 3) ? s + 16 : "");
			format_date(&o, locale, s, hm);
			buf_addstr(&o, " UTC");
		} else
			buf_addstr(&o, json_is_string(v) ?
			    json_string_value(v) : "—");
		break;
	case 'd':
		format_date(&o, locale, json_string_value(v), NULL);
		break;
	case 'k':
		/* A missed check: its kind, and the incident it concerns. */
		buf_addstr(&o, directive_label(labels, "values",
		    json_string_value(v) ? json_string_value(v) : "unknown"));
		if (json_is_string(json_object_get(row, "incident")))
			buf_addf(&o, " (%s)", json_string_value(json_object_get(
			    row, "incident")));
		break;
	case 'n':
		if (json_is_integer(v))
			view_format(view, "tasks",
			    (double)json_integer_value(v), 0, &o);
		else if (json_is_number(v))
			view_format(view, "psi", json_number_value(v), 0, &o);
		else
			buf_addstr(&o, "—");
		break;
	case 'b':
		buf_addstr(&o, json_is_null(v) ? "—" : directive_label(labels,
		    "values", json_is_true(v) ? "yes" : "no"));
		break;
	case 'v':
		buf_addstr(&o, directive_label(labels, "values",
		    json_string_value(v) ? json_string_value(v) : "unknown"));
		break;
	default:
		if (json_is_null(v) || v == NULL)
			buf_addstr(&o, "—");
		else if (json_is_string(v))
			buf_addstr(&o, json_string_value(v));
		else if (json_is_integer(v))
			buf_addf(&o, "%lld", (long long)json_integer_value(v));
		break;
	}
	return buf_detach(&o, NULL);
}

int
directive_table(const json_t *view, const json_t *labels, const char *name,
    struct dtable *t)
{
	static const struct column incidents[] = { { "id", "id", 's' },
		{ "system_name", "system", 's' }, { "severity", "severity", 's' },
		{ "opened", "opened", 't' }, { "resolved", "resolved", 't' },
		{ "minutes", "minutes", 'm' }, { "target_minutes", "target", 'm' },
		{ "in_sla", "in_sla", 'b' }, { "summary", "summary", 's' },
		{ NULL, NULL, 0 } };
	static const struct column systems[] = { { "name", "name", 's' },
		{ "model", "model", 's' }, { "tasks", "tasks", 'f' },
		{ "hours_saved", "hours_saved", 'f' },
		{ "error_reduction", "error_reduction", 'f' },
		{ "availability", "availability", 'f' },
		{ "accuracy", "accuracy", 'f' }, { "llm_cost", "llm_cost", 'f' },
		{ "sla_adherence", "sla_adherence", 'f' }, { NULL, NULL, 0 } };
	static const struct column drift[] = {
		{ "system_name", "system", 's' },
		{ "feature", "feature", 's' }, { "psi", "psi", 'n' },
		{ "status", "status", 'v' }, { NULL, NULL, 0 } };
	static const struct column integrations[] = {
		{ "system_name", "system", 's' }, { "endpoint", "endpoint", 's' },
		{ "calls", "calls", 'n' }, { "failures", "failures", 'n' },
		{ "success_rate", "success_rate", 'p' },
		{ "worst_day_success_rate", "worst_day", 'p' }, { NULL, NULL, 0 } };
	static const struct column lineage[] = { { "file", "file", 's' },
		{ "sha256", "sha256", 'c' }, { "bytes", "bytes", 'n' },
		{ "ingested_at", "ingested_at", 't' }, { NULL, NULL, 0 } };
	static const struct column breached[] = { { "date", "date", 'd' },
		{ "kind", "kind", 'k' }, { "system_name", "system", 's' },
		{ NULL, NULL, 0 } };
	static const struct {
		const char *name;
		const struct column *cols;
	} tables[] = { { "incidents", incidents }, { "systems", systems },
		{ "drift", drift }, { "integrations", integrations },
		{ "lineage", lineage }, { "breached", breached } };
	const struct column *cols = NULL;
	const json_t *rows, *row;
	size_t i, k;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < ARRAY_SIZE(tables); i++)
		if (strcmp(tables[i].name, name) == 0)
			cols = tables[i].cols;
	if (cols == NULL)
		return -1;
	rows = strcmp(name, "breached") == 0 ? json_object_get(json_object_get(
	    view, "sla"), "breached") : json_object_get(view, name);
	while (cols[t->cols].key)
		t->cols++;
	t->rows = json_array_size(rows);
	t->row_heads = 1;
	t->head = xcalloc(t->cols, sizeof(*t->head));
	t->code = xcalloc(t->cols, 1);
	t->cell = xcalloc(t->rows * t->cols + 1, sizeof(*t->cell));
	for (k = 0; k < t->cols; k++) {
		t->head[k] = xstrdup(cols[k].kind == 'f' ? directive_label(labels,
		    "figures", cols[k].heading) : directive_label(labels,
		    "columns", cols[k].heading));
		t->code[k] = cols[k].kind == 'c';
	}
	json_array_foreach(rows, i, row)
		for (k = 0; k < t->cols; k++)
			t->cell[i * t->cols + k] = cell(view, labels, row,
			    &cols[k]);
	return 0;
}

void
dtable_release(struct dtable *t)
{
	size_t i;

	for (i = 0; t->head && i < t->cols; i++)
		free(t->head[i]);
	for (i = 0; t->cell && i < t->rows * t->cols; i++)
		free(t->cell[i]);
	free(t->head);
	free(t->cell);
	free(t->code);
	memset(t, 0, sizeof(*t));
}

/* Inputs that are not figures, shown like the figure of the same unit. */
static const char *
unit_of(const char *key)
{
	static const char *const map[][2] = { { "hourly_rate", "llm_cost" },
		{ "cost_per_error", "llm_cost" }, { "monthly_fee", "llm_cost" },
		{ "error_rate", "hallucination_rate" },
		{ "minutes_per_task", "baseline_errors" } };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (strcmp(map[i][0], key) == 0)
			return map[i][1];
	return key;
}

/* A scalar of the inputs, as text: a system by its name. */
static char *
scalar(const json_t *view, const char *key, const json_t *v)
{
	struct buf o = BUF_INIT;
	const json_t *sy;
	size_t i;

	if (json_is_string(v) && strcmp(key, "system") == 0) {
		json_array_foreach(json_object_get(view, "systems"), i, sy)
			if (json_equal(json_object_get(sy, "id"), (json_t *)v) &&
			    json_is_string(json_object_get(sy, "name")))
				v = json_object_get(sy, "name");
		buf_addstr(&o, json_string_value(v));
	} else if (json_is_string(v))
		buf_addstr(&o, json_string_value(v));
	else if (json_is_integer(v))
		view_format(view, "tasks", (double)json_integer_value(v), 0, &o);
	else if (json_is_object(v))
		buf_addf(&o, "%lld / %lld",
		    (long long)json_integer_value(json_object_get(v, "met")),
		    (long long)json_integer_value(json_object_get(v, "checks")));
	else
		view_format(view, unit_of(key), number(v), 0, &o);
	return buf_detach(&o, NULL);
}

int
directive_explain(const json_t *view, const json_t *labels, const char *name,
    struct dexplain *e)
{
	const json_t *f = json_object_get(json_object_get(view, "figures"),
	    name), *in, *v, *row, *x;
	const char *key, *k2;
	struct buf b = BUF_INIT;
	size_t i, k;

	memset(e, 0, sizeof(*e));
	if (f == NULL || json_object_get(f, "formula") == NULL)
		return -1;
	in = json_object_get(f, "inputs");
	buf_addf(&b, "%s%s%s", directive_label(labels, NULL, "how_computed"),
	    directive_label(labels, NULL, "colon"), directive_label(labels,
	    "figures", name));
	e->title = buf_detach(&b, NULL);
	e->formula = xstrdup(json_string_value(json_object_get(f, "formula")) ?:
	    "");
	e->term = xcalloc(json_object_size(in) + 1, sizeof(*e->term));
	e->value = xcalloc(json_object_size(in) + 1, sizeof(*e->value));
	e->tables = xcalloc(json_object_size(in) + 1, sizeof(*e->tables));
	json_object_foreach((json_t *)in, key, v) {
		struct dtable *t;

		if (!json_is_array(v)) {
			e->term[e->n] = xstrdup(directive_label(labels,
			    "figures", key));
			e->value[e->n++] = scalar(view, key, v);
			continue;
		}
		if (json_array_size(v) == 0)
			continue;
		/* Per system: a column per member of the first row. */
		t = &e->tables[e->ntables++];
		t->cols = json_object_size(json_array_get(v, 0));
		t->rows = json_array_size(v);
		t->row_heads = 1;
		t->head = xcalloc(t->cols, sizeof(*t->head));
		t->code = xcalloc(t->cols, 1);
		t->cell = xcalloc(t->rows * t->cols + 1, sizeof(*t->cell));
		k = 0;
		json_object_foreach(json_array_get(v, 0), k2, x)
			if (k < t->cols)
				t->head[k++] = xstrdup(strcmp(k2, "system") ==
				    0 ? directive_label(labels, "columns",
				    "system") : directive_label(labels,
				    "figures", k2));
		json_array_foreach(v, i, row) {
			k = 0;
			json_object_foreach((json_t *)row, k2, x)
				if (k < t->cols)
					t->cell[i * t->cols + k++] = scalar(
					    view, k2, x);
			while (k < t->cols)
				t->cell[i * t->cols + k++] = xstrdup("");
		}
	}
	return 0;
}

void
dexplain_release(struct dexplain *e)
{
	size_t i;

	free(e->title);
	free(e->formula);
	for (i = 0; i < e->n; i++) {
		free(e->term[i]);
		free(e->value[i]);
	}
	free(e->term);
	free(e->value);
	for (i = 0; i < e->ntables; i++)
		dtable_release(&e->tables[i]);
	free(e->tables);
	memset(e, 0, sizeof(*e));
}
