/* hyphenate.c: the places where a word may break at a line end, and the head
 * of a word that fits a width (libhyphen's dictionaries and the
 * separators). */
#include "hyphenate.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>

#include "diag.h"
#include "util.h"

#ifndef ROIC_HYPHEN_DIR
#define ROIC_HYPHEN_DIR "/usr/share/hyphen"
#endif

/* Runs of letters longer than this are not words the dictionaries know
 * (and libhyphen's work grows with them): only separators break them. */
#define MAX_RUN 256

struct hyphenate_dict {
	char *path;		/* the file, all links resolved */
	HyphenDict *dict;	/* read when a word first needs it */
	int read;		/* 1 once that was tried (atomic) */
	struct hyphenate_dict *next;
};

/* The dictionaries found, and what each locale asked for found (NULL:
 * none, warned of), under `lock`. */
static struct {
	pthread_mutex_t lock;
	struct hyphenate_dict *dicts;
	struct {
		char *locale;
		const struct hyphenate_dict *h;
	} seen[16];
	size_t nseen;
	int registered;
} H = { PTHREAD_MUTEX_INITIALIZER, NULL, { { NULL, NULL } }, 0, 0 };

static void
release(void)
{
	struct hyphenate_dict *h, *next;
	size_t i;

	for (h = H.dicts; h; h = next) {
		next = h->next;
		if (h->dict)
			hnj_hyphen_free(h->dict);
		free(h->path);
		free(h);
	}
	H.dicts = NULL;
	for (i = 0; i < H.nseen; i++)
		free(H.seen[i].locale);
	H.nseen = 0;
}

static int
letters(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z')))
			return 0;
	return n > 0;
}

/* The dictionary of file `path`, one a file (under H.lock); it is read
 * when a word first needs it (patterns). */
static const struct hyphenate_dict *
entry(const char *path)
{
	struct hyphenate_dict *h;

	for (h = H.dicts; h; h = h->next)
		if (strcmp(h->path, path) == 0)
			return h;
	h = xcalloc(1, sizeof(*h));
	h->path = xstrdup(path);
	h->next = H.dicts;
	H.dicts = h;
	if (!H.registered) {
		atexit(release);
		H.registered = 1;
	}
	return h;
}

/* A pattern line of a dictionary: its letters (the key libhyphen files it
 * under) and its place. */
struct pattern {
	char *key;
	size_t n, line;
};

static int
pattern_cmp(const void *a, const void *b)
{
	const struct pattern *x = a, *y = b;
	size_t n = x->n < y->n ? x->n : y->n;
	int c = memcmp(x->key, y->key, n);

	if (c == 0)
		c = x->n < y->n ? -1 : x->n > y->n;
	return c ? c : x->line < y->line ? -1 : x->line > y->line;
}

static int
keyword(const char *s)
{
	static const char *const words[] = { "LEFTHYPHENMIN", "RIGHTHYPHENMIN",
		"COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN", "NOHYPHEN",
		"NEXTLEVEL" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (strncmp(s, words[i], strlen(words[i])) == 0)
			return 1;
	return 0;
}

/*
 * The text of a dictionary file with each pattern at its last place in its
 * level only. libhyphen 2.8 keeps the last of two patterns of the same
 * letters, but loses its copy of the first (hnj_hyphen_load_line writes
 * over it): hyph_fr.dic has 16 such pairs ("-sou3vent-", "-8sou3vent-"),
 * 130 bytes that leak checkers find in every process that reads it. What
 * libhyphen makes of this text is what it makes of the file. Returns 0, or
 * -1 (errno set) when the file cannot be read.
 */
static int
last_patterns(const char *path, struct buf *out)
{
	struct buf in = BUF_INIT;
	const char **line = NULL;
	struct pattern *v = NULL;
	unsigned char *keep;
	size_t nl = 0, np = 0, i, k;
	const char *p, *e;

	if (read_file(path, 16u << 20, &in) != 0)
		return -1;
	for (p = in.ptr; p < in.ptr + in.len; p = e) {
		e = memchr(p, '\n', (size_t)(in.ptr + in.len - p));
		e = e ? e + 1 : in.ptr + in.len;
		line = xrealloc(line, (nl + 2) * sizeof(*line));
		line[nl++] = p;
	}
	if (line)
		line[nl] = in.ptr + in.len;
	keep = xmalloc(nl + 1);
	memset(keep, 1, nl + 1);
	v = xcalloc(nl + 1, sizeof(*v));
	/* Line 0 names the character set; NEXTLEVEL starts a level. */
	for (i = 1; i <= nl; i++) {
		if (i < nl && strncmp(line[i], "NEXTLEVEL", 9) != 0) {
			const char *q = line[i], *end = line[i + 1];
			struct pattern *t = &v[np];

			if (*q == '%' || keyword(q))
				continue;
			/* As libhyphen reads it: up to a '/' or a space,
			 * the digits apart. */
			t->key = xmalloc((size_t)(end - q) + 1);
			t->n = 0;
			t->line = i;
			for (; q < end && *q != '/' && (unsigned char)*q > ' '; q++)
				if (*q < '0' || *q > '9')
					t->key[t->n++] = *q;
			np++;
			continue;
		}
		qsort(v, np, sizeof(*v), pattern_cmp);
		for (k = 0; k + 1 < np; k++)
			if (v[k].n == v[k + 1].n && memcmp(v[k].key, v[k + 1].key,
			    v[k].n) == 0)
				keep[v[k].line] = 0;
		for (k = 0; k < np; k++)
			free(v[k].key);
		np = 0;
	}
	for (i = 0; i < nl; i++)
		if (keep[i])
			buf_add(out, line[i], (size_t)(line[i + 1] - line[i]));
	free(v);
	free(keep);
	free(line);
	buf_release(&in);
	return 0;
}

/* Reads a dictionary's patterns; NULL after a warning. */
static HyphenDict *
load(const char *path)
{
	struct buf text = BUF_INIT;
	HyphenDict *d = NULL;
	FILE *f;

	if (last_patterns(path, &text) != 0) {
		warning("unable to read hyphenation dictionary '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	if ((f = fmemopen(text.ptr, text.len, "r")) != NULL) {
		d = hnj_hyphen_load_file(f);
		fclose(f);
	}
	if (d == NULL)
		warning("unable to read hyphenation dictionary '%s'", path);
	buf_release(&text);
	return d;
}

/*
 * The patterns of a dictionary, read from its file the first time (under
 * H.lock; 13 ms for English, 4 for French, so a report whose words all fit
 * never pays it); NULL after a warning when libhyphen cannot read them.
 * The dictionaries are roic's own: `const` to their users, written here.
 */
static HyphenDict *
patterns(const struct hyphenate_dict *ch)
{
	struct hyphenate_dict *h = (struct hyphenate_dict *)ch;

	if (!__atomic_load_n(&h->read, __ATOMIC_ACQUIRE)) {
		pthread_mutex_lock(&H.lock);
		if (!h->read) {
			h->dict = load(h->path);
			__atomic_store_n(&h->read, 1, __ATOMIC_RELEASE);
		}
		pthread_mutex_unlock(&H.lock);
	}
	return h->dict;
}

/* The dictionary of a locale, looked for the first time (under H.lock). */
static const struct hyphenate_dict *
find(const char *locale)
{
	const char *dash = strchr(locale, '-');
	size_t ll = dash ? (size_t)(dash - locale) : strlen(locale);
	char name[2][64], path[PATH_MAX], real[PATH_MAX];
	int i;

	if (!letters(locale, ll) || ll > 8 || (dash && (!letters(dash + 1,
	    strlen(dash + 1)) || strlen(dash + 1) > 8))) {
		warning("no hyphenation dictionary for locale '%s'", locale);
		return NULL;
	}
	snprintf(name[0], sizeof(name[0]), "hyph_%.*s_%s.dic", (int)ll, locale,
	    dash ? dash + 1 : "");
	snprintf(name[1], sizeof(name[1]), "hyph_%.*s.dic", (int)ll, locale);
	for (i = dash ? 0 : 1; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", ROIC_HYPHEN_DIR, name[i]);
		if (realpath(path, real) != NULL)
			return entry(real);
	}
	warning("no hyphenation dictionary for locale '%s' in '%s' (%s): long "
	    "words in the PDF's tables break between letters", locale,
	    ROIC_HYPHEN_DIR, name[1]);
	return NULL;
}

const struct hyphenate_dict *
hyphenate_for(const char *locale)
{
	const struct hyphenate_dict *h = NULL;
	size_t i;

	if (locale == NULL)
		return NULL;
	pthread_mutex_lock(&H.lock);
	for (i = 0; i < H.nseen; i++)
		if (strcmp(H.seen[i].locale, locale) == 0) {
			h = H.seen[i].h;
			break;
		}
	if (i == H.nseen) {
		h = find(locale);
		if (H.nseen < ARRAY_SIZE(H.seen)) {
			H.seen[H.nseen].locale = xstrdup(locale);
			H.seen[H.nseen++].h = h;
		}
	}
	pthread_mutex_unlock(&H.lock);
	return h;
}

/* --- the points of a word --------------------------------------------- */

/* 1 for a letter of the Latin scripts (Basic Latin to Latin Extended-B). */
static int
is_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

static int
is_apostrophe(uint32_t c)
{
	return c == '\'' || c == 0x2019;
}

/* The lower case of c, for the letters whose two cases have UTF-8
 * sequences of the same length (so byte offsets stay): Basic Latin,
 * Latin-1 and Latin Extended-A; others as they are. */
static uint32_t
lower(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
		return c + 0x20;
	if (c == 0x178)
		return 0xFF;
	if (((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) ||
	    (c >= 0x14A && c <= 0x177)) && c % 2 == 0)
		return c + 1;
	if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) &&
	    c % 2 == 1)
		return c + 1;
	return c;
}

/* Appends code point c (in the BMP) as UTF-8. */
static void
put(struct buf *b, uint32_t c)
{
	if (c < 0x80)
		buf_addch(b, (int)c);
	else if (c < 0x800) {
		buf_addch(b, (int)(0xC0 | c >> 6));
		buf_addch(b, (int)(0x80 | (c & 0x3F)));
	} else {
		buf_addch(b, (int)(0xE0 | c >> 12));
		buf_addch(b, (int)(0x80 | (c >> 6 & 0x3F)));
		buf_addch(b, (int)(0x80 | (c & 0x3F)));
	}
}

/*
 * The dictionary's points in the run of letters w[a..e) (which holds
 * `nc` characters) into brk: the run in lower case, as the patterns are,
 * then each odd digit of libhyphen's answer (one a character) is a point
 * after that character. Points of non-standard hyphenation (a spelling
 * change, none in the French or English patterns) are left out.
 */
static void
dictionary(HyphenDict *d, const char *w, size_t a, size_t e, size_t nc,
    unsigned char *brk)
{
	const unsigned char *p = (const unsigned char *)w + a;
	const unsigned char *end = (const unsigned char *)w + e;
	struct buf low = BUF_INIT;
	size_t *at = xcalloc(nc + 1, sizeof(*at)), k = 0, i;
	char *digits;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;

	while (p < end) {
		at[k++] = (size_t)(p - (const unsigned char *)w);
		put(&low, lower(font_next_char(&p, end)));
	}
	at[k] = e;
	/* Same lengths (`lower` keeps each sequence's), unless the run held an
	 * invalid byte (read as U+FFFD): then no points. */
	if (low.len != e - a) {
		buf_release(&low);
		free(at);
		return;
	}
	digits = xcalloc(low.len + 5, 1);
	if (hnj_hyphen_hyphenate3(d, low.ptr, (int)low.len, digits,
	    NULL, &rep, &pos, &cut, 2, 3, 2, 2) == 0)
		for (i = 0; i + 1 < k; i++)
			if ((digits[i] & 1) && (rep == NULL || rep[i] == NULL))
				brk[at[i + 1]] = HYPHENATE_ADD;
	if (rep) {
		for (i = 0; i < low.len; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	free(digits);
	buf_release(&low);
	free(at);
}

void
hyphenate_points(const struct hyphenate_dict *h, const char *w, size_t n,
    unsigned char *brk)
{
	const unsigned char *s = (const unsigned char *)w, *p = s, *end = s + n;
	size_t run = 0, nc = 0, i;
	int in_run = 0, has_lower = 0;
	HyphenDict *d;

	memset(brk, HYPHENATE_NONE, n + 1);
	/* After a separator with something on each side; not after a
	 * decimal point (4.1) nor between two separators. */
	for (i = 1; i + 1 < n; i++) {
		int c = w[i];

		if (c != '-' && c != '_' && c != '/' && c != '.')
			continue;
		if (w[i + 1] == '\0' || strchr("-_/.", w[i + 1]))
			continue;
		if (c == '.' && w[i - 1] >= '0' && w[i - 1] <= '9' &&
		    w[i + 1] >= '0' && w[i + 1] <= '9')
			continue;
		brk[i + 1] = HYPHENATE_SEP;
	}
	if (h == NULL)
		return;
	/* Runs of letters (an apostrophe between two of them is part of
	 * one: l'entente), each hyphenated apart. */
	for (;;) {
		const unsigned char *q = p;
		uint32_t c = 0;
		int letter = 0;

		if (q < end) {
			c = font_next_char(&p, end);
			letter = is_letter(c);
			if (!letter && in_run && is_apostrophe(c) && p < end) {
				const unsigned char *r = p;

				letter = is_letter(font_next_char(&r, end));
			}
		}
		if (letter) {
			if (!in_run) {
				in_run = 1;
				run = (size_t)(q - s);
				nc = 0;
				has_lower = 0;
			}
			nc++;
			has_lower |= is_letter(c) && lower(c) == c;
			continue;
		}
		if (in_run) {
			in_run = 0;
			if (has_lower && (size_t)(q - s) - run <= MAX_RUN &&
			    (d = patterns(h)) != NULL)
				dictionary(d, w, run, (size_t)(q - s), nc, brk);
		}
		if (q == end)
			break;
	}
	brk[0] = brk[n] = HYPHENATE_NONE;
}

/* --- fitting ---------------------------------------------------------- */

#define EPSILON 1e-9

size_t
hyphenate_fit(const unsigned char *brk, const char *w, size_t n,
    enum font_style style, double size, double avail, int force,
    int *hyphen)
{
	const unsigned char *s = (const unsigned char *)w, *p = s, *end = s + n;
	double hw = font_width(style, size, "-", 1), x = 0;
	size_t sep = 0, add = 0, chars = 0, first = 0, i;

	*hyphen = 0;
	while (p < end) {
		const unsigned char *q = p;

		font_next_char(&p, end);
		x += font_width(style, size, (const char *)q, (size_t)(p - q));
		i = (size_t)(p - s);
		if (first == 0)
			first = i;
		if (x > avail + EPSILON)
			break;
		if (i == n)
			return n;	/* all of it fits */
		if (brk[i] == HYPHENATE_SEP)
			sep = i;
		else if (brk[i] == HYPHENATE_ADD && x + hw <= avail + EPSILON)
			add = i;
		if (x + hw <= avail + EPSILON)
			chars = i;
	}
	if (sep)
		return sep;
	if (add) {
		*hyphen = 1;
		return add;
	}
	if (!force)
		return 0;
	/* The last resort: between two characters, with a hyphen. */
	if (chars == 0)
		chars = first;
	if (chars < n)
		*hyphen = 1;
	return chars;
}

double
hyphenate_narrowest(const unsigned char *brk, const char *w, size_t n,
    enum font_style style, double size)
{
	double hw = font_width(style, size, "-", 1), most = 0, piece;
	size_t a = 0, i;

	for (i = 1; i <= n; i++)
		if (i == n || brk[i] != HYPHENATE_NONE) {
			piece = font_width(style, size, w + a, i - a) +
			    (i < n && brk[i] == HYPHENATE_ADD ? hw : 0);
			if (piece > most)
				most = piece;
			a = i;
		}
	return most;
}
