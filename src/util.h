/* util.h: allocation that aborts on out of memory, growable buffers, small helpers. */
#ifndef ROIC_UTIL_H
#define ROIC_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation: these never return NULL; out of memory aborts the process. */
/*
 * The allocator's policy for roic's processes (and its benchmarks), set
 * rather than left to glibc's own adjustment, which starts at 128 KiB:
 * blocks under 1 MiB from the heap, and up to 2 MiB free at its top kept.
 * libharu takes and frees a 256 KiB zlib state for each stream it writes,
 * which the system would otherwise fault in again twenty times a report;
 * 128 KiB for both made a no-op rebuild 3x slower (a block mapped and
 * unmapped per tenant); 4 MiB grew a worker to 527 MB.
 */
void tune_malloc(void);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
 * A growable byte buffer, always NUL-terminated. `ptr` is never NULL after
 * buf_init (it points at a static empty string until the first write).
 */
struct buf {
	char *ptr;
	size_t len;
	size_t cap;
};

#define BUF_INIT { buf_empty, 0, 0 }
extern char buf_empty[];

void buf_init(struct buf *b);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_addstr(struct buf *b, const char *s);
void buf_addch(struct buf *b, int c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
/*
 * Appends tmpl (NULL: nothing) with every {{name}} replaced by its value in
 * `params`, name and value pairs ending with NULL; an unknown name gives
 * nothing.
 */
void buf_subst(struct buf *b, const char *tmpl, const char *const *params);
/* Hands the contents to the caller, who frees them; the buffer is reset. */
char *buf_detach(struct buf *b, size_t *len);

/*
 * Reads a whole file into `out` (appending). Refuses files larger than
 * `limit` bytes without reading them (errno EFBIG). Returns 0, or -1 with
 * errno set; reports nothing.
 */
int read_file(const char *path, size_t limit, struct buf *out);

/*
 * The files under folder `dir`, recursively, as paths relative to it in
 * byte order ("2026-10/index.html"); the caller frees each and the array.
 * Unreadable subfolders are left out.
 */
void dir_files(const char *dir, char ***v, size_t *n);

/* Lower-case hex SHA-256 of a buffer into `hex` (65 bytes with the NUL). */
void sha256_hex(const void *p, size_t n, char hex[65]);

/*
 * printf's "%.*f" of d (`prec` 0 to 18 decimals) into out[0..cap), as
 * snprintf writes it there: the exact binary value times 10^prec, rounded
 * half to even. Returns the length of the whole text, or -1 when d is not
 * finite or not below 1e15 (nothing written: ask printf).
 */
int fmt_fixed(char *out, size_t cap, double d, int prec);

/*
 * The text of u / 10^k (1234 and 2: "12.34"), the decimals' trailing zeros
 * dropped when `trim` (1250 and 2: "12.5"; 1200: "12"), written backward
 * so that it ends just before `end`; returns where it begins (at most 21
 * bytes before end).
 */
char *fmt_scaled(char *end, uint64_t u, int k, int trim);

/*
 * The time to record: SOURCE_DATE_EPOCH when set (and valid), else now.
 * Returns -1 when SOURCE_DATE_EPOCH is set but not a valid number.
 */
int64_t roic_now(void);
/* Formats a Unix time as RFC 3339 UTC, "2026-10-03T14:05:00Z" (21 bytes). */
void format_utc(int64_t t, char out[32]);

/* The date YYYYMMDD (UTC) of Unix time t. */
int utc_date(int64_t t);
/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t days_from_civil(int y, int m, int d);
int days_in_month(int y, int m);

/* Number of UTF-8 characters in s[0..n) (bytes that do not continue a sequence). */
size_t utf8_chars(const char *s, size_t n);
/* 1 when s[0..n) is valid UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
int utf8_valid(const char *s, size_t n);
/* Writes code point cp as UTF-8 (1 to 4 bytes) at o; returns the end. */
char *utf8_put(char *o, uint32_t cp);
/* Length of the valid multi-byte UTF-8 sequence at p (before end), or 0. */
size_t utf8_seq(const unsigned char *p, const unsigned char *end);

#endif
