/*
 * pdf.h: the PDF report (SPEC 5.2): the Markdown of the report (the
 * template rendered by Mustache, as for the HTML page) walked as a cmark
 * AST and typeset with libharu, its directives in their print form (cards,
 * alerts, tables that break across pages with their header repeated,
 * charts drawn as vectors), the "how this is computed" appendix, a cover
 * block, running header and "page N of M" footer.
 */
#ifndef ROIC_PDF_H
#define ROIC_PDF_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "chart.h"
#include "util.h"

struct pdf_opts {
	const char *msp_name;	/* the author; NULL: none */
	int64_t time;		/* the document's dates (Unix time) */
	const void *logo;	/* the tenant's PNG logo, or NULL */
	size_t logo_len;
};

/*
 * Typesets md[0..len) (the report's Markdown) with the view model, the
 * "labels" of the tenant's strings and the charts of `charts` (those the
 * page laid out are reused; others are laid out here) into a PDF appended
 * to `out`. The same inputs give the same bytes. Returns 0, or -1 after
 * reporting (a directive that names nothing, a libharu error).
 */
int pdf_render(const char *md, size_t len, const json_t *view,
    const json_t *labels, struct chart_list *charts,
    const struct pdf_opts *o, struct buf *out);

#endif
