/*
 * sign.c: PDF signatures by incremental update (SPEC 5.3), CMS detached
 * signatures, and the test CA of `roic keygen`. The PDF is read with a
 * small tokenizer: the last classic xref section and its trailer, the
 * catalog and the first page, whose dictionaries the update copies with
 * their new entries.
 */
#include "sign.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include "diag.h"

/* Room for the DER signature: a certificate chain of a few links. */
#define CONTENTS_BYTES 8192

struct signer {
	EVP_PKEY *key;
	X509 *cert;
	STACK_OF(X509) *chain;
};

/* Reports OpenSSL's first queued error with our message; returns -1. */
static int
ssl_error(const char *what)
{
	unsigned long e = ERR_get_error();
	char msg[256] = "";

	if (e)
		ERR_error_string_n(e, msg, sizeof(msg));
	ERR_clear_error();
	return error("%s%s%s", what, *msg ? ": " : "", msg);
}

/* --- keys and certificates ------------------------------------------- */

/* A private key file must be the owner's alone. */
static int
private_file(const char *path)
{
	struct stat st;

	if (stat(path, &st) == -1)
		return error("unable to read '%s': %s", path, strerror(errno));
	if (st.st_mode & 077)
		return error("'%s' may be read by others (mode %03o): a "
		    "private key must be the owner's alone (chmod 600 it)",
		    path, (unsigned)(st.st_mode & 0777));
	return 0;
}

struct signer *
sign_load_pem(const char *key, const char *cert, const char *chain)
{
	struct signer *s = xcalloc(1, sizeof(*s));
	BIO *b = NULL;
	X509 *x;

	if (private_file(key))
		goto fail;
	if ((b = BIO_new_file(key, "r")) == NULL ||
	    (s->key = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL)) == NULL) {
		ssl_error(key);
		goto fail;
	}
	BIO_free(b);
	if ((b = BIO_new_file(cert, "r")) == NULL ||
	    (s->cert = PEM_read_bio_X509(b, NULL, NULL, NULL)) == NULL) {
		ssl_error(cert);
		goto fail;
	}
	BIO_free(b);
	b = NULL;
	if (X509_check_private_key(s->cert, s->key) != 1) {
		error("the key '%s' is not that of the certificate '%s'", key,
		    cert);
		goto fail;
	}
	s->chain = sk_X509_new_null();
	if (chain != NULL) {
		if ((b = BIO_new_file(chain, "r")) == NULL) {
			ssl_error(chain);
			goto fail;
		}
		while ((x = PEM_read_bio_X509(b, NULL, NULL, NULL)) != NULL)
			sk_X509_push(s->chain, x);
		ERR_clear_error();
		BIO_free(b);
		b = NULL;
	}
	return s;
fail:
	BIO_free(b);
	sign_free(s);
	return NULL;
}

struct signer *
sign_load_p12(const char *path)
{
	struct signer *s = xcalloc(1, sizeof(*s));
	const char *pass = getenv("ROIC_SIGN_PASSWORD");
	PKCS12 *p12 = NULL;
	BIO *b;

	if (private_file(path))
		goto fail;
	if ((b = BIO_new_file(path, "rb")) == NULL ||
	    (p12 = d2i_PKCS12_bio(b, NULL)) == NULL) {
		BIO_free(b);
		ssl_error(path);
		goto fail;
	}
	BIO_free(b);
	if (!PKCS12_parse(p12, pass ? pass : "", &s->key, &s->cert,
	    &s->chain)) {
		ssl_error(pass ? "unable to open the PKCS#12 file (is "
		    "ROIC_SIGN_PASSWORD right?)" : "unable to open the PKCS#12 "
		    "file (set its password in ROIC_SIGN_PASSWORD)");
		goto fail;
	}
	PKCS12_free(p12);
	if (s->chain == NULL)
		s->chain = sk_X509_new_null();
	return s;
fail:
	PKCS12_free(p12);
	sign_free(s);
	return NULL;
}

void
sign_free(struct signer *s)
{
	if (s == NULL)
		return;
	EVP_PKEY_free(s->key);
	X509_free(s->cert);
	sk_X509_pop_free(s->chain, X509_free);
	free(s);
}

void
sign_identity(const struct signer *s, struct buf *out)
{
	unsigned char *p = NULL;
	int i, n;

	for (i = -1; i < sk_X509_num(s->chain); i++) {
		n = i2d_X509(i < 0 ? s->cert : sk_X509_value(s->chain, i), &p);
		if (n > 0)
			buf_add(out, p, (size_t)n);
		OPENSSL_free(p);
		p = NULL;
	}
}

/* --- CMS ------------------------------------------------------------- */

int
sign_detached(const struct signer *s, const void *data, size_t len,
    int64_t when, struct buf *der)
{
	const int flags = CMS_BINARY | CMS_DETACHED | CMS_PARTIAL |
	    CMS_NOSMIMECAP;
	CMS_ContentInfo *cms = NULL;
	CMS_SignerInfo *si;
	ESS_SIGNING_CERT_V2 *sc = NULL;
	ASN1_STRING *seq = NULL;
	ASN1_TIME *at = NULL;
	unsigned char *p = NULL;
	BIO *in = NULL;
	int n, i, rc = -1;

	if ((cms = CMS_sign(NULL, NULL, NULL, NULL, flags)) == NULL ||
	    (si = CMS_add1_signer(cms, s->cert, s->key, EVP_sha256(),
	    flags)) == NULL)
		goto out;
	for (i = 0; i < sk_X509_num(s->chain); i++)
		if (!CMS_add1_cert(cms, sk_X509_value(s->chain, i)))
			goto out;
	/* The signing time: the build's (OpenSSL would add the clock's). */
	if ((at = ASN1_TIME_set(NULL, (time_t)when)) == NULL ||
	    !CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime,
	    at->type, at, -1))
		goto out;
	/* signing-certificate-v2 (RFC 5035): which certificate signed. */
	if ((sc = OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), s->cert,
	    NULL, 0)) == NULL || (n = i2d_ESS_SIGNING_CERT_V2(sc, &p)) <= 0 ||
	    (seq = ASN1_STRING_new()) == NULL ||
	    !ASN1_STRING_set(seq, p, n) ||
	    !CMS_signed_add1_attr_by_NID(si,
	    NID_id_smime_aa_signingCertificateV2, V_ASN1_SEQUENCE, seq, -1))
		goto out;
	if ((in = BIO_new_mem_buf(data, (int)len)) == NULL ||
	    !CMS_final(cms, in, NULL, CMS_BINARY | CMS_DETACHED))
		goto out;
	OPENSSL_free(p);
	p = NULL;
	if ((n = i2d_CMS_ContentInfo(cms, &p)) <= 0)
		goto out;
	buf_add(der, p, (size_t)n);
	rc = 0;
out:
	if (rc)
		ssl_error("unable to make the CMS signature");
	OPENSSL_free(p);
	BIO_free(in);
	ASN1_STRING_free(seq);
	ESS_SIGNING_CERT_V2_free(sc);
	ASN1_TIME_free(at);
	CMS_ContentInfo_free(cms);
	return rc;
}

/* --- reading the PDF ------------------------------------------------- */

enum { T_END, T_DICT, T_DICT_END, T_ARRAY, T_ARRAY_END, T_NAME, T_STRING,
	T_HEX, T_WORD };

struct tok {
	int type;
	size_t off, len;
};

struct pdf {
	const char *s;
	size_t len;
	const char *file;
};

static int
is_space(int c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
	    c == '\0';
}

static int
is_delim(int c)
{
	return strchr("()<>[]{}/%", c) != NULL;
}

/* The token at *i, moving past it; T_END at the end or on bad input. */
static struct tok
next(const struct pdf *p, size_t *i)
{
	struct tok t = { T_END, 0, 0 };
	size_t k = *i;
	int depth;

	for (;;) {
		while (k < p->len && is_space(p->s[k]))
			k++;
		if (k < p->len && p->s[k] == '%')
			while (k < p->len && p->s[k] != '\n' && p->s[k] != '\r')
				k++;
		else
			break;
	}
	if (k >= p->len)
		goto out;
	t.off = k;
	switch (p->s[k]) {
	case '<':
		if (k + 1 < p->len && p->s[k + 1] == '<') {
			t.type = T_DICT;
			k += 2;
			break;
		}
		t.type = T_HEX;
		while (k < p->len && p->s[k] != '>')
			k++;
		k++;
		break;
	case '>':
		if (k + 1 < p->len && p->s[k + 1] == '>') {
			t.type = T_DICT_END;
			k += 2;
		} else
			t.type = T_END;
		break;
	case '[':
		t.type = T_ARRAY;
		k++;
		break;
	case ']':
		t.type = T_ARRAY_END;
		k++;
		break;
	case '(':
		t.type = T_STRING;
		for (depth = 0, k++; k < p->len; k++) {
			if (p->s[k] == '\\')
				k++;
			else if (p->s[k] == '(')
				depth++;
			else if (p->s[k] == ')' && depth-- == 0)
				break;
		}
		k++;
		break;
	case '/':
		t.type = T_NAME;
		for (k++; k < p->len && !is_space(p->s[k]) &&
		    !is_delim(p->s[k]); k++)
			;
		break;
	default:
		t.type = T_WORD;
		for (; k < p->len && !is_space(p->s[k]) && !is_delim(p->s[k]);
		    k++)
			;
		if (k == t.off)
			t.type = T_END;
		break;
	}
out:
	if (k > p->len)
		k = p->len;
	t.len = k - t.off;
	*i = k;
	return t;
}

static int
tok_is(const struct pdf *p, const struct tok *t, const char *s)
{
	return t->len == strlen(s) && memcmp(p->s + t->off, s, t->len) == 0;
}

/* Skips the value starting with token t (a dictionary or array whole; a
 * reference "N G R" as one value). Returns the offset after it. */
static size_t
skip_value(const struct pdf *p, struct tok t, size_t i)
{
	int depth = 0;
	size_t k;
	struct tok u, v;

	if (t.type == T_DICT || t.type == T_ARRAY) {
		depth = 1;
		while (depth > 0) {
			u = next(p, &i);
			if (u.type == T_END)
				return p->len;
			if (u.type == T_DICT || u.type == T_ARRAY)
				depth++;
			else if (u.type == T_DICT_END || u.type == T_ARRAY_END)
				depth--;
		}
		return i;
	}
	/* A number may start a reference. */
	k = i;
	u = next(p, &k);
	v = next(p, &k);
	if (t.type == T_WORD && u.type == T_WORD && v.type == T_WORD &&
	    tok_is(p, &v, "R"))
		return k;
	return i;
}

/*
 * The entry `key` of the dictionary that opens at `dict` (offset of "<<"):
 * its key's offset in *k (NULL: not wanted) and its value's span [*a, *b).
 * Returns 0, or -1 when it has no such key.
 */
static int
dict_entry(const struct pdf *p, size_t dict, const char *key, size_t *k,
    size_t *a, size_t *b)
{
	size_t i = dict + 2;
	struct tok t, v;

	for (;;) {
		t = next(p, &i);
		if (t.type != T_NAME)
			return -1;
		v = next(p, &i);
		if (v.type == T_END || v.type == T_DICT_END)
			return -1;
		*a = v.off;
		i = skip_value(p, v, i);
		*b = i;
		if (t.len == strlen(key) + 1 &&
		    memcmp(p->s + t.off + 1, key, t.len - 1) == 0) {
			if (k)
				*k = t.off;
			return 0;
		}
	}
}

/* The value of `key` in the dictionary at `dict`: span [*a, *b). */
static int
dict_get(const struct pdf *p, size_t dict, const char *key, size_t *a,
    size_t *b)
{
	return dict_entry(p, dict, key, NULL, a, b);
}

/* The end of the dictionary that opens at `dict` (after its ">>"). */
static size_t
dict_end(const struct pdf *p, size_t dict)
{
	size_t i = dict;
	struct tok t = next(p, &i);

	return skip_value(p, t, i);
}

/* A reference "N G R" at [a, b): its object number, or -1. */
static long
ref_num(const struct pdf *p, size_t a, size_t b)
{
	char tmp[64];
	long n, g;
	char r;

	if (b - a >= sizeof(tmp))
		return -1;
	memcpy(tmp, p->s + a, b - a);
	tmp[b - a] = '\0';
	if (sscanf(tmp, "%ld %ld %c", &n, &g, &r) != 3 || r != 'R' || n <= 0)
		return -1;
	return n;
}

struct xref {
	long size, prev_xref;
	long root, info;
	size_t *off;		/* of each object number, 0 when absent */
	long noff;		/* entries of off */
};

/* The whole number whose digits start at p->s[i] (after blanks), read
 * within the file (which need not end in a NUL); -1 when there is none,
 * or when it is too large to be an offset or an object number. */
static long
num(const struct pdf *p, size_t i)
{
	long v = 0;
	size_t k;

	while (i < p->len && is_space(p->s[i]))
		i++;
	for (k = i; k < p->len && p->s[k] >= '0' && p->s[k] <= '9'; k++) {
		if (v > 99999999999L)
			return -1;
		v = v * 10 + (p->s[k] - '0');
	}
	return k > i ? v : -1;
}

/* Reads the last xref section and its trailer. */
static int
read_xref(const struct pdf *p, struct xref *x)
{
	size_t i, a, b, tail = p->len > 1024 ? p->len - 1024 : 0;
	const char *sx = NULL, *q;
	struct tok t;
	long first, count, k;

	memset(x, 0, sizeof(*x));
	for (q = p->s + tail; q + 9 <= p->s + p->len; q++)
		if (memcmp(q, "startxref", 9) == 0)
			sx = q;
	if (sx == NULL)
		return error("%s: no startxref: not a PDF roic can sign",
		    p->file);
	x->prev_xref = num(p, (size_t)(sx + 9 - p->s));
	if (x->prev_xref <= 0 || (size_t)x->prev_xref >= p->len)
		return error("%s: a bad startxref", p->file);
	i = (size_t)x->prev_xref;
	t = next(p, &i);
	if (!tok_is(p, &t, "xref"))
		return error("%s: the cross-reference is a stream (PDF 1.5): "
		    "roic signs classic tables only", p->file);
	/* Subsections: "first count" then count lines of 20 bytes. */
	for (;;) {
		size_t save = i;

		t = next(p, &i);
		if (tok_is(p, &t, "trailer"))
			break;
		i = save;
		t = next(p, &i);
		first = num(p, t.off);
		t = next(p, &i);
		count = num(p, t.off);
		if (t.type != T_WORD || first < 0 || count < 0 ||
		    first + count > 10000000)
			return error("%s: a bad cross-reference table", p->file);
		if (first + count > x->noff) {
			x->off = xrealloc(x->off, (size_t)(first + count) *
			    sizeof(*x->off));
			memset(x->off + x->noff, 0, (size_t)(first + count -
			    x->noff) * sizeof(*x->off));
			x->noff = first + count;
		}
		for (k = 0; k < count; k++) {
			size_t off;
			long n;
			char kind;

			while (i < p->len && is_space(p->s[i]))
				i++;
			if (i + 18 > p->len)
				return error("%s: a cut cross-reference table",
				    p->file);
			n = num(p, i);
			off = n < 0 ? 0 : (size_t)n;
			kind = p->s[i + 17];
			x->off[first + k] = kind == 'n' ? off : 0;
			i += 18;
		}
		x->size = first + count > x->size ? first + count : x->size;
	}
	t = next(p, &i);
	if (t.type != T_DICT)
		return error("%s: no trailer dictionary", p->file);
	if (dict_get(p, t.off, "Encrypt", &a, &b) == 0)
		return error("%s: the PDF is encrypted: roic does not sign it",
		    p->file);
	if (dict_get(p, t.off, "Root", &a, &b) != 0 ||
	    (x->root = ref_num(p, a, b)) < 0)
		return error("%s: the trailer has no /Root", p->file);
	if (dict_get(p, t.off, "Info", &a, &b) == 0)
		x->info = ref_num(p, a, b);
	if (dict_get(p, t.off, "Size", &a, &b) == 0 &&
	    (x->size = num(p, a)) <= 0)
		return error("%s: a bad /Size in the trailer", p->file);
	return 0;
}

/* The dictionary of object n (the offset of its "<<"), or -1. */
static long
object_dict(const struct pdf *p, const struct xref *x, long n)
{
	size_t i;
	struct tok t;

	if (n <= 0 || n >= x->noff || x->off[n] == 0 || x->off[n] >= p->len)
		return -1;
	i = x->off[n];
	next(p, &i);
	next(p, &i);
	t = next(p, &i);
	if (!tok_is(p, &t, "obj"))
		return -1;
	t = next(p, &i);
	return t.type == T_DICT ? (long)t.off : -1;
}

/* --- signing --------------------------------------------------------- */

/* Appends object `n`: a copy of the dictionary at `dict` with `extra`
 * entries (one of which may replace key `drop`). */
static void
copy_dict(const struct pdf *p, size_t dict, const char *drop,
    const char *extra, struct buf *o)
{
	size_t end = dict_end(p, dict), k, a, b;

	if (drop && dict_entry(p, dict, drop, &k, &a, &b) == 0) {
		/* Up to the key, then from after its value. */
		buf_add(o, p->s + dict, k - dict);
		buf_add(o, p->s + b, end - 2 - b);
	} else
		buf_add(o, p->s + dict, end - 2 - dict);
	buf_addf(o, "%s>>", extra);
}

int
sign_pdf(const struct signer *s, const char *pdf, size_t len, int64_t when,
    struct buf *out)
{
	struct pdf p = { pdf, len, "report.pdf" };
	struct xref x;
	struct buf upd = BUF_INIT, annots = BUF_INIT, der = BUF_INIT;
	struct buf data = BUF_INIT;
	long cat, pages, page, n, sig, field, form;
	size_t a, b, base = out->len, k, xref_off, obj[5], br, contents;
	long num[5];
	struct tm tm;
	time_t tt = (time_t)when;
	char m[64];
	int rc = -1, depth;

	if (read_xref(&p, &x))
		goto out;
	if ((cat = object_dict(&p, &x, x.root)) < 0)
		goto bad;
	if (dict_get(&p, (size_t)cat, "AcroForm", &a, &b) == 0) {
		error("%s: the PDF has a form already: roic does not sign it",
		    p.file);
		goto out;
	}
	/* The first page: down the page tree by the first kids. */
	if (dict_get(&p, (size_t)cat, "Pages", &a, &b) != 0 ||
	    (n = ref_num(&p, a, b)) < 0)
		goto bad;
	for (depth = 0; depth < 32; depth++) {
		size_t i;
		struct tok t;

		if ((pages = object_dict(&p, &x, n)) < 0)
			goto bad;
		if (dict_get(&p, (size_t)pages, "Kids", &a, &b) != 0)
			break;
		i = a;
		t = next(&p, &i);
		if (t.type != T_ARRAY)
			goto bad;
		t = next(&p, &i);
		k = skip_value(&p, t, i);
		if ((n = ref_num(&p, t.off, k)) < 0)
			goto bad;
	}
	page = n;
	if ((pages = object_dict(&p, &x, page)) < 0)
		goto bad;
	sig = x.size;
	field = sig + 1;
	form = sig + 2;

	/* The update: signature, field, form, catalog and page anew. */
	buf_add(out, pdf, len);
	if (len > 0 && pdf[len - 1] != '\n')
		buf_addch(out, '\n');
	gmtime_r(&tt, &tm);
	snprintf(m, sizeof(m), "D:%04d%02d%02d%02d%02d%02dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	obj[0] = out->len;
	num[0] = sig;
	buf_addf(out, "%ld 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite "
	    "/SubFilter /ETSI.CAdES.detached /M (%s) /ByteRange ", sig, m);
	br = out->len;
	buf_addf(out, "[0 %010d %010d %010d] /Contents ", 0, 0, 0);
	contents = out->len;
	buf_addch(out, '<');
	buf_grow(out, 2 * CONTENTS_BYTES);
	memset(out->ptr + out->len, '0', 2 * CONTENTS_BYTES);
	out->len += 2 * CONTENTS_BYTES;
	out->ptr[out->len] = '\0';
	buf_addstr(out, "> >>\nendobj\n");
	obj[1] = out->len;
	num[1] = field;
	buf_addf(out, "%ld 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig "
	    "/T (Signature1) /Rect [0 0 0 0] /F 132 /V %ld 0 R /P %ld 0 R "
	    ">>\nendobj\n", field, sig, page);
	obj[2] = out->len;
	num[2] = form;
	buf_addf(out, "%ld 0 obj\n<< /Fields [%ld 0 R] /SigFlags 3 >>\nendobj\n",
	    form, field);
	obj[3] = out->len;
	num[3] = x.root;
	buf_addf(out, "%ld 0 obj\n", x.root);
	buf_addf(&upd, " /AcroForm %ld 0 R ", form);
	copy_dict(&p, (size_t)cat, NULL, upd.ptr, out);
	buf_addstr(out, "\nendobj\n");
	obj[4] = out->len;
	num[4] = page;
	/* The page's /Annots, with the field added (inline arrays only). */
	if (dict_get(&p, (size_t)pages, "Annots", &a, &b) == 0) {
		if (pdf[a] != '[') {
			error("%s: the first page's /Annots is not an array "
			    "roic can extend", p.file);
			goto out;
		}
		buf_add(&annots, pdf + a, b - a);
		while (annots.len > 0 && annots.ptr[annots.len - 1] != ']')
			annots.len--;
		annots.len--;
		annots.ptr[annots.len] = '\0';
	} else
		buf_addch(&annots, '[');
	buf_reset(&upd);
	buf_addf(&upd, " /Annots %s %ld 0 R] ", annots.ptr, field);
	buf_addf(out, "%ld 0 obj\n", page);
	copy_dict(&p, (size_t)pages, "Annots", upd.ptr, out);
	buf_addstr(out, "\nendobj\n");

	/* A classic xref section of the five objects, its trailer. */
	xref_off = out->len - base;
	buf_addstr(out, "xref\n");
	for (k = 0; k < 5; k++)
		buf_addf(out, "%ld 1\n%010zu 00000 n \n", num[k],
		    obj[k] - base);
	buf_addf(out, "trailer\n<< /Size %ld /Root %ld 0 R ", form + 1,
	    x.root);
	if (x.info > 0)
		buf_addf(out, "/Info %ld 0 R ", x.info);
	buf_addf(out, "/Prev %ld >>\nstartxref\n%zu\n%%%%EOF\n", x.prev_xref,
	    xref_off);

	/* The byte range: all but the /Contents string, brackets included. */
	{
		size_t r1 = contents - base, r2 = contents + 2 +
		    2 * CONTENTS_BYTES - base, total = out->len - base;
		char brs[48];

		snprintf(brs, sizeof(brs), "[0 %010zu %010zu %010zu]", r1, r2,
		    total - r2);
		memcpy(out->ptr + br, brs, strlen(brs));
		buf_add(&data, out->ptr + base, r1);
		buf_add(&data, out->ptr + base + r2, total - r2);
	}
	if (sign_detached(s, data.ptr, data.len, when, &der))
		goto out;
	if (der.len > CONTENTS_BYTES) {
		error("the signature (%zu bytes) does not fit the %d reserved: "
		    "a shorter certificate chain is needed", der.len,
		    CONTENTS_BYTES);
		goto out;
	}
	for (k = 0; k < der.len; k++) {
		static const char hex[] = "0123456789ABCDEF";

		out->ptr[contents + 1 + 2 * k] = hex[(unsigned char)der.ptr[k]
		    >> 4];
		out->ptr[contents + 2 + 2 * k] = hex[der.ptr[k] & 0xF];
	}
	rc = 0;
	goto out;
bad:
	error("%s: a PDF structure roic does not understand (catalog or "
	    "pages): not signed", p.file);
out:
	if (rc) {
		out->len = base;
		out->ptr[base] = '\0';
	}
	free(x.off);
	buf_release(&upd);
	buf_release(&annots);
	buf_release(&der);
	buf_release(&data);
	return rc;
}

/* --- keygen ---------------------------------------------------------- */

static EVP_PKEY *
rsa_key(void)
{
	return EVP_RSA_gen(2048);
}

static int
add_ext(X509 *cert, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *e;

	X509V3_set_ctx(&ctx, issuer, cert, NULL, NULL, 0);
	if ((e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value)) == NULL)
		return -1;
	X509_add_ext(cert, e, -1);
	X509_EXTENSION_free(e);
	return 0;
}

/* A certificate of `key` for `cn`, issued by issuer/ikey (self when
 * NULL). */
static X509 *
make_cert(EVP_PKEY *key, const char *cn, X509 *issuer, EVP_PKEY *ikey,
    int ca, int64_t now)
{
	X509 *c = X509_new();
	X509_NAME *name = X509_NAME_new();
	unsigned char serial[16];
	BIGNUM *bn;

	RAND_bytes(serial, sizeof(serial));
	serial[0] &= 0x7F;
	bn = BN_bin2bn(serial, sizeof(serial), NULL);
	BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(c));
	BN_free(bn);
	X509_set_version(c, 2);
	X509_time_adj_ex(X509_getm_notBefore(c), 0, -3600, (time_t *)&now);
	X509_time_adj_ex(X509_getm_notAfter(c), 730, 0, (time_t *)&now);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
	    (const unsigned char *)cn, -1, -1, 0);
	X509_set_subject_name(c, name);
	X509_set_issuer_name(c, issuer ? X509_get_subject_name(issuer) : name);
	X509_NAME_free(name);
	X509_set_pubkey(c, key);
	if (add_ext(c, issuer ? issuer : c, NID_basic_constraints, ca ?
	    "critical,CA:TRUE" : "critical,CA:FALSE") ||
	    add_ext(c, issuer ? issuer : c, NID_key_usage, ca ?
	    "critical,keyCertSign,cRLSign" :
	    "critical,digitalSignature,nonRepudiation") ||
	    add_ext(c, issuer ? issuer : c, NID_subject_key_identifier,
	    "hash") || add_ext(c, issuer ? issuer : c,
	    NID_authority_key_identifier, "keyid:always") ||
	    !X509_sign(c, ikey ? ikey : key, EVP_sha256())) {
		X509_free(c);
		return NULL;
	}
	return c;
}

static int
write_pem(const char *dir, const char *file, X509 *cert, EVP_PKEY *key)
{
	struct buf path = BUF_INIT;
	FILE *f;
	int fd, ok;

	buf_addf(&path, "%s/%s", dir, file);
	fd = open(path.ptr, O_WRONLY | O_CREAT | O_TRUNC, key ? 0600 : 0644);
	if (fd == -1 || (f = fdopen(fd, "w")) == NULL) {
		error("unable to write '%s': %s", path.ptr, strerror(errno));
		buf_release(&path);
		return -1;
	}
	ok = key ? PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL) :
	    PEM_write_X509(f, cert);
	if (fclose(f) != 0 || !ok) {
		error("unable to write '%s'", path.ptr);
		buf_release(&path);
		return -1;
	}
	buf_release(&path);
	return 0;
}

int
sign_keygen(const char *dir, const char *name, int64_t now)
{
	EVP_PKEY *cakey = rsa_key(), *key = rsa_key();
	X509 *ca = NULL, *leaf = NULL;
	struct buf cn = BUF_INIT;
	int rc = -1;

	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		error("unable to create '%s': %s", dir, strerror(errno));
		goto out;
	}
	buf_addf(&cn, "%s test CA", name);
	if (cakey == NULL || key == NULL ||
	    (ca = make_cert(cakey, cn.ptr, NULL, NULL, 1, now)) == NULL ||
	    (leaf = make_cert(key, name, ca, cakey, 0, now)) == NULL) {
		ssl_error("unable to make the test certificates");
		goto out;
	}
	rc = write_pem(dir, "ca.pem", ca, NULL) ||
	    write_pem(dir, "ca.key", NULL, cakey) ||
	    write_pem(dir, "signer.pem", leaf, NULL) ||
	    write_pem(dir, "signer.key", NULL, key) ? -1 : 0;
out:
	buf_release(&cn);
	X509_free(ca);
	X509_free(leaf);
	EVP_PKEY_free(cakey);
	EVP_PKEY_free(key);
	return rc;
}
