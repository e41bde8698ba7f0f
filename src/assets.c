/* assets.c: the built-in templates, and a --templates folder over them. */
#include "assets.h"

#include <errno.h>
#include <string.h>

#include "diag.h"
#include "util.h"

#define MAX_TEMPLATE_BYTES ((size_t)16 << 20)

int
assets_load(const char *dir, const char *name, struct buf *out)
{
	const struct asset *a;
	struct buf path = BUF_INIT;
	int rc;

	if (dir != NULL) {
		buf_addf(&path, "%s/%s", dir, name);
		rc = read_file(path.ptr, MAX_TEMPLATE_BYTES, out);
		if (rc == 0 || errno != ENOENT) {
			if (rc)
				error("unable to read '%s': %s", path.ptr,
				    strerror(errno));
			buf_release(&path);
			return rc;
		}
		buf_release(&path);
	}
	for (a = assets_builtin; a->name != NULL; a++)
		if (strcmp(a->name, name) == 0) {
			buf_add(out, a->data, a->len);
			return 0;
		}
	return error("no template '%s'", name);
}
