/* jtok.c: a strict JSON parser that keeps the position of every value. */
#include "jtok.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define MAX_DEPTH 128

struct parser {
	struct jdoc *d;
	const char *p, *end;
	int depth;
};

static int
fail(struct parser *ps, const char *at, const char *fmt, ...)
{
	va_list ap;

	ps->d->err_off = (size_t)(at - ps->d->text);
	va_start(ap, fmt);
	vsnprintf(ps->d->err, sizeof(ps->d->err), fmt, ap);
	va_end(ap);
	return -1;
}

static size_t
new_tok(struct jdoc *d, int type, const char *at)
{
	struct jtok *t;

	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 256;
		d->t = xrealloc(d->t, d->cap * sizeof(*d->t));
	}
	t = &d->t[d->n];
	t->type = (uint8_t)type;
	t->isint = 0;
	t->off = (uint32_t)(at - d->text);
	t->n = 0;
	t->i = 0;
	t->d = 0;
	t->s = NULL;
	return d->n++;
}

static void
skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' ||
	    *ps->p == '\r' || *ps->p == '\t'))
		ps->p++;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
read_hex4(struct parser *ps, const char *q, unsigned *out)
{
	int i, h;

	*out = 0;
	if (ps->end - q < 4)
		return fail(ps, q - 2, "incomplete \\u escape");
	for (i = 0; i < 4; i++) {
		if ((h = hexval((unsigned char)q[i])) < 0)
			return fail(ps, q - 2, "invalid \\u escape");
		*out = (*out << 4) | (unsigned)h;
	}
	return 0;
}

/* A string at ps->p ('"'), decoded into the arena. */
static int
parse_string(struct parser *ps)
{
	struct jdoc *d = ps->d;
	const char *start = ps->p, *q = ps->p + 1;
	char *o = d->arena + d->used, *begin = o;
	size_t t = new_tok(d, JT_STRING, start), k;
	unsigned cp, lo;

	for (;;) {
		const char *run = q;

		/* The common case: a run of plain ASCII. */
		while (q < ps->end && (unsigned char)*q >= 0x20 && *q != '"' &&
		    *q != '\\' && (unsigned char)*q < 0x80)
			q++;
		memcpy(o, run, (size_t)(q - run));
		o += q - run;
		if (q >= ps->end)
			return fail(ps, start, "unterminated string");
		if (*q == '"')
			break;
		if (*q == '\n')
			return fail(ps, start, "unterminated string (a line "
			    "break inside a string must be written \\n)");
		if ((unsigned char)*q < 0x20)
			return fail(ps, q, "control character in a string "
			    "(write it as an escape such as \\t)");
		if ((unsigned char)*q >= 0x80) {
			if ((k = utf8_seq((const unsigned char *)q,
			    (const unsigned char *)ps->end)) == 0)
				return fail(ps, q, "invalid UTF-8 in a string");
			memcpy(o, q, k);
			o += k;
			q += k;
			continue;
		}
		/* An escape. */
		if (q + 1 >= ps->end)
			return fail(ps, start, "unterminated string");
		switch (q[1]) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			if (read_hex4(ps, q + 2, &cp))
				return -1;
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return fail(ps, q, "lone low surrogate in a \\u "
				    "escape");
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (ps->end - q < 12 || q[6] != '\\' || q[7] != 'u' ||
				    read_hex4(ps, q + 8, &lo) || lo < 0xDC00 ||
				    lo > 0xDFFF)
					return fail(ps, q, "high surrogate without a "
					    "low surrogate in a \\u escape");
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				q += 6;
			}
			if (cp == 0)
				return fail(ps, q, "\\u0000 is not allowed in a "
				    "string");
			o = utf8_put(o, cp);
			q += 4;
			break;
		default:
			return fail(ps, q, "invalid escape '\\%c' in a string",
			    q[1] >= 0x20 && q[1] < 0x7F ? q[1] : '?');
		}
		q += 2;
	}
	*o++ = '\0';
	d->t[t].s = begin;
	d->t[t].n = (uint32_t)(o - begin - 1);
	d->used += (size_t)(o - begin);
	d->t[t].next = (uint32_t)d->n;
	ps->p = q + 1;
	return 0;
}

static int
digit(const char *q, const char *end)
{
	return q < end && *q >= '0' && *q <= '9';
}

/* A number: the JSON grammar, then its value. */
static int
parse_number(struct parser *ps)
{
	const char *start = ps->p, *q = ps->p, *end = ps->end;
	size_t t = new_tok(ps->d, JT_NUMBER, start);
	struct jtok *tk;
	int isint = 1, nd = 0;
	int64_t v = 0;

	if (*q == '-')
		q++;
	if (!digit(q, end))
		return fail(ps, start, "invalid number");
	if (*q == '0') {
		q++;
		if (digit(q, end))
			return fail(ps, start, "invalid number: no leading zeros");
	} else
		while (digit(q, end)) {
			if (nd++ < 18)
				v = v * 10 + (*q - '0');
			q++;
		}
	if (q < end && *q == '.') {
		isint = 0;
		if (!digit(++q, end))
			return fail(ps, start, "invalid number: a digit must "
			    "follow the decimal point");
		while (digit(q, end))
			q++;
	}
	if (q < end && (*q == 'e' || *q == 'E')) {
		isint = 0;
		q++;
		if (q < end && (*q == '+' || *q == '-'))
			q++;
		if (!digit(q, end))
			return fail(ps, start, "invalid number: a digit must "
			    "follow the exponent");
		while (digit(q, end))
			q++;
	}
	tk = &ps->d->t[t];
	if (isint && nd <= 18) {
		tk->isint = 1;
		tk->i = *start == '-' ? -v : v;
		tk->d = (double)tk->i;
	} else {
		/* The text is NUL-terminated and the grammar checked, so
		 * strtod reads exactly this number. */
		tk->d = strtod(start, NULL);
		if (isint) {
			/* Too many digits for an exact integer. */
			tk->isint = 0;
		}
	}
	tk->next = (uint32_t)ps->d->n;
	ps->p = q;
	return 0;
}

static int
literal(struct parser *ps, const char *word, int type)
{
	size_t n = strlen(word), t;

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, ps->p, "invalid literal (true, false or null "
		    "expected)");
	t = new_tok(ps->d, type, ps->p);
	ps->d->t[t].next = (uint32_t)ps->d->n;
	ps->p += n;
	return 0;
}

static int parse_value(struct parser *ps);

static int
key_eq(const struct jtok *a, const struct jtok *b)
{
	return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

static uint64_t
key_hash(const struct jtok *k)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < k->n; i++)
		h = (h ^ (unsigned char)k->s[i]) * 1099511628211ull;
	return h;
}

/* Reports the first key of object `obj` that repeats an earlier one. */
static int
check_duplicates(struct parser *ps, size_t obj)
{
	struct jdoc *d = ps->d;
	size_t nk = d->t[obj].n, i, j, k, *keys, cap, *slots;
	int rc = 0;

	if (nk < 2)
		return 0;
	keys = xmalloc(nk * sizeof(*keys));
	for (i = 0, k = obj + 1; i < nk; i++, k = d->t[k + 1].next)
		keys[i] = k;
	if (nk <= 16) {
		for (i = 1; i < nk && !rc; i++)
			for (j = 0; j < i; j++)
				if (key_eq(&d->t[keys[i]], &d->t[keys[j]])) {
					rc = fail(ps, d->text + d->t[keys[i]].off,
					    "duplicate key '%.40s'",
					    d->t[keys[i]].s);
					break;
				}
		free(keys);
		return rc;
	}
	for (cap = 32; cap < 2 * nk; cap *= 2)
		;
	slots = xmalloc(cap * sizeof(*slots));
	memset(slots, 0xFF, cap * sizeof(*slots));
	for (i = 0; i < nk && !rc; i++) {
		j = (size_t)key_hash(&d->t[keys[i]]) & (cap - 1);
		for (; slots[j] != JTOK_NONE; j = (j + 1) & (cap - 1))
			if (key_eq(&d->t[slots[j]], &d->t[keys[i]])) {
				rc = fail(ps, d->text + d->t[keys[i]].off,
				    "duplicate key '%.40s'", d->t[keys[i]].s);
				break;
			}
		slots[j] = keys[i];
	}
	free(slots);
	free(keys);
	return rc;
}

static int
parse_container(struct parser *ps, int object)
{
	struct jdoc *d = ps->d;
	size_t t = new_tok(d, object ? JT_OBJECT : JT_ARRAY, ps->p);
	char close = object ? '}' : ']';
	uint32_t n = 0;

	if (++ps->depth > MAX_DEPTH)
		return fail(ps, ps->p, "nested deeper than %d levels", MAX_DEPTH);
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close)
		goto done;
	for (;;) {
		skip_ws(ps);
		if (object) {
			if (ps->p >= ps->end || *ps->p != '"')
				return fail(ps, ps->p < ps->end ? ps->p : ps->end,
				    ps->p < ps->end && *ps->p == close ?
				    "a ',' before '}' (trailing comma)" :
				    "expected a key (a string in double quotes)");
			if (parse_string(ps))
				return -1;
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':')
				return fail(ps, ps->p, "expected ':' after the key");
			ps->p++;
			skip_ws(ps);
		} else if (ps->p < ps->end && *ps->p == ']')
			return fail(ps, ps->p, "a ',' before ']' (trailing comma)");
		if (parse_value(ps))
			return -1;
		n++;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close)
			break;
		return fail(ps, ps->p, ps->p >= ps->end ? "unexpected end of "
		    "file: '%c' expected" : "expected ',' or '%c'", close);
	}
done:
	ps->p++;
	ps->depth--;
	d->t[t].n = n;
	d->t[t].next = (uint32_t)d->n;
	return object ? check_duplicates(ps, t) : 0;
}

static int
parse_value(struct parser *ps)
{
	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, ps->end, "unexpected end of file");
	switch (*ps->p) {
	case '{':
		return parse_container(ps, 1);
	case '[':
		return parse_container(ps, 0);
	case '"':
		return parse_string(ps);
	case 't':
		return literal(ps, "true", JT_TRUE);
	case 'f':
		return literal(ps, "false", JT_FALSE);
	case 'n':
		return literal(ps, "null", JT_NULL);
	default:
		if (strncmp(ps->p, "NaN", 3) == 0 ||
		    strncmp(ps->p, "Infinity", 8) == 0 ||
		    strncmp(ps->p, "-Infinity", 9) == 0)
			return fail(ps, ps->p, "NaN and Infinity are not JSON "
			    "numbers");
		if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
			return parse_number(ps);
		if ((unsigned char)*ps->p >= 0x20 && (unsigned char)*ps->p < 0x7F)
			return fail(ps, ps->p, "unexpected '%c'", *ps->p);
		return fail(ps, ps->p, "unexpected byte 0x%02X",
		    (unsigned char)*ps->p);
	}
}

int
jdoc_parse(struct jdoc *d, const char *text, size_t len)
{
	struct parser ps;

	/* The arrays of an earlier parse are reused. */
	d->n = 0;
	d->used = 0;
	d->err_off = 0;
	d->err[0] = '\0';
	d->text = text;
	d->len = len;
	if (len > UINT32_MAX - 1)
		return (snprintf(d->err, sizeof(d->err), "file too large"), -1);
	if (d->arenacap < len + 1) {
		free(d->arena);
		d->arenacap = len + 1;
		d->arena = xmalloc(d->arenacap);
	}
	ps.d = d;
	ps.p = text;
	ps.end = text + len;
	ps.depth = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		ps.p += 3;
	skip_ws(&ps);
	if (ps.p >= ps.end)
		return fail(&ps, ps.p, "empty file: an export is a JSON object");
	if (parse_value(&ps))
		return -1;
	skip_ws(&ps);
	if (ps.p < ps.end)
		return fail(&ps, ps.p, "text after the end of the JSON value");
	return 0;
}

void
jdoc_release(struct jdoc *d)
{
	free(d->t);
	free(d->arena);
	d->t = NULL;
	d->arena = NULL;
	d->n = d->cap = d->arenacap = 0;
}

size_t
jdoc_get(const struct jdoc *d, size_t obj, const char *key)
{
	size_t i, k, n = strlen(key);

	if (obj >= d->n || d->t[obj].type != JT_OBJECT)
		return JTOK_NONE;
	for (i = 0, k = obj + 1; i < d->t[obj].n; i++, k = d->t[k + 1].next)
		if (d->t[k].n == n && memcmp(d->t[k].s, key, n) == 0)
			return k + 1;
	return JTOK_NONE;
}

size_t
jdoc_at(const struct jdoc *d, size_t arr, size_t index)
{
	size_t i, k;

	if (arr >= d->n || d->t[arr].type != JT_ARRAY || index >= d->t[arr].n)
		return JTOK_NONE;
	for (i = 0, k = arr + 1; i < index; i++)
		k = d->t[k].next;
	return k;
}

const char *
jtok_type_name(int type)
{
	static const char *const names[] = { "null", "a boolean", "a boolean",
		"a number", "a string", "an array", "an object" };

	return type >= 0 && type <= JT_OBJECT ? names[type] : "?";
}
