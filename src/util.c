/* util.c: allocation that aborts on out of memory, growable buffers, small helpers. */
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

char buf_empty[1];

static void
oom(size_t n)
{
	fprintf(stderr, "roic: out of memory allocating %zu bytes\n", n);
	abort();
}

void
tune_malloc(void)
{
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	mallopt(M_TRIM_THRESHOLD, 2 << 20);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
buf_init(struct buf *b)
{
	b->ptr = buf_empty;
	b->len = b->cap = 0;
}

void
buf_release(struct buf *b)
{
	if (b->cap)
		free(b->ptr);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap)
		b->ptr[0] = '\0';
}

void
buf_grow(struct buf *b, size_t extra)
{
	size_t want = b->len + extra + 1;

	if (want <= b->cap)
		return;
	if (want < b->cap * 2)
		want = b->cap * 2;
	if (want < 64)
		want = 64;
	if (b->cap == 0) {
		b->ptr = xmalloc(want);
		b->ptr[0] = '\0';
	} else
		b->ptr = xrealloc(b->ptr, want);
	b->cap = want;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void
buf_addstr(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addch(struct buf *b, int c)
{
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->ptr[b->len++] = (char)c;
	b->ptr[b->len] = '\0';
}

void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	/* Into the room there is (made 128 bytes at least); again, with room
	 * enough, when the text was longer. */
	buf_grow(b, 128);
	va_copy(cp, ap);
	n = vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->ptr[b->len] = '\0';
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

char *
buf_detach(struct buf *b, size_t *len)
{
	char *p = b->cap ? b->ptr : xstrdup("");

	if (len)
		*len = b->len;
	buf_init(b);
	return p;
}

int
read_file(const char *path, size_t limit, struct buf *out)
{
	struct stat st;
	int fd, saved;
	ssize_t n;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == -1)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (S_ISREG(st.st_mode)) {
		if ((uint64_t)st.st_size > limit) {
			errno = EFBIG;
			goto fail;
		}
		buf_grow(out, (size_t)st.st_size);
	}
	for (;;) {
		if (out->len > limit) {
			errno = EFBIG;
			goto fail;
		}
		buf_grow(out, 65536);
		n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
	}
	close(fd);
	if (out->len > limit) {
		errno = EFBIG;
		return -1;
	}
	return 0;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

void
sha256_hex(const void *p, size_t n, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[32];
	unsigned int mdlen = 0;
	size_t i;

	EVP_Digest(p, n, md, &mdlen, EVP_sha256(), NULL);
	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

int64_t
roic_now(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return (int64_t)time(NULL);
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end != '\0' || v < 0 || end == s)
		return -1;
	return v;
}

/* Howard Hinnant's civil-from-days algorithm, and its inverse below. */
static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, yoe, doy, mp;
	unsigned doe;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int64_t
days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 29;
	return dim[m - 1];
}

int
utc_date(int64_t t)
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	return y * 10000 + m * 100 + d;
}

void
format_utc(int64_t t, char out[32])
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400;
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
	    (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}

size_t
utf8_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

size_t
utf8_seq(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0], cp;
	size_t k, i;

	if (c >= 0xC2 && c <= 0xDF)
		k = 1, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		k = 2, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		k = 3, cp = c & 0x07;
	else
		return 0;
	if ((size_t)(end - p) <= k)
		return 0;
	for (i = 1; i <= k; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return k + 1;
}

char *
utf8_put(char *o, uint32_t cp)
{
	if (cp < 0x80)
		*o++ = (char)cp;
	else if (cp < 0x800) {
		*o++ = (char)(0xC0 | (cp >> 6));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xE0 | (cp >> 12));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (char)(0xF0 | (cp >> 18));
		*o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	}
	return o;
}

int
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	size_t k;

	while (p < e) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((k = utf8_seq(p, e)) == 0)
			return 0;
		p += k;
	}
	return 1;
}

void
buf_subst(struct buf *b, const char *tmpl, const char *const *params)
{
	const char *p = tmpl ? tmpl : "", *q, *const *kv;

	while ((q = strstr(p, "{{")) != NULL) {
		const char *e = strstr(q, "}}");

		buf_add(b, p, (size_t)(q - p));
		if (e == NULL) {
			p = q;
			break;
		}
		for (kv = params; kv[0]; kv += 2)
			if (strlen(kv[0]) == (size_t)(e - q - 2) &&
			    strncmp(q + 2, kv[0], (size_t)(e - q - 2)) == 0)
				buf_addstr(b, kv[1]);
		p = e + 2;
	}
	buf_addstr(b, p);
}

static void
walk(const char *top, const char *rel, char ***v, size_t *n)
{
	struct buf path = BUF_INIT, sub = BUF_INIT;
	struct dirent *de;
	struct stat st;
	DIR *d;

	buf_addf(&path, "%s%s%s", top, *rel ? "/" : "", rel);
	if ((d = opendir(path.ptr)) == NULL) {
		buf_release(&path);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		buf_reset(&sub);
		buf_addf(&sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		/* The kind of the entry as the folder gives it; a link, or a
		 * file system that does not say, asks stat. */
		if (de->d_type == DT_DIR)
			st.st_mode = S_IFDIR;
		else if (de->d_type == DT_REG)
			st.st_mode = S_IFREG;
		else {
			buf_reset(&path);
			buf_addf(&path, "%s/%s", top, sub.ptr);
			if (stat(path.ptr, &st) != 0)
				continue;
		}
		if (S_ISDIR(st.st_mode))
			walk(top, sub.ptr, v, n);
		else if (S_ISREG(st.st_mode)) {
			*v = xrealloc(*v, (*n + 1) * sizeof(**v));
			(*v)[(*n)++] = xstrdup(sub.ptr);
		}
	}
	closedir(d);
	buf_release(&path);
	buf_release(&sub);
}

static int
by_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
dir_files(const char *dir, char ***v, size_t *n)
{
	*v = NULL;
	*n = 0;
	walk(dir, "", v, n);
	if (*n > 1)
		qsort(*v, *n, sizeof(**v), by_bytes);
}

int
fmt_fixed(char *out, size_t cap, double d, int prec)
{
	typedef unsigned __int128 u128;
	static const uint64_t p10[19] = { 1ull, 10ull, 100ull, 1000ull,
		10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull,
		1000000000ull, 10000000000ull, 100000000000ull,
		1000000000000ull, 10000000000000ull, 100000000000000ull,
		1000000000000000ull, 10000000000000000ull,
		100000000000000000ull, 1000000000000000000ull };
	char t[64], *p = t + sizeof(t);
	double a = fabs(d);
	uint64_t m = 0;
	u128 N, q = 0, rem, half;
	int e, sh, n, i;

	if (!isfinite(d) || a >= 1e15 || prec < 0 || prec > 18)
		return -1;
	if (a > 0) {
		m = (uint64_t)ldexp(frexp(a, &e), 53);	/* a = m 2^-sh */
		sh = 53 - e;
		N = (u128)m * p10[prec];		/* < 2^113 */
		if (sh < 115) {
			q = N >> sh;
			rem = N & (((u128)1 << sh) - 1);
			half = (u128)1 << (sh - 1);
			if (rem > half || (rem == half && (q & 1)))
				q++;
		}					/* else below 1/4 */
	}
	if (q >> 64 == 0)	/* digits in 64 bits: no division call */
		p = fmt_scaled(p, (uint64_t)q, prec, 0);
	else {
		for (i = 0; i < prec; i++, q /= 10)
			*--p = (char)('0' + (int)(q % 10));
		if (prec > 0)
			*--p = '.';
		do
			*--p = (char)('0' + (int)(q % 10));
		while ((q /= 10) > 0);
	}
	if (signbit(d))
		*--p = '-';
	n = (int)(t + sizeof(t) - p);
	if (cap > 0) {
		size_t k = (size_t)n < cap ? (size_t)n : cap - 1;

		memcpy(out, p, k);
		out[k] = '\0';
	}
	return n;
}

char *
fmt_scaled(char *end, uint64_t u, int k, int trim)
{
	char *p = end;
	int i;

	while (trim && k > 0 && u % 10 == 0) {
		u /= 10;
		k--;
	}
	for (i = 0; i < k; i++, u /= 10)
		*--p = (char)('0' + (int)(u % 10));
	if (k > 0)
		*--p = '.';
	do
		*--p = (char)('0' + (int)(u % 10));
	while ((u /= 10) > 0);
	return p;
}
