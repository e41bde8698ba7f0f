/*
 * directive.h: what the report's directives show, as text: the rows of a
 * `table NAME` and the formula and inputs of an `explain FIGURE`, formatted
 * from the view model in the tenant's language. The HTML and the PDF
 * renderers lay the same text out, each in its own way.
 */
#ifndef ROIC_DIRECTIVE_H
#define ROIC_DIRECTIVE_H

#include <stddef.h>

#include <jansson.h>

/* A table: a heading per column, rows x cols cells ("—" for none). */
struct dtable {
	size_t rows, cols;
	char **head;		/* cols headings */
	char **cell;		/* rows * cols, row by row */
	unsigned char *code;	/* per column: 1 for codes (hashes) */
	int row_heads;		/* the first column names its row */
};

/*
 * The table `name` (incidents, systems, drift, integrations, lineage,
 * breached) of the view. Returns 0 (rows may be 0), or -1 when no table
 * has that name. Release with dtable_release.
 */
int directive_table(const json_t *view, const json_t *labels,
    const char *name, struct dtable *t);
void dtable_release(struct dtable *t);

/* How a headline figure is computed. */
struct dexplain {
	char *title;		/* "How this is computed: Time saved" */
	char *formula;
	char **term, **value;	/* the scalar inputs */
	size_t n;
	struct dtable *tables;	/* the per-system inputs */
	size_t ntables;
};

/* The explanation of figure `name`; -1 when it has none (not a headline
 * figure). Release with dexplain_release. */
int directive_explain(const json_t *view, const json_t *labels,
    const char *name, struct dexplain *e);
void dexplain_release(struct dexplain *e);

/* labels.<group>.<key> of the tenant's strings, or the key itself. */
const char *directive_label(const json_t *labels, const char *group,
    const char *key);

#endif
