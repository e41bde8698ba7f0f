/*
 * format.h: display strings of figures for the tenant's locale and currency
 * (SPEC 5), written by roic itself: no setlocale, no C library locales, the
 * same bytes on every machine.
 */
#ifndef ROIC_FORMAT_H
#define ROIC_FORMAT_H

#include "util.h"

enum fmt_unit {
	FMT_COUNT,	/* integer with grouping: 12,345 / 12 345 */
	FMT_NUMBER,	/* plain number with `decimals` decimals, grouped */
	FMT_MONEY,	/* currency, 2 decimals */
	FMT_PERCENT,	/* a ratio (0.875) shown as a percentage: 87.5% / 87,5 % */
	FMT_HOURS,	/* 1,234.5 h / 1 234,5 h */
	FMT_MINUTES,	/* 216 min (rounded to whole minutes) */
	FMT_MS,		/* 830 ms */
	FMT_POINTS	/* a change of a ratio (0.013) in percentage points:
			   1.3 pts / 1,3 point, 2,5 points */
};

/* The most decimals format_value prints; larger requests are clamped. */
#define FMT_MAX_DECIMALS 20

/*
 * Appends `value` formatted for `locale` ("en-CA", "fr-CA", "en-US"; anything
 * else, NULL included, is en-CA) and ISO 4217 `currency` to b; NAN and the
 * infinities print as "—" (U+2014). `decimals` < 0 means the unit's default
 * (MONEY 2, PERCENT 1, HOURS 1, NUMBER 2, COUNT/MINUTES/MS 0).
 *
 * The absolute value is rounded by printf's exact decimal conversion
 * ("%.*f": ties of exactly representable values go to even, 2.5 -> 2; a
 * percentage is converted from the ratio itself, with two more decimals,
 * not from ratio * 100), then grouped by threes. Separators: en "," and ".",
 * fr-CA U+00A0 and ",". A negative value starts with U+2212 "−", unless it
 * rounds to zero (no "−0.0 %").
 *
 * Units: "%" follows the number directly in en and after U+00A0 in fr-CA;
 * "h", "min" and "ms" follow after U+00A0 in every locale, so a unit never
 * wraps away from its number. Money: CAD, USD, EUR and GBP have symbols
 * ("$1,234.56", "US$1,234.56" in en-CA, "CA$1,234.56" in en-US,
 * "1 234,56 $ US" in fr-CA); other codes print as given ("CHF 1,234.56",
 * "1 234,56 CHF"); a NULL or empty currency prints the bare number. Every
 * space written is U+00A0. Never fails; huge finite values print in full.
 */
void format_value(struct buf *b, const char *locale, const char *currency,
    enum fmt_unit unit, int decimals, double value);

/*
 * Appends a change (this month minus the last) of a figure shown in
 * `unit`: as format_value, with "+" before a value that does not round to
 * zero, and a change of a percentage (FMT_PERCENT) in percentage points
 * (FMT_POINTS): en "+1.3 pts", fr-CA "+1,3 point", "−2,5 points"
 * (singular below 2, as French writes it). NAN prints "—".
 */
void format_change(struct buf *b, const char *locale, const char *currency,
    enum fmt_unit unit, int decimals, double delta);

/*
 * Appends the date "YYYY-MM-DD" (the first 10 bytes of `iso`) as `locale`
 * writes it in prose and tables: en-US "Oct 3, 2026"; en-CA and fr-CA
 * "2026-10-03", the Canadian standard. With `time` ("14:29", or NULL),
 * the time of day after it: "Oct 3, 2026, 14:29" / "2026-10-03 14:29".
 * Anything that is not such a date is appended as it is.
 */
void format_date(struct buf *b, const char *locale, const char *iso,
    const char *time);

#endif
