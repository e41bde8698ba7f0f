/*
 * verify.h: `roic verify`: the signature of a PDF (its byte range covers
 * the whole file but the signature, the digest, the CMS signature and,
 * with a CA, the chain) and of a tenant site (SHA256SUMS.p7s over
 * SHA256SUMS, every file's hash, and no file outside the manifest).
 */
#ifndef ROIC_VERIFY_H
#define ROIC_VERIFY_H

/*
 * Verifies a PDF or a tenant folder, printing one line per file: "PATH:
 * OK" or "PATH: " and the reason. `ca` is a PEM file of trusted
 * certificates, or NULL to check signatures without their chain. Returns
 * 0 when everything verifies, 1 when something does not, -1 on an error
 * that stopped the check (reported).
 */
int verify_path(const char *path, const char *ca);

#endif
