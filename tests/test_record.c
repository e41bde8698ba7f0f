/* test_record.c: value formats and checks of the export records. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "record.h"
#include "util.h"
#include "xorshift.h"

static void
test_dates(void **state)
{
	int y, m, d;

	(void)state;
	assert_int_equal(parse_date("2026-10-01", &y, &m, &d), 0);
	assert_int_equal(y * 10000 + m * 100 + d, 20261001);
	assert_int_equal(parse_date("2024-02-29", &y, &m, &d), 0);
	assert_int_equal(parse_date("2026-02-29", &y, &m, &d), -1);
	assert_int_equal(parse_date("2026-02-30", &y, &m, &d), -1);
	assert_int_equal(parse_date("2026-13-01", &y, &m, &d), -1);
	assert_int_equal(parse_date("2026-1-01", &y, &m, &d), -1);
	assert_int_equal(parse_date("2026-10-01T", &y, &m, &d), -1);
	assert_int_equal(parse_date("", &y, &m, &d), -1);
	assert_int_equal(parse_month("2026-10", &y, &m), 0);
	assert_int_equal(parse_month("2026-00", &y, &m), -1);
	assert_int_equal(parse_month("2026-10-01", &y, &m), -1);
}

static void
test_times(void **state)
{
	char canon[40];
	double t;

	(void)state;
	assert_int_equal(parse_time("2026-10-03T14:05:00Z", &t, canon), 0);
	assert_string_equal(canon, "2026-10-03T14:05:00Z");
	/* 2026-10-03 is day 20729 since 1970-01-01. */
	assert_true(t == 20729.0 * 86400 + 14 * 3600 + 5 * 60);
	assert_int_equal(parse_time("2026-10-03t14:05:00+00:00", &t, canon), 0);
	assert_string_equal(canon, "2026-10-03T14:05:00Z");
	assert_int_equal(parse_time("2026-10-03T14:05:00.250Z", &t, canon), 0);
	assert_string_equal(canon, "2026-10-03T14:05:00.250Z");
	assert_true(fmod(t, 1.0) == 0.25);
	assert_int_equal(parse_time("2026-10-03T14:05:00+02:00", &t, canon), -2);
	assert_int_equal(parse_time("2026-10-03T24:05:00Z", &t, canon), -1);
	assert_int_equal(parse_time("2026-10-03 14:05Z", &t, canon), -1);
	assert_int_equal(parse_time("2026-10-03T14:05:00.Z", &t, canon), -1);
	assert_int_equal(parse_time("2026-02-30T14:05:00Z", &t, canon), -1);
}

static void
check_fmt(double d, const char *want)
{
	char out[32];

	fmt_double(d, out);
	assert_string_equal(out, want);
	assert_true(strtod(out, NULL) == d);
}

static void
test_fmt_double(void **state)
{
	uint64_t x = 88172645463325252ull;
	char out[32];
	int i;

	(void)state;
	check_fmt(0, "0");
	check_fmt(1440, "1440");
	check_fmt(12.4, "12.4");
	check_fmt(0.042999999999999997, "0.043");
	check_fmt(0.1 + 0.2, "0.30000000000000004");
	check_fmt(-3.5, "-3.5");
	check_fmt(1e21, "1e+21");
	check_fmt(123456789012345678901.0, "123456789012345680000");
	check_fmt(1e-7, "0.0000001");
	check_fmt(1.5e-8, "1.5e-8");
	check_fmt(4500, "4500");
	/* Every double reads back exactly (xorshift over bit patterns). */
	for (i = 0; i < 100000; i++) {
		double d;

		xorshift(&x);
		memcpy(&d, &x, sizeof(d));
		if (!isfinite(d))
			continue;
		fmt_double(d, out);
		assert_true(strtod(out, NULL) == d);
	}
}

/* What fmt_double gave before it had a short way: the fewest of 15, 16
 * or 17 significant digits (printf's %e, read back with strtod), in the
 * same notation. */
static void
fmt_reference(double d, char out[32])
{
	char e[40], dig[20], *p = out;
	int prec, nd = 0, x, i;
	const char *q;

	for (prec = 15; prec < 17; prec++) {
		snprintf(e, sizeof(e), "%.*e", prec - 1, d);
		if (strtod(e, NULL) == d)
			break;
	}
	if (prec == 17)
		snprintf(e, sizeof(e), "%.*e", prec - 1, d);
	for (q = e + (e[0] == '-'); *q != 'e'; q++)
		if (*q != '.')
			dig[nd++] = *q;
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	x = atoi(q + 1);
	if (d < 0)
		*p++ = '-';
	if (x >= 21 || x < -7) {
		*p++ = dig[0];
		if (nd > 1) {
			*p++ = '.';
			memcpy(p, dig + 1, (size_t)nd - 1);
			p += nd - 1;
		}
		sprintf(p, "e%c%d", x < 0 ? '-' : '+', x < 0 ? -x : x);
		return;
	}
	if (x < 0) {
		*p++ = '0';
		*p++ = '.';
		for (i = -1; i > x; i--)
			*p++ = '0';
		memcpy(p, dig, (size_t)nd);
		p += nd;
	} else {
		for (i = 0; i <= x; i++)
			*p++ = i < nd ? dig[i] : '0';
		if (nd > x + 1) {
			*p++ = '.';
			memcpy(p, dig + x + 1, (size_t)(nd - x - 1));
			p += nd - x - 1;
		}
	}
	*p = '\0';
}

/* Numbers as figures are (a few decimals, ratios, sums of products) and
 * any double: the same text as the reference's. */
static void
test_fmt_double_reference(void **state)
{
	static const double p10[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7,
		1e8, 1e9 };
	uint64_t x = 2463534242ull;
	char got[32], want[32];
	int i, kind;

	(void)state;
	/* Next to powers of ten and of two, where digits carry over and the
	 * gap below a double is half the gap above. */
	for (i = -5; i <= 15; i++) {
		double t = pow(10, i), d;
		int j;

		for (j = 0, d = t; j < 40; j++, d = nextafter(d, 0)) {
			fmt_double(d, got);
			fmt_reference(d, want);
			if (strcmp(got, want) != 0)
				fail_msg("%.17g: %s, want %s", d, got, want);
		}
		for (j = 0, d = ldexp(1, (int)(i * 3.3)); j < 40; j++,
		    d = nextafter(d, j < 20 ? 0 : INFINITY)) {
			if (j == 20)
				d = ldexp(1, (int)(i * 3.3));
			fmt_double(d, got);
			fmt_reference(d, want);
			if (strcmp(got, want) != 0)
				fail_msg("%.17g: %s, want %s", d, got, want);
		}
	}
	for (i = 0; i < 400000; i++) {
		double d;
		uint64_t r = xorshift(&x);

		kind = i % 5;
		if (kind == 0)		/* 1234.56 */
			d = (double)(r % 100000000) / p10[r >> 60 & 7];
		else if (kind == 1)	/* 0.973 */
			d = (double)(r % 1000) / p10[3 + (r >> 62)];
		else if (kind == 2)	/* a ratio */
			d = (double)(r % 100000) / (double)(1 + (r >> 40) % 9999);
		else if (kind == 3)	/* a sum of products */
			d = (double)(r % 997) * 0.01 * (double)(r >> 50) + 0.1;
		else {			/* any bits */
			memcpy(&d, &r, sizeof(d));
			if (!isfinite(d))
				continue;
		}
		if (r & 1)
			d = -d;
		if (d == 0 || d == floor(d))
			continue;
		fmt_double(d, got);
		fmt_reference(d, want);
		if (strcmp(got, want) != 0)
			fail_msg("%.17g: %s, want %s", d, got, want);
	}
}

static const struct field *
field(const struct record_kind *k, const char *name)
{
	int i = record_field(k, name, strlen(name));

	assert_true(i >= 0);
	return &k->fields[i];
}

/*
 * Parses CSV text as a field, numbers with decimal separator `decimal`;
 * returns the message or "" when valid.
 */
static char msgbuf[256];
static const char *
parse_sep(const struct record_kind *k, const char *name, const char *text,
    char decimal, struct val *v)
{
	struct buf msg = BUF_INIT;

	memset(v, 0, sizeof(*v));
	if (val_parse_text(field(k, name), text, strlen(text), decimal, v,
	    &msg) == 0)
		snprintf(msgbuf, sizeof(msgbuf), "%s", "");
	else
		snprintf(msgbuf, sizeof(msgbuf), "%s", msg.ptr);
	buf_release(&msg);
	return msgbuf;
}

static const char *
parse(const struct record_kind *k, const char *name, const char *text,
    struct val *v)
{
	return parse_sep(k, name, text, '.', v);
}

/* A ';'-separated CSV file's numbers may use a decimal comma. */
static void
test_decimal_comma(void **state)
{
	struct val v;

	(void)state;
	assert_string_equal(parse_sep(&rk_daily, "llm_cost", "12,40", ',', &v),
	    "");
	assert_true(v.present && v.d == 12.4);
	assert_string_equal(parse_sep(&rk_daily, "llm_cost", "12.40", ',', &v),
	    "");
	assert_true(v.d == 12.4);
	assert_string_equal(parse_sep(&rk_daily, "accuracy", "0,962", ',', &v),
	    "");
	assert_true(v.d == 0.962);
	assert_string_equal(parse_sep(&rk_daily, "p95_latency_ms", "1,5e3", ',',
	    &v), "");
	assert_true(v.d == 1500);
	assert_string_equal(parse_sep(&rk_daily, "accuracy", "1,5", ',', &v),
	    "'accuracy' must be between 0 and 1, not 1.5");
	assert_string_equal(parse_sep(&rk_daily, "llm_cost", "-0,5", ',', &v),
	    "'llm_cost' must not be negative, not -0.5");
	/* Thousands separators, two commas, a comma without digits. */
	assert_string_equal(parse_sep(&rk_daily, "llm_cost", "1.234,5", ',',
	    &v), "'llm_cost' must be a number, not '1.234,5'");
	assert_string_equal(parse_sep(&rk_daily, "accuracy", "0,9,6", ',', &v),
	    "'accuracy' must be a number, not '0,9,6'");
	assert_string_equal(parse_sep(&rk_daily, "llm_cost", "12,", ',', &v),
	    "'llm_cost' must be a number, not '12,'");
	assert_string_equal(parse_sep(&rk_daily, "llm_cost", ",5", ',', &v),
	    "'llm_cost' must be a number, not ',5'");
	/* Counts stay whole numbers. */
	assert_string_equal(parse_sep(&rk_daily, "tasks", "412,0", ',', &v),
	    "'tasks' must be a whole number, not '412,0'");
	/* With the decimal point only, a comma is no number. */
	assert_string_equal(parse_sep(&rk_daily, "llm_cost", "12,40", '.', &v),
	    "'llm_cost' must be a number, not '12,40'");
}

static void
test_text_values(void **state)
{
	struct val v;

	(void)state;
	assert_string_equal(parse(&rk_daily, "tasks", "412", &v), "");
	assert_int_equal(v.i, 412);
	assert_true(v.present);
	assert_string_equal(parse(&rk_daily, "tasks", "", &v), "");
	assert_false(v.present);
	assert_string_equal(parse(&rk_daily, "tasks", "412.0", &v),
	    "'tasks' must be a whole number, not '412.0'");
	assert_string_equal(parse(&rk_daily, "tasks", " 412", &v),
	    "'tasks' must be a whole number, not ' 412'");
	assert_string_equal(parse(&rk_daily, "tasks", "-1", &v),
	    "'tasks' must not be negative, not '-1'");
	assert_string_equal(parse(&rk_daily, "tasks", "99999999999999999999",
	    &v), "'tasks' is too large");
	assert_string_equal(parse(&rk_daily, "accuracy", "0.962", &v), "");
	assert_true(v.d == 0.962);
	assert_string_equal(parse(&rk_daily, "accuracy", "1.2", &v),
	    "'accuracy' must be between 0 and 1, not 1.2");
	assert_string_equal(parse(&rk_daily, "llm_cost", "1e3", &v), "");
	assert_true(v.d == 1000);
	assert_string_equal(parse(&rk_daily, "llm_cost", "0x10", &v),
	    "'llm_cost' must be a number, not '0x10'");
	assert_string_equal(parse(&rk_daily, "llm_cost", "nan", &v),
	    "'llm_cost' must be a number, not 'nan'");
	assert_string_equal(parse(&rk_daily, "llm_cost", "-0.5", &v),
	    "'llm_cost' must not be negative, not -0.5");
	assert_string_equal(parse(&rk_daily, "date", "2026-02-30", &v),
	    "'date' must be a date YYYY-MM-DD, not '2026-02-30'");
	assert_string_equal(parse(&rk_incident, "summary", "two\nlines", &v), "");
	assert_string_equal(parse(&rk_incident, "id", "a\nb", &v),
	    "'id' contains a control character");
	assert_string_equal(parse(&rk_incident, "id", "\xc3(", &v),
	    "'id' is not valid UTF-8");
	assert_string_equal(parse(&rk_incident, "opened", "2026-10-03T14:05:00+01:00",
	    &v), "'opened' must be in UTC (ending in Z), not "
	    "'2026-10-03T14:05:00+01:00'");
	assert_string_equal(parse(&rk_drift, "edges", "[1,2]", &v),
	    "'edges' cannot be given in this format");
}

static void
test_record_checks(void **state)
{
	struct val v[MAX_FIELDS];
	struct buf msg = BUF_INIT;

	(void)state;
	memset(v, 0, sizeof(v));
	v[D_TASKS] = (struct val){ .present = 1, .i = 10, .d = 10 };
	v[D_ERRORS] = (struct val){ .present = 1, .i = 10, .d = 10 };
	v[D_UPTIME] = (struct val){ .present = 1, .d = 1000 };
	v[D_DOWNTIME] = (struct val){ .present = 1, .d = 440 };
	assert_int_equal(record_check(&rk_daily, v, &msg), -1);
	v[D_DOWNTIME].d = 440.5;
	assert_int_equal(record_check(&rk_daily, v, &msg), D_DOWNTIME);
	assert_string_equal(msg.ptr, "'uptime_min' + 'downtime_min' is more than "
	    "the 1440 minutes of a day (1000 + 440.5)");
	buf_reset(&msg);
	v[D_DOWNTIME].d = 0;
	v[D_ERRORS].i = 11;
	assert_int_equal(record_check(&rk_daily, v, &msg), D_ERRORS);
	buf_reset(&msg);
	v[D_ERRORS].i = 1;
	v[D_LLM_CALLS] = (struct val){ .present = 1, .i = 5 };
	v[D_CACHE_HITS] = (struct val){ .present = 1, .i = 6 };
	assert_int_equal(record_check(&rk_daily, v, &msg), D_CACHE_HITS);
	buf_reset(&msg);
	memset(v, 0, sizeof(v));
	v[G_CALLS] = (struct val){ .present = 1, .i = 5 };
	v[G_FAILURES] = (struct val){ .present = 1, .i = 6 };
	assert_int_equal(record_check(&rk_integration, v, &msg), G_FAILURES);
	buf_reset(&msg);
	memset(v, 0, sizeof(v));
	v[R_EDGES] = (struct val){ .present = 1, .i = 6 };
	v[R_BASELINE] = (struct val){ .present = 1, .i = 5 };
	v[R_CURRENT] = (struct val){ .present = 1, .i = 4 };
	assert_int_equal(record_check(&rk_drift, v, &msg), R_CURRENT);
	buf_release(&msg);
}

static void
test_tenant_ids(void **state)
{
	(void)state;
	assert_true(valid_tenant_id("northwind-health"));
	assert_true(valid_tenant_id("3m"));
	assert_true(valid_tenant_id("a"));
	assert_false(valid_tenant_id(""));
	assert_false(valid_tenant_id("-a"));
	assert_false(valid_tenant_id("Northwind"));
	assert_false(valid_tenant_id("a.b"));
	assert_false(valid_tenant_id(".."));
	assert_false(valid_tenant_id("a/b"));
	assert_false(valid_tenant_id("a_b"));
	assert_true(valid_tenant_id(
	    "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc"));
	assert_false(valid_tenant_id(
	    "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_fmt_double),
		cmocka_unit_test(test_fmt_double_reference),
		cmocka_unit_test(test_text_values),
		cmocka_unit_test(test_decimal_comma),
		cmocka_unit_test(test_record_checks),
		cmocka_unit_test(test_tenant_ids),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
