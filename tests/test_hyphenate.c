/*
 * test_hyphenate.c: where a word breaks at a line end (hyphenate.c): the
 * hyphenation points of Debian's French and English dictionaries, the
 * separators, the head of a word that fits a width, the narrowest width a
 * word needs, and each dictionary read once; on random words, the pieces
 * always give the word back and fit.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "font.h"
#include "hyphenate.h"
#include "util.h"
#include "xorshift.h"

static const struct hyphenate_dict *fr, *en;

static int
setup(void **state)
{
	(void)state;
	if (font_init() != 0)
		return -1;
	fr = hyphenate_for("fr-CA");
	en = hyphenate_for("en-US");
	return fr && en ? 0 : -1;
}

/* The word with '=' where a break adds a hyphen and '|' after a
 * separator where one may end a line. The caller frees it. */
static char *
points(const struct hyphenate_dict *h, const char *w)
{
	size_t n = strlen(w), i;
	unsigned char *brk = xmalloc(n + 1);
	struct buf b = BUF_INIT;

	hyphenate_points(h, w, n, brk);
	assert_int_equal(brk[0], HYPHENATE_NONE);
	assert_int_equal(brk[n], HYPHENATE_NONE);
	for (i = 0; i < n; i++) {
		if (brk[i] == HYPHENATE_ADD)
			buf_addch(&b, '=');
		else if (brk[i] == HYPHENATE_SEP)
			buf_addch(&b, '|');
		buf_addch(&b, w[i]);
	}
	free(brk);
	return buf_detach(&b, NULL);
}

#define assert_points(h, w, want) do { \
	char *got_ = points(h, w); \
	assert_string_equal(got_, want); \
	free(got_); \
} while (0)

static void
test_dictionaries(void **state)
{
	(void)state;
	/* The words the French report cut: "Disponibilit/é", "Réductio/n". */
	assert_points(fr, "Disponibilité", "Dis=po=ni=bi=lité");
	assert_points(fr, "Réduction", "Ré=duc=tion");
	assert_points(fr, "économisé", "éco=no=misé");
	assert_points(fr, "l’entente", "l’en=tente");
	assert_points(fr, "conversationnel", "conver=sa=tion=nel");
	assert_points(en, "availability", "avail=abil=ity");
	assert_points(en, "hallucination", "hal=lu=ci=na=tion");
	/* Capitals are hyphenated as their lower case... */
	assert_points(fr, "DISPONIBILITÉ", "DISPONIBILITÉ");
	assert_points(fr, "Économisé", "Éco=no=misé");
	/* ...but a word with no lower-case letter is an acronym. */
	assert_points(en, "HALLUCINATION", "HALLUCINATION");
	/* Letters only: punctuation and digits around a word stay out. */
	assert_points(fr, "configuration;", "confi=gu=ra=tion;");
	assert_points(en, "(availability)", "(avail=abil=ity)");
	/* Without a dictionary, no hyphenation point. */
	assert_points(NULL, "Disponibilité", "Disponibilité");
}

static void
test_separators(void **state)
{
	(void)state;
	assert_points(NULL, "mutuelle-laurentienne-2026-10.json",
	    "mutuelle-|laurentienne-|2026-|10.|json");
	assert_points(NULL, "fixtures/exports/a_b", "fixtures/|exports/|a_|b");
	/* Not after a decimal point, at the ends, or between separators. */
	assert_points(NULL, "gpt-4.1-mini", "gpt-|4.1-|mini");
	assert_points(NULL, "-5", "-5");
	assert_points(NULL, "end.", "end.");
	assert_points(NULL, "a--b", "a--|b");
	assert_points(NULL, "../x", "../|x");
	/* Both, in a word of a dictionary's language. */
	assert_points(fr, "assistant-soumissions", "as=sis=tant-|sou=mis=sions");
	/* A hex code has runs of letters, but codes are never given to
	 * hyphenate (pdf.c keeps them whole): nothing here to test. */
}

static double
w_bold(const char *s)
{
	return font_width(FONT_BOLD, 7.5, s, strlen(s));
}

static size_t
fit(const struct hyphenate_dict *h, const char *w, double avail, int force,
    int *hy)
{
	size_t n = strlen(w), k;
	unsigned char *brk = xmalloc(n + 1);

	hyphenate_points(h, w, n, brk);
	k = hyphenate_fit(brk, w, n, FONT_BOLD, 7.5, avail, force, hy);
	free(brk);
	return k;
}

static void
test_fit(void **state)
{
	int hy;

	(void)state;
	/* The last point that fits with its hyphen. */
	assert_int_equal(fit(fr, "Disponibilité", w_bold("Disponi-"), 0, &hy),
	    strlen("Disponi"));
	assert_int_equal(hy, 1);
	assert_int_equal(fit(fr, "Disponibilité", w_bold("Disponibi") - 0.01,
	    0, &hy), strlen("Disponi"));
	assert_int_equal(fit(fr, "Disponibilité", w_bold("Disponi-") - 0.01, 0,
	    &hy), strlen("Dispo"));
	/* The whole word when it fits. */
	assert_int_equal(fit(fr, "Disponibilité", w_bold("Disponibilité"), 0,
	    &hy), strlen("Disponibilité"));
	assert_int_equal(hy, 0);
	/* No point fits: 0, or with force, letters and a hyphen. */
	assert_int_equal(fit(fr, "Disponibilité", w_bold("Di-"), 0, &hy), 0);
	assert_int_equal(fit(fr, "Disponibilité", w_bold("Di-"), 1, &hy),
	    strlen("Di"));
	assert_int_equal(hy, 1);
	/* At least a character, and never half of one. */
	assert_int_equal(fit(fr, "ééé", 0.1, 1, &hy), strlen("é"));
	assert_int_equal(hy, 1);
	assert_int_equal(fit(NULL, "é", 0.1, 1, &hy), strlen("é"));
	assert_int_equal(hy, 0);
	/* A separator is taken before a later hyphenation point. */
	assert_int_equal(fit(fr, "assistant-soumissions",
	    w_bold("assistant-soumis-"), 0, &hy), strlen("assistant-"));
	assert_int_equal(hy, 0);
	assert_int_equal(fit(fr, "assistant-soumissions",
	    w_bold("assistant-") - 0.01, 0, &hy), strlen("assis"));
	assert_int_equal(hy, 1);
}

static void
test_narrowest(void **state)
{
	const char *w = "Disponibilité";
	unsigned char brk[32];
	double want;

	(void)state;
	hyphenate_points(fr, w, strlen(w), brk);
	want = fmax(fmax(w_bold("Dis-"), w_bold("po-")), fmax(w_bold("ni-"),
	    fmax(w_bold("bi-"), w_bold("lité"))));
	assert_true(fabs(hyphenate_narrowest(brk, w, strlen(w), FONT_BOLD,
	    7.5) - want) < 1e-9);
	hyphenate_points(NULL, "a-b.c", 5, brk);
	assert_true(fabs(hyphenate_narrowest(brk, "a-b.c", 5, FONT_BOLD, 7.5) -
	    fmax(w_bold("a-"), w_bold("b."))) < 1e-9);
}

static void
test_read_once(void **state)
{
	(void)state;
	/* The same dictionary, read once: per locale, and per file (en-CA
	 * finds hyph_en.dic, a link to hyph_en_US.dic). */
	assert_ptr_equal(hyphenate_for("fr-CA"), fr);
	assert_ptr_equal(hyphenate_for("en-CA"), en);
	assert_ptr_not_equal(fr, en);
	/* None for a language without a file, or a name that is no locale. */
	assert_null(hyphenate_for("xx-YY"));
	assert_null(hyphenate_for("../../etc/passwd"));
	assert_null(hyphenate_for(NULL));
}

/*
 * Random words (letters, accents, separators, digits) broken to random
 * widths as pdf.c does, with force: the pieces, their added hyphens taken
 * off, give the word back; each piece breaks at a character boundary;
 * with a width of at least the word's narrowest, every break is at one of
 * its points and every piece fits.
 */
static void
test_random_words(void **state)
{
	static const char *const bits[] = { "a", "e", "i", "o", "n", "t", "r",
		"s", "l", "c", "é", "è", "à", "ç", "É", "-", "_", "/", ".", "4",
		"’", "tion", "ment", "con" };
	uint64_t x = 0x2545F4914F6CDD1Du;
	int round;

	(void)state;
	for (round = 0; round < 3000; round++) {
		struct buf w = BUF_INIT, back = BUF_INIT;
		const struct hyphenate_dict *h = round % 3 == 0 ? en :
		    round % 3 == 1 ? fr : NULL;
		size_t nb = 1 + xorshift(&x) % 30, i, off = 0, n;
		unsigned char *brk;
		double least, avail;

		for (i = 0; i < nb; i++)
			buf_addstr(&w, bits[xorshift(&x) % ARRAY_SIZE(bits)]);
		n = w.len;
		brk = xmalloc(n + 1);
		hyphenate_points(h, w.ptr, n, brk);
		least = hyphenate_narrowest(brk, w.ptr, n, FONT_REGULAR, 7.5);
		avail = round % 2 ? least + (double)(xorshift(&x) % 40) :
		    (double)(xorshift(&x) % 60);
		while (off < n) {
			int hy;
			size_t k = hyphenate_fit(brk + off, w.ptr + off, n - off,
			    FONT_REGULAR, 7.5, avail, 1, &hy);

			assert_true(k > 0 && off + k <= n);
			assert_true((w.ptr[off + k] & 0xC0) != 0x80 || off + k ==
			    n);
			if (avail >= least && off + k < n) {
				assert_int_not_equal(brk[off + k],
				    HYPHENATE_NONE);
				assert_int_equal(hy, brk[off + k] ==
				    HYPHENATE_ADD);
			}
			if (avail >= least)
				assert_true(font_width(FONT_REGULAR, 7.5,
				    w.ptr + off, k) + (hy ? font_width(
				    FONT_REGULAR, 7.5, "-", 1) : 0) <=
				    avail + 1e-6);
			buf_add(&back, w.ptr + off, k);
			off += k;
		}
		assert_string_equal(back.ptr, w.ptr);
		free(brk);
		buf_release(&w);
		buf_release(&back);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dictionaries),
		cmocka_unit_test(test_separators),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_narrowest),
		cmocka_unit_test(test_read_once),
		cmocka_unit_test(test_random_words),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
