/* genkpi: deterministic generator of roic-kpi/1 KPI exports (demo fixtures and benchmark data). */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

/* The span every tenant covers: 13 months from 2025-10 to 2026-10. */
#define FIRST_YEAR 2025
#define FIRST_MON 10
#define NMONTHS 13

#define MAX_SYS 4
#define MAX_EP 3
#define MAX_FEAT 2
#define MAX_BINS 8
#define MAX_DAILY (MAX_SYS * 31 + 1)	/* + one correction row */
#define MAX_INTEG (MAX_SYS * MAX_EP * 31)
#define MAX_INC 32
#define MAX_DRIFT (MAX_SYS * MAX_FEAT)
#define PATH_LEN 4096

enum drift_status { STABLE, MODERATE, SIGNIFICANT };
enum logo_style { LOGO_NONE, LOGO_RING, LOGO_PEAKS };

/* ---- diagnostics and memory ---- */

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("genkpi: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* ---- growable output buffer: every file is built in memory, then written at once ---- */

struct buf {
	char *data;
	size_t len, cap;
};

/* Makes room for n more bytes; dies when out of memory. */
static void buf_grow(struct buf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 65536;
	char *p;

	if (b->len + n <= b->cap)
		return;
	while (cap < b->len + n)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL)
		die("out of memory");
	b->data = p;
	b->cap = cap;
}

static void buf_put(struct buf *b, const void *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

static void buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

static void buf_putc(struct buf *b, char c)
{
	buf_grow(b, 1);
	b->data[b->len++] = c;
}

static void buf_uint(struct buf *b, unsigned long long v)
{
	char tmp[24];
	int n = sizeof tmp;

	do
		tmp[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	buf_put(b, tmp + n, sizeof tmp - n);
}

/*
 * Writes v / 10^dec with dec decimals ("12.40"); with trim, trailing zeros
 * go but one decimal stays ("0.962", "58.0").
 */
static void buf_fixed(struct buf *b, unsigned long long v, int dec, int trim)
{
	unsigned long long p10 = 1, frac;
	char digits[20];
	int n;

	for (n = 0; n < dec; n++)
		p10 *= 10;
	buf_uint(b, v / p10);
	if (dec == 0)
		return;
	frac = v % p10;
	for (n = dec; n > 0; n--) {
		digits[n - 1] = (char)('0' + frac % 10);
		frac /= 10;
	}
	n = dec;
	while (trim && n > 1 && digits[n - 1] == '0')
		n--;
	buf_putc(b, '.');
	buf_put(b, digits, n);
}

/* A real such as a histogram edge, in the shortest "%g" form (no exponent for our values). */
static void buf_real(struct buf *b, double x)
{
	char tmp[32];

	snprintf(tmp, sizeof tmp, "%.10g", x);
	buf_puts(b, tmp);
}

static void buf_2digits(struct buf *b, int v)
{
	buf_putc(b, (char)('0' + v / 10));
	buf_putc(b, (char)('0' + v % 10));
}

/* A date held as the integer YYYYMMDD, written as YYYY-MM-DD. */
static void buf_ymd(struct buf *b, int ymd)
{
	buf_uint(b, (unsigned)(ymd / 10000));
	buf_putc(b, '-');
	buf_2digits(b, ymd / 100 % 100);
	buf_putc(b, '-');
	buf_2digits(b, ymd % 100);
}

/* A JSON string literal; UTF-8 passes through, quotes, backslashes and controls are escaped. */
static void buf_json_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\n') {
			buf_puts(b, "\\n");
		} else if (c < 0x20) {
			buf_puts(b, "\\u00");
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		} else {
			buf_putc(b, (char)c);
		}
	}
	buf_putc(b, '"');
}

/* A CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, quote or line break. */
static void buf_csv_str(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* ---- files ---- */

/* Joins a directory and a name into out (PATH_LEN bytes); dies when the path is too long. */
static void path_join(char *out, const char *dir, const char *name)
{
	if (snprintf(out, PATH_LEN, "%s/%s", dir, name) >= PATH_LEN)
		die("path too long: '%s/%s'", dir, name);
}

/* Creates directory path and its missing parents, like mkdir -p; returns 0, or -1 after reporting. */
static int mkdir_p(const char *path)
{
	char tmp[PATH_LEN];
	struct stat st;
	size_t n = strlen(path);
	char *p;

	if (n >= sizeof tmp) {
		fprintf(stderr, "genkpi: path too long: '%s'\n", path);
		return -1;
	}
	memcpy(tmp, path, n + 1);
	for (p = tmp + 1;; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "genkpi: unable to create '%s': %s\n", tmp, strerror(errno));
			return -1;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "genkpi: not a directory: '%s'\n", path);
		return -1;
	}
	return 0;
}

/* Writes the buffer as the whole file at path; returns 0, or -1 after reporting. */
static int write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");
	int bad;

	if (f == NULL) {
		fprintf(stderr, "genkpi: unable to open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	bad = fwrite(b->data, 1, b->len, f) != b->len;
	bad |= fclose(f) != 0;
	if (bad) {
		fprintf(stderr, "genkpi: unable to write '%s': %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- random numbers: splitmix64, so the same seed gives the same bytes everywhere ---- */

struct rng {
	uint64_t state;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static struct rng rng_seeded(uint64_t seed)
{
	struct rng r = { seed };

	r.state = rng_next(&r);
	return r;
}

/* A uniform double in [0, 1). */
static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* A uniform integer in [lo, hi]. */
static int rng_int(struct rng *r, int lo, int hi)
{
	return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* Noise of mean 0 and deviation 1, bounded to ±3.46: four uniforms summed (Irwin-Hall) and scaled. */
static double rng_normal(struct rng *r)
{
	double s = rng_unit(r) + rng_unit(r) + rng_unit(r) + rng_unit(r);

	return (s - 2.0) * 1.7320508075688772;
}

/* FNV-1a over a string, continuing from h: stable seeds from names. */
static uint64_t hash_str(uint64_t h, const char *s)
{
	h ^= 0xCBF29CE484222325ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001B3ULL;
	}
	return h;
}

/* ---- numbers and the calendar ---- */

static long round_pos(double x)
{
	return x <= 0 ? 0 : (long)(x + 0.5);
}

static double clampd(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static double lerp(int a, int b, double t)
{
	return a + (b - a) * t;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

/* The date of a day number, the inverse of days_from_civil. */
static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400) + (*m <= 2);
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return days[m - 1] + (m == 2 && leap);
}

/* Year and month of month index mi (0 is 2025-10). */
static void month_ym(int mi, int *y, int *m)
{
	int k = FIRST_MON - 1 + mi;

	*y = FIRST_YEAR + k / 12;
	*m = k % 12 + 1;
}

/* Month index of a YYYYMM integer (202610 gives 12). */
static int month_index(int yyyymm)
{
	return (yyyymm / 100 - FIRST_YEAR) * 12 + yyyymm % 100 - FIRST_MON;
}

/* Writes "YYYY-MM" of month index mi into out. */
static void month_label(int mi, char out[8])
{
	int y, m;

	month_ym(mi, &y, &m);
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '\0';
}

/* Parses "YYYY-MM-DDTHH:MMZ"-style UTC times into minutes since 1970; dies on a malformed table entry. */
static long long parse_time(const char *s)
{
	int y, mo, d, h, mi;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5)
		die("internal error: bad time '%s'", s);
	return (long long)days_from_civil(y, mo, d) * 1440 + h * 60 + mi;
}

/* An RFC 3339 UTC time from minutes since 1970: 2026-10-03T14:05:00Z. */
static void buf_time(struct buf *b, long long minutes)
{
	int y, m, d;

	civil_from_days((long)(minutes / 1440), &y, &m, &d);
	buf_ymd(b, y * 10000 + m * 100 + d);
	buf_putc(b, 'T');
	buf_2digits(b, (int)(minutes % 1440 / 60));
	buf_putc(b, ':');
	buf_2digits(b, (int)(minutes % 60));
	buf_puts(b, ":00Z");
}

/* Public holidays by region, when volumes drop to weekend levels. */
static const struct holiday {
	const char *region;
	int ymd;
} holidays[] = {
	{ "CA", 20251013 }, { "CA", 20251225 }, { "CA", 20251226 }, { "CA", 20260101 },
	{ "CA", 20260403 }, { "CA", 20260518 }, { "CA", 20260701 }, { "CA", 20260907 },
	{ "CA", 20261012 },
	{ "QC", 20251013 }, { "QC", 20251225 }, { "QC", 20260101 }, { "QC", 20260403 },
	{ "QC", 20260518 }, { "QC", 20260624 }, { "QC", 20260701 }, { "QC", 20260907 },
	{ "QC", 20261012 },
	{ "US", 20251127 }, { "US", 20251225 }, { "US", 20260101 }, { "US", 20260525 },
	{ "US", 20260703 }, { "US", 20260907 },
};

static int is_holiday(const char *region, int ymd)
{
	size_t i;

	for (i = 0; i < sizeof holidays / sizeof holidays[0]; i++)
		if (holidays[i].ymd == ymd && strcmp(holidays[i].region, region) == 0)
			return 1;
	return 0;
}

/* ---- the model: tenants, their systems, and the scripted events of the demo ---- */

/* A monitored input feature: histogram edges and the shape of its reference sample. */
struct feature {
	const char *name;
	int nbins;
	double edges[MAX_BINS + 1];
	int shape[MAX_BINS];
};

/* A system baseline (the manual process it replaced), in force from month index `from`. */
struct baseline {
	int from;
	int minutes_x10;	/* minutes per task, tenths */
	int error_bp;		/* error rate, 1e-4 */
};

/* An integration endpoint the system calls. */
struct endpoint {
	const char *name;
	int calls_x10;		/* calls per task, tenths */
	int p95_ms;		/* typical p95 latency; 0: not reported */
};

/* An AI system and how it behaves; [2] pairs are the values at the start and end of the span. */
struct system {
	const char *id, *name, *model;
	int launch;		/* first month index with data */
	struct baseline base[2];
	int nbase;
	int volume;		/* tasks on a working day at the start */
	int weekend_pct;	/* weekend and holiday volume, % of a working day */
	int growth_pct;		/* volume growth over the span, % */
	int err_bp[2];		/* actual error rate, 1e-4 */
	int p95_ms;		/* typical p95 latency at the start */
	int acc_bp[2];		/* accuracy, 1e-4; 0: not reported */
	int acc_weekdays;	/* accuracy is reviewed on weekdays only */
	int halluc_bp[2];	/* hallucination rate, 1e-4; 0: not reported */
	int calls_x10;		/* LLM calls per task, tenths */
	int cache_pct[2];	/* share of LLM calls served from cache, % */
	int llm_counts;		/* reported: 0 no counts, 1 llm_calls, 2 and cache_hits */
	int price_e5;		/* cost of an uncached LLM call, 1e-5 of the currency */
	struct endpoint ep[MAX_EP];
	int nep;
	const struct feature *feat[MAX_FEAT];
	int nfeat;
};

/* Business assumptions in force from month index `from`; money in cents. */
struct assumptions {
	int from;
	long hourly_rate, cost_per_error, monthly_fee;
};

struct sla {
	int availability_bp, p95_ms, resolution[3], accuracy_bp;
};

/* A scripted day of one system (or every system when system is NULL). */
struct day_event {
	const char *system;
	int ymd;
	int downtime;		/* minutes down */
	int no_uptime;		/* uptime and downtime both 0: no uptime data */
	int p95_ms;		/* forced p95; -1: not reported */
	int acc_bp;		/* forced accuracy */
	int volume_pct;		/* volume, % of the usual */
};

/* A scripted incident; resolved NULL means still open. */
struct incident_event {
	const char *system, *severity, *opened, *resolved, *summary;
};

/* A scripted integration outage: the share of calls that failed that day. */
struct integ_event {
	const char *system, *endpoint;
	int ymd, failure_pct;
};

/* A scripted drift status of one feature in one month (YYYYMM). */
struct drift_event {
	const char *system, *feature;
	int month, status;
};

/* A daily row of the previous month re-sent in a later file with corrected tasks. */
struct correction {
	int month;		/* YYYYMM of the file that carries it */
	const char *system;
	int extra_tasks;
};

struct tenant {
	const char *id, *name, *locale, *currency;
	const char *color;	/* "#RRGGBB"; NULL: no brand */
	int logo;		/* enum logo_style */
	const char *region;	/* holidays: CA, QC, US */
	int file_prefix;	/* files named <id>-<month> (demo) or <month> (bench) */
	struct assumptions assume[2];
	int nassume;
	struct sla sla;
	const struct system *sys;
	int nsys;
	unsigned csv_months;	/* bit mi set: month mi is exported as CSV */
	int first_incident;	/* number of the first incident id */
	int routine_max;	/* routine incidents per month, at most */
	const char *const *summaries;	/* routine incident summaries */
	int nsummaries;
	const struct day_event *days;
	int ndays;
	const struct incident_event *incidents;
	int nincidents;
	const struct integ_event *integ_events;
	int ninteg_events;
	const struct drift_event *drift_events;
	int ndrift_events;
	const struct correction *correction;
	int chaos;		/* bench: random downtime, latency, accuracy and drift events */
	uint64_t seed;
};

#define COUNT(a) (int)(sizeof(a) / sizeof((a)[0]))
#define MONTH_BIT(yyyymm) (1u << (((yyyymm) / 100 - FIRST_YEAR) * 12 + (yyyymm) % 100 - FIRST_MON))

static const struct feature f_message_length = {
	"message_length", 5, { 0, 50, 100, 200, 400, 800 }, { 12, 34, 41, 26, 7 }
};
static const struct feature f_note_tokens = {
	"note_tokens", 7, { 0, 250, 500, 1000, 1500, 2000, 3000, 4000 }, { 6, 14, 27, 22, 15, 10, 6 }
};
static const struct feature f_lead_days = {
	"lead_time_days", 6, { 0, 1, 3, 7, 14, 30, 90 }, { 9, 17, 26, 24, 16, 8 }
};
static const struct feature f_claim_amount = {
	"claim_amount", 8, { 0, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000 },
	{ 14, 19, 24, 18, 12, 8, 4, 1 }
};
static const struct feature f_document_pages = {
	"document_pages", 6, { 1, 2, 3, 5, 10, 20, 50 }, { 31, 22, 20, 15, 9, 3 }
};
static const struct feature f_invoice_lines = {
	"invoice_lines", 6, { 1, 2, 5, 10, 20, 50, 200 }, { 18, 27, 24, 17, 10, 4 }
};
static const struct feature f_turns = {
	"conversation_turns", 5, { 1, 2, 4, 6, 10, 30 }, { 22, 31, 24, 16, 7 }
};
static const struct feature f_ocr_confidence = {
	"ocr_confidence", 6, { 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1 }, { 2, 4, 9, 22, 38, 25 }
};

static const char *const summaries_en[] = {
	"Upstream API timeouts; retries with backoff added",
	"Elevated latency after the model provider's region failover; traffic rebalanced",
	"Prompt template regression in a release; rolled back",
	"Rate limiting by the LLM provider at peak hours; request queue drained",
	"Stale retrieval index after a failed nightly rebuild; rebuild rerun",
	"Misrouted requests after a configuration change; routing rule fixed",
	"TLS certificate of an integration endpoint close to expiry; renewed",
	"Webhook deliveries delayed, consumer restarted",
};

static const char *const summaries_fr[] = {
	"Délais d'expiration de l'API en amont; nouvelles tentatives avec temporisation ajoutées",
	"Latence élevée après une bascule de région du fournisseur de modèles; trafic rééquilibré",
	"Régression du gabarit d'invite dans une version; retour à la version précédente",
	"Limitation de débit par le fournisseur LLM aux heures de pointe; file d'attente résorbée",
	"Index de recherche périmé après l'échec de la reconstruction nocturne; reconstruction relancée",
	"Requêtes mal acheminées après un changement de configuration; règle de routage corrigée",
	"Certificat TLS d'un point d'intégration proche de l'échéance; renouvelé",
	"Livraisons de webhooks retardées, consommateur redémarré",
};

/* -- Northwind Health Clinics (en-CA, CAD) -- */

static const struct system northwind_systems[] = {
	{ .id = "intake-triage", .name = "Patient intake triage", .model = "gpt-4.1-mini",
	  .base = { { 0, 40, 480 } }, .nbase = 1,
	  .volume = 150, .weekend_pct = 35, .growth_pct = 30, .err_bp = { 180, 140 },
	  .p95_ms = 860, .acc_bp = { 9640, 9760 }, .halluc_bp = { 60, 30 },
	  .calls_x10 = 14, .cache_pct = { 18, 34 }, .llm_counts = 2, .price_e5 = 7300,
	  .ep = { { "ehr-api", 32, 410 }, { "patient-portal", 11, 260 } }, .nep = 2,
	  .feat = { &f_message_length }, .nfeat = 1 },
	{ .id = "scheduling-assistant", .name = "Appointment scheduling assistant",
	  .model = "claude-3-5-haiku",
	  .base = { { 0, 30, 300 } }, .nbase = 1,
	  .volume = 170, .weekend_pct = 40, .growth_pct = 25, .err_bp = { 110, 90 },
	  .p95_ms = 700, .acc_bp = { 9710, 9800 },
	  .calls_x10 = 22, .cache_pct = { 25, 40 }, .llm_counts = 2, .price_e5 = 3400,
	  .ep = { { "ehr-api", 18, 390 }, { "sms-gateway", 10, 0 } }, .nep = 2,
	  .feat = { &f_lead_days, &f_message_length }, .nfeat = 2 },
	{ .id = "notes-summariser", .name = "Clinical notes summariser", .model = "gpt-4.1",
	  .base = { { 0, 75, 620 } }, .nbase = 1,
	  .volume = 65, .weekend_pct = 15, .growth_pct = 45, .err_bp = { 230, 170 },
	  .p95_ms = 1150, .acc_bp = { 9580, 9720 }, .acc_weekdays = 1, .halluc_bp = { 110, 55 },
	  .calls_x10 = 12, .cache_pct = { 5, 12 }, .llm_counts = 1, .price_e5 = 29000,
	  .ep = { { "ehr-api", 25, 450 } }, .nep = 1,
	  .feat = { &f_note_tokens }, .nfeat = 1 },
};

static const struct day_event northwind_days[] = {
	{ "notes-summariser", 20251021, .acc_bp = 9412 },
	{ "notes-summariser", 20251105, .acc_bp = 9467 },
	{ "intake-triage", 20251119, .downtime = 4 },
	{ "intake-triage", 20251202, .p95_ms = 1720 },
	{ "intake-triage", 20260131, .p95_ms = 1650 },
	{ "scheduling-assistant", 20260617, .downtime = 405 },
	{ "notes-summariser", 20261006, .p95_ms = 1840 },
};

static const struct incident_event northwind_incidents[] = {
	{ "intake-triage", "P3", "2025-11-19T14:12Z", "2025-11-19T15:05Z",
	  "EHR API maintenance overran its window; intake triage paused for 4 minutes" },
	{ "intake-triage", "P2", "2025-12-02T15:40Z", "2025-12-02T19:10Z",
	  "Flu-season surge in intake messages; triage workers scaled out" },
	{ "intake-triage", "P2", "2026-01-31T22:40Z", "2026-02-01T03:55Z",
	  "Overnight EHR sync backlog delayed triage of weekend intake forms; sync workers scaled out" },
	{ "scheduling-assistant", "P1", "2026-06-17T13:10Z", "2026-06-17T19:55Z",
	  "Scheduling assistant down: the EHR OAuth client certificate expired; certificate "
	  "rotated and expiry monitoring added" },
	{ "notes-summariser", "P3", "2026-10-06T08:30Z", "2026-10-07T16:00Z",
	  "Longer notes after the EHR note template upgrade; summary length limits retuned" },
};

static const struct drift_event northwind_drift[] = {
	{ "notes-summariser", "note_tokens", 202610, SIGNIFICANT },
};

static const struct correction northwind_correction = { 202605, "scheduling-assistant", 41 };

/* -- Mutuelle Laurentienne (fr-CA, CAD) -- */

static const struct system laurentienne_systems[] = {
	{ .id = "tri-reclamations", .name = "Triage des réclamations", .model = "gpt-4.1-mini",
	  .base = { { 0, 95, 610 }, { 3, 80, 550 } }, .nbase = 2,
	  .volume = 75, .weekend_pct = 20, .growth_pct = 20, .err_bp = { 210, 170 },
	  .p95_ms = 1300, .acc_bp = { 9620, 9740 }, .halluc_bp = { 70, 40 },
	  .calls_x10 = 18, .cache_pct = { 12, 26 }, .llm_counts = 2, .price_e5 = 12600,
	  .ep = { { "claims-api", 30, 520 }, { "crm", 12, 310 } }, .nep = 2,
	  .feat = { &f_claim_amount, &f_document_pages }, .nfeat = 2 },
	{ .id = "assistant-soumissions", .name = "Assistant de préparation des soumissions",
	  .model = "mistral-large-2411",
	  .base = { { 0, 60, 450 } }, .nbase = 1,
	  .volume = 70, .weekend_pct = 10, .growth_pct = 35, .err_bp = { 160, 120 },
	  .p95_ms = 1600, .acc_bp = { 9600, 9730 },
	  .calls_x10 = 30, .cache_pct = { 10, 22 }, .llm_counts = 1, .price_e5 = 7000,
	  .ep = { { "rating-engine", 20, 640 } }, .nep = 1,
	  .feat = { &f_claim_amount }, .nfeat = 1 },
	{ .id = "agent-clientele", .name = "Agent conversationnel du service à la clientèle",
	  .model = "gpt-4.1-mini",
	  .base = { { 0, 30, 320 } }, .nbase = 1,
	  .volume = 170, .weekend_pct = 55, .growth_pct = 30, .err_bp = { 120, 95 },
	  .p95_ms = 900, .acc_bp = { 9650, 9780 }, .halluc_bp = { 90, 45 },
	  .calls_x10 = 26, .cache_pct = { 30, 45 }, .llm_counts = 2, .price_e5 = 2700,
	  .ep = { { "crm", 15, 300 }, { "ivr", 6, 0 } }, .nep = 2,
	  .feat = { &f_turns }, .nfeat = 1 },
	{ .id = "lecture-documents", .name = "Lecture des pièces justificatives", .model = "gpt-4.1",
	  .launch = 5,
	  .base = { { 5, 45, 520 } }, .nbase = 1,
	  .volume = 90, .weekend_pct = 5, .growth_pct = 20, .err_bp = { 200, 160 },
	  .p95_ms = 1700, .acc_bp = { 9600, 9700 },
	  .calls_x10 = 11, .cache_pct = { 0, 5 }, .llm_counts = 2, .price_e5 = 12600,
	  .ep = { { "dms", 22, 700 } }, .nep = 1,
	  .feat = { &f_ocr_confidence, &f_document_pages }, .nfeat = 2 },
};

static const struct day_event laurentienne_days[] = {
	{ "agent-clientele", 20260203, .downtime = 6 },
	{ NULL, 20260210, .p95_ms = -1 },
	{ NULL, 20260211, .p95_ms = -1 },
	{ "tri-reclamations", 20260922, .downtime = 5 },
	{ "tri-reclamations", 20261019, .acc_bp = 9381, .volume_pct = 180 },
	{ "tri-reclamations", 20261020, .volume_pct = 150 },
	{ "assistant-soumissions", 20261021, .p95_ms = 2730 },
};

static const struct incident_event laurentienne_incidents[] = {
	{ "agent-clientele", "P2", "2026-02-03T14:02Z", "2026-02-03T14:50Z",
	  "Panne de la passerelle téléphonique; l'agent conversationnel a été injoignable "
	  "pendant 6 minutes" },
	{ "tri-reclamations", "P3", "2026-02-10T07:00Z", "2026-02-11T18:30Z",
	  "Collecteur de métriques arrêté; latences p95 non disponibles les 10 et 11 février" },
	{ "lecture-documents", "P3", "2026-06-09T13:45Z", "2026-06-10T09:20Z",
	  "Pièces jointes illisibles, le connecteur \"GED\" renvoyait des pages vides; "
	  "réindexation lancée\nSuivi : alerte ajoutée sur le taux de pages vides" },
	{ "tri-reclamations", "P3", "2026-09-22T04:10Z", "2026-09-22T04:40Z",
	  "Redémarrage non planifié après une mise à jour du noyau; service rétabli en 5 minutes" },
	{ "tri-reclamations", "P2", "2026-10-19T12:25Z", "2026-10-19T20:05Z",
	  "Afflux de réclamations après l'orage de grêle du 17 octobre; précision du triage "
	  "en baisse, règles de priorisation ajustées" },
	{ "lecture-documents", "P3", "2026-10-29T15:30Z", NULL,
	  "Formats de pièces jointes non reconnus (HEIC) depuis l'application mobile; "
	  "correctif du fournisseur attendu" },
};

static const struct drift_event laurentienne_drift[] = {
	{ "tri-reclamations", "claim_amount", 202610, MODERATE },
};

/* -- Harborview Logistics (en-US, USD) -- */

static const struct system harborview_systems[] = {
	{ .id = "invoice-triage", .name = "Invoice triage assistant", .model = "claude-sonnet-4",
	  .base = { { 0, 50, 500 } }, .nbase = 1,
	  .volume = 120, .weekend_pct = 8, .growth_pct = 30, .err_bp = { 190, 150 },
	  .p95_ms = 950, .acc_bp = { 9630, 9770 },
	  .calls_x10 = 16, .cache_pct = { 15, 30 }, .llm_counts = 2, .price_e5 = 11000,
	  .ep = { { "erp", 25, 480 }, { "ocr-service", 10, 820 } }, .nep = 2,
	  .feat = { &f_invoice_lines }, .nfeat = 1 },
	{ .id = "support-chatbot", .name = "Customer support chatbot", .model = "gpt-4.1-mini",
	  .base = { { 0, 35, 350 } }, .nbase = 1,
	  .volume = 230, .weekend_pct = 60, .growth_pct = 35, .err_bp = { 130, 100 },
	  .p95_ms = 640, .acc_bp = { 9660, 9790 }, .halluc_bp = { 80, 40 },
	  .calls_x10 = 24, .cache_pct = { 28, 46 }, .llm_counts = 2, .price_e5 = 2400,
	  .ep = { { "crm", 14, 280 }, { "tracking-api", 18, 350 }, { "helpdesk", 4, 0 } },
	  .nep = 3,
	  .feat = { &f_turns, &f_message_length }, .nfeat = 2 },
	{ .id = "customs-docs", .name = "Customs document checker", .model = "gpt-4.1",
	  .base = { { 0, 80, 700 } }, .nbase = 1,
	  .volume = 55, .weekend_pct = 15, .growth_pct = 20, .err_bp = { 250, 200 },
	  .p95_ms = 1000, .acc_bp = { 9600, 9720 },
	  .calls_x10 = 10, .cache_pct = { 0, 0 }, .llm_counts = 0, .price_e5 = 35000,
	  .ep = { { "customs-broker-api", 30, 900 } }, .nep = 1,
	  .feat = { &f_document_pages }, .nfeat = 1 },
};

static const struct day_event harborview_days[] = {
	{ "support-chatbot", 20251128, .p95_ms = 1380, .volume_pct = 210 },
	{ "support-chatbot", 20251201, .p95_ms = 1290, .volume_pct = 180 },
	{ "invoice-triage", 20260217, .acc_bp = 9455 },
	{ "customs-docs", 20260308, .no_uptime = 1 },
	{ "support-chatbot", 20260812, .downtime = 3 },
};

static const struct incident_event harborview_incidents[] = {
	{ "support-chatbot", "P3", "2025-11-28T15:10Z", "2025-11-28T18:40Z",
	  "Black Friday traffic pushed chatbot p95 latency over target; extra replicas added" },
	{ "invoice-triage", "P3", "2026-02-17T16:20Z", "2026-02-18T11:00Z",
	  "New carrier invoice layout lowered extraction accuracy; layout added to the parser" },
	{ "customs-docs", "P3", "2026-03-08T07:05Z", "2026-03-09T14:30Z",
	  "Monitoring agent upgrade lost uptime data for March 8; agent reconfigured" },
	{ "support-chatbot", "P2", "2026-08-12T18:31Z", "2026-08-12T18:50Z",
	  "Chatbot restarted after a memory leak in the session store, 3 minutes unavailable" },
	{ "invoice-triage", "P2", "2026-10-14T13:20Z", "2026-10-14T21:05Z",
	  "ERP connector returned HTTP 503 during the vendor's unannounced maintenance, 35% of "
	  "calls failed; invoices queued and replayed" },
};

static const struct integ_event harborview_integ[] = {
	{ "invoice-triage", "erp", 20261014, 35 },
};

static const struct tenant demo_tenants[] = {
	{ .id = "northwind-health", .name = "Northwind Health Clinics",
	  .locale = "en-CA", .currency = "CAD", .color = "#1F6FEB", .logo = LOGO_RING,
	  .region = "CA", .file_prefix = 1,
	  .assume = { { 0, 4800, 2500, 780000 }, { 6, 5400, 2500, 860000 } }, .nassume = 2,
	  .sla = { 9950, 1500, { 240, 1440, 4320 }, 9500 },
	  .sys = northwind_systems, .nsys = COUNT(northwind_systems),
	  .csv_months = MONTH_BIT(202602),
	  .first_incident = 2031, .routine_max = 2,
	  .summaries = summaries_en, .nsummaries = COUNT(summaries_en),
	  .days = northwind_days, .ndays = COUNT(northwind_days),
	  .incidents = northwind_incidents, .nincidents = COUNT(northwind_incidents),
	  .drift_events = northwind_drift, .ndrift_events = COUNT(northwind_drift),
	  .correction = &northwind_correction },
	{ .id = "mutuelle-laurentienne", .name = "Mutuelle Laurentienne d'assurance générale",
	  .locale = "fr-CA", .currency = "CAD", .color = "#0B6E4F", .logo = LOGO_PEAKS,
	  .region = "QC", .file_prefix = 1,
	  .assume = { { 0, 5200, 3500, 890000 } }, .nassume = 1,
	  .sla = { 9950, 2500, { 240, 1440, 4320 }, 9500 },
	  .sys = laurentienne_systems, .nsys = COUNT(laurentienne_systems),
	  .csv_months = MONTH_BIT(202512) | MONTH_BIT(202606),
	  .first_incident = 5101, .routine_max = 2,
	  .summaries = summaries_fr, .nsummaries = COUNT(summaries_fr),
	  .days = laurentienne_days, .ndays = COUNT(laurentienne_days),
	  .incidents = laurentienne_incidents, .nincidents = COUNT(laurentienne_incidents),
	  .drift_events = laurentienne_drift, .ndrift_events = COUNT(laurentienne_drift) },
	{ .id = "harborview-logistics", .name = "Harborview Logistics, Inc.",
	  .locale = "en-US", .currency = "USD", .color = "#0E7C86", .logo = LOGO_NONE,
	  .region = "US", .file_prefix = 1,
	  .assume = { { 0, 4600, 3000, 850000 } }, .nassume = 1,
	  .sla = { 9950, 1200, { 240, 1440, 4320 }, 9500 },
	  .sys = harborview_systems, .nsys = COUNT(harborview_systems),
	  .csv_months = MONTH_BIT(202607),
	  .first_incident = 7301, .routine_max = 2,
	  .summaries = summaries_en, .nsummaries = COUNT(summaries_en),
	  .days = harborview_days, .ndays = COUNT(harborview_days),
	  .incidents = harborview_incidents, .nincidents = COUNT(harborview_incidents),
	  .integ_events = harborview_integ, .ninteg_events = COUNT(harborview_integ) },
};

/* ---- one tenant-month of generated data ---- */

struct day_row {
	int ymd;
	const char *system;
	int tasks, errors, uptime, downtime;
	int p95_ms, acc_bp, halluc_bp;	/* -1: absent */
	long cost_cents;		/* -1: absent */
	int calls, cache_hits;		/* -1: absent */
};

struct integ_row {
	int ymd;
	const char *system, *endpoint;
	int calls, failures, p95_ms;	/* p95 -1: absent */
};

struct incident {
	char id[16];
	const char *system, *severity, *summary;
	long long opened, resolved;	/* minutes since 1970; resolved -1: still open */
};

struct drift_row {
	const char *system;
	const struct feature *feat;
	int base[MAX_BINS], cur[MAX_BINS];
};

struct month {
	int mi;
	struct day_row daily[MAX_DAILY];
	int ndaily;
	struct integ_row integ[MAX_INTEG];
	int ninteg;
	struct incident inc[MAX_INC];
	int ninc;
	struct drift_row drift[MAX_DRIFT];
	int ndrift;
};

/* The scripted event of a system on a day, or NULL. */
static const struct day_event *find_day_event(const struct tenant *t, const char *sys, int ymd)
{
	int i;

	for (i = 0; i < t->ndays; i++)
		if (t->days[i].ymd == ymd &&
		    (t->days[i].system == NULL || strcmp(t->days[i].system, sys) == 0))
			return &t->days[i];
	return NULL;
}

/* The assumptions in force in month mi. */
static const struct assumptions *assumptions_at(const struct tenant *t, int mi)
{
	const struct assumptions *a = &t->assume[0];
	int i;

	for (i = 1; i < t->nassume; i++)
		if (t->assume[i].from <= mi)
			a = &t->assume[i];
	return a;
}

/* The baseline of a system in force in month mi. */
static const struct baseline *baseline_at(const struct system *s, int mi)
{
	const struct baseline *b = &s->base[0];
	int i;

	for (i = 1; i < s->nbase; i++)
		if (s->base[i].from <= mi)
			b = &s->base[i];
	return b;
}

/*
 * Fills one daily row of system s: weekday/weekend volume with growth over the
 * span, errors and quality improving, scripted events (ev) applied on top, and
 * random trouble for bench tenants. Draws the same random numbers whatever the
 * event, so one scripted day does not shift the rest of the month.
 */
static void gen_day(const struct tenant *t, const struct system *s, int mi, int ymd,
		    double progress, int offday, const struct day_event *ev, struct rng *r,
		    struct day_row *row)
{
	double n_vol = rng_normal(r), n_err = rng_normal(r), n_p95 = rng_normal(r);
	double n_acc = rng_normal(r), n_hal = rng_normal(r), n_calls = rng_normal(r);
	double n_cache = rng_normal(r);
	double vol, err, calls, cache, p95;
	int since = mi - s->launch;

	vol = s->volume * (1 + s->growth_pct / 100.0 * progress) * (1 + 0.07 * n_vol);
	if (offday)
		vol = vol * s->weekend_pct / 100;
	if (s->launch > 0 && since < 2)
		vol *= since == 0 ? 0.6 : 0.85;	/* ramp-up after launch */
	if (ev && ev->volume_pct)
		vol = vol * ev->volume_pct / 100;

	row->ymd = ymd;
	row->system = s->id;
	row->tasks = (int)round_pos(vol);
	if (row->tasks < 1)
		row->tasks = 1;
	err = row->tasks * lerp(s->err_bp[0], s->err_bp[1], progress) / 10000;
	row->errors = (int)round_pos(err + n_err * sqrt(err));
	if (row->errors > row->tasks)
		row->errors = row->tasks;

	row->uptime = 1440;
	row->downtime = 0;

	/* Natural latency and accuracy stay inside the SLA: breaches are scripted. */
	p95 = s->p95_ms * (1 - 0.12 * progress) * (1 + 0.06 * n_p95);
	row->p95_ms = (int)round_pos(clampd(p95, 100, 0.92 * t->sla.p95_ms));
	row->acc_bp = -1;
	if (s->acc_bp[0] && !(s->acc_weekdays && offday))
		row->acc_bp = (int)round_pos(clampd(lerp(s->acc_bp[0], s->acc_bp[1], progress) +
							25 * n_acc, t->sla.accuracy_bp + 10, 9990));
	row->halluc_bp = -1;
	if (s->halluc_bp[0])
		row->halluc_bp = (int)round_pos(lerp(s->halluc_bp[0], s->halluc_bp[1], progress) *
						 (1 + 0.15 * n_hal));

	calls = row->tasks * s->calls_x10 / 10.0 * (1 + 0.03 * n_calls);
	cache = calls * clampd((lerp(s->cache_pct[0], s->cache_pct[1], progress) + 2 * n_cache) / 100,
			       0, 1);
	row->calls = (int)round_pos(calls);
	row->cache_hits = (int)round_pos(cache);
	if (row->cache_hits > row->calls)
		row->cache_hits = row->calls;
	row->cost_cents = round_pos((row->calls - 0.75 * row->cache_hits) * s->price_e5 / 1000);
	if (s->llm_counts < 2)
		row->cache_hits = -1;
	if (s->llm_counts < 1)
		row->calls = -1;

	if (t->chaos) {
		double u = rng_unit(r), mag = rng_unit(r);

		if (u < 0.003)
			row->downtime = 1 + (int)(mag * 90);
		else if (u < 0.013)
			row->p95_ms = (int)(t->sla.p95_ms * (1.05 + 0.6 * mag));
		else if (u < 0.018)
			row->p95_ms = -1;
		else if (u < 0.023)
			row->acc_bp = row->acc_bp < 0 ? -1 : t->sla.accuracy_bp - 20 - (int)(mag * 300);
		else if (u < 0.0235)
			row->uptime = 0;
	}

	if (ev) {
		if (ev->downtime)
			row->downtime = ev->downtime;
		if (ev->no_uptime)
			row->uptime = row->downtime = 0;
		if (ev->p95_ms)
			row->p95_ms = ev->p95_ms;
		if (ev->acc_bp)
			row->acc_bp = ev->acc_bp;
	}
	if (row->uptime)
		row->uptime = 1440 - row->downtime;
}

/* Fills the record of one endpoint of a system for one day; a scripted outage sets its failures. */
static void gen_integration(const struct tenant *t, const struct system *s, const struct endpoint *e,
			    int ymd, int tasks, struct rng *r, struct integ_row *row)
{
	double n_calls = rng_normal(r), n_rate = rng_normal(r), n_fail = rng_normal(r);
	double n_p95 = rng_normal(r), expected;
	int i, failure_pct = 0;

	row->ymd = ymd;
	row->system = s->id;
	row->endpoint = e->name;
	row->calls = (int)round_pos(tasks * e->calls_x10 / 10.0 * (1 + 0.05 * n_calls)) + 24;
	expected = row->calls * 0.0007 * clampd(1 + 0.4 * n_rate, 0.2, 2);
	row->failures = (int)round_pos(expected + n_fail * sqrt(expected));
	row->p95_ms = e->p95_ms ? (int)round_pos(e->p95_ms * (1 + 0.08 * n_p95)) : -1;

	if (t->chaos && rng_unit(r) < 0.004)
		failure_pct = rng_int(r, 5, 40);
	for (i = 0; i < t->ninteg_events; i++) {
		const struct integ_event *ev = &t->integ_events[i];

		if (ev->ymd == ymd && strcmp(ev->system, s->id) == 0 &&
		    strcmp(ev->endpoint, e->name) == 0)
			failure_pct = ev->failure_pct;
	}
	if (failure_pct) {
		row->failures = (int)round_pos(row->calls * failure_pct / 100.0);
		if (row->p95_ms >= 0)
			row->p95_ms = row->p95_ms * 5 / 2;
	}
	if (row->failures > row->calls)
		row->failures = row->calls;
}

/* Appends an incident; the id is given once the month's incidents are sorted. */
static void add_incident(struct month *m, const char *sys, const char *sev, long long opened,
			 long long resolved, const char *summary)
{
	struct incident *inc;

	if (m->ninc == MAX_INC)
		die("internal error: too many incidents in one month");
	inc = &m->inc[m->ninc++];
	inc->system = sys;
	inc->severity = sev;
	inc->opened = opened;
	inc->resolved = resolved;
	inc->summary = summary;
}

/*
 * Adds the month's incidents: a few routine P2/P3 ones, resolved within their
 * targets and inside the month, plus the scripted ones opened in it; then
 * numbers them in order of opening from *next_id.
 */
static void gen_incidents(const struct tenant *t, int mi, struct rng *r, int *next_id,
			  struct month *m)
{
	int y, mon, ndays, n, i, j, live = 0, last = -1;
	const char *live_sys[MAX_SYS];

	month_ym(mi, &y, &mon);
	ndays = days_in_month(y, mon);
	for (i = 0; i < t->nsys; i++)
		if (t->sys[i].launch <= mi)
			live_sys[live++] = t->sys[i].id;

	n = rng_int(r, 0, t->routine_max);
	for (i = 0; i < n; i++) {
		const char *sys = live_sys[rng_int(r, 0, live - 1)];
		int p2 = rng_unit(r) < 0.3, p1 = t->chaos && rng_unit(r) < 0.03;
		long long opened = (long long)days_from_civil(y, mon, rng_int(r, 1, ndays - 3)) * 1440 +
				   rng_int(r, 6 * 60, 20 * 60);
		int minutes = p1 ? rng_int(r, 30, 200) : p2 ? rng_int(r, 20, 600) : rng_int(r, 60, 2880);
		long long resolved = opened + minutes;
		int pick = rng_int(r, 0, t->nsummaries - 2);	/* never the previous one again */

		if (pick >= last && last >= 0)
			pick++;
		last = pick;

		if (t->chaos && mi == NMONTHS - 1 && rng_unit(r) < 0.1)
			resolved = -1;
		add_incident(m, sys, p1 ? "P1" : p2 ? "P2" : "P3", opened, resolved,
			     t->summaries[pick]);
	}
	for (i = 0; i < t->nincidents; i++) {
		const struct incident_event *ev = &t->incidents[i];
		long long opened = parse_time(ev->opened);
		int oy, om, od;

		civil_from_days((long)(opened / 1440), &oy, &om, &od);
		if (oy == y && om == mon)
			add_incident(m, ev->system, ev->severity, opened,
				     ev->resolved ? parse_time(ev->resolved) : -1, ev->summary);
	}

	/* Stable insertion sort by opening time, then number them. */
	for (i = 1; i < m->ninc; i++) {
		struct incident tmp = m->inc[i];

		for (j = i; j > 0 && m->inc[j - 1].opened > tmp.opened; j--)
			m->inc[j] = m->inc[j - 1];
		m->inc[j] = tmp;
	}
	for (i = 0; i < m->ninc; i++)
		snprintf(m->inc[i].id, sizeof m->inc[i].id, "INC-%d", (*next_id)++);
}

/* Population Stability Index of two histograms, shares floored at 0.0001 (SPEC section 4). */
static double psi(const int *base, const int *cur, int n)
{
	long bt = 0, ct = 0;
	double sum = 0;
	int i;

	for (i = 0; i < n; i++) {
		bt += base[i];
		ct += cur[i];
	}
	for (i = 0; i < n; i++) {
		double b = bt ? (double)base[i] / bt : 0, c = ct ? (double)cur[i] / ct : 0;

		b = b < 0.0001 ? 0.0001 : b;
		c = c < 0.0001 ? 0.0001 : c;
		sum += (c - b) * log(c / b);
	}
	return sum;
}

static int psi_status(double p)
{
	return p < 0.1 ? STABLE : p < 0.25 ? MODERATE : SIGNIFICANT;
}

/*
 * Fills cur[] (about `total` counts) so that its PSI against base[] has the
 * wanted status: the base shape with sampling noise and a share w of every bin
 * moved to the next bin up. Stable months get a small random w (shrunk, with
 * the noise, until PSI < 0.1); moderate and significant drift grow w until PSI
 * reaches 0.15 or 0.3. Dies if that cannot be reached (a bad feature table).
 */
static void drift_current(struct rng *r, const int *base, int n, long total, int status, int *cur)
{
	double noise[MAX_BINS], share[MAX_BINS], wobble = 0.12 * rng_unit(r);
	int i, step;

	for (i = 0; i < n; i++)
		noise[i] = 0.03 * rng_normal(r);
	for (step = 0; step <= 200; step++) {
		double damp = status == STABLE ? 1.0 / (1 + step) : 1;
		double w = status == STABLE ? wobble * damp : step * 0.005;
		double sum = 0, p;

		for (i = 0; i < n; i++) {
			share[i] = (1 - w) * base[i] + (i > 0 ? w * base[i - 1] : 0);
			if (i == n - 1)
				share[i] += w * base[i];
			share[i] *= 1 + noise[i] * damp;
			sum += share[i];
		}
		for (i = 0; i < n; i++)
			cur[i] = (int)round_pos(total * share[i] / sum);
		p = psi(base, cur, n);
		if (psi_status(p) == status && (status != MODERATE || p >= 0.15) &&
		    (status != SIGNIFICANT || p >= 0.3))
			return;
	}
	die("internal error: cannot reach drift status %d", status);
}

/*
 * Fills the drift record of one feature of a system for month mi: the reference
 * histogram is the same every month (seeded by tenant, system and feature), the
 * current one has the month's task count and the scripted (or random) status.
 */
static void gen_drift(const struct tenant *t, const struct system *s, const struct feature *f,
		      int mi, long total, struct rng *r, struct drift_row *d)
{
	struct rng br = rng_seeded(hash_str(hash_str(t->seed, s->id), f->name));
	int btotal = rng_int(&br, 4000, 6000), shape_sum = 0, status = STABLE, i;

	for (i = 0; i < f->nbins; i++)
		shape_sum += f->shape[i];
	for (i = 0; i < f->nbins; i++)
		d->base[i] = (int)round_pos((double)btotal * f->shape[i] / shape_sum *
					    (1 + 0.03 * rng_normal(&br)));
	if (t->chaos && mi == NMONTHS - 1) {
		double u = rng_unit(r);

		status = u < 0.05 ? SIGNIFICANT : u < 0.15 ? MODERATE : STABLE;
	}
	for (i = 0; i < t->ndrift_events; i++) {
		const struct drift_event *ev = &t->drift_events[i];

		if (month_index(ev->month) == mi && strcmp(ev->system, s->id) == 0 &&
		    strcmp(ev->feature, f->name) == 0)
			status = ev->status;
	}
	d->system = s->id;
	d->feat = f;
	drift_current(r, d->base, f->nbins, total, status, d->cur);
}

/* Re-sends the last day of the previous month for the correction's system, with more tasks. */
static void add_correction(const struct tenant *t, const struct month *prev, struct month *m)
{
	const struct correction *c = t->correction;
	const struct day_row *last = NULL;
	int i;

	for (i = 0; i < prev->ndaily; i++)
		if (strcmp(prev->daily[i].system, c->system) == 0)
			last = &prev->daily[i];
	if (last == NULL)
		die("internal error: no row to correct for '%s'", c->system);
	m->daily[m->ndaily] = *last;
	m->daily[m->ndaily++].tasks += c->extra_tasks;
}

/*
 * Generates month mi of tenant t into m. Every random number comes from a
 * stream seeded by tenant and month, so months are independent of each other;
 * prev is the previous month (for the correction row), next_id the next
 * incident number.
 */
static void gen_month(const struct tenant *t, int mi, const struct month *prev, int *next_id,
		      struct month *m)
{
	struct rng r = rng_seeded(t->seed ^ (0x9E3779B97F4A7C15ULL * (uint64_t)(mi + 1)));
	long day0 = days_from_civil(FIRST_YEAR, FIRST_MON, 1);
	long span = days_from_civil(FIRST_YEAR + 1, FIRST_MON, 31) - day0;
	long tasks[MAX_SYS] = { 0 };
	int y, mon, d, i, j;

	month_ym(mi, &y, &mon);
	m->mi = mi;
	m->ndaily = m->ninteg = m->ninc = m->ndrift = 0;
	for (d = 1; d <= days_in_month(y, mon); d++) {
		long z = days_from_civil(y, mon, d);
		int ymd = y * 10000 + mon * 100 + d;
		int wday = (int)((z + 4) % 7);	/* 0 is Sunday */
		int offday = wday == 0 || wday == 6 || is_holiday(t->region, ymd);

		for (i = 0; i < t->nsys; i++) {
			const struct system *s = &t->sys[i];
			struct day_row *row;

			if (s->launch > mi)
				continue;
			row = &m->daily[m->ndaily++];
			gen_day(t, s, mi, ymd, (double)(z - day0) / span, offday,
				find_day_event(t, s->id, ymd), &r, row);
			tasks[i] += row->tasks;
			for (j = 0; j < s->nep; j++)
				gen_integration(t, s, &s->ep[j], ymd, row->tasks, &r,
						&m->integ[m->ninteg++]);
		}
	}
	gen_incidents(t, mi, &r, next_id, m);
	for (i = 0; i < t->nsys; i++) {
		const struct system *s = &t->sys[i];

		for (j = 0; j < s->nfeat && s->launch <= mi; j++)
			gen_drift(t, s, s->feat[j], mi, tasks[i], &r, &m->drift[m->ndrift++]);
	}
	if (t->correction && month_index(t->correction->month) == mi)
		add_correction(t, prev, m);
}

/* ---- writers ---- */

/* Appends `, "key": value`; nothing for an absent (negative) value. */
static void json_int(struct buf *b, const char *key, long v)
{
	if (v < 0)
		return;
	buf_puts(b, ", \"");
	buf_puts(b, key);
	buf_puts(b, "\": ");
	buf_uint(b, (unsigned long long)v);
}

/* Appends `, "key": 0.1234` for a rate held in 1e-4; nothing when absent (negative). */
static void json_rate(struct buf *b, const char *key, int bp)
{
	if (bp < 0)
		return;
	buf_puts(b, ", \"");
	buf_puts(b, key);
	buf_puts(b, "\": ");
	buf_fixed(b, (unsigned)bp, 4, 1);
}

static void json_key_money(struct buf *b, const char *key, long cents)
{
	buf_putc(b, '"');
	buf_puts(b, key);
	buf_puts(b, "\": ");
	buf_fixed(b, (unsigned long)cents, 2, 0);
}

static void json_counts(struct buf *b, const int *v, int n)
{
	int i;

	buf_putc(b, '[');
	for (i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ", ");
		buf_uint(b, (unsigned)v[i]);
	}
	buf_putc(b, ']');
}

/* Opens the JSON array of a section ("key": [ or "key": [] when empty). */
static void json_section(struct buf *b, const char *key, int empty)
{
	buf_puts(b, ",\n  \"");
	buf_puts(b, key);
	buf_puts(b, empty ? "\": []" : "\": [\n");
}

static void json_item(struct buf *b, int i)
{
	buf_puts(b, i ? ",\n    { " : "    { ");
}

static void json_end_section(struct buf *b, int empty)
{
	if (!empty)
		buf_puts(b, "\n  ]");
}

/* The header sections of a JSON export: tenant, month, assumptions, SLA and systems in force. */
static void json_header(struct buf *b, const struct tenant *t, int mi)
{
	const struct assumptions *a = assumptions_at(t, mi);
	char label[8];
	int i, first = 1;

	month_label(mi, label);
	buf_puts(b, "{\n  \"format\": \"roic-kpi/1\",\n  \"month\": \"");
	buf_puts(b, label);
	buf_puts(b, "\",\n  \"tenant\": {\n    \"id\": ");
	buf_json_str(b, t->id);
	buf_puts(b, ",\n    \"name\": ");
	buf_json_str(b, t->name);
	buf_puts(b, ",\n    \"locale\": ");
	buf_json_str(b, t->locale);
	buf_puts(b, ",\n    \"currency\": ");
	buf_json_str(b, t->currency);
	if (t->color) {
		buf_puts(b, ",\n    \"brand\": { \"color\": ");
		buf_json_str(b, t->color);
		if (t->logo != LOGO_NONE)
			buf_puts(b, ", \"logo\": \"logo.png\"");
		buf_puts(b, " }");
	}
	buf_puts(b, "\n  },\n  \"assumptions\": { ");
	json_key_money(b, "hourly_rate", a->hourly_rate);
	buf_puts(b, ", ");
	json_key_money(b, "cost_per_error", a->cost_per_error);
	buf_puts(b, ", ");
	json_key_money(b, "monthly_fee", a->monthly_fee);
	buf_puts(b, " },\n  \"sla\": {\n    \"availability\": ");
	buf_fixed(b, (unsigned)t->sla.availability_bp, 4, 1);
	buf_puts(b, ",\n    \"p95_latency_ms\": ");
	buf_uint(b, (unsigned)t->sla.p95_ms);
	buf_puts(b, ",\n    \"resolution_minutes\": { \"P1\": ");
	buf_uint(b, (unsigned)t->sla.resolution[0]);
	buf_puts(b, ", \"P2\": ");
	buf_uint(b, (unsigned)t->sla.resolution[1]);
	buf_puts(b, ", \"P3\": ");
	buf_uint(b, (unsigned)t->sla.resolution[2]);
	buf_puts(b, " },\n    \"accuracy\": ");
	buf_fixed(b, (unsigned)t->sla.accuracy_bp, 4, 1);
	buf_puts(b, "\n  },\n  \"systems\": [\n");
	for (i = 0; i < t->nsys; i++) {
		const struct system *s = &t->sys[i];
		const struct baseline *bl = baseline_at(s, mi);

		if (s->launch > mi)
			continue;
		buf_puts(b, first ? "    { \"id\": " : ",\n    { \"id\": ");
		first = 0;
		buf_json_str(b, s->id);
		buf_puts(b, ", \"name\": ");
		buf_json_str(b, s->name);
		buf_puts(b, ", \"model\": ");
		buf_json_str(b, s->model);
		buf_puts(b, ",\n      \"baseline\": { \"minutes_per_task\": ");
		buf_fixed(b, (unsigned)bl->minutes_x10, 1, 0);
		buf_puts(b, ", \"error_rate\": ");
		buf_fixed(b, (unsigned)bl->error_bp, 4, 1);
		buf_puts(b, " } }");
	}
	buf_puts(b, "\n  ]");
}

/* A whole JSON export of month m. */
static void json_month(struct buf *b, const struct tenant *t, const struct month *m)
{
	char label[8];
	int i;

	month_label(m->mi, label);
	json_header(b, t, m->mi);

	json_section(b, "daily", m->ndaily == 0);
	for (i = 0; i < m->ndaily; i++) {
		const struct day_row *r = &m->daily[i];

		json_item(b, i);
		buf_puts(b, "\"date\": \"");
		buf_ymd(b, r->ymd);
		buf_puts(b, "\", \"system\": ");
		buf_json_str(b, r->system);
		json_int(b, "tasks", r->tasks);
		json_int(b, "errors", r->errors);
		json_int(b, "uptime_min", r->uptime);
		json_int(b, "downtime_min", r->downtime);
		json_int(b, "p95_latency_ms", r->p95_ms);
		json_rate(b, "accuracy", r->acc_bp);
		json_rate(b, "hallucination_rate", r->halluc_bp);
		if (r->cost_cents >= 0) {
			buf_puts(b, ", ");
			json_key_money(b, "llm_cost", r->cost_cents);
		}
		json_int(b, "llm_calls", r->calls);
		json_int(b, "cache_hits", r->cache_hits);
		buf_puts(b, " }");
	}
	json_end_section(b, m->ndaily == 0);

	json_section(b, "incidents", m->ninc == 0);
	for (i = 0; i < m->ninc; i++) {
		const struct incident *inc = &m->inc[i];

		json_item(b, i);
		buf_puts(b, "\"id\": ");
		buf_json_str(b, inc->id);
		buf_puts(b, ", \"system\": ");
		buf_json_str(b, inc->system);
		buf_puts(b, ", \"severity\": ");
		buf_json_str(b, inc->severity);
		buf_puts(b, ",\n      \"opened\": \"");
		buf_time(b, inc->opened);
		if (inc->resolved >= 0) {
			buf_puts(b, "\", \"resolved\": \"");
			buf_time(b, inc->resolved);
			buf_puts(b, "\",\n      \"summary\": ");
		} else {
			buf_puts(b, "\", \"resolved\": null,\n      \"summary\": ");
		}
		buf_json_str(b, inc->summary);
		buf_puts(b, " }");
	}
	json_end_section(b, m->ninc == 0);

	json_section(b, "drift", m->ndrift == 0);
	for (i = 0; i < m->ndrift; i++) {
		const struct drift_row *d = &m->drift[i];
		int k;

		json_item(b, i);
		buf_puts(b, "\"system\": ");
		buf_json_str(b, d->system);
		buf_puts(b, ", \"feature\": ");
		buf_json_str(b, d->feat->name);
		buf_puts(b, ", \"month\": \"");
		buf_puts(b, label);
		buf_puts(b, "\",\n      \"edges\": [");
		for (k = 0; k <= d->feat->nbins; k++) {
			if (k)
				buf_puts(b, ", ");
			buf_real(b, d->feat->edges[k]);
		}
		buf_puts(b, "],\n      \"baseline\": ");
		json_counts(b, d->base, d->feat->nbins);
		buf_puts(b, ", \"current\": ");
		json_counts(b, d->cur, d->feat->nbins);
		buf_puts(b, " }");
	}
	json_end_section(b, m->ndrift == 0);

	json_section(b, "integrations", m->ninteg == 0);
	for (i = 0; i < m->ninteg; i++) {
		const struct integ_row *g = &m->integ[i];

		json_item(b, i);
		buf_puts(b, "\"date\": \"");
		buf_ymd(b, g->ymd);
		buf_puts(b, "\", \"system\": ");
		buf_json_str(b, g->system);
		buf_puts(b, ", \"endpoint\": ");
		buf_json_str(b, g->endpoint);
		json_int(b, "calls", g->calls);
		json_int(b, "failures", g->failures);
		json_int(b, "p95_latency_ms", g->p95_ms);
		buf_puts(b, " }");
	}
	json_end_section(b, m->ninteg == 0);
	buf_puts(b, "\n}\n");
}

/* Appends `,value` to a CSV row, or a bare comma for an absent (negative) value. */
static void csv_opt_int(struct buf *b, long v)
{
	buf_putc(b, ',');
	if (v >= 0)
		buf_uint(b, (unsigned long long)v);
}

/* The daily CSV export of month m (drift and integrations have no CSV form). */
static void csv_daily(struct buf *b, const struct tenant *t, const struct month *m)
{
	int i;

	buf_puts(b, "tenant,date,system,tasks,errors,uptime_min,downtime_min,p95_latency_ms,"
		    "accuracy,hallucination_rate,llm_cost,llm_calls,cache_hits\n");
	for (i = 0; i < m->ndaily; i++) {
		const struct day_row *r = &m->daily[i];

		buf_csv_str(b, t->id);
		buf_putc(b, ',');
		buf_ymd(b, r->ymd);
		buf_putc(b, ',');
		buf_csv_str(b, r->system);
		csv_opt_int(b, r->tasks);
		csv_opt_int(b, r->errors);
		csv_opt_int(b, r->uptime);
		csv_opt_int(b, r->downtime);
		csv_opt_int(b, r->p95_ms);
		buf_putc(b, ',');
		if (r->acc_bp >= 0)
			buf_fixed(b, (unsigned)r->acc_bp, 4, 1);
		buf_putc(b, ',');
		if (r->halluc_bp >= 0)
			buf_fixed(b, (unsigned)r->halluc_bp, 4, 1);
		buf_putc(b, ',');
		if (r->cost_cents >= 0)
			buf_fixed(b, (unsigned long)r->cost_cents, 2, 0);
		csv_opt_int(b, r->calls);
		csv_opt_int(b, r->cache_hits);
		buf_putc(b, '\n');
	}
}

/* The incident CSV export of month m; an empty resolved cell means still open. */
static void csv_incidents(struct buf *b, const struct tenant *t, const struct month *m)
{
	int i;

	buf_puts(b, "tenant,id,system,severity,opened,resolved,summary\n");
	for (i = 0; i < m->ninc; i++) {
		const struct incident *inc = &m->inc[i];

		buf_csv_str(b, t->id);
		buf_putc(b, ',');
		buf_csv_str(b, inc->id);
		buf_putc(b, ',');
		buf_csv_str(b, inc->system);
		buf_putc(b, ',');
		buf_csv_str(b, inc->severity);
		buf_putc(b, ',');
		buf_time(b, inc->opened);
		buf_putc(b, ',');
		if (inc->resolved >= 0)
			buf_time(b, inc->resolved);
		buf_putc(b, ',');
		buf_csv_str(b, inc->summary);
		buf_putc(b, '\n');
	}
}

/*
 * Writes month m of tenant t into dir (the tenant's folder): a JSON export, or
 * for a CSV month a daily CSV plus an incident CSV when it has incidents.
 * Returns 0, or -1 after reporting.
 */
static int write_month(const char *dir, const struct tenant *t, const struct month *m,
		       struct buf *b)
{
	char label[8], name[128], path[PATH_LEN];
	const char *prefix = t->file_prefix ? t->id : "";
	const char *dash = t->file_prefix ? "-" : "";

	month_label(m->mi, label);
	b->len = 0;
	if (!(t->csv_months & (1u << m->mi))) {
		json_month(b, t, m);
		snprintf(name, sizeof name, "%s%s%s.json", prefix, dash, label);
		path_join(path, dir, name);
		return write_file(path, b);
	}
	csv_daily(b, t, m);
	snprintf(name, sizeof name, "%s%s%s-daily.csv", prefix, dash, label);
	path_join(path, dir, name);
	if (write_file(path, b) != 0)
		return -1;
	if (m->ninc == 0)
		return 0;
	b->len = 0;
	csv_incidents(b, t, m);
	snprintf(name, sizeof name, "%s%s%s-incidents.csv", prefix, dash, label);
	path_join(path, dir, name);
	return write_file(path, b);
}

/* ---- the logo: a minimal PNG writer (indexed colour, stored deflate blocks) ---- */

static uint32_t crc32_of(const unsigned char *p, size_t n, uint32_t crc)
{
	static uint32_t table[256];
	size_t i;

	if (table[1] == 0) {
		for (i = 0; i < 256; i++) {
			uint32_t c = (uint32_t)i;
			int k;

			for (k = 0; k < 8; k++)
				c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
	}
	crc = ~crc;
	for (i = 0; i < n; i++)
		crc = table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
	return ~crc;
}

static uint32_t adler32_of(const unsigned char *p, size_t n)
{
	uint32_t a = 1, b = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		a = (a + p[i]) % 65521;
		b = (b + a) % 65521;
	}
	return b << 16 | a;
}

static void buf_be32(struct buf *b, uint32_t v)
{
	unsigned char x[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 8), (unsigned char)v };

	buf_put(b, x, 4);
}

/* Appends a PNG chunk: length, type, data and the CRC-32 of type and data. */
static void png_chunk(struct buf *b, const char *type, const unsigned char *data, size_t n)
{
	size_t start;

	buf_be32(b, (uint32_t)n);
	start = b->len;
	buf_put(b, type, 4);
	if (n)
		buf_put(b, data, n);
	buf_be32(b, crc32_of((unsigned char *)b->data + start, n + 4, 0));
}

/*
 * Encodes a w x h image of palette indices (one byte a pixel) as a PNG with
 * an 8-bit palette and a tRNS chunk, its IDAT a zlib stream of stored
 * (uncompressed) deflate blocks.
 */
static void png_encode(struct buf *b, const unsigned char *px, int w, int h,
		       const unsigned char *plte, int ncolors, const unsigned char *alpha)
{
	static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	unsigned char ihdr[13] = { 0 };
	struct buf raw = { 0 }, z = { 0 };
	size_t off;
	int y;

	for (y = 0; y < h; y++) {
		buf_putc(&raw, 0);	/* filter: none */
		buf_put(&raw, px + (size_t)y * w, (size_t)w);
	}
	buf_putc(&z, 0x78);	/* deflate, 32K window */
	buf_putc(&z, 0x01);	/* no preset dictionary, check bits */
	for (off = 0; off < raw.len;) {
		size_t n = raw.len - off > 65535 ? 65535 : raw.len - off;
		unsigned char hdr[5];

		hdr[0] = off + n == raw.len;	/* BFINAL, BTYPE 00: stored */
		hdr[1] = (unsigned char)n;
		hdr[2] = (unsigned char)(n >> 8);
		hdr[3] = (unsigned char)~n;
		hdr[4] = (unsigned char)(~n >> 8);
		buf_put(&z, hdr, 5);
		buf_put(&z, raw.data + off, n);
		off += n;
	}
	buf_be32(&z, adler32_of((unsigned char *)raw.data, raw.len));

	ihdr[0] = (unsigned char)(w >> 24);
	ihdr[1] = (unsigned char)(w >> 16);
	ihdr[2] = (unsigned char)(w >> 8);
	ihdr[3] = (unsigned char)w;
	ihdr[4] = (unsigned char)(h >> 24);
	ihdr[5] = (unsigned char)(h >> 16);
	ihdr[6] = (unsigned char)(h >> 8);
	ihdr[7] = (unsigned char)h;
	ihdr[8] = 8;	/* bit depth */
	ihdr[9] = 3;	/* colour type: indexed */
	buf_put(b, signature, 8);
	png_chunk(b, "IHDR", ihdr, 13);
	png_chunk(b, "PLTE", plte, (size_t)ncolors * 3);
	png_chunk(b, "tRNS", alpha, (size_t)ncolors);
	png_chunk(b, "IDAT", (unsigned char *)z.data, z.len);
	png_chunk(b, "IEND", NULL, 0);
	free(raw.data);
	free(z.data);
}

/*
 * Draws the tenant's logo, a 160x48 mark in its brand colour (a ring, or two
 * peaks) beside two bars of a word mark on a transparent ground, and writes it
 * to dir/logo.png. Returns 0, or -1 after reporting.
 */
static int write_logo(const char *dir, const struct tenant *t, struct buf *b)
{
	enum { W = 160, H = 48, CLEAR = 0, BRAND, TINT, INK };
	static unsigned char px[W * H];
	unsigned char plte[12], alpha[4] = { 0, 255, 255, 255 };
	unsigned long rgb = strtoul(t->color + 1, NULL, 16);
	char path[PATH_LEN];
	int x, y, i;

	for (i = 0; i < 3; i++) {
		unsigned c = (unsigned)(rgb >> (16 - 8 * i)) & 0xFF;

		plte[i] = 255;				/* CLEAR: white */
		plte[3 + i] = (unsigned char)c;		/* BRAND */
		plte[6 + i] = (unsigned char)(c + (255 - c) * 11 / 20);	/* TINT: 55% white */
		plte[9 + i] = (unsigned char)(i == 2 ? 0x3B : i == 1 ? 0x31 : 0x27); /* INK */
	}
	for (y = 0; y < H; y++) {
		for (x = 0; x < W; x++) {
			int dx = x - 24, dy = y - 24, d2 = dx * dx + dy * dy, c = CLEAR;

			if (t->logo == LOGO_RING) {
				if (d2 <= 20 * 20)
					c = d2 <= 9 * 9 ? TINT : d2 <= 12 * 12 ? CLEAR : BRAND;
			} else if (y <= 42) {
				if (y >= 16 && abs(x - 32) <= (y - 16) * 14 / 26)
					c = TINT;	/* far peak */
				if (y >= 6 && abs(x - 18) <= (y - 6) * 16 / 36)
					c = BRAND;	/* near peak */
			}
			if (x >= 54 && x <= 152 && y >= 13 && y <= 21)
				c = INK;
			if (x >= 54 && x <= 122 && y >= 27 && y <= 33)
				c = BRAND;
			px[y * W + x] = (unsigned char)c;
		}
	}
	b->len = 0;
	png_encode(b, px, W, H, plte, 4, alpha);
	path_join(path, dir, "logo.png");
	return write_file(path, b);
}

/* ---- the two modes ---- */

/* Writes every month of tenant t into root/<id>/; returns 0, or -1 after reporting. */
static int write_tenant(const char *root, const struct tenant *t, struct month *cur,
			struct month *prev, struct buf *b)
{
	char dir[PATH_LEN];
	int mi, next_id = t->first_incident;

	path_join(dir, root, t->id);
	if (mkdir_p(dir) != 0)
		return -1;
	if (t->logo != LOGO_NONE && write_logo(dir, t, b) != 0)
		return -1;
	for (mi = 0; mi < NMONTHS; mi++) {
		struct month *tmp;

		gen_month(t, mi, prev, &next_id, cur);
		if (write_month(dir, t, cur, b) != 0)
			return -1;
		tmp = prev;
		prev = cur;
		cur = tmp;
	}
	return 0;
}

/* The templates bench tenants draw their systems from, with a French name for fr-CA tenants. */
static const struct bench_system {
	struct system sys;
	const char *name_fr;
} bench_pool[] = {
	{ { .id = "intake-triage", .name = "Intake triage", .model = "gpt-4.1-mini",
	    .base = { { 0, 40, 480 } }, .nbase = 1, .volume = 200, .weekend_pct = 35,
	    .growth_pct = 30, .err_bp = { 180, 140 }, .p95_ms = 860, .acc_bp = { 9640, 9760 },
	    .halluc_bp = { 60, 30 }, .calls_x10 = 14, .cache_pct = { 18, 34 }, .llm_counts = 2,
	    .price_e5 = 7300, .ep = { { "ehr-api", 32, 410 } }, .nep = 1,
	    .feat = { &f_message_length }, .nfeat = 1 }, "Triage des demandes" },
	{ { .id = "support-chatbot", .name = "Customer support chatbot", .model = "gpt-4.1-mini",
	    .base = { { 0, 35, 350 } }, .nbase = 1, .volume = 250, .weekend_pct = 60,
	    .growth_pct = 35, .err_bp = { 130, 100 }, .p95_ms = 640, .acc_bp = { 9660, 9790 },
	    .halluc_bp = { 80, 40 }, .calls_x10 = 24, .cache_pct = { 28, 46 }, .llm_counts = 2,
	    .price_e5 = 2400, .ep = { { "crm", 14, 280 } }, .nep = 1,
	    .feat = { &f_turns }, .nfeat = 1 }, "Agent conversationnel" },
	{ { .id = "invoice-triage", .name = "Invoice triage assistant", .model = "claude-sonnet-4",
	    .base = { { 0, 50, 500 } }, .nbase = 1, .volume = 150, .weekend_pct = 8,
	    .growth_pct = 30, .err_bp = { 190, 150 }, .p95_ms = 950, .acc_bp = { 9630, 9770 },
	    .calls_x10 = 16, .cache_pct = { 15, 30 }, .llm_counts = 2, .price_e5 = 11000,
	    .ep = { { "erp", 25, 480 } }, .nep = 1,
	    .feat = { &f_invoice_lines }, .nfeat = 1 }, "Tri des factures" },
	{ { .id = "claims-triage", .name = "Claims triage", .model = "gpt-4.1-mini",
	    .base = { { 0, 80, 550 } }, .nbase = 1, .volume = 90, .weekend_pct = 20,
	    .growth_pct = 20, .err_bp = { 200, 160 }, .p95_ms = 1300, .acc_bp = { 9620, 9740 },
	    .halluc_bp = { 70, 40 }, .calls_x10 = 18, .cache_pct = { 12, 26 }, .llm_counts = 2,
	    .price_e5 = 12600, .ep = { { "claims-api", 30, 520 } }, .nep = 1,
	    .feat = { &f_claim_amount }, .nfeat = 1 }, "Triage des réclamations" },
	{ { .id = "doc-extraction", .name = "Document extraction", .model = "gpt-4.1",
	    .base = { { 0, 45, 520 } }, .nbase = 1, .volume = 140, .weekend_pct = 5,
	    .growth_pct = 20, .err_bp = { 200, 160 }, .p95_ms = 1400, .acc_bp = { 9600, 9700 },
	    .calls_x10 = 11, .cache_pct = { 0, 5 }, .llm_counts = 1, .price_e5 = 12600,
	    .ep = { { "dms", 22, 700 } }, .nep = 1,
	    .feat = { &f_ocr_confidence }, .nfeat = 1 }, "Extraction de documents" },
	{ { .id = "scheduling-assistant", .name = "Scheduling assistant", .model = "claude-3-5-haiku",
	    .base = { { 0, 30, 300 } }, .nbase = 1, .volume = 180, .weekend_pct = 40,
	    .growth_pct = 25, .err_bp = { 110, 90 }, .p95_ms = 700, .acc_bp = { 9710, 9800 },
	    .calls_x10 = 22, .cache_pct = { 25, 40 }, .llm_counts = 2, .price_e5 = 3400,
	    .ep = { { "calendar-api", 18, 390 } }, .nep = 1,
	    .feat = { &f_lead_days }, .nfeat = 1 }, "Assistant de prise de rendez-vous" },
	{ { .id = "notes-summariser", .name = "Notes summariser", .model = "gpt-4.1",
	    .base = { { 0, 75, 620 } }, .nbase = 1, .volume = 70, .weekend_pct = 15,
	    .growth_pct = 45, .err_bp = { 230, 170 }, .p95_ms = 1150, .acc_bp = { 9580, 9720 },
	    .acc_weekdays = 1, .halluc_bp = { 110, 55 }, .calls_x10 = 12, .cache_pct = { 5, 12 },
	    .llm_counts = 1, .price_e5 = 29000, .ep = { { "records-api", 25, 450 } }, .nep = 1,
	    .feat = { &f_note_tokens }, .nfeat = 1 }, "Résumé des notes" },
	{ { .id = "quote-assistant", .name = "Quote assistant", .model = "mistral-large-2411",
	    .base = { { 0, 60, 450 } }, .nbase = 1, .volume = 80, .weekend_pct = 10,
	    .growth_pct = 35, .err_bp = { 160, 120 }, .p95_ms = 1600, .acc_bp = { 9600, 9730 },
	    .calls_x10 = 30, .cache_pct = { 10, 22 }, .llm_counts = 1, .price_e5 = 7000,
	    .ep = { { "rating-engine", 20, 640 } }, .nep = 1,
	    .feat = { &f_claim_amount }, .nfeat = 1 }, "Assistant de soumissions" },
};

/* A bench tenant with the storage its strings and systems point into. */
struct bench_tenant {
	struct tenant t;
	char id[8], name[96];
	struct system sys[3];
};

/*
 * Makes bench tenant i (1-based): locale, brand, assumptions and three systems
 * drawn from the pool, with a monthly fee (and if need be volumes) set so that
 * its ROI lands between about 2 and 4.
 */
static void bench_tenant(int i, struct bench_tenant *bt)
{
	static const char *const places_en[] = { "Bayside", "Cedar Point", "Granite", "Harbor",
		"Lakeshore", "Maple Ridge", "Northgate", "Pinecrest", "Riverbend", "Summit" };
	static const char *const kinds_en[] = { "Dental Group", "Logistics", "Insurance",
		"Health Partners", "Legal LLP", "Property Management", "Credit Union",
		"Manufacturing" };
	static const char *const kinds_fr[] = { "Clinique dentaire", "Groupe", "Coopérative",
		"Cabinet juridique", "Services financiers", "Transport" };
	static const char *const places_fr[] = { "Beauséjour", "des Érables", "Montmorency",
		"Saint-Laurent", "de la Côte", "Bellechasse" };
	static const char *const colors[] = { "#1F6FEB", "#0B6E4F", "#0E7C86", "#B3261E",
		"#6F42C1", "#C2410C", "#374151", "#A16207" };
	static const int p95_targets[] = { 1200, 1500, 2000, 2500 };
	static const int availability[] = { 9900, 9950, 9950, 9990 };
	struct tenant *t = &bt->t;
	struct rng r = rng_seeded(0xB3AC4ULL * (uint64_t)i + 0x5EED);
	double benefit = 0, llm = 0, ratio, fee, scale;
	int used = 0, k, fr, us;
	double u = rng_unit(&r);

	memset(bt, 0, sizeof *bt);
	snprintf(bt->id, sizeof bt->id, "t%05d", i);
	us = u < 0.5;
	fr = !us && u >= 0.8;
	if (fr)
		snprintf(bt->name, sizeof bt->name, "%s %s", kinds_fr[rng_int(&r, 0, 5)],
			 places_fr[rng_int(&r, 0, 5)]);
	else
		snprintf(bt->name, sizeof bt->name, "%s %s", places_en[rng_int(&r, 0, 9)],
			 kinds_en[rng_int(&r, 0, 7)]);
	t->id = bt->id;
	t->name = bt->name;
	t->locale = us ? "en-US" : fr ? "fr-CA" : "en-CA";
	t->currency = us ? "USD" : "CAD";
	t->region = us ? "US" : fr ? "QC" : "CA";
	t->color = colors[rng_int(&r, 0, 7)];
	t->assume[0].hourly_rate = 100L * rng_int(&r, 45, 95);
	t->assume[0].cost_per_error = 100L * rng_int(&r, 15, 60);
	t->nassume = 1;
	t->sla.availability_bp = availability[rng_int(&r, 0, 3)];
	t->sla.p95_ms = p95_targets[rng_int(&r, 0, 3)];
	t->sla.resolution[0] = 240;
	t->sla.resolution[1] = 1440;
	t->sla.resolution[2] = 4320;
	t->sla.accuracy_bp = 9500;
	t->csv_months = 1u << 3 | 1u << 7 | 1u << 11;
	t->first_incident = 1001;
	t->routine_max = 3;
	t->summaries = fr ? summaries_fr : summaries_en;
	t->nsummaries = fr ? COUNT(summaries_fr) : COUNT(summaries_en);
	t->chaos = 1;
	t->seed = hash_str(0, bt->id);

	/* Three distinct systems; estimate a month's benefit and LLM spend at mid-span. */
	while (t->nsys < 3) {
		int pick = rng_int(&r, 0, COUNT(bench_pool) - 1);
		struct system *s;
		double tasks;

		if (used & 1 << pick)
			continue;
		used |= 1 << pick;
		s = &bt->sys[t->nsys++];
		*s = bench_pool[pick].sys;
		if (fr)
			s->name = bench_pool[pick].name_fr;
		s->volume = s->volume * rng_int(&r, 70, 130) / 100;
		if (s->p95_ms > t->sla.p95_ms * 3 / 5)
			s->p95_ms = t->sla.p95_ms * 3 / 5;
		tasks = s->volume * (5 + 2 * s->weekend_pct / 100.0) / 7 *
			(1 + s->growth_pct / 200.0) * 30.4;
		benefit += tasks * (s->base[0].minutes_x10 / 600.0 * t->assume[0].hourly_rate +
				    (s->base[0].error_bp - s->err_bp[0]) / 10000.0 *
					    t->assume[0].cost_per_error) / 100;
		llm += tasks * s->calls_x10 / 10.0 * (1 - 0.75 * s->cache_pct[0] / 100.0) *
		       s->price_e5 / 1e5;
	}
	t->sys = bt->sys;

	/*
	 * Price the service so that benefit = ratio * (fee + llm); where the fee
	 * would leave 3,000-9,000, keep it at the bound and scale the volumes.
	 */
	ratio = 3 + 2 * rng_unit(&r);	/* cost avoided / AI cost, that is ROI + 1 */
	fee = benefit / ratio - llm;
	fee = fee < 3000 ? 3000 : fee > 9000 ? 9000 : fee;
	t->assume[0].monthly_fee = 10000L * (long)(fee / 100 + 0.5);
	scale = benefit > ratio * llm ? ratio * fee / (benefit - ratio * llm) : 1;
	for (k = 0; k < 3; k++) {
		bt->sys[k].volume = (int)(bt->sys[k].volume * scale);
		if (bt->sys[k].volume < 20)
			bt->sys[k].volume = 20;
	}
}

static int run_demo(const char *root, struct month *cur, struct month *prev, struct buf *b)
{
	int i;

	if (mkdir_p(root) != 0)
		return -1;
	for (i = 0; i < COUNT(demo_tenants); i++) {
		struct tenant t = demo_tenants[i];

		t.seed = hash_str(0, t.id);
		if (write_tenant(root, &t, cur, prev, b) != 0)
			return -1;
	}
	return 0;
}

static int run_bench(int n, const char *root, struct month *cur, struct month *prev, struct buf *b)
{
	struct bench_tenant bt;
	int i;

	if (mkdir_p(root) != 0)
		return -1;
	for (i = 1; i <= n; i++) {
		bench_tenant(i, &bt);
		if (write_tenant(root, &bt.t, cur, prev, b) != 0)
			return -1;
	}
	return 0;
}

static void usage(void)
{
	fputs("usage: genkpi demo DIR\n"
	      "       genkpi bench N DIR\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	struct buf b = { 0 };
	struct month *cur, *prev;
	int rc, n = 0;

	if (argc == 3 && strcmp(argv[1], "demo") == 0 && argv[2][0] != '\0') {
		/* ok */
	} else if (argc == 4 && strcmp(argv[1], "bench") == 0 && argv[3][0] != '\0') {
		char *end;
		long v;

		errno = 0;
		v = strtol(argv[2], &end, 10);
		if (errno || end == argv[2] || *end != '\0' || v < 1 || v > 99999) {
			fprintf(stderr, "genkpi: bad tenant count '%s' (1 to 99999)\n", argv[2]);
			usage();
		}
		n = (int)v;
	} else {
		usage();
	}

	cur = calloc(1, sizeof *cur);
	prev = calloc(1, sizeof *prev);
	if (cur == NULL || prev == NULL)
		die("out of memory");
	rc = n ? run_bench(n, argv[3], cur, prev, &b) : run_demo(argv[2], cur, prev, &b);
	free(cur);
	free(prev);
	free(b.data);
	return rc ? 1 : 0;
}
