/*
 * jtok.h: a strict JSON parser (RFC 8259) that keeps the position of every
 * value, for the export reader.
 *
 * jansson keeps no positions of values and parses at about 35 MB/s here, too
 * slow to ingest 250,000 daily rows a second; this parser makes one pass,
 * allocates two blocks per document, and gives every token its byte offset
 * so that each error can point at the value it is about. Duplicate keys,
 * invalid UTF-8, control characters and NUL escapes are errors.
 */
#ifndef ROIC_JTOK_H
#define ROIC_JTOK_H

#include <stddef.h>
#include <stdint.h>

enum jtok_type { JT_NULL, JT_FALSE, JT_TRUE, JT_NUMBER, JT_STRING, JT_ARRAY,
	JT_OBJECT };

/*
 * A token, in document order. An object's members are its key (a string
 * token) followed by its value; `next` skips a value with all it holds.
 */
struct jtok {
	uint8_t type;
	uint8_t isint;	/* a number without fraction or exponent, in `i` */
	uint32_t off;	/* its first byte in the text */
	uint32_t next;	/* the index after this token and all it holds */
	uint32_t n;	/* members or elements; a string's length in bytes */
	int64_t i;
	double d;	/* every number, also an integer */
	const char *s;	/* a string, decoded and NUL-terminated */
};

struct jdoc {
	struct jtok *t;
	size_t n, cap;
	char *arena;	/* decoded strings */
	size_t used, arenacap;
	const char *text;
	size_t len;
	size_t err_off;	/* after a failed parse: where, and what */
	char err[96];
};

#define JTOK_NONE ((size_t)-1)

#define JDOC_INIT { 0 }

/*
 * Parses text[0..len), which must be followed by a NUL byte (text[len]),
 * into `d` (initialized with JDOC_INIT, or holding an earlier parse whose
 * memory it reuses). Returns 0, or -1 with d->err and d->err_off set. The
 * tokens keep no pointer into the text; release with jdoc_release.
 */
int jdoc_parse(struct jdoc *d, const char *text, size_t len);
void jdoc_release(struct jdoc *d);

/* The value of member `key` of object token `obj`, or JTOK_NONE. */
size_t jdoc_get(const struct jdoc *d, size_t obj, const char *key);
/* The value of element `index` of array token `arr`, or JTOK_NONE. */
size_t jdoc_at(const struct jdoc *d, size_t arr, size_t index);
/* "an object", "a string", ... for messages. */
const char *jtok_type_name(int type);

#endif
