/*
 * chart_golden.c: renders charts from a view model (data.json) as SVG and
 * PNG, for the golden tests, and compares two PNGs pixel by pixel.
 * usage: chart_golden VIEW.json OUTDIR NAME[:ARG]...  (FILE.svg, FILE.png, and
 *        FILE.compact.svg, .png for a chart with a compact layout)
 *        chart_golden --diff A.png B.png   (prints "PIXELS DIFFERENT MAXDELTA")
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "chart.h"
#include "chart_cairo.h"
#include "util.h"
#include "view.h"

/* Counts the pixels of two PNGs of the same size that differ by more than
 * `tol` in a channel; exits 2 when they cannot be compared. */
static int
diff(const char *a, const char *b)
{
	cairo_surface_t *sa = cairo_image_surface_create_from_png(a);
	cairo_surface_t *sb = cairo_image_surface_create_from_png(b);
	int w, h, x, y, k, maxd = 0;
	long n = 0;

	if (cairo_surface_status(sa) || cairo_surface_status(sb)) {
		fprintf(stderr, "chart_golden: unable to read '%s' or '%s'\n",
		    a, b);
		return 2;
	}
	w = cairo_image_surface_get_width(sa);
	h = cairo_image_surface_get_height(sa);
	if (w != cairo_image_surface_get_width(sb) ||
	    h != cairo_image_surface_get_height(sb)) {
		printf("%d %d 255\n", w * h, w * h);
		return 0;
	}
	for (y = 0; y < h; y++) {
		const unsigned char *pa = cairo_image_surface_get_data(sa) +
		    (size_t)y * (size_t)cairo_image_surface_get_stride(sa);
		const unsigned char *pb = cairo_image_surface_get_data(sb) +
		    (size_t)y * (size_t)cairo_image_surface_get_stride(sb);

		for (x = 0; x < w; x++) {
			int d = 0;

			for (k = 0; k < 4; k++) {
				int e = abs(pa[4 * x + k] - pb[4 * x + k]);

				d = e > d ? e : d;
			}
			if (d > 0)
				n++;
			maxd = d > maxd ? d : maxd;
		}
	}
	printf("%d %ld %d\n", w * h, n, maxd);
	cairo_surface_destroy(sa);
	cairo_surface_destroy(sb);
	return 0;
}

/* Writes b to DIR/FILE.EXT; 0, or 2 after saying why not. */
static int
put(const char *dir, const char *file, const char *ext, const struct buf *b)
{
	struct buf path = BUF_INIT;
	FILE *f;
	int rc = 0;

	buf_addf(&path, "%s/%s.%s", dir, file, ext);
	if ((f = fopen(path.ptr, "wb")) == NULL)
		rc = 2;
	else if (fwrite(b->ptr, 1, b->len, f) != b->len) {
		fclose(f);
		rc = 2;
	} else if (fclose(f) != 0)
		rc = 2;
	if (rc)
		perror(path.ptr);
	buf_release(&path);
	return rc;
}

int
main(int argc, char **argv)
{
	struct chart_set *cs;
	json_error_t je;
	json_t *view, *strings;
	const char *locale;
	int i, rc = 0;

	if (argc == 4 && strcmp(argv[1], "--diff") == 0)
		return diff(argv[2], argv[3]);
	if (argc < 4) {
		fprintf(stderr, "usage: chart_golden VIEW.json OUTDIR "
		    "NAME[:ARG]...\n");
		return 2;
	}
	if ((view = json_load_file(argv[1], 0, &je)) == NULL) {
		fprintf(stderr, "%s:%d: %s\n", argv[1], je.line, je.text);
		return 2;
	}
	locale = json_string_value(json_object_get(json_object_get(view,
	    "tenant"), "locale"));
	if ((strings = view_strings(NULL, locale ? locale : "en-CA")) == NULL ||
	    (cs = chart_set_load(NULL)) == NULL)
		return 2;
	for (i = 3; i < argc; i++) {
		char name[64], *arg;
		struct buf svg = BUF_INIT, png = BUF_INIT, path = BUF_INIT;
		struct chart c;
		FILE *f;

		snprintf(name, sizeof(name), "%s", argv[i]);
		if ((arg = strchr(name, ':')) != NULL)
			*arg++ = '\0';
		if (chart_layout(cs, name, arg, view, json_object_get(strings,
		    "labels"), &c)) {
			fprintf(stderr, "chart_golden: no chart '%s'\n", name);
			return 2;
		}
		if (chart_cairo_svg(&c, &svg) || chart_cairo_png(&c,
		    CHART_PNG_SCALE, &png))
			return 2;
		buf_addf(&path, "%s/%s.svg", argv[2], c.file);
		if ((f = fopen(path.ptr, "wb")) == NULL ||
		    fwrite(svg.ptr, 1, svg.len, f) != svg.len || fclose(f)) {
			perror(path.ptr);
			rc = 2;
		}
		buf_reset(&path);
		buf_addf(&path, "%s/%s.png", argv[2], c.file);
		if ((f = fopen(path.ptr, "wb")) == NULL ||
		    fwrite(png.ptr, 1, png.len, f) != png.len || fclose(f)) {
			perror(path.ptr);
			rc = 2;
		}
		/* The phone's layout beside it: NAME.compact.svg, .png. */
		if (rc == 0 && c.compact.width > 0) {
			struct chart k = c;
			char file[sizeof(c.file) + 8];

			k.scene = c.compact;
			snprintf(file, sizeof(file), "%s.compact", c.file);
			buf_reset(&svg);
			buf_reset(&png);
			if (chart_cairo_svg(&k, &svg) || chart_cairo_png(&k,
			    CHART_PNG_SCALE, &png))
				return 2;
			rc = put(argv[2], file, "svg", &svg) |
			    put(argv[2], file, "png", &png);
		}
		chart_release(&c);
		buf_release(&svg);
		buf_release(&png);
		buf_release(&path);
	}
	chart_set_free(cs);
	json_decref(strings);
	json_decref(view);
	return rc;
}
