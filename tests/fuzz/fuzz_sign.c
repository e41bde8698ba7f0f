/* fuzz_sign.c: libFuzzer target for the signer's PDF reader: any bytes
 * (seeded with libharu output, which mutations take apart) given to
 * sign_pdf, which must refuse what it cannot read or sign it whole; a PDF
 * it signs must then verify (roic verify). Keys from roic keygen in a
 * temporary folder made at start. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sign.h"
#include "verify.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static char dir[] = "/tmp/roic-fuzz-sign.XXXXXX";

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct signer *s;
	static char pdf[sizeof(dir) + 16];
	struct buf out = BUF_INIT;
	FILE *f;

	if (s == NULL) {
		char key[sizeof(dir) + 16], cert[sizeof(dir) + 16];

		if (mkdtemp(dir) == NULL ||
		    sign_keygen(dir, "Fuzz", 1793000000) != 0)
			abort();
		snprintf(key, sizeof(key), "%s/signer.key", dir);
		snprintf(cert, sizeof(cert), "%s/signer.pem", dir);
		snprintf(pdf, sizeof(pdf), "%s/f.pdf", dir);
		if ((s = sign_load_pem(key, cert, NULL)) == NULL)
			abort();
	}
	if (sign_pdf(s, (const char *)data, size, 1793000000, &out) == 0) {
		/* Signed: the whole file but the signature, verified. */
		if ((f = fopen(pdf, "wb")) == NULL ||
		    fwrite(out.ptr, 1, out.len, f) != out.len || fclose(f))
			abort();
		if (verify_path(pdf, NULL) != 0)
			abort();
	}
	buf_release(&out);
	return 0;
}
