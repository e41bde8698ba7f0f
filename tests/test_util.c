/* test_util.c: growable buffers, UTF-8, dates, file reading. */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util.h"
#include "xorshift.h"

static void
test_buf(void **state)
{
	struct buf b = BUF_INIT;
	char *p;
	size_t n;
	int i;

	(void)state;
	assert_string_equal(b.ptr, "");
	buf_addstr(&b, "abc");
	buf_addch(&b, '-');
	for (i = 0; i < 1000; i++)
		buf_addf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.ptr));
	assert_memory_equal(b.ptr, "abc-0,1,2,", 10);
	/* Texts longer than the room left, of every length around it. */
	for (i = 0; i < 600; i++) {
		char want[700];
		size_t at = b.len;

		memset(want, 'a' + i % 26, (size_t)i);
		want[i] = '\0';
		buf_addf(&b, "%s|%d", want, i);
		assert_int_equal(b.len, strlen(b.ptr));
		assert_int_equal(b.len - at, (size_t)i + 1 + (size_t)snprintf(
		    NULL, 0, "%d", i));
		assert_memory_equal(b.ptr + at, want, (size_t)i);
	}
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.ptr, "");
	buf_add(&b, "xy", 2);
	p = buf_detach(&b, &n);
	assert_string_equal(p, "xy");
	assert_int_equal(n, 2);
	assert_string_equal(b.ptr, "");
	free(p);
	buf_release(&b);
}

/* fmt_fixed writes what printf's %.*f writes (or says to ask it). */
static void
test_fmt_fixed(void **state)
{
	uint64_t x = 0x2545F4914F6CDD1Dull;
	char got[64], want[64];
	int i, prec, n;

	(void)state;
	for (i = 0; i < 200000; i++) {
		double d;

		xorshift(&x);
		if (i % 3 == 0)		/* money and percentages */
			d = (double)(x % 1000000000) / 100.0 / (double)(1 +
			    (x >> 60));
		else if (i % 3 == 1)	/* halves: ties at some precision */
			d = (double)(x % 100000) / 128.0;
		else
			memcpy(&d, &x, sizeof(d));
		prec = (int)(x >> 59) % 19;
		n = fmt_fixed(got, sizeof(got), d, prec);
		if (n < 0) {
			assert_true(!isfinite(d) || fabs(d) >= 1e15);
			continue;
		}
		assert_int_equal(n, snprintf(want, sizeof(want), "%.*f", prec,
		    d));
		if (strcmp(got, want) != 0)
			fail_msg("%%.%df of %.17g: %s, want %s", prec, d, got,
			    want);
	}
	assert_int_equal(fmt_fixed(got, 4, 12.5, 2), 5);
	assert_string_equal(got, "12.");
	assert_int_equal(fmt_fixed(got, sizeof(got), -0.0, 1), 4);
	assert_string_equal(got, "-0.0");
}

static void
test_utf8(void **state)
{
	(void)state;
	assert_true(utf8_valid("abc", 3));
	assert_true(utf8_valid("Sant\xc3\xa9", 6));
	assert_true(utf8_valid("\xe2\x82\xac", 3));		/* euro sign */
	assert_true(utf8_valid("\xf0\x9f\x98\x80", 4));		/* emoji */
	assert_false(utf8_valid("\xc3", 1));			/* truncated */
	assert_false(utf8_valid("\xc0\xaf", 2));		/* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3));		/* surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4));	/* > U+10FFFF */
	assert_false(utf8_valid("\x80", 1));
	assert_int_equal(utf8_chars("Sant\xc3\xa9", 6), 5);
}

static void
test_dates(void **state)
{
	char out[32];

	(void)state;
	assert_int_equal(days_from_civil(1970, 1, 1), 0);
	assert_int_equal(days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(days_in_month(2024, 2), 29);
	assert_int_equal(days_in_month(2026, 2), 28);
	assert_int_equal(days_in_month(2000, 2), 29);
	assert_int_equal(days_in_month(1900, 2), 28);
	format_utc(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	format_utc(1793000000, out);
	assert_string_equal(out, "2026-10-26T07:33:20Z");
}

static void
test_read_file(void **state)
{
	char path[] = "/tmp/roic-test-XXXXXX";
	struct buf b = BUF_INIT;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "0123456789", 10), 10);
	close(fd);
	assert_int_equal(read_file(path, 10, &b), 0);
	assert_string_equal(b.ptr, "0123456789");
	buf_reset(&b);
	/* Larger than the limit: refused without reading. */
	assert_int_equal(read_file(path, 9, &b), -1);
	assert_int_equal(errno, EFBIG);
	assert_int_equal(b.len, 0);
	unlink(path);
	assert_int_equal(read_file(path, 100, &b), -1);
	assert_int_equal(errno, ENOENT);
	buf_release(&b);
}

static void
test_sha256(void **state)
{
	char hex[65];

	(void)state;
	sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_fmt_fixed),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_sha256),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
