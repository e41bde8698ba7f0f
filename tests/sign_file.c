/*
 * sign_file.c: signs one PDF as roic build does, for the tests of what the
 * signer refuses and for the benchmark. The PDF is given to the signer in
 * a block of its exact size (no NUL after it), so that the sanitizers see
 * any read past its end.
 * usage: sign_file KEY CERT IN.pdf OUT.pdf
 *        sign_file --bench KEY CERT IN.pdf N   (prints the median ms)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sign.h"
#include "util.h"

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct signer *s = NULL;
	char *pdf = NULL;
	int rc = 0;
	int bench = argc == 6 && strcmp(argv[1], "--bench") == 0;
	char **a = argv + bench;
	FILE *f;

	if (argc != 5 + bench) {
		fprintf(stderr, "usage: sign_file [--bench] KEY CERT IN.pdf "
		    "OUT.pdf|N\n");
		return 2;
	}
	if ((s = sign_load_pem(a[1], a[2], NULL)) == NULL ||
	    read_file(a[3], (size_t)1 << 30, &in) != 0) {
		rc = 2;
		goto out;
	}
	pdf = xmalloc(in.len ? in.len : 1);
	memcpy(pdf, in.ptr, in.len);
	if (bench) {
		int n = atoi(a[4]), i;
		double *t = xcalloc((size_t)n, sizeof(*t));
		struct timespec x, y;

		for (i = 0; i < n; i++) {
			clock_gettime(CLOCK_MONOTONIC, &x);
			buf_reset(&out);
			if (sign_pdf(s, pdf, in.len, 1793000000, &out)) {
				free(t);
				rc = 1;
				goto out;
			}
			clock_gettime(CLOCK_MONOTONIC, &y);
			t[i] = (double)(y.tv_sec - x.tv_sec) * 1e3 +
			    (double)(y.tv_nsec - x.tv_nsec) / 1e6;
		}
		qsort(t, (size_t)n, sizeof(*t), cmp);
		printf("signing a report's PDF (%zu KB, RSA-2048): median "
		    "%.3f ms of %d (target <= 0.5 ms)\n", in.len / 1024,
		    t[n / 2], n);
		free(t);
	} else {
		if (sign_pdf(s, pdf, in.len, 1793000000, &out))
			rc = 1;
		else if ((f = fopen(a[4], "wb")) == NULL)
			rc = 1;
		else if ((fwrite(out.ptr, 1, out.len, f) != out.len) |
		    (fclose(f) != 0))
			rc = 1;
	}
out:
	free(pdf);
	if (s)
		sign_free(s);
	buf_release(&in);
	buf_release(&out);
	return rc;
}
