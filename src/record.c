/* record.c: the field tables of a KPI export and the checks on their values. */
#include "record.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define MAX_COUNT 9007199254740991LL	/* 2^53 - 1: sums of counts stay exact */
#define MAX_NUMBER 1e15

static const struct field daily_fields[D_NFIELDS] = {
	{ "date", FT_DATE, 1, 0 },
	{ "system", FT_ID, 1, 128 },
	{ "tasks", FT_COUNT, 1, 0 },
	{ "errors", FT_COUNT, 1, 0 },
	{ "uptime_min", FT_NUM, 1, 0 },
	{ "downtime_min", FT_NUM, 1, 0 },
	{ "p95_latency_ms", FT_NUM, 0, 0 },
	{ "accuracy", FT_RATE, 0, 0 },
	{ "hallucination_rate", FT_RATE, 0, 0 },
	{ "llm_cost", FT_MONEY, 0, 0 },
	{ "llm_calls", FT_COUNT, 0, 0 },
	{ "cache_hits", FT_COUNT, 0, 0 },
};

static const struct field incident_fields[I_NFIELDS] = {
	{ "id", FT_ID, 1, 128 },
	{ "system", FT_ID, 1, 128 },
	{ "severity", FT_ID, 1, 32 },
	{ "opened", FT_TIME, 1, 0 },
	{ "resolved", FT_TIME, 0, 0 },
	{ "summary", FT_STR, 0, 2000 },
};

static const struct field drift_fields[R_NFIELDS] = {
	{ "system", FT_ID, 1, 128 },
	{ "feature", FT_ID, 1, 128 },
	{ "month", FT_MONTH, 1, 0 },
	{ "edges", FT_EDGES, 1, 0 },
	{ "baseline", FT_COUNTS, 1, 0 },
	{ "current", FT_COUNTS, 1, 0 },
};

static const struct field integration_fields[G_NFIELDS] = {
	{ "date", FT_DATE, 1, 0 },
	{ "system", FT_ID, 1, 128 },
	{ "endpoint", FT_ID, 1, 128 },
	{ "calls", FT_COUNT, 1, 0 },
	{ "failures", FT_COUNT, 1, 0 },
	{ "p95_latency_ms", FT_NUM, 0, 0 },
};

static const struct field tenant_fields[T_NFIELDS] = {
	{ "id", FT_STR, 1, 1000 },	/* the rules are the reader's: */
	{ "name", FT_STR, 0, 200 },
	{ "locale", FT_STR, 0, 1000 },	/* one message for each value */
	{ "currency", FT_STR, 0, 1000 },
};

static const struct field brand_fields[B_NFIELDS] = {
	{ "color", FT_STR, 0, 1000 },
	{ "logo", FT_STR, 0, 1024 },
};

static const struct field assumption_fields[A_NFIELDS] = {
	{ "hourly_rate", FT_MONEY, 0, 0 },
	{ "cost_per_error", FT_MONEY, 0, 0 },
	{ "monthly_fee", FT_MONEY, 0, 0 },
};

static const struct field sla_fields[S_NFIELDS] = {
	{ "availability", FT_RATE, 0, 0 },
	{ "p95_latency_ms", FT_NUM, 0, 0 },
	{ "resolution_minutes", FT_TARGETS, 0, 0 },
	{ "accuracy", FT_RATE, 0, 0 },
};

static const struct field system_fields[Y_NFIELDS] = {
	{ "id", FT_ID, 1, 128 },
	{ "name", FT_STR, 0, 200 },
	{ "model", FT_STR, 0, 200 },
};

static const struct field baseline_fields[L_NFIELDS] = {
	{ "minutes_per_task", FT_NUM, 0, 0 },
	{ "error_rate", FT_RATE, 0, 0 },
};

#define KIND(var, what, tab) \
	const struct record_kind var = { what, tab, ARRAY_SIZE(tab) }
KIND(rk_daily, "daily row", daily_fields);
KIND(rk_incident, "incident", incident_fields);
KIND(rk_drift, "drift record", drift_fields);
KIND(rk_integration, "integration record", integration_fields);
KIND(rk_tenant, "tenant", tenant_fields);
KIND(rk_brand, "brand", brand_fields);
KIND(rk_assumptions, "assumptions", assumption_fields);
KIND(rk_sla, "sla", sla_fields);
KIND(rk_system, "system", system_fields);
KIND(rk_baseline, "baseline", baseline_fields);

int
record_field(const struct record_kind *k, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < k->nfields; i++)
		if (strlen(k->fields[i].name) == n &&
		    memcmp(k->fields[i].name, name, n) == 0)
			return (int)i;
	return -1;
}

int
record_owns_memory(const struct record_kind *k)
{
	size_t i;

	for (i = 0; i < k->nfields; i++)
		if (k->fields[i].type == FT_TIME || k->fields[i].type >= FT_EDGES)
			return 1;
	return 0;
}

void
record_clear(struct val *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].json);
		v[i].json = NULL;
		v[i].present = 0;
		v[i].s = NULL;
		v[i].i = 0;
		v[i].d = 0;
	}
}

static int
digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
parse_month(const char *s, int *y, int *m)
{
	if (strlen(s) != 7 || s[4] != '-' || digits(s, 4, y) ||
	    digits(s + 5, 2, m) || *m < 1 || *m > 12 || *y < 1900)
		return -1;
	return 0;
}

int
parse_date(const char *s, int *y, int *m, int *d)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, y) ||
	    digits(s + 5, 2, m) || digits(s + 8, 2, d) || *m < 1 || *m > 12 ||
	    *y < 1900 || *d < 1 || *d > days_in_month(*y, *m))
		return -1;
	return 0;
}

int
parse_time(const char *s, double *t, char canon[40])
{
	int y, mo, d, h, mi, se;
	size_t n = strlen(s), i = 19, f;
	char date[11];

	if (n < 20 || n > 38 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    s[13] != ':' || s[16] != ':')
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (parse_date(date, &y, &mo, &d) || digits(s + 11, 2, &h) ||
	    digits(s + 14, 2, &mi) || digits(s + 17, 2, &se) || h > 23 ||
	    mi > 59 || se > 60)
		return -1;
	f = i;
	if (s[i] == '.') {
		for (i++; s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == f + 1)
			return -1;
	}
	if (!(strcmp(s + i, "Z") == 0 || strcmp(s + i, "z") == 0 ||
	    strcmp(s + i, "+00:00") == 0 || strcmp(s + i, "-00:00") == 0))
		return -2;
	*t = (double)days_from_civil(y, mo, d) * 86400.0 + h * 3600 + mi * 60 +
	    se + (i > f ? strtod(s + f, NULL) : 0.0);
	snprintf(canon, 40, "%.10sT%.8s%.*sZ", s, s + 11, (int)(i - f), s + f);
	return 0;
}

int
valid_tenant_id(const char *s)
{
	size_t i, n = strlen(s);

	if (n < 1 || n > 63 || s[0] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '-'))
			return 0;
	return 1;
}

/* The decimal digits of u (at most 20) into dig; their number. */
static int
int_digits(uint64_t u, char dig[20])
{
	char t[24], *p = fmt_scaled(t + sizeof(t), u, 0, 0);

	memcpy(dig, p, (size_t)(t + sizeof(t) - p));
	return (int)(t + sizeof(t) - p);
}

/*
 * The digits of |d| with the fewest decimals that read back to d, when
 * there are at most 15 significant ones and d is in [1e-7, 1e15): r / 10^k
 * is then the double nearest to the decimal number (both exact, the
 * division rounded once, as strtod rounds), and it is what the 15-digit
 * form below gives, its zeros dropped. Returns the number of digits put in
 * dig (and the exponent of the first in *x), or 0.
 */
static int
short_digits(double d, char dig[20], int *x)
{
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
		1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
		1e18, 1e19, 1e20, 1e21, 1e22 };
	double a = fabs(d), s, r;
	int k, n;

	if (!(a >= 1e-7 && a < 1e15))
		return 0;
	for (k = 1; k < (int)ARRAY_SIZE(p10); k++) {
		if ((s = a * p10[k]) >= 9007199254740992.0)	/* 2^53 */
			return 0;
		r = nearbyint(s);
		if (r / p10[k] == a)
			break;
	}
	if (k == (int)ARRAY_SIZE(p10))
		return 0;
	if (r < 1 || (n = int_digits((uint64_t)r, dig)) > 15)
		return 0;
	*x = n - k - 1;
	while (n > 1 && dig[n - 1] == '0')
		n--;
	return n;
}

/*
 * The digits of |d| in [1e-5, 1e15) as printf's %.*e gives them at 16
 * significant digits when those read back to d, else at 17, computed
 * exactly: d = m 2^-s, and d 10^k = N / 2^s with N = m 10^k < 2^124.
 * D, the P-digit integer nearest to d 10^k (ties to even, as printf), reads
 * back to d when it lies within half a unit of m's last place from it:
 * |D 2^(s+1) - 2N| < 10^k (a quarter below when m is a power of two; on
 * the boundary when m is even, as strtod rounds ties). Returns the number
 * of digits put in dig (exponent of the first in *x), or 0.
 */
static int
long_digits(double d, char dig[20], int *x)
{
	typedef unsigned __int128 u128;
#define E19 10000000000000000000ull
	static const u128 p10[24] = { 1ull, 10ull, 100ull, 1000ull, 10000ull,
		100000ull, 1000000ull, 10000000ull, 100000000ull,
		1000000000ull, 10000000000ull, 100000000000ull,
		1000000000000ull, 10000000000000ull, 100000000000000ull,
		1000000000000000ull, 10000000000000000ull,
		100000000000000000ull, 1000000000000000000ull, E19,
		(u128)E19 * 10, (u128)E19 * 100, (u128)E19 * 1000,
		(u128)E19 * 10000 };
#undef E19
	double a = fabs(d), f;
	u128 N, D, twoN, scaled, diff, half;
	uint64_t m;
	int e, s, k, P, n, tries;

	if (!(a >= 1e-5 && a < 1e15))
		return 0;
	f = frexp(a, &e);		/* a = f 2^e, f in [0.5, 1) */
	m = (uint64_t)ldexp(f, 53);	/* a = m 2^(e - 53) */
	s = 53 - e;
	if (s <= 0 || s > 80)
		return 0;
	*x = (int)floor(log10(a));
	for (P = 16; P <= 17; P++) {
		for (tries = 0; tries < 3; tries++) {
			k = P - 1 - *x;
			if (k < 0 || k > 21)
				return 0;
			N = (u128)m * p10[k];
			D = N >> s;		/* d 10^k, down */
			if (D >= p10[P])
				(*x)++;		/* log10 said one less */
			else if (D < p10[P - 1])
				(*x)--;		/* one more */
			else
				break;
		}
		if (tries == 3)
			return 0;
		half = (u128)1 << (s - 1);
		if ((N & (((u128)1 << s) - 1)) > half ||
		    ((N & (((u128)1 << s) - 1)) == half && (D & 1)))
			D++;
		twoN = N << 1;
		scaled = D << (s + 1);
		diff = scaled > twoN ? scaled - twoN : twoN - scaled;
		if (P == 17)
			break;
		if (m == (uint64_t)1 << 52 && scaled < twoN) {
			if (2 * diff <= p10[k])
				break;
		} else if (diff < p10[k] || (diff == p10[k] && (m & 1) == 0))
			break;
	}
	if (D == p10[P]) {		/* 9.99..95 rounded up to 10 */
		D = p10[P - 1];
		(*x)++;
	}
	n = int_digits((uint64_t)D, dig);
	while (n > 1 && dig[n - 1] == '0')
		n--;
	return n;
}

void
fmt_double(double d, char out[32])
{
	char e[40], dig[20], *p = out;
	int prec, nd = 0, x, i;
	const char *q;

	if (d == 0 || !isfinite(d)) {
		strcpy(out, d == 0 ? "0" : "null");
		return;
	}
	if (d == floor(d) && fabs(d) < 1e15) {
		snprintf(out, 32, "%.0f", d);
		return;
	}
	/*
	 * The fewest significant digits that read back to the same double. A
	 * double that reads back from 15 digits (DBL_DIG) reads back from its
	 * shortest form padded with zeros, so 15 digits with the trailing
	 * zeros dropped is the shortest; else 16, else 17 (always enough).
	 * Most figures take the short way, without printf.
	 */
	if ((nd = short_digits(d, dig, &x)) == 0 &&
	    (nd = long_digits(d, dig, &x)) == 0) {
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
	}
	if (d < 0)
		*p++ = '-';
	if (x >= 21 || x < -7) {
		/* 1.5e+21, 1e-8 */
		*p++ = dig[0];
		if (nd > 1) {
			*p++ = '.';
			memcpy(p, dig + 1, (size_t)nd - 1);
			p += nd - 1;
		}
		snprintf(p, (size_t)(out + 32 - p), "e%c%d", x < 0 ? '-' : '+', x < 0 ? -x : x);
		return;
	}
	if (x < 0) {
		/* 0.042 */
		*p++ = '0';
		*p++ = '.';
		for (i = -1; i > x; i--)
			*p++ = '0';
		memcpy(p, dig, (size_t)nd);
		p += nd;
	} else {
		/* 1440, 12.4 */
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

void
quote_text(struct buf *b, const char *s, size_t n)
{
	size_t i, shown = n > 40 ? 40 : n;

	buf_addch(b, '\'');
	for (i = 0; i < shown; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			buf_addstr(b, "\\n");
		else if (c == '\t')
			buf_addstr(b, "\\t");
		else if (c < 0x20 || c == 0x7F)
			buf_addf(b, "\\x%02X", c);
		else
			buf_addch(b, c);
	}
	buf_addstr(b, shown < n ? "...'" : "'");
}

/* 1 when s[0..n) has the JSON number grammar. */
static int
json_number_text(const char *s, size_t n)
{
	size_t i = 0;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return 0;
	if (i < n && s[i] == '.') {
		if (++i >= n || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i == n;
}

int
val_parse_text(const struct field *f, const char *s, size_t n, char decimal,
    struct val *v, struct buf *msg)
{
	char point[64];
	const char *p, *comma;

	v->present = 0;
	if (n == 0)
		return 0;
	switch (f->type) {
	case FT_COUNT:
		if (!json_number_text(s, n)) {
			buf_addf(msg, "'%s' must be a whole number, not ", f->name);
			quote_text(msg, s, n);
			return -1;
		}
		if (s[0] == '-') {
			buf_addf(msg, "'%s' must not be negative, not ", f->name);
			quote_text(msg, s, n);
			return -1;
		}
		if (strcspn(s, ".eE") < n) {
			buf_addf(msg, "'%s' must be a whole number, not ", f->name);
			quote_text(msg, s, n);
			return -1;
		}
		errno = 0;
		v->i = strtoll(s, NULL, 10);
		if (errno == ERANGE) {
			buf_addf(msg, "'%s' is too large", f->name);
			return -1;
		}
		v->d = (double)v->i;
		break;
	case FT_RATE:
	case FT_MONEY:
	case FT_NUM:
		p = s;
		/* One decimal comma, no point: the same number with a point. */
		if (decimal == ',' && n < sizeof(point) &&
		    (comma = memchr(s, ',', n)) != NULL && !memchr(s, '.', n)) {
			memcpy(point, s, n);
			point[n] = '\0';
			point[comma - s] = '.';
			p = point;
		}
		if (!json_number_text(p, n)) {
			buf_addf(msg, "'%s' must be a number, not ", f->name);
			quote_text(msg, s, n);
			return -1;
		}
		v->d = strtod(p, NULL);
		break;
	case FT_EDGES:
	case FT_COUNTS:
	case FT_TARGETS:
		buf_addf(msg, "'%s' cannot be given in this format", f->name);
		return -1;
	default:
		v->s = s;
		break;
	}
	v->present = 1;
	return val_check(f, v, msg);
}

/* Checks text: valid UTF-8, length, control characters. */
static int
check_text(const struct field *f, const char *s, struct buf *msg)
{
	size_t n = strlen(s), i;
	int multiline = f->maxlen > 200;

	if (!utf8_valid(s, n)) {
		buf_addf(msg, "'%s' is not valid UTF-8", f->name);
		return -1;
	}
	if (utf8_chars(s, n) > f->maxlen) {
		buf_addf(msg, "'%s' is longer than %zu characters", f->name,
		    f->maxlen);
		return -1;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 || c == 0x7F) &&
		    !(multiline && (c == '\n' || c == '\t' || c == '\r'))) {
			buf_addf(msg, "'%s' contains a control character",
			    f->name);
			return -1;
		}
	}
	if (f->type == FT_ID && (n == 0 || s[0] == ' ' || s[n - 1] == ' ')) {
		buf_addf(msg, n == 0 ? "'%s' must not be empty" :
		    "'%s' must not begin or end with a space", f->name);
		return -1;
	}
	return 0;
}

int
val_check(const struct field *f, struct val *v, struct buf *msg)
{
	char num[32], canon[40];
	int y, m, d, r;

	if (!v->present)
		return 0;
	switch (f->type) {
	case FT_STR:
	case FT_ID:
		return check_text(f, v->s, msg);
	case FT_DATE:
		if (parse_date(v->s, &y, &m, &d)) {
			buf_addf(msg, "'%s' must be a date YYYY-MM-DD, not ",
			    f->name);
			quote_text(msg, v->s, strlen(v->s));
			return -1;
		}
		v->i = (int64_t)y * 10000 + m * 100 + d;
		return 0;
	case FT_MONTH:
		if (parse_month(v->s, &y, &m)) {
			buf_addf(msg, "'%s' must be a month YYYY-MM, not ",
			    f->name);
			quote_text(msg, v->s, strlen(v->s));
			return -1;
		}
		return 0;
	case FT_TIME:
		if ((r = parse_time(v->s, &v->d, canon)) != 0) {
			buf_addf(msg, r == -2 ?
			    "'%s' must be in UTC (ending in Z), not " :
			    "'%s' must be an RFC 3339 time such as "
			    "2026-10-03T14:05:00Z, not ", f->name);
			quote_text(msg, v->s, strlen(v->s));
			return -1;
		}
		free(v->json);
		v->json = xstrdup(canon);
		return 0;
	case FT_COUNT:
		if (v->i < 0) {
			buf_addf(msg, "'%s' must not be negative, not %lld",
			    f->name, (long long)v->i);
			return -1;
		}
		if (v->i > MAX_COUNT) {
			buf_addf(msg, "'%s' is too large", f->name);
			return -1;
		}
		return 0;
	case FT_RATE:
	case FT_MONEY:
	case FT_NUM:
		if (!isfinite(v->d) || v->d > MAX_NUMBER) {
			buf_addf(msg, "'%s' is too large", f->name);
			return -1;
		}
		if (v->d < 0) {
			fmt_double(v->d, num);
			buf_addf(msg, "'%s' must not be negative, not %s",
			    f->name, num);
			return -1;
		}
		if (f->type == FT_RATE && v->d > 1) {
			fmt_double(v->d, num);
			buf_addf(msg, "'%s' must be between 0 and 1, not %s",
			    f->name, num);
			return -1;
		}
		return 0;
	default:
		return 0;
	}
}

int
record_check(const struct record_kind *k, const struct val *v,
    struct buf *msg)
{
	char a[32], b[32];

	if (k == &rk_daily) {
		if (v[D_UPTIME].present && v[D_DOWNTIME].present &&
		    v[D_UPTIME].d + v[D_DOWNTIME].d > 1440) {
			fmt_double(v[D_UPTIME].d, a);
			fmt_double(v[D_DOWNTIME].d, b);
			buf_addf(msg, "'uptime_min' + 'downtime_min' is more than "
			    "the 1440 minutes of a day (%s + %s)", a, b);
			return D_DOWNTIME;
		}
		if (v[D_TASKS].present && v[D_ERRORS].present &&
		    v[D_ERRORS].i > v[D_TASKS].i) {
			buf_addf(msg, "'errors' (%lld) is more than 'tasks' (%lld)",
			    (long long)v[D_ERRORS].i, (long long)v[D_TASKS].i);
			return D_ERRORS;
		}
		if (v[D_LLM_CALLS].present && v[D_CACHE_HITS].present &&
		    v[D_CACHE_HITS].i > v[D_LLM_CALLS].i) {
			buf_addf(msg, "'cache_hits' (%lld) is more than "
			    "'llm_calls' (%lld)", (long long)v[D_CACHE_HITS].i,
			    (long long)v[D_LLM_CALLS].i);
			return D_CACHE_HITS;
		}
	} else if (k == &rk_incident) {
		if (v[I_OPENED].present && v[I_RESOLVED].present &&
		    v[I_RESOLVED].d < v[I_OPENED].d) {
			buf_addf(msg, "'resolved' (%s) is before 'opened' (%s)",
			    v[I_RESOLVED].s, v[I_OPENED].s);
			return I_RESOLVED;
		}
	} else if (k == &rk_integration) {
		if (v[G_CALLS].present && v[G_FAILURES].present &&
		    v[G_FAILURES].i > v[G_CALLS].i) {
			buf_addf(msg, "'failures' (%lld) is more than 'calls' "
			    "(%lld)", (long long)v[G_FAILURES].i,
			    (long long)v[G_CALLS].i);
			return G_FAILURES;
		}
	} else if (k == &rk_drift) {
		if (v[R_EDGES].present && v[R_BASELINE].present &&
		    v[R_EDGES].i != v[R_BASELINE].i + 1) {
			buf_addf(msg, "'edges' has %lld values; it needs one more "
			    "than 'baseline' (%lld)", (long long)v[R_EDGES].i,
			    (long long)v[R_BASELINE].i);
			return R_EDGES;
		}
		if (v[R_BASELINE].present && v[R_CURRENT].present &&
		    v[R_CURRENT].i != v[R_BASELINE].i) {
			buf_addf(msg, "'current' has %lld bins and 'baseline' "
			    "%lld; they must match", (long long)v[R_CURRENT].i,
			    (long long)v[R_BASELINE].i);
			return R_CURRENT;
		}
	}
	return -1;
}
