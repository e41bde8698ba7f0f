/*
 * jsonpos.h: positions of the values of a parsed JSON text.
 *
 * jansson keeps no positions of values, so when a reader needs to report an
 * error at a value it builds this index: a scan of the text that records
 * where every value (and every object member's key) starts, matched to the
 * jansson tree by walking both in document order (jansson keeps object keys
 * in insertion order, and duplicate keys are rejected). The index is built
 * only when there is an error to report.
 */
#ifndef ROIC_JSONPOS_H
#define ROIC_JSONPOS_H

#include <stddef.h>

#include <jansson.h>

enum jpos_what {
	JPOS_SELF,	/* the container itself: its '{' or '[' */
	JPOS_KEY,	/* the key of an object member */
	JPOS_VALUE	/* the value of an object member or array element */
};

struct jpos;

/*
 * Indexes `text` (the exact bytes jansson parsed into `root`). Returns NULL
 * when the text does not match the tree. The caller frees with jpos_free.
 */
struct jpos *jpos_new(const char *text, size_t len, json_t *root);
void jpos_free(struct jpos *jp);

/*
 * Byte offset of a location: `container` is an object or array of the tree
 * (NULL for the root value itself); `key` names an object member, or NULL
 * with `index` for an array element. Unknown locations give the container's
 * own offset, or 0.
 */
size_t jpos_offset(const struct jpos *jp, const json_t *container,
    const char *key, size_t index, enum jpos_what what);

#endif
