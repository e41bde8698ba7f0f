/* test_format.c: display strings in every locale, unit and currency. */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "format.h"

#define N	"\xc2\xa0"	/* no-break space */
#define M	"\xe2\x88\x92"	/* minus sign */
#define DASH	"\xe2\x80\x94"
#define EURO	"\xe2\x82\xac"
#define POUND	"\xc2\xa3"

/* Formats into a fresh buffer and compares, reporting the caller's line. */
static void
check(const char *loc, const char *cur, enum fmt_unit unit, int dec,
    double v, const char *want, int line)
{
	struct buf b = BUF_INIT;

	format_value(&b, loc, cur, unit, dec, v);
	_assert_string_equal(b.ptr, want, __FILE__, line);
	buf_release(&b);
}

#define CHECK(loc, cur, unit, dec, v, want) \
	check(loc, cur, unit, dec, v, want, __LINE__)
#define EN(unit, v, want) CHECK("en-CA", "CAD", unit, -1, v, want)
#define US(unit, v, want) CHECK("en-US", "USD", unit, -1, v, want)
#define FR(unit, v, want) CHECK("fr-CA", "CAD", unit, -1, v, want)

static void
test_en_ca(void **state)
{
	(void)state;
	EN(FMT_COUNT, 12345, "12,345");
	EN(FMT_NUMBER, 12345.678, "12,345.68");
	EN(FMT_MONEY, 12345.678, "$12,345.68");
	EN(FMT_PERCENT, 0.875, "87.5%");
	EN(FMT_HOURS, 1234.5, "1,234.5" N "h");
	EN(FMT_MINUTES, 216.4, "216" N "min");
	EN(FMT_MS, 830, "830" N "ms");
}

static void
test_fr_ca(void **state)
{
	(void)state;
	FR(FMT_COUNT, 12345, "12" N "345");
	FR(FMT_NUMBER, 12345.678, "12" N "345,68");
	FR(FMT_MONEY, 12345.678, "12" N "345,68" N "$");
	FR(FMT_PERCENT, 0.875, "87,5" N "%");
	FR(FMT_HOURS, 1234.5, "1" N "234,5" N "h");
	FR(FMT_MINUTES, 215.6, "216" N "min");
	FR(FMT_MS, 1830, "1" N "830" N "ms");
}

static void
test_en_us(void **state)
{
	(void)state;
	US(FMT_COUNT, 12345, "12,345");
	US(FMT_NUMBER, 0.5, "0.50");
	US(FMT_MONEY, 1234.56, "$1,234.56");
	US(FMT_PERCENT, 0.875, "87.5%");
	US(FMT_HOURS, 1234.5, "1,234.5" N "h");
	US(FMT_MINUTES, 1216, "1,216" N "min");
	US(FMT_MS, 830, "830" N "ms");
}

static void
test_grouping(void **state)
{
	(void)state;
	EN(FMT_COUNT, 0, "0");
	EN(FMT_COUNT, 999, "999");
	EN(FMT_COUNT, 1000, "1,000");
	EN(FMT_COUNT, 99999, "99,999");
	EN(FMT_COUNT, 100000, "100,000");
	EN(FMT_COUNT, 999999, "999,999");
	EN(FMT_COUNT, 1000000, "1,000,000");
	EN(FMT_COUNT, 1234567890, "1,234,567,890");
	FR(FMT_COUNT, 1000, "1" N "000");
	FR(FMT_COUNT, 1234567, "1" N "234" N "567");
	/* Rounding that carries into a new group. */
	EN(FMT_MONEY, 999.996, "$1,000.00");
	EN(FMT_MONEY, 999999.996, "$1,000,000.00");
	FR(FMT_MONEY, 999999.996, "1" N "000" N "000,00" N "$");
	EN(FMT_COUNT, 999.5, "1,000");		/* exact tie, to even */
	EN(FMT_COUNT, 999999.5, "1,000,000");
	EN(FMT_PERCENT, 9.999996, "1,000.0%");
	/* 999999.995 is 999999.99499999999534... as a double: rounds down. */
	EN(FMT_MONEY, 999999.995, "$999,999.99");
	/* Exact ties of representable values go to even. */
	EN(FMT_COUNT, 2.5, "2");
	EN(FMT_COUNT, 3.5, "4");
	EN(FMT_MONEY, 0.125, "$0.12");
}

static void
test_negative(void **state)
{
	(void)state;
	EN(FMT_MONEY, -1234.56, M "$1,234.56");
	EN(FMT_PERCENT, -0.125, M "12.5%");
	EN(FMT_COUNT, -1000, M "1,000");
	EN(FMT_HOURS, -2.25, M "2.2" N "h");
	US(FMT_MONEY, -1234.56, M "$1,234.56");
	CHECK("en-CA", "USD", FMT_MONEY, -1, -5, M "US$5.00");
	CHECK("en-CA", "CHF", FMT_MONEY, -1, -5, M "CHF" N "5.00");
	FR(FMT_MONEY, -1234.56, M "1" N "234,56" N "$");
	FR(FMT_PERCENT, -0.125, M "12,5" N "%");
	FR(FMT_MINUTES, -90, M "90" N "min");
	FR(FMT_NUMBER, -0.5, M "0,50");
}

static void
test_zero(void **state)
{
	(void)state;
	EN(FMT_MONEY, 0, "$0.00");
	EN(FMT_MONEY, -0.0, "$0.00");
	EN(FMT_PERCENT, -0.0, "0.0%");
	FR(FMT_PERCENT, -0.0, "0,0" N "%");
	EN(FMT_COUNT, -0.0, "0");
	/* Values that round to zero lose their sign. */
	EN(FMT_MONEY, -0.004, "$0.00");
	EN(FMT_PERCENT, -0.00004, "0.0%");
	FR(FMT_PERCENT, -0.00004, "0,0" N "%");
	EN(FMT_MINUTES, -0.4, "0" N "min");
	EN(FMT_COUNT, -0.5, "0");
	EN(FMT_MONEY, -DBL_TRUE_MIN, "$0.00");
	/* but not those that do not. */
	EN(FMT_MONEY, -0.005001, M "$0.01");
	EN(FMT_PERCENT, -0.0006, M "0.1%");
}

static void
test_null(void **state)
{
	static const enum fmt_unit all[] = { FMT_COUNT, FMT_NUMBER,
		FMT_MONEY, FMT_PERCENT, FMT_HOURS, FMT_MINUTES, FMT_MS };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		EN(all[i], NAN, DASH);
		FR(all[i], NAN, DASH);
		US(all[i], -NAN, DASH);
		EN(all[i], INFINITY, DASH);
		FR(all[i], -INFINITY, DASH);
	}
}

static void
test_decimals(void **state)
{
	(void)state;
	CHECK("en-CA", "CAD", FMT_PERCENT, 0, 0.875, "88%");
	CHECK("en-CA", "CAD", FMT_PERCENT, 2, 0.87654, "87.65%");
	CHECK("fr-CA", "CAD", FMT_PERCENT, 3, 1, "100,000" N "%");
	CHECK("en-CA", "CAD", FMT_MONEY, 0, 1234.56, "$1,235");
	CHECK("en-CA", "CAD", FMT_HOURS, 0, 1234.5, "1,234" N "h");
	CHECK("fr-CA", "CAD", FMT_HOURS, 3, 1234.5, "1" N "234,500" N "h");
	CHECK("en-CA", "CAD", FMT_COUNT, 2, 12, "12.00");
	CHECK("en-CA", "CAD", FMT_NUMBER, 0, 12345.6, "12,346");
	CHECK("en-CA", "CAD", FMT_NUMBER, 4, 0.1, "0.1000");
	CHECK("en-CA", "CAD", FMT_MS, 1, 830.25, "830.2" N "ms");
	CHECK("en-CA", "CAD", FMT_NUMBER, -7, 1.005, "1.00");
	/* Grouping applies to the integer part only. */
	CHECK("en-CA", "CAD", FMT_NUMBER, 6, 1234.5, "1,234.500000");
	/* More than FMT_MAX_DECIMALS are clamped. */
	CHECK("en-CA", "CAD", FMT_NUMBER, 1000, 0.5,
	    "0.50000000000000000000");
}

static void
test_currencies(void **state)
{
	(void)state;
	CHECK("en-CA", "CAD", FMT_MONEY, -1, 1234.56, "$1,234.56");
	CHECK("en-CA", "USD", FMT_MONEY, -1, 1234.56, "US$1,234.56");
	CHECK("en-CA", "EUR", FMT_MONEY, -1, 1234.56, EURO "1,234.56");
	CHECK("en-CA", "GBP", FMT_MONEY, -1, 1234.56, POUND "1,234.56");
	CHECK("en-CA", "CHF", FMT_MONEY, -1, 1234.56, "CHF" N "1,234.56");
	CHECK("en-US", "USD", FMT_MONEY, -1, 1234.56, "$1,234.56");
	CHECK("en-US", "CAD", FMT_MONEY, -1, 1234.56, "CA$1,234.56");
	CHECK("en-US", "EUR", FMT_MONEY, -1, 1234.56, EURO "1,234.56");
	CHECK("en-US", "GBP", FMT_MONEY, -1, 1234.56, POUND "1,234.56");
	CHECK("en-US", "CHF", FMT_MONEY, -1, 1234.56, "CHF" N "1,234.56");
	CHECK("fr-CA", "CAD", FMT_MONEY, -1, 1234.56, "1" N "234,56" N "$");
	CHECK("fr-CA", "USD", FMT_MONEY, -1, 1234.56,
	    "1" N "234,56" N "$" N "US");
	CHECK("fr-CA", "EUR", FMT_MONEY, -1, 1234.56, "1" N "234,56" N EURO);
	CHECK("fr-CA", "GBP", FMT_MONEY, -1, 1234.56, "1" N "234,56" N POUND);
	CHECK("fr-CA", "CHF", FMT_MONEY, -1, 1234.56, "1" N "234,56" N "CHF");
	/* No currency: the bare amount. */
	CHECK("en-CA", NULL, FMT_MONEY, -1, 1234.56, "1,234.56");
	CHECK("fr-CA", "", FMT_MONEY, -1, 1234.56, "1" N "234,56");
	/* The currency matters only to money. */
	CHECK("en-CA", "EUR", FMT_COUNT, -1, 1234, "1,234");
	CHECK("fr-CA", "USD", FMT_PERCENT, -1, 0.5, "50,0" N "%");
}

static void
test_locales(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	/* Anything but en-CA, en-US and fr-CA is en-CA. */
	CHECK(NULL, "CAD", FMT_MONEY, -1, 1234.5, "$1,234.50");
	CHECK("", "CAD", FMT_MONEY, -1, 1234.5, "$1,234.50");
	CHECK("fr-FR", "CAD", FMT_MONEY, -1, 1234.5, "$1,234.50");
	CHECK("fr-ca", "CAD", FMT_PERCENT, -1, 0.5, "50.0%");
	CHECK("en-GB", "USD", FMT_MONEY, -1, 1, "US$1.00");
	/* An unknown unit is a plain number. */
	CHECK("en-CA", "CAD", (enum fmt_unit)99, -1, 1234.5, "1,234.50");
	/* format_value appends. */
	buf_addstr(&b, "x=");
	format_value(&b, "fr-CA", "CAD", FMT_COUNT, -1, 1e3);
	format_value(&b, "fr-CA", "CAD", FMT_COUNT, -1, NAN);
	assert_string_equal(b.ptr, "x=1" N "000" DASH);
	buf_release(&b);
}

/* A percentage is the ratio's own decimal expansion, not ratio * 100's. */
static void
test_percent_exact(void **state)
{
	(void)state;
	/* 0.015 is 0.01499999...: 1%, though 0.015 * 100 is 1.5 exactly. */
	CHECK("en-CA", "CAD", FMT_PERCENT, 0, 0.015, "1%");
	/* 0.025 is 0.02500000...1: 3%, though 0.025 * 100 is 2.5 exactly. */
	CHECK("en-CA", "CAD", FMT_PERCENT, 0, 0.025, "3%");
	EN(FMT_PERCENT, 1, "100.0%");
	EN(FMT_PERCENT, 0.001, "0.1%");
	EN(FMT_PERCENT, 0.0004, "0.0%");
	EN(FMT_PERCENT, 12.5, "1,250.0%");
	CHECK("en-CA", "CAD", FMT_PERCENT, 0, 0.125, "12%");	/* tie to even */
	CHECK("en-CA", "CAD", FMT_PERCENT, 0, 0.999, "100%");
}

/* Huge and tiny finite values print in full, without overflow. */
static void
test_extremes(void **state)
{
	struct buf b = BUF_INIT;
	size_t digits, i;

	(void)state;
	format_value(&b, "en-CA", "CAD", FMT_PERCENT, 1000, -DBL_MAX);
	/* −, 311 digits with 103 commas, ".", 20 decimals, "%". */
	assert_int_equal(b.len, 3 + 311 + 103 + 1 + 20 + 1);
	assert_memory_equal(b.ptr, M "17,976,931,348,623", 3 + 18);
	for (digits = 0, i = 0; i < b.len; i++)
		digits += b.ptr[i] >= '0' && b.ptr[i] <= '9';
	assert_int_equal(digits, 311 + 20);
	buf_reset(&b);
	format_value(&b, "fr-CA", "USD", FMT_MONEY, -1, DBL_MAX);
	assert_int_equal(strlen(b.ptr), b.len);
	assert_memory_equal(b.ptr, "179" N "769" N "313", 13);
	assert_string_equal(b.ptr + b.len - 10, ",00" N "$" N "US");
	buf_release(&b);
	EN(FMT_NUMBER, 1e-300, "0.00");
	EN(FMT_COUNT, 1e15, "1,000,000,000,000,000");
	EN(FMT_COUNT, 9007199254740993.0, "9,007,199,254,740,992");
	CHECK("en-CA", "CAD", FMT_NUMBER, 20, DBL_TRUE_MIN,
	    "0.00000000000000000000");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_en_ca),
		cmocka_unit_test(test_fr_ca),
		cmocka_unit_test(test_en_us),
		cmocka_unit_test(test_grouping),
		cmocka_unit_test(test_negative),
		cmocka_unit_test(test_zero),
		cmocka_unit_test(test_null),
		cmocka_unit_test(test_decimals),
		cmocka_unit_test(test_currencies),
		cmocka_unit_test(test_locales),
		cmocka_unit_test(test_percent_exact),
		cmocka_unit_test(test_extremes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
