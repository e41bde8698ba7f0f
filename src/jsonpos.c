/* jsonpos.c: positions of the values of a parsed JSON text (see jsonpos.h). */
#include "jsonpos.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct tok {
	size_t off;	/* first byte of the value */
	size_t keyoff;	/* first byte of its key ('"'), or SIZE_MAX */
	size_t next;	/* index of the token after this value's subtree */
};

struct slot {
	const json_t *v;
	size_t tok;
};

struct jpos {
	const char *text;
	size_t len;
	struct tok *tok;
	size_t ntok, captok;
	struct slot *map;	/* open addressing: container -> token */
	size_t mapcap;
	int bad;
};

static size_t
skip_ws(const struct jpos *jp, size_t i)
{
	while (i < jp->len && strchr(" \t\r\n", jp->text[i]) && jp->text[i])
		i++;
	return i;
}

static size_t
skip_string(const struct jpos *jp, size_t i)
{
	for (i++; i < jp->len && jp->text[i] != '"'; i++)
		if (jp->text[i] == '\\')
			i++;
	return i + 1;
}

static size_t
new_tok(struct jpos *jp, size_t off, size_t keyoff)
{
	if (jp->ntok == jp->captok) {
		jp->captok = jp->captok ? jp->captok * 2 : 256;
		jp->tok = xrealloc(jp->tok, jp->captok * sizeof(*jp->tok));
	}
	jp->tok[jp->ntok].off = off;
	jp->tok[jp->ntok].keyoff = keyoff;
	jp->tok[jp->ntok].next = 0;
	return jp->ntok++;
}

/* Scans one value at text[i], appending its tokens; returns the end. */
static size_t
scan(struct jpos *jp, size_t i, size_t keyoff, int depth)
{
	size_t t, koff, at;
	char c, close;

	i = skip_ws(jp, i);
	t = new_tok(jp, i, keyoff);
	if (i >= jp->len || depth > 4096) {
		jp->bad = 1;
		jp->tok[t].next = jp->ntok;
		return jp->len;
	}
	c = jp->text[i];
	if (c == '{' || c == '[') {
		close = c == '{' ? '}' : ']';
		i++;
		for (;;) {
			i = skip_ws(jp, i);
			if (i >= jp->len) {
				jp->bad = 1;
				break;
			}
			if (jp->text[i] == close) {
				i++;
				break;
			}
			if (jp->text[i] == ',') {
				i++;
				continue;
			}
			koff = SIZE_MAX;
			if (close == '}') {
				koff = i;
				i = skip_ws(jp, skip_string(jp, i));
				if (i < jp->len && jp->text[i] == ':')
					i++;
			}
			at = i;
			i = scan(jp, i, koff, depth + 1);
			if (i == at)
				i++;	/* not JSON: never loop on it */
		}
	} else if (c == '"')
		i = skip_string(jp, i);
	else
		while (i < jp->len && !strchr(",]} \t\r\n", jp->text[i]))
			i++;
	jp->tok[t].next = jp->ntok;
	return i;
}

static size_t
hash_ptr(const void *p, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull;

	return (size_t)(h >> 17) & (cap - 1);
}

static void
map_put(struct jpos *jp, const json_t *v, size_t tok)
{
	size_t i = hash_ptr(v, jp->mapcap);

	while (jp->map[i].v != NULL)
		i = (i + 1) & (jp->mapcap - 1);
	jp->map[i].v = v;
	jp->map[i].tok = tok;
}

static size_t
map_get(const struct jpos *jp, const json_t *v)
{
	size_t i = hash_ptr(v, jp->mapcap);

	while (jp->map[i].v != NULL) {
		if (jp->map[i].v == v)
			return jp->map[i].tok;
		i = (i + 1) & (jp->mapcap - 1);
	}
	return SIZE_MAX;
}

static size_t
count_containers(const json_t *v)
{
	const char *key;
	json_t *child;
	size_t i, n = 0;

	if (json_is_object(v)) {
		n = 1;
		json_object_foreach((json_t *)v, key, child)
			n += count_containers(child);
	} else if (json_is_array(v)) {
		n = 1;
		json_array_foreach(v, i, child)
			n += count_containers(child);
	}
	return n;
}

/* Walks the tree and the tokens together, recording every container. */
static void
walk(struct jpos *jp, const json_t *v, size_t t)
{
	const char *key;
	json_t *child;
	size_t i, c;

	if (t >= jp->ntok) {
		jp->bad = 1;
		return;
	}
	if (!json_is_object(v) && !json_is_array(v))
		return;
	map_put(jp, v, t);
	c = t + 1;
	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, key, child) {
			if (c >= jp->tok[t].next) {
				jp->bad = 1;
				return;
			}
			walk(jp, child, c);
			c = jp->tok[c].next;
		}
	} else {
		json_array_foreach(v, i, child) {
			if (c >= jp->tok[t].next) {
				jp->bad = 1;
				return;
			}
			walk(jp, child, c);
			c = jp->tok[c].next;
		}
	}
}

struct jpos *
jpos_new(const char *text, size_t len, json_t *root)
{
	struct jpos *jp = xcalloc(1, sizeof(*jp));
	size_t n, i = 0;

	jp->text = text;
	jp->len = len;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	scan(jp, i, SIZE_MAX, 0);
	n = count_containers(root);
	for (jp->mapcap = 16; jp->mapcap < 2 * n; jp->mapcap *= 2)
		;
	jp->map = xcalloc(jp->mapcap, sizeof(*jp->map));
	walk(jp, root, 0);
	if (jp->bad) {
		jpos_free(jp);
		return NULL;
	}
	return jp;
}

void
jpos_free(struct jpos *jp)
{
	if (jp == NULL)
		return;
	free(jp->tok);
	free(jp->map);
	free(jp);
}

size_t
jpos_offset(const struct jpos *jp, const json_t *container, const char *key,
    size_t index, enum jpos_what what)
{
	size_t t, c, k = 0;
	const char *name;
	json_t *child;

	if (container == NULL)
		return jp->ntok ? jp->tok[0].off : 0;
	if ((t = map_get(jp, container)) == SIZE_MAX)
		return 0;
	if (what == JPOS_SELF)
		return jp->tok[t].off;
	if (key != NULL) {
		if (!json_is_object(container))
			return jp->tok[t].off;
		index = SIZE_MAX;
		json_object_foreach((json_t *)container, name, child) {
			if (strcmp(name, key) == 0) {
				index = k;
				break;
			}
			k++;
		}
		if (index == SIZE_MAX)
			return jp->tok[t].off;
	}
	for (c = t + 1, k = 0; c < jp->tok[t].next; c = jp->tok[c].next, k++)
		if (k == index) {
			if (what == JPOS_KEY && jp->tok[c].keyoff != SIZE_MAX)
				return jp->tok[c].keyoff;
			return jp->tok[c].off;
		}
	return jp->tok[t].off;
}
