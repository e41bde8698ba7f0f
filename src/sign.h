/*
 * sign.h: signatures (SPEC 5.3). A PDF is signed by an incremental update
 * that adds an invisible signature field and a CAdES-detached CMS
 * signature (OpenSSL: SHA-256, signing-certificate-v2, the chain) over the
 * whole file but the signature itself; a file's bytes (SHA256SUMS) by a
 * detached CMS signature. Also the test CA of `roic keygen`.
 */
#ifndef ROIC_SIGN_H
#define ROIC_SIGN_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct signer;

/*
 * Loads a PEM private key, its certificate and optionally the chain (CA
 * certificates, NULL: none). A key file that its group or others may read
 * is refused. Returns NULL after reporting. Free with sign_free.
 */
struct signer *sign_load_pem(const char *key, const char *cert,
    const char *chain);
/* The same from a PKCS#12 file, its password in ROIC_SIGN_PASSWORD. */
struct signer *sign_load_p12(const char *path);
void sign_free(struct signer *s);
/* Appends what identifies the signer: its certificate and chain (DER). */
void sign_identity(const struct signer *s, struct buf *out);

/*
 * Appends to `out` the PDF pdf[0..len) signed at Unix time `when` (the
 * /M of the signature and the CMS signing time). The PDF must have a
 * classic cross-reference table, no encryption and no form; anything else
 * is refused. Returns 0, or -1 after reporting.
 */
int sign_pdf(const struct signer *s, const char *pdf, size_t len,
    int64_t when, struct buf *out);

/* Appends a DER detached CMS signature of data[0..len) to `der`. */
int sign_detached(const struct signer *s, const void *data, size_t len,
    int64_t when, struct buf *der);

/*
 * `roic keygen`: writes into folder `dir` a test CA (ca.pem, ca.key) and a
 * signing certificate it issued (signer.pem, signer.key; key usage
 * digitalSignature and nonRepudiation) for `name`, RSA-2048, valid for
 * two years from `now`. Keys are written 0600. Returns 0 or -1.
 */
int sign_keygen(const char *dir, const char *name, int64_t now);

#endif
