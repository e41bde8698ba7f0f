/* format.c: display strings of figures, written without C library locales. */
#include "format.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define NBSP	"\xc2\xa0"	/* U+00A0 no-break space */
#define MINUS	"\xe2\x88\x92"	/* U+2212 minus sign */
#define DASH	"\xe2\x80\x94"	/* U+2014 em dash, for null */

struct fmt_locale {
	const char *name;
	const char *group;	/* thousands separator */
	const char *point;	/* decimal separator */
	int fr;			/* symbols after the number, "%" spaced */
	int us;			/* en-US: "$" is USD, CAD is "CA$" */
};

/* The first entry is the default. */
static const struct fmt_locale locales[] = {
	{ "en-CA", ",", ".", 0, 0 },
	{ "en-US", ",", ".", 0, 1 },
	{ "fr-CA", NBSP, ",", 1, 0 },
};

struct fmt_currency {
	const char *code;
	const char *en;		/* before the number, en-CA */
	const char *en_us;	/* before the number, en-US */
	const char *fr;		/* after the number and a no-break space */
};

static const struct fmt_currency currencies[] = {
	{ "CAD", "$", "CA$", "$" },
	{ "USD", "US$", "$", "$" NBSP "US" },
	{ "EUR", "\xe2\x82\xac", "\xe2\x82\xac", "\xe2\x82\xac" },
	{ "GBP", "\xc2\xa3", "\xc2\xa3", "\xc2\xa3" },
};

/* Per unit (indexed by enum fmt_unit): default decimals, en and fr suffix. */
static const struct {
	int decimals;
	const char *en, *fr;
} units[] = {
	[FMT_COUNT] = { 0, "", "" },
	[FMT_NUMBER] = { 2, "", "" },
	[FMT_MONEY] = { 2, "", "" },
	[FMT_PERCENT] = { 1, "%", NBSP "%" },
	[FMT_HOURS] = { 1, NBSP "h", NBSP "h" },
	[FMT_MINUTES] = { 0, NBSP "min", NBSP "min" },
	[FMT_MS] = { 0, NBSP "ms", NBSP "ms" },
	[FMT_POINTS] = { 1, NBSP "pts", NBSP "points" },
};

static const struct fmt_locale *
find_locale(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < ARRAY_SIZE(locales); i++)
		if (strcmp(name, locales[i].name) == 0)
			return &locales[i];
	return &locales[0];
}

/*
 * Multiplies the decimal string s ("0.8750", at least two fraction digits)
 * by 100 by moving its point two places right, and returns it without the
 * leading zeros this leaves ("87.50").
 */
static char *
shift_percent(char *s)
{
	char *p = s + strspn(s, "0123456789");

	p[0] = p[1];
	p[1] = p[2];
	p[2] = p[3] != '\0' ? '.' : '\0';
	while (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		s++;
	return s;
}

/* Appends the decimal string s ("1234.5") with the locale's separators. */
static void
add_grouped(struct buf *b, const struct fmt_locale *l, const char *s)
{
	size_t n = strspn(s, "0123456789"), i;

	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_addstr(b, l->group);
		buf_addch(b, s[i]);
	}
	if (s[n] != '\0') {
		buf_addstr(b, l->point);
		buf_addstr(b, s + n + 1);
	}
}

/* Appends the decimal string s as an amount of `currency` (NULL: none). */
static void
add_money(struct buf *b, const struct fmt_locale *l, const char *currency,
    const char *s)
{
	const struct fmt_currency *c = NULL;
	size_t i;

	if (currency == NULL || *currency == '\0') {
		add_grouped(b, l, s);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(currencies); i++)
		if (strcmp(currency, currencies[i].code) == 0)
			c = &currencies[i];
	if (l->fr) {
		add_grouped(b, l, s);
		buf_addstr(b, NBSP);
		buf_addstr(b, c != NULL ? c->fr : currency);
	} else {
		if (c != NULL)
			buf_addstr(b, l->us ? c->en_us : c->en);
		else {
			buf_addstr(b, currency);
			buf_addstr(b, NBSP);
		}
		add_grouped(b, l, s);
	}
}

void
format_value(struct buf *b, const char *locale, const char *currency,
    enum fmt_unit unit, int decimals, double value)
{
	const struct fmt_locale *l = find_locale(locale);
	/* DBL_MAX has 309 integer digits; a percentage adds 2 decimals. */
	char num[DBL_MAX_10_EXP + FMT_MAX_DECIMALS + 8], *s;
	int n;

	if ((unsigned)unit >= ARRAY_SIZE(units))
		unit = FMT_NUMBER;
	if (decimals < 0)
		decimals = units[unit].decimals;
	if (decimals > FMT_MAX_DECIMALS)
		decimals = FMT_MAX_DECIMALS;
	if (unit == FMT_PERCENT || unit == FMT_POINTS)
		decimals += 2;
	n = -1;
	if (isfinite(value) && (n = fmt_fixed(num, sizeof(num), fabs(value),
	    decimals)) < 0)
		n = snprintf(num, sizeof(num), "%.*f", decimals, fabs(value));
	if (n < 0 || (size_t)n >= sizeof(num)) {
		buf_addstr(b, DASH);
		return;
	}
	s = unit == FMT_PERCENT || unit == FMT_POINTS ? shift_percent(num) :
	    num;
	if (signbit(value) && strpbrk(s, "123456789") != NULL)
		buf_addstr(b, MINUS);
	if (unit == FMT_MONEY)
		add_money(b, l, currency, s);
	else
		add_grouped(b, l, s);
	/* French: "1,9 point", "2,0 points" (s has no leading zeros). */
	if (unit == FMT_POINTS && l->fr && strspn(s, "0123456789") == 1 &&
	    (s[0] == '0' || s[0] == '1'))
		buf_addstr(b, NBSP "point");
	else
		buf_addstr(b, l->fr ? units[unit].fr : units[unit].en);
}

void
format_change(struct buf *b, const char *locale, const char *currency,
    enum fmt_unit unit, int decimals, double delta)
{
	size_t at = b->len;

	if (unit == FMT_PERCENT)
		unit = FMT_POINTS;
	format_value(b, locale, currency, unit, decimals, delta);
	/* "+" before a positive change that shows a digit other than 0. */
	if (delta > 0 && isfinite(delta) && strpbrk(b->ptr + at,
	    "123456789") != NULL) {
		buf_addch(b, '+');
		memmove(b->ptr + at + 1, b->ptr + at, b->len - at - 1);
		b->ptr[at] = '+';
	}
}

void
format_date(struct buf *b, const char *locale, const char *iso,
    const char *time)
{
	static const char *const abbr[] = { "Jan", "Feb", "Mar", "Apr", "May",
		"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, m, d, n = 0;

	if (iso == NULL || strlen(iso) < 10 || sscanf(iso, "%4d-%2d-%2d%n",
	    &y, &m, &d, &n) != 3 || n != 10 || m < 1 || m > 12) {
		buf_addstr(b, iso ? iso : DASH);
		return;
	}
	if (find_locale(locale)->us) {
		buf_addf(b, "%s %d, %04d", abbr[m - 1], d, y);
		if (time)
			buf_addf(b, ", %s", time);
	} else {
		buf_add(b, iso, 10);
		if (time)
			buf_addf(b, " %s", time);
	}
}
