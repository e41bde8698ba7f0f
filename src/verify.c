/* verify.c: roic verify: signed PDFs and signed tenant sites. */
#include "verify.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "diag.h"
#include "util.h"

#define MAX_VERIFY_BYTES ((size_t)1 << 30)

/* The trusted certificates of --ca, or NULL (no chain check). */
static X509_STORE *
load_store(const char *ca)
{
	X509_STORE *st;

	if (ca == NULL)
		return NULL;
	st = X509_STORE_new();
	if (X509_STORE_load_file(st, ca) != 1) {
		X509_STORE_free(st);
		ERR_clear_error();
		error("unable to read the certificates of '%s'", ca);
		return NULL;
	}
	return st;
}

/* Verifies DER CMS `sig` over data; NULL when it holds, else why not. */
static const char *
cms_check(const void *sig, size_t siglen, const void *data, size_t len,
    X509_STORE *store)
{
	const unsigned char *p = sig;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)siglen);
	BIO *in = BIO_new_mem_buf(data, (int)len);
	const char *why = NULL;
	unsigned long e;

	if (cms == NULL)
		why = "the signature is not a CMS structure";
	else if (CMS_verify(cms, NULL, store, in, NULL, CMS_BINARY |
	    (store ? 0 : CMS_NO_SIGNER_CERT_VERIFY)) != 1) {
		e = ERR_peek_last_error();
		why = ERR_GET_REASON(e) == CMS_R_CONTENT_VERIFY_ERROR ||
		    ERR_GET_REASON(e) == CMS_R_VERIFICATION_FAILURE ?
		    "the signature does not match the signed bytes (digest "
		    "mismatch)" : ERR_GET_LIB(e) == ERR_LIB_CMS &&
		    ERR_GET_REASON(e) == CMS_R_CERTIFICATE_VERIFY_ERROR ?
		    "the signer's certificate is not trusted by --ca" :
		    "the signature does not verify";
	}
	ERR_clear_error();
	BIO_free(in);
	CMS_ContentInfo_free(cms);
	return why;
}

static int
hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	    c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A PDF: its last signature's byte range, hex contents and CMS. */
static int
verify_pdf(const char *path, X509_STORE *store)
{
	struct buf f = BUF_INIT, data = BUF_INIT, der = BUF_INIT;
	const char *why = NULL, *q, *last = NULL;
	unsigned long r[4];
	size_t i;
	int rc = 1;

	if (read_file(path, MAX_VERIFY_BYTES, &f) != 0) {
		printf("%s: unreadable: %s\n", path, strerror(errno));
		return 1;
	}
	/* The last signature's: the last /ByteRange that is one, a name with
	 * four numbers (bytes alike elsewhere, as in a page's content copied
	 * into the update after the signature, are not; the file holds NUL
	 * bytes: no strstr). */
	for (q = f.ptr; q + 10 <= f.ptr + f.len; q++)
		if (*q == '/' && memcmp(q, "/ByteRange", 10) == 0 &&
		    sscanf(q, "/ByteRange [%lu %lu %lu %lu]", &r[0], &r[1],
		    &r[2], &r[3]) == 4)
			last = q;
	if (last == NULL) {
		why = "not signed (no /ByteRange)";
		goto out;
	}
	sscanf(last, "/ByteRange [%lu %lu %lu %lu]", &r[0], &r[1], &r[2],
	    &r[3]);
	if (r[0] != 0 || r[1] >= r[2] || r[2] > f.len || r[3] > f.len - r[2] ||
	    f.ptr[r[1]] != '<' || f.ptr[r[2] - 1] != '>') {
		why = "the byte range does not frame the signature";
		goto out;
	}
	if (r[2] + r[3] != f.len) {
		why = "not wholly signed: bytes after the signed range";
		goto out;
	}
	/* The hex contents: the DER, then zero padding. */
	for (i = r[1] + 1; i + 1 < r[2] - 1; i += 2) {
		int hi = hexval(f.ptr[i]), lo = hexval(f.ptr[i + 1]);

		if (hi < 0 || lo < 0) {
			why = "the signature is not hexadecimal";
			goto out;
		}
		buf_addch(&der, hi << 4 | lo);
	}
	buf_add(&data, f.ptr, r[1]);
	buf_add(&data, f.ptr + r[2], r[3]);
	why = cms_check(der.ptr, der.len, data.ptr, data.len, store);
out:
	if (why)
		printf("%s: %s\n", path, why);
	else {
		printf("%s: OK\n", path);
		rc = 0;
	}
	buf_release(&f);
	buf_release(&data);
	buf_release(&der);
	return rc;
}

/* A tenant site: the manifest's signature, each hash, stray files. */
static int
verify_site(const char *dir, X509_STORE *store)
{
	struct buf sums = BUF_INIT, sig = BUF_INIT, path = BUF_INIT;
	struct buf file = BUF_INIT;
	char **fs = NULL;
	size_t nfs = 0;
	const char *why, *line, *nl;
	size_t i;
	int bad = 0;

	buf_addf(&path, "%s/SHA256SUMS", dir);
	if (read_file(path.ptr, MAX_VERIFY_BYTES, &sums) != 0) {
		printf("%s: no SHA256SUMS: not a signed tenant site\n", dir);
		buf_release(&path);
		return 1;
	}
	buf_addstr(&path, ".p7s");
	if (read_file(path.ptr, MAX_VERIFY_BYTES, &sig) != 0) {
		printf("%s: not signed (no SHA256SUMS.p7s)\n", path.ptr);
		bad = 1;
	} else if ((why = cms_check(sig.ptr, sig.len, sums.ptr, sums.len,
	    store)) != NULL) {
		printf("%s: %s\n", path.ptr, why);
		bad = 1;
	} else
		printf("%s: OK\n", path.ptr);
	dir_files(dir, &fs, &nfs);
	/* The manifest and its signature are not in the manifest. */
	for (i = 0; i < nfs; i++)
		if (strcmp(fs[i], "SHA256SUMS") == 0 ||
		    strcmp(fs[i], "SHA256SUMS.p7s") == 0) {
			free(fs[i]);
			fs[i] = NULL;
		}
	for (line = sums.ptr; *line; line = nl ? nl + 1 : line +
	    strlen(line)) {
		char hex[65], name[4096];

		nl = strchr(line, '\n');
		if (sscanf(line, "%64s  %4095[^\n]", hex, name) != 2)
			continue;
		buf_reset(&path);
		buf_addf(&path, "%s/%s", dir, name);
		buf_reset(&file);
		if (read_file(path.ptr, MAX_VERIFY_BYTES, &file) != 0) {
			printf("%s: missing\n", path.ptr);
			bad = 1;
		} else {
			char got[65];

			sha256_hex(file.ptr, file.len, got);
			if (strcmp(got, hex) != 0) {
				printf("%s: changed (its SHA-256 is not the "
				    "manifest's)\n", path.ptr);
				bad = 1;
			} else
				printf("%s: OK\n", path.ptr);
		}
		for (i = 0; i < nfs; i++)
			if (fs[i] && strcmp(fs[i], name) == 0) {
				free(fs[i]);
				fs[i] = NULL;
			}
	}
	for (i = 0; i < nfs; i++)
		if (fs[i]) {
			printf("%s/%s: not in SHA256SUMS\n", dir, fs[i]);
			bad = 1;
			free(fs[i]);
		}
	free(fs);
	buf_release(&sums);
	buf_release(&sig);
	buf_release(&path);
	buf_release(&file);
	return bad;
}

int
verify_path(const char *path, const char *ca)
{
	X509_STORE *store = load_store(ca);
	struct stat st;
	int rc;

	if (ca != NULL && store == NULL)
		return -1;
	if (stat(path, &st) != 0) {
		printf("%s: %s\n", path, strerror(errno));
		rc = 1;
	} else if (S_ISDIR(st.st_mode))
		rc = verify_site(path, store);
	else
		rc = verify_pdf(path, store);
	X509_STORE_free(store);
	return rc;
}
