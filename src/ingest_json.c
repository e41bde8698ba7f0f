/* ingest_json.c: reads and validates a roic-kpi/1 JSON export (SPEC 3.1). */
#include "ingest_int.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#define MAX_LOGO_BYTES ((size_t)1 << 20)
#define MAX_LOGO_SIDE 1000000	/* libpng's default limit of width, height */
#define NONE JTOK_NONE

static const char *const top_keys[] = { "format", "month", "tenant",
	"assumptions", "sla", "systems", "daily", "incidents", "drift",
	"integrations", NULL };
static const char *const tenant_extra[] = { "brand", NULL };
static const char *const system_extra[] = { "baseline", NULL };

#define TOK(f, i) (&(f)->doc.t[(i)])

/* An error at token `t` (a value, a key, or an object missing a key). */
static int PRINTF(3, 4)
jerr(struct srcfile *f, size_t t, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	ferr_off(f, TOK(f, t)->off, "%s", msg.ptr);
	buf_release(&msg);
	return -1;
}

static int
in_names(const char *const *names, const char *key)
{
	for (; names && *names; names++)
		if (strcmp(*names, key) == 0)
			return 1;
	return 0;
}

static const char *
tname(const struct srcfile *f, size_t t)
{
	return jtok_type_name(TOK(f, t)->type);
}

/* Canonical JSON text of an array of numbers (edges) or counts. */
static int
read_number_array(struct srcfile *f, const struct field *fd, size_t arr,
    struct val *v)
{
	struct buf b = BUF_INIT;
	double prev = 0, sum = 0;
	char num[32];
	size_t i, e;
	int bad = 0;

	buf_addch(&b, '[');
	for (i = 0, e = arr + 1; i < TOK(f, arr)->n; i++, e = TOK(f, e)->next) {
		const struct jtok *t = TOK(f, e);

		if (fd->type == FT_COUNTS) {
			if (t->type != JT_NUMBER || !t->isint || t->i < 0) {
				jerr(f, e, "'%s' must hold counts (non-negative "
				    "JSON integers)", fd->name);
				bad = 1;
				continue;
			}
			sum += t->d;
			snprintf(num, sizeof(num), "%lld", (long long)t->i);
		} else {
			if (t->type != JT_NUMBER || !isfinite(t->d)) {
				jerr(f, e, "'%s' must hold numbers", fd->name);
				bad = 1;
				continue;
			}
			if (i > 0 && t->d <= prev) {
				jerr(f, e, "'%s' must increase from one value to "
				    "the next", fd->name);
				bad = 1;
			}
			prev = t->d;
			fmt_double(prev, num);
		}
		buf_addf(&b, "%s%s", i ? "," : "", num);
	}
	buf_addch(&b, ']');
	if (!bad && fd->type == FT_COUNTS && sum <= 0) {
		jerr(f, arr, "'%s' counts must not all be zero", fd->name);
		bad = 1;
	}
	v->i = (int64_t)TOK(f, arr)->n;
	v->json = buf_detach(&b, NULL);
	return bad ? -1 : 0;
}

/* Canonical JSON of sla.resolution_minutes: severity -> minutes. */
static int
read_targets(struct srcfile *f, size_t obj, struct val *v)
{
	struct buf b = BUF_INIT;
	char num[32];
	size_t i, k;
	int bad = 0;

	buf_addch(&b, '{');
	for (i = 0, k = obj + 1; i < TOK(f, obj)->n;
	    i++, k = TOK(f, k + 1)->next) {
		const char *key = TOK(f, k)->s;
		const struct jtok *t = TOK(f, k + 1);
		size_t n = TOK(f, k)->n;

		if (n == 0 || n > 32 || strspn(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789_-") != n) {
			jerr(f, k, "severity '%.40s' must be 1 to 32 letters, "
			    "digits, '-' or '_'", key);
			bad = 1;
			continue;
		}
		if (t->type != JT_NUMBER || t->d <= 0 || t->d > 1e9) {
			jerr(f, k + 1, "the target of '%s' must be a positive "
			    "number of minutes", key);
			bad = 1;
			continue;
		}
		fmt_double(t->d, num);
		buf_addf(&b, "%s\"%s\":%s", b.len > 1 ? "," : "", key, num);
	}
	buf_addch(&b, '}');
	v->json = buf_detach(&b, NULL);
	return bad ? -1 : 0;
}

/*
 * Converts value token `t` to a value of field `fd`, with every check of
 * the field. Reports at the value.
 */
static int
read_value(struct srcfile *f, const struct field *fd, size_t t, struct val *v)
{
	const struct jtok *tk = TOK(f, t);
	struct buf msg = BUF_INIT;
	int rc = 0;

	v->present = 0;
	if (tk->type == JT_NULL) {
		if (fd->required)
			return jerr(f, t, "'%s' is required and must not be "
			    "null", fd->name);
		return 0;
	}
	switch (fd->type) {
	case FT_COUNT:
		if (tk->type == JT_NUMBER && !tk->isint)
			return jerr(f, t, "'%s' must be a whole number (a JSON "
			    "integer, without a decimal point)", fd->name);
		if (tk->type != JT_NUMBER)
			goto type;
		v->i = tk->i;
		v->d = tk->d;
		break;
	case FT_RATE:
	case FT_MONEY:
	case FT_NUM:
		if (tk->type != JT_NUMBER)
			goto type;
		v->d = tk->d;
		break;
	case FT_EDGES:
	case FT_COUNTS:
		if (tk->type != JT_ARRAY || tk->n < (fd->type == FT_EDGES ? 2u : 1u))
			return jerr(f, t, "'%s' must be an array of at least %s",
			    fd->name, fd->type == FT_EDGES ? "2 numbers" :
			    "1 count");
		v->present = 1;
		return read_number_array(f, fd, t, v);
	case FT_TARGETS:
		if (tk->type != JT_OBJECT)
			goto type;
		v->present = 1;
		return read_targets(f, t, v);
	default:
		if (tk->type != JT_STRING)
			goto type;
		v->s = tk->s;
		break;
	}
	v->present = 1;
	if (val_check(fd, v, &msg)) {
		jerr(f, t, "%s", msg.ptr);
		rc = -1;
	}
	buf_release(&msg);
	return rc;
type:
	return jerr(f, t, "'%s' must be %s, not %s", fd->name,
	    fd->type == FT_COUNT ? "a whole number" : fd->type <= FT_TIME ?
	    "a string" : fd->type == FT_TARGETS ? "an object" : "a number",
	    tname(f, t));
}

/*
 * Reads object token `obj` as a record of kind `k` into v[]: unknown keys
 * (but those in `extra`) and missing required keys are errors, then the
 * checks across fields. Returns 0 when the record is valid.
 */
static int
read_object(struct srcfile *f, size_t obj, const struct record_kind *k,
    struct val *v, const char *const *extra)
{
	size_t before = f->found, i, key, vt[MAX_FIELDS];
	struct buf msg = BUF_INIT;
	int idx;

	record_clear(v, k->nfields);
	for (i = 0; i < k->nfields; i++)
		vt[i] = NONE;
	for (i = 0, key = obj + 1; i < TOK(f, obj)->n;
	    i++, key = TOK(f, key + 1)->next) {
		const struct jtok *kt = TOK(f, key);

		if ((idx = record_field(k, kt->s, kt->n)) < 0) {
			if (!in_names(extra, kt->s))
				jerr(f, key, "unknown key '%.60s' in %s", kt->s,
				    k->what);
			continue;
		}
		vt[idx] = key + 1;
		read_value(f, &k->fields[idx], key + 1, &v[idx]);
	}
	for (i = 0; i < k->nfields; i++)
		if (k->fields[i].required && vt[i] == NONE)
			buf_addf(&msg, "%s'%s'", msg.len ? ", " : "",
			    k->fields[i].name);
	if (msg.len)
		jerr(f, obj, "missing required key%s %s in %s",
		    strchr(msg.ptr, ',') ? "s" : "", msg.ptr, k->what);
	buf_reset(&msg);
	if (f->found == before && (idx = record_check(k, v, &msg)) >= 0)
		jerr(f, vt[idx], "%s", msg.ptr);
	buf_release(&msg);
	return f->found == before ? 0 : -1;
}

/* Member `key` of object `obj` when present and not null, else NONE. */
static size_t
member(struct srcfile *f, size_t obj, const char *key)
{
	size_t t = jdoc_get(&f->doc, obj, key);

	return t == NONE || TOK(f, t)->type == JT_NULL ? NONE : t;
}

/* Member `name` of `obj` of the given type, or NONE (absent, or reported). */
static size_t
typed_member(struct srcfile *f, size_t obj, const char *name, int type)
{
	size_t t = member(f, obj, name);

	if (t != NONE && TOK(f, t)->type != type) {
		jerr(f, t, "'%s' must be %s, not %s", name,
		    jtok_type_name(type), tname(f, t));
		return NONE;
	}
	return t;
}

static void
consider_month(char best[8], const struct jtok *t)
{
	char mon[8];
	int y, m;

	if (t->type != JT_STRING || t->n < 7)
		return;
	memcpy(mon, t->s, 7);
	mon[7] = '\0';
	if (parse_month(mon, &y, &m) == 0 &&
	    (best[0] == '\0' || strcmp(mon, best) < 0))
		memcpy(best, mon, 8);
}

/*
 * The file's first month: its `month`, else the earliest month of any dated
 * record, else MONTH_BEGINNING.
 */
static void
first_month(struct srcfile *f, size_t month)
{
	static const struct {
		const char *section, *key;
	} dated[] = { { "daily", "date" }, { "incidents", "opened" },
		{ "drift", "month" }, { "integrations", "date" } };
	size_t i, k, arr, row, t;

	f->month[0] = '\0';
	if (month != NONE) {
		consider_month(f->month, TOK(f, month));
		return;
	}
	for (k = 0; k < ARRAY_SIZE(dated); k++) {
		if ((arr = jdoc_get(&f->doc, 0, dated[k].section)) == NONE ||
		    TOK(f, arr)->type != JT_ARRAY)
			continue;
		for (i = 0, row = arr + 1; i < TOK(f, arr)->n;
		    i++, row = TOK(f, row)->next)
			if ((t = jdoc_get(&f->doc, row, dated[k].key)) != NONE)
				consider_month(f->month, TOK(f, t));
	}
	if (f->month[0] == '\0')
		memcpy(f->month, MONTH_BEGINNING, 8);
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* Bytes of the filtered image data of IHDR's image (SPEC: PNG 11.2.2). */
static uint64_t
png_data_size(uint32_t w, uint32_t h, int bits, int interlace)
{
	/* Adam7: each pass's first column and row, and their steps. */
	static const int pass[7][4] = { { 0, 0, 8, 8 }, { 4, 0, 8, 8 },
		{ 0, 4, 4, 8 }, { 2, 0, 4, 4 }, { 0, 2, 2, 4 }, { 1, 0, 2, 2 },
		{ 0, 1, 1, 2 } };
	uint64_t size = 0, pw, ph;
	int i;

	if (!interlace)
		return (uint64_t)h * (1 + ((uint64_t)w * bits + 7) / 8);
	for (i = 0; i < 7; i++) {
		pw = w > (uint32_t)pass[i][0] ?
		    (w - pass[i][0] + pass[i][2] - 1) / pass[i][2] : 0;
		ph = h > (uint32_t)pass[i][1] ?
		    (h - pass[i][1] + pass[i][3] - 1) / pass[i][3] : 0;
		if (pw && ph)
			size += ph * (1 + (pw * bits + 7) / 8);
	}
	return size;
}

/*
 * Checks a PNG file (its 8-byte signature checked) as libpng will read it
 * when a build puts the logo in a PDF, so that a logo the store accepts
 * never stops a build (libharu aborts on libpng's errors): the chunks
 * within the file and their CRCs, IHDR first and valid and not interlaced
 * (libharu cannot read that), a valid PLTE before the image data of a
 * palette image, no unknown critical chunk, IEND, and the image data,
 * which must inflate to the size IHDR gives. Returns 0; -1 with the
 * reason in `why`; or -2 for an interlaced image.
 */
static int
png_check(const unsigned char *p, size_t n, struct buf *why)
{
	static const int channels[7] = { 1, 0, 3, 1, 2, 0, 4 };
	unsigned char out[16384];
	uint64_t want = 0, got = 0;
	uint32_t w, h, len;
	size_t off = 8;
	int depth, ctype = 0, bits, plte = 0, zrc = Z_OK, zinit = 0, rc = -1;
	char type[5];
	z_stream z;

	memset(&z, 0, sizeof(z));
	if (n < off + 8 || memcmp(p + off + 4, "IHDR", 4) != 0 ||
	    be32(p + off) != 13 || n < off + 25) {
		buf_addstr(why, "it does not begin with an IHDR chunk");
		return -1;
	}
	for (;;) {
		if (n - off < 12) {
			buf_addstr(why, "it ends before its IEND chunk (is it cut "
			    "short?)");
			goto out;
		}
		len = be32(p + off);
		memcpy(type, p + off + 4, 4);
		type[4] = '\0';
		if (strspn(type, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
		    "vwxyz") != 4) {
			buf_addstr(why, "a chunk has no valid type (the file is "
			    "damaged)");
			goto out;
		}
		if (len > 0x7fffffff || len > n - off - 12) {
			buf_addf(why, "it ends inside its '%s' chunk (is it cut "
			    "short?)", type);
			goto out;
		}
		if (crc32(0, p + off + 4, len + 4) != be32(p + off + 8 + len)) {
			buf_addf(why, "its '%s' chunk has a wrong CRC (the file "
			    "is damaged)", type);
			goto out;
		}
		if (off == 8) {
			const unsigned char *d = p + off + 8;

			w = be32(d);
			h = be32(d + 4);
			depth = d[8];
			ctype = d[9];
			bits = ctype < 7 ? depth * channels[ctype] : 0;
			if (w == 0 || h == 0 || w > MAX_LOGO_SIDE ||
			    h > MAX_LOGO_SIDE) {
				buf_addf(why, "it is %" PRIu32 " x %" PRIu32
				    " pixels (1 to %d a side)", w, h,
				    MAX_LOGO_SIDE);
				goto out;
			}
			if (bits == 0 || (depth != 1 && depth != 2 &&
			    depth != 4 && depth != 8 && depth != 16) ||
			    (ctype != 0 && ctype != 3 && depth < 8) ||
			    (ctype == 3 && depth == 16) || d[10] != 0 ||
			    d[11] != 0 || d[12] > 1) {
				buf_addstr(why, "its IHDR chunk is not valid");
				goto out;
			}
			/* libharu 2.3 fails on them, or crashes (grey and
			 * alpha). */
			if (d[12] == 1) {
				rc = -2;
				goto out;
			}
			want = png_data_size(w, h, bits, d[12]);
			if (inflateInit(&z) != Z_OK) {
				buf_addstr(why, "out of memory");
				goto out;
			}
			zinit = 1;
		} else if (strcmp(type, "IHDR") == 0) {
			buf_addstr(why, "it has two IHDR chunks");
			goto out;
		} else if (strcmp(type, "PLTE") == 0) {
			if (len == 0 || len > 768 || len % 3 != 0) {
				buf_addstr(why, "its palette (PLTE) is not valid");
				goto out;
			}
			plte = 1;
		} else if (strcmp(type, "IDAT") == 0) {
			if (ctype == 3 && !plte) {
				buf_addstr(why, "its palette (PLTE) comes after "
				    "its image data, or is missing");
				goto out;
			}
			z.next_in = (unsigned char *)(uintptr_t)(p + off + 8);
			z.avail_in = len;
			while (z.avail_in > 0 && zrc == Z_OK && got <= want) {
				z.next_out = out;
				z.avail_out = sizeof(out);
				zrc = inflate(&z, Z_NO_FLUSH);
				got += sizeof(out) - z.avail_out;
			}
			if ((zrc != Z_OK && zrc != Z_STREAM_END) || got > want) {
				buf_addstr(why, "its image data is damaged");
				goto out;
			}
		} else if (strcmp(type, "IEND") == 0)
			break;
		else if (type[0] >= 'A' && type[0] <= 'Z') {
			/* A critical chunk that no reader may skip. */
			buf_addf(why, "it has a critical chunk '%s' that PNG "
			    "readers do not know", type);
			goto out;
		}
		off += 12 + (size_t)len;
	}
	/* What zlib holds back; Z_BUF_ERROR: it needs data there is not. */
	while (zrc == Z_OK && got <= want) {
		z.next_out = out;
		z.avail_out = sizeof(out);
		zrc = inflate(&z, Z_NO_FLUSH);
		got += sizeof(out) - z.avail_out;
	}
	if (zrc != Z_STREAM_END || got != want)
		buf_addstr(why, "its image data is missing, cut short or damaged");
	else
		rc = 0;
out:
	if (zinit)
		inflateEnd(&z);
	return rc;
}

/*
 * Reads brand.logo (token t), a PNG file relative to the export's folder;
 * the messages name that folder, where the logo was looked for.
 */
static int
read_logo(struct srcfile *f, size_t t, const char *rel)
{
	const char *slash = strrchr(f->path, '/');
	struct buf path = BUF_INIT, dir = BUF_INIT, why = BUF_INIT;
	int rc = 0, png;

	if (rel[0] == '/')
		return jerr(f, t, "'logo' must be a path relative to the "
		    "export file");
	if (slash)
		buf_add(&dir, f->path, (size_t)(slash - f->path) + 1);
	else
		buf_addstr(&dir, "./");
	buf_addf(&path, "%s%s", slash ? dir.ptr : "", rel);
	buf_reset(&f->logo);
	if (read_file(path.ptr, MAX_LOGO_BYTES, &f->logo) == -1)
		rc = jerr(f, t, "unable to read logo '%s' in folder '%s' (the "
		    "export file's folder): %s", rel, dir.ptr,
		    errno == EFBIG ? "larger than 1 MiB" : strerror(errno));
	else if (f->logo.len < 8 ||
	    memcmp(f->logo.ptr, "\x89PNG\r\n\x1a\n", 8) != 0)
		rc = jerr(f, t, "logo '%s' in folder '%s' (the export file's "
		    "folder) is not a PNG file", rel, dir.ptr);
	else if ((png = png_check((const unsigned char *)f->logo.ptr,
	    f->logo.len, &why)) == -2)
		rc = jerr(f, t, "logo '%s' in folder '%s' (the export file's "
		    "folder) is an interlaced PNG, which the PDF library cannot "
		    "read: save it without interlacing", rel, dir.ptr);
	else if (png)
		rc = jerr(f, t, "logo '%s' in folder '%s' (the export file's "
		    "folder) is not a valid PNG file: %s", rel, dir.ptr,
		    why.ptr);
	buf_release(&why);
	buf_release(&path);
	buf_release(&dir);
	return rc;
}

static int
valid_color(const char *s)
{
	return strlen(s) == 7 && s[0] == '#' &&
	    strspn(s + 1, "0123456789abcdefABCDEF") == 6;
}

/* Reads the tenant object: its values, checked, into f->t and f->b. */
static void
read_tenant(struct srcfile *f)
{
	size_t t = jdoc_get(&f->doc, 0, "tenant"), brand, before = f->found;
	const char *loc, *cur;

	if (t == NONE) {
		jerr(f, 0, "missing required key 'tenant'");
		return;
	}
	if (TOK(f, t)->type != JT_OBJECT) {
		jerr(f, t, "'tenant' must be an object, not %s", tname(f, t));
		return;
	}
	read_object(f, t, &rk_tenant, f->t, tenant_extra);
	if (f->t[T_ID].present && !valid_tenant_id(f->t[T_ID].s))
		jerr(f, jdoc_get(&f->doc, t, "id"), "tenant id '%.70s' must be "
		    TENANT_ID_RULE, f->t[T_ID].s);
	loc = f->t[T_LOCALE].present ? f->t[T_LOCALE].s : NULL;
	if (loc && strcmp(loc, "en-CA") && strcmp(loc, "fr-CA") &&
	    strcmp(loc, "en-US"))
		jerr(f, jdoc_get(&f->doc, t, "locale"), "'locale' must be "
		    "en-CA, fr-CA or en-US, not '%.40s'", loc);
	cur = f->t[T_CURRENCY].present ? f->t[T_CURRENCY].s : NULL;
	if (cur && (strlen(cur) != 3 ||
	    strspn(cur, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3))
		jerr(f, jdoc_get(&f->doc, t, "currency"), "'currency' must be "
		    "an ISO 4217 code such as CAD, not '%.40s'", cur);
	if ((brand = typed_member(f, t, "brand", JT_OBJECT)) != NONE) {
		read_object(f, brand, &rk_brand, f->b, NULL);
		if (f->b[B_COLOR].present && !valid_color(f->b[B_COLOR].s))
			jerr(f, jdoc_get(&f->doc, brand, "color"), "'color' must "
			    "be #RRGGBB, not '%.40s'", f->b[B_COLOR].s);
		if (f->b[B_LOGO].present)
			read_logo(f, jdoc_get(&f->doc, brand, "logo"),
			    f->b[B_LOGO].s);
	}
	/*
	 * A valid id is enough for the checks that need the store (declared
	 * systems, severities), so that an error in the tenant block hides
	 * none of them; the attributes are written only when the file has
	 * no error (see apply_tenant).
	 */
	f->has_tenant = f->t[T_ID].present && valid_tenant_id(f->t[T_ID].s);
	f->tenant_ok = f->found == before;
}

/* Reads the change points: assumptions, sla, systems. */
static void
read_change_points(struct srcfile *f)
{
	size_t obj, arr, sys, base, other, i, k, oid;
	struct sysdecl *d;

	if ((obj = typed_member(f, 0, "assumptions", JT_OBJECT)) != NONE)
		f->has_assumptions = read_object(f, obj, &rk_assumptions, f->a,
		    NULL) == 0;
	if ((obj = typed_member(f, 0, "sla", JT_OBJECT)) != NONE) {
		f->has_sla = read_object(f, obj, &rk_sla, f->s, NULL) == 0;
		f->resolution = member(f, obj, "resolution_minutes");
	}
	if ((arr = typed_member(f, 0, "systems", JT_ARRAY)) == NONE)
		return;
	f->has_systems = 1;
	for (i = 0, sys = arr + 1; i < TOK(f, arr)->n;
	    i++, sys = TOK(f, sys)->next) {
		if (TOK(f, sys)->type != JT_OBJECT) {
			jerr(f, sys, "each element of 'systems' must be an object, "
			    "not %s", tname(f, sys));
			continue;
		}
		if (f->nsys == f->capsys) {
			f->capsys = f->capsys ? 2 * f->capsys : 8;
			f->sys = xrealloc(f->sys, f->capsys * sizeof(*f->sys));
		}
		d = &f->sys[f->nsys];
		memset(d, 0, sizeof(*d));
		d->valid = read_object(f, sys, &rk_system, d->y, system_extra) == 0;
		if ((base = typed_member(f, sys, "baseline", JT_OBJECT)) != NONE &&
		    read_object(f, base, &rk_baseline, d->l, NULL))
			d->valid = 0;
		if (!d->y[Y_ID].present)
			continue;
		f->nsys++;
		for (k = 0, other = arr + 1; k < i; k++, other = TOK(f, other)->next) {
			oid = jdoc_get(&f->doc, other, "id");
			if (oid != NONE && TOK(f, oid)->type == JT_STRING &&
			    strcmp(TOK(f, oid)->s, d->y[Y_ID].s) == 0) {
				jerr(f, jdoc_get(&f->doc, sys, "id"), "system '%s' "
				    "is declared twice in 'systems'", d->y[Y_ID].s);
				d->valid = 0;
				break;
			}
		}
	}
}

/* Reads the records of one section into f->recs[count]. */
static void
read_records(struct srcfile *f, const char *name, const struct record_kind *k,
    int count)
{
	size_t arr = typed_member(f, 0, name, JT_ARRAY), i, row, t;
	int sysfield = record_field(k, "system", 6);
	struct rec *r;

	if (arr == NONE)
		return;
	for (i = 0, row = arr + 1; i < TOK(f, arr)->n && !ferr_full(f);
	    i++, row = TOK(f, row)->next) {
		f->counts[count]++;
		if (TOK(f, row)->type != JT_OBJECT) {
			jerr(f, row, "each element of '%s' must be an object, not "
			    "%s", name, tname(f, row));
			continue;
		}
		r = recs_add(&f->recs[count]);
		if (read_object(f, row, k, r->v, NULL)) {
			record_clear(r->v, k->nfields);
			f->recs[count].n--;
			continue;
		}
		r->sys_at = TOK(f, jdoc_get(&f->doc, row, k->fields[sysfield].name))->off;
		if (k == &rk_incident &&
		    (t = jdoc_get(&f->doc, row, "severity")) != NONE)
			r->sev_at = TOK(f, t)->off;
	}
}

void
ingest_json_read(struct srcfile *f)
{
	static const struct field mf = { "month", FT_MONTH, 0, 0 };
	struct val m = { 0 };
	size_t i, key, t;

	f->resolution = NONE;
	if (jdoc_parse(&f->doc, f->text.ptr, f->text.len)) {
		ferr_off(f, f->doc.err_off, "invalid JSON: %s", f->doc.err);
		return;
	}
	if (TOK(f, 0)->type != JT_OBJECT) {
		jerr(f, 0, "an export must be a JSON object with \"format\": \""
		    ROIC_FORMAT "\"");
		return;
	}
	for (i = 0, key = 1; i < TOK(f, 0)->n; i++, key = TOK(f, key + 1)->next)
		if (!in_names(top_keys, TOK(f, key)->s))
			jerr(f, key, "unknown key '%.60s'", TOK(f, key)->s);
	if ((t = jdoc_get(&f->doc, 0, "format")) == NONE)
		jerr(f, 0, "missing required key 'format' (\"" ROIC_FORMAT "\")");
	else if (TOK(f, t)->type != JT_STRING)
		/* A slip in a roic-kpi/1 export: the rest is still checked. */
		jerr(f, t, "'format' must be the string \"" ROIC_FORMAT "\", not %s",
		    tname(f, t));
	else if (strcmp(TOK(f, t)->s, ROIC_FORMAT) != 0) {
		jerr(f, t, "unsupported format '%.40s'; roic reads '" ROIC_FORMAT
		    "'", TOK(f, t)->s);
		return;		/* judged by roic-kpi/1's keys, the rest is noise */
	}
	if ((t = member(f, 0, "month")) != NONE)
		first_month(f, read_value(f, &mf, t, &m) == 0 ? t : NONE);
	else
		first_month(f, NONE);
	read_tenant(f);
	read_change_points(f);
	read_records(f, "daily", &rk_daily, 0);
	read_records(f, "incidents", &rk_incident, 1);
	read_records(f, "drift", &rk_drift, 2);
	read_records(f, "integrations", &rk_integration, 3);
}
