/* config.c: roic.json, read with the positions of its values. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "jtok.h"
#include "util.h"

#define MAX_CONFIG_BYTES ((size_t)1 << 20)

static void
at(const char *file, const struct jdoc *d, size_t tok, const char *msg,
    const char *key)
{
	size_t line, col;

	text_linecol(d->text, d->len, d->t[tok].off, &line, &col);
	diag_at(file, line, col, msg, key);
}

int
config_load(const char *path, struct config *c)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{ "msp_name", offsetof(struct config, msp_name) },
		{ "db", offsetof(struct config, db) },
		{ "out", offsetof(struct config, out) },
		{ "templates", offsetof(struct config, templates) },
		{ "charts", offsetof(struct config, charts) },
		{ "notes", offsetof(struct config, notes) },
		{ "sign_key", offsetof(struct config, sign_key) },
		{ "sign_cert", offsetof(struct config, sign_cert) },
		{ "sign_chain", offsetof(struct config, sign_chain) },
		{ "sign_p12", offsetof(struct config, sign_p12) },
	};
	const char *file = path ? path : "roic.json";
	struct buf text = BUF_INIT;
	struct jdoc d = JDOC_INIT;
	size_t k, m, v, i, line, col;
	int errors = 0;

	memset(c, 0, sizeof(*c));
	if (read_file(file, MAX_CONFIG_BYTES, &text) != 0) {
		if (path == NULL && errno == ENOENT)
			return 0;
		diag_file(file, "unable to read: %s", strerror(errno));
		return -1;
	}
	if (jdoc_parse(&d, text.ptr, text.len) != 0) {
		text_linecol(text.ptr, text.len, d.err_off, &line, &col);
		diag_at(file, line, col, "%s", d.err);
		errors++;
		goto out;
	}
	if (d.t[0].type != JT_OBJECT) {
		at(file, &d, 0, "the project file must be an object%s", "");
		errors++;
		goto out;
	}
	for (k = 1, m = 0; m < d.t[0].n; m++, k = d.t[v].next) {
		const char *key = d.t[k].s;

		v = k + 1;
		if (strcmp(key, "max_input_bytes") == 0) {
			if (d.t[v].type != JT_NUMBER || !d.t[v].isint ||
			    d.t[v].i < 1) {
				at(file, &d, v, "'%s' must be a whole number of "
				    "bytes", key);
				errors++;
			} else
				c->max_input_bytes = (size_t)d.t[v].i;
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(keys); i++)
			if (strcmp(key, keys[i].key) == 0)
				break;
		if (i == ARRAY_SIZE(keys)) {
			at(file, &d, k, "unknown key '%s' (msp_name, db, out, "
			    "templates, charts, notes, sign_key, sign_cert, sign_chain, "
			    "sign_p12, max_input_bytes)", key);
			errors++;
		} else if (d.t[v].type != JT_STRING || d.t[v].s[0] == '\0') {
			at(file, &d, v, "'%s' must be a non-empty string", key);
			errors++;
		} else
			*(char **)((char *)c + keys[i].off) = xstrdup(d.t[v].s);
	}
out:
	jdoc_release(&d);
	buf_release(&text);
	if (errors) {
		config_release(c);
		return -1;
	}
	return 0;
}

void
config_release(struct config *c)
{
	free(c->msp_name);
	free(c->db);
	free(c->out);
	free(c->templates);
	free(c->charts);
	free(c->notes);
	free(c->sign_key);
	free(c->sign_cert);
	free(c->sign_chain);
	free(c->sign_p12);
	memset(c, 0, sizeof(*c));
}
