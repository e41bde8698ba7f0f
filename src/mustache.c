/* mustache.c: roic's Mustache engine (spec core modules and inheritance) over jansson values. */
#include "mustache.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "record.h"

#define DEFAULT_DEPTH 64
#define MAX_NEST 100			/* sections open at once in one template */
#define MAX_STEPS ((size_t)1 << 25)	/* nodes and indentations put per call */

enum kind {
	N_ROOT, N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL,
	N_PARENT, N_BLOCK
};

struct tpl;

/*
 * A parsed template is a tree of nodes. Text nodes hold at most one line
 * (a newline only at their end), so that indentation can be put before
 * every node that starts a line (`bol`).
 */
struct node {
	enum kind kind;
	const struct tpl *t;
	size_t pos;		/* byte offset of the text or tag in t->s */
	const char *str;	/* the text, or the tag's name */
	size_t len;
	int bol;
	int standalone;		/* partial, parent, block: alone on its line */
	const char *ind;	/* standalone: the indentation; block: the */
	size_t indlen;		/* blanks that start the tag's line */
	struct node **kids;
	size_t nkids, cap;
};

struct tpl {
	char *name;
	const char *s;
	size_t n;
	struct buf text;	/* the text of a loaded partial */
	struct node root;
};

/* One tag as scanned. */
struct tag {
	int kind;		/* one of "#^/!>&<$={", or 'v' */
	size_t pos, end;
	const char *name;
	size_t nlen;
	const char *od, *cd;	/* '=': the new delimiters */
	size_t odl, cdl;
};

struct parser {
	struct tpl *t;
	const char *s;
	size_t n;
	const char *od, *cd;
	size_t odl, cdl;
	struct node *stack[MAX_NEST + 1];
	size_t depth;
};

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Offset of the first `needle` in s[from..n), or n. */
static size_t
find(const char *s, size_t n, size_t from, const char *needle, size_t nl)
{
	size_t i;

	if (nl == 0 || n < nl)
		return n;
	for (i = from; i + nl <= n; i++)
		if (s[i] == needle[0] && memcmp(s + i, needle, nl) == 0)
			return i;
	return n;
}

static void
perr(const struct tpl *t, size_t pos, const char *msg, const char *name,
    size_t nlen)
{
	size_t line, col;

	text_linecol(t->s, t->n, pos, &line, &col);
	if (name)
		diag_at(t->name, line, col, "%s '%.*s'", msg, (int)nlen, name);
	else
		diag_at(t->name, line, col, "%s", msg);
}

/*
 * Scans the tag opening at `pos` (which starts with the open delimiter).
 * Returns 0, or -1 with *err naming the problem (nothing reported).
 */
static int
scan_tag(const struct parser *p, size_t pos, size_t odl, const char *cd,
    size_t cdl, struct tag *tg, const char **err)
{
	const char *s = p->s;
	size_t i = pos + odl, k, a, b, x;

	memset(tg, 0, sizeof(*tg));
	tg->pos = pos;
	tg->kind = 'v';
	if (i < p->n && strchr("#^/!>&<$={", s[i]) && s[i] != '\0')
		tg->kind = s[i++];
	k = find(s, p->n, i, cd, cdl);
	if (tg->kind == '{') {
		while (k < p->n && (k == i || s[k - 1] != '}'))
			k = find(s, p->n, k + 1, cd, cdl);
	}
	if (k >= p->n) {
		*err = "unclosed tag";
		return -1;
	}
	tg->end = k + cdl;
	if (tg->kind == '{')
		k--;
	a = i;
	b = k;
	if (tg->kind == '=') {
		if (b == a || s[b - 1] != '=') {
			*err = "bad delimiter change";
			return -1;
		}
		b--;
	}
	while (a < b && is_space(s[a]))
		a++;
	while (b > a && is_space(s[b - 1]))
		b--;
	if (tg->kind == '!')
		return 0;
	if (tg->kind == '=') {
		for (x = a; x < b && !is_space(s[x]); x++)
			;
		tg->od = s + a;
		tg->odl = x - a;
		while (x < b && is_space(s[x]))
			x++;
		tg->cd = s + x;
		tg->cdl = b - x;
		if (tg->odl == 0 || tg->cdl == 0 ||
		    memchr(tg->od, '=', tg->odl) || memchr(tg->cd, '=', tg->cdl))
			goto bad_delim;
		for (x = 0; x < tg->cdl; x++)
			if (is_space(tg->cd[x]))
				goto bad_delim;
		return 0;
bad_delim:
		*err = "bad delimiter change";
		return -1;
	}
	if (a == b) {
		*err = "empty tag";
		return -1;
	}
	for (x = a; x < b; x++)
		if (is_space(s[x]) || s[x] == '\0') {
			*err = "bad tag name";
			return -1;
		}
	tg->name = s + a;
	tg->nlen = b - a;
	return 0;
}

static struct node *
add_node(struct parser *p, enum kind kind, size_t pos)
{
	struct node *par = p->stack[p->depth], *nd = xcalloc(1, sizeof(*nd));

	nd->kind = kind;
	nd->t = p->t;
	nd->pos = pos;
	nd->bol = pos == 0 || p->s[pos - 1] == '\n';
	if (par->nkids == par->cap) {
		par->cap = par->cap ? par->cap * 2 : 4;
		par->kids = xrealloc(par->kids, par->cap * sizeof(*par->kids));
	}
	par->kids[par->nkids++] = nd;
	return nd;
}

static void
add_text(struct parser *p, size_t a, size_t b)
{
	struct node *nd;

	if (a >= b)
		return;
	nd = add_node(p, N_TEXT, a);
	nd->str = p->s + a;
	nd->len = b - a;
}

/* Adds a scanned tag to the tree. Returns 0, or -1 after reporting. */
static int
add_tag(struct parser *p, const struct tag *tg, int standalone, size_t ind,
    size_t indlen)
{
	struct node *nd, *open;
	size_t ls;
	enum kind k;

	switch (tg->kind) {
	case '!':
		return 0;
	case '=':
		p->od = tg->od;
		p->odl = tg->odl;
		p->cd = tg->cd;
		p->cdl = tg->cdl;
		return 0;
	case '/':
		if (p->depth == 0) {
			perr(p->t, tg->pos, "no open section to close",
			    tg->name, tg->nlen);
			return -1;
		}
		open = p->stack[p->depth];
		if (open->len != tg->nlen ||
		    memcmp(open->str, tg->name, tg->nlen) != 0) {
			size_t line, col, oline, ocol;

			text_linecol(p->s, p->n, tg->pos, &line, &col);
			text_linecol(p->s, p->n, open->pos, &oline, &ocol);
			diag_at(p->t->name, line, col, "'%.*s' closes section "
			    "'%.*s' opened at %zu:%zu", (int)tg->nlen, tg->name,
			    (int)open->len, open->str, oline, ocol);
			return -1;
		}
		p->depth--;
		return 0;
	default:
		break;
	}
	k = tg->kind == '#' ? N_SECTION : tg->kind == '^' ? N_INVERTED :
	    tg->kind == '>' ? N_PARTIAL : tg->kind == '<' ? N_PARENT :
	    tg->kind == '$' ? N_BLOCK : tg->kind == 'v' ? N_VAR : N_RAW;
	nd = add_node(p, k, tg->pos);
	nd->str = tg->name;
	nd->len = tg->nlen;
	nd->standalone = standalone;
	if (standalone) {
		nd->bol = 0;
		nd->ind = p->s + ind;
		nd->indlen = indlen;
	} else if (k == N_BLOCK) {
		for (ls = tg->pos; ls > 0 && p->s[ls - 1] != '\n'; ls--)
			;
		nd->ind = p->s + ls;
		while (ls + nd->indlen < p->n && is_blank(nd->ind[nd->indlen]))
			nd->indlen++;
	}
	if (k == N_SECTION || k == N_INVERTED || k == N_PARENT ||
	    k == N_BLOCK) {
		if (p->depth == MAX_NEST) {
			perr(p->t, tg->pos, "sections nested too deeply at",
			    tg->name, tg->nlen);
			return -1;
		}
		p->stack[++p->depth] = nd;
	}
	return 0;
}

/*
 * Tries the line starting at `pos` as a standalone line: blanks, tags that
 * render nothing in place (sections, comments, partials...), blanks, end of
 * line. Two or more tags stand alone only when a parent tag is among them
 * ("{{<p}}{{/p}}", "{{<p}}{{$b}}", "{{/b}}{{/p}}"). Returns 1 and sets
 * *next past the line when it is standalone, 0 when not, -1 on error.
 */
static int
try_standalone(struct parser *p, size_t pos, size_t *next)
{
	struct tag tags[8];
	const char *od = p->od, *cd = p->cd, *err;
	size_t odl = p->odl, cdl = p->cdl, i = pos, ws, nt = 0, k;
	int parent = 0, local[8], nl = 0, closes = 0;

	while (i < p->n && is_blank(p->s[i]))
		i++;
	ws = i;
	while (nt < ARRAY_SIZE(tags) && i + odl <= p->n &&
	    memcmp(p->s + i, od, odl) == 0) {
		if (scan_tag(p, i, odl, cd, cdl, &tags[nt], &err) < 0)
			return 0;
		if (!strchr("#^/!=><$", tags[nt].kind))
			return 0;
		if (tags[nt].kind == '=') {
			od = tags[nt].od;
			odl = tags[nt].odl;
			cd = tags[nt].cd;
			cdl = tags[nt].cdl;
		}
		i = tags[nt].end;
		while (i < p->n && is_blank(p->s[i]))
			i++;
		nt++;
	}
	if (nt == 0)
		return 0;
	if (i < p->n && p->s[i] == '\r' && i + 1 < p->n && p->s[i + 1] == '\n')
		i += 2;
	else if (i < p->n && p->s[i] == '\n')
		i++;
	else if (i < p->n)
		return 0;
	if (nt > 1) {
		for (k = 0; k < nt; k++) {
			int c = tags[k].kind;

			if (c == '<') {
				parent = 1;
			} else if (strchr("#^$", c)) {
				local[nl++] = c;
			} else if (c == '/') {
				if (nl > 0)
					c = local[--nl];
				else if ((size_t)closes < p->depth)
					c = p->stack[p->depth - closes++]->kind
					    == N_PARENT ? '<' : 0;
				if (c == '<')
					parent = 1;
			}
		}
		if (!parent)
			return 0;
	}
	for (k = 0; k < nt; k++)
		if (add_tag(p, &tags[k], 1, pos, ws - pos) < 0)
			return -1;
	*next = i;
	return 1;
}

/* Parses t->s into t->root. Returns 0, or -1 after reporting. */
static int
parse(struct tpl *t)
{
	struct parser p;
	struct tag tg;
	const char *err;
	size_t pos = 0, nlp, tp, next;
	int r;

	memset(&p, 0, sizeof(p));
	p.t = t;
	p.s = t->s;
	p.n = t->n;
	p.od = "{{";
	p.cd = "}}";
	p.odl = p.cdl = 2;
	p.stack[0] = &t->root;
	t->root.kind = N_ROOT;
	t->root.t = t;
	while (pos < p.n) {
		/* At the start of a line. */
		r = try_standalone(&p, pos, &next);
		if (r < 0)
			return -1;
		if (r > 0) {
			pos = next;
			continue;
		}
		nlp = find(p.s, p.n, pos, "\n", 1);
		for (;;) {
			if (pos > nlp)	/* a tag went past the newline */
				nlp = find(p.s, p.n, pos, "\n", 1);
			tp = find(p.s, nlp, pos, p.od, p.odl);
			if (tp >= nlp) {
				add_text(&p, pos, nlp < p.n ? nlp + 1 : p.n);
				pos = nlp < p.n ? nlp + 1 : p.n;
				break;
			}
			add_text(&p, pos, tp);
			if (scan_tag(&p, tp, p.odl, p.cd, p.cdl, &tg, &err) < 0) {
				perr(t, tp, err, NULL, 0);
				return -1;
			}
			if (add_tag(&p, &tg, 0, 0, 0) < 0)
				return -1;
			pos = tg.end;
		}
	}
	if (p.depth > 0) {
		struct node *open = p.stack[p.depth];

		perr(t, open->pos, "unclosed section", open->str, open->len);
		return -1;
	}
	return 0;
}

static void
node_free_kids(struct node *nd)
{
	size_t i;

	for (i = 0; i < nd->nkids; i++) {
		node_free_kids(nd->kids[i]);
		free(nd->kids[i]);
	}
	free(nd->kids);
}

static void
tpl_free(struct tpl *t)
{
	if (!t)
		return;
	node_free_kids(&t->root);
	buf_release(&t->text);
	free(t->name);
	free(t);
}

/* Rendering. */

struct ctx {
	json_t *v;
	const struct ctx *up;
};

/* Indentation put before each line: strip `strip`, then prepend `add`. */
struct frame {
	const char *strip;
	size_t slen;
	const char *add;
	size_t alen;
	const struct node *inline_first;	/* this line stays as it is */
	const struct frame *next;		/* the enclosing indentation */
};

/* Blocks passed to parents, innermost first; the outermost one wins. */
struct blocks {
	const struct node *b;
	const struct blocks *next;
};

struct cached {
	char *name;
	struct tpl *t;		/* NULL: no such partial */
};

struct rs {
	const struct mustache_opts *o;
	const struct mustache_names *nm;	/* checking: names partials */
	int max_depth;
	struct buf *out;
	struct cached *cache;
	size_t ncache, capcache;
	size_t steps;
	struct buf line, tmp;
};

static int render(struct rs *r, const struct node *parent,
    const struct ctx *c, const struct frame *fr, const struct blocks *bl,
    int depth);

static void
put_escaped(struct rs *r, const char *s, size_t n, int raw)
{
	struct buf *o = r->out;
	enum mustache_escape e = raw ? MUSTACHE_NONE : r->o->escape;
	size_t i, run = 0;
	unsigned char ch;

	if (e == MUSTACHE_NONE) {
		buf_add(o, s, n);
		return;
	}
	buf_grow(o, n);
	for (i = 0; i < n; i++) {
		const char *rep = NULL;

		ch = (unsigned char)s[i];
		if (e == MUSTACHE_HTML) {
			rep = ch == '&' ? "&amp;" : ch == '<' ? "&lt;" :
			    ch == '>' ? "&gt;" : ch == '"' ? "&quot;" :
			    ch == '\'' ? "&#39;" : NULL;
		} else if (ch == '\r' || ch == '\n' || ch == '\t') {
			rep = " ";
		} else if ((ch >= 33 && ch <= 47) || (ch >= 58 && ch <= 64) ||
		    (ch >= 91 && ch <= 96) || (ch >= 123 && ch <= 126)) {
			buf_add(o, s + run, i - run);
			buf_addch(o, '\\');
			run = i;
			continue;
		}
		if (rep) {
			buf_add(o, s + run, i - run);
			buf_addstr(o, rep);
			run = i + 1;
		}
	}
	buf_add(o, s + run, n - run);
}

static void
put_value(struct rs *r, json_t *v, int raw)
{
	char num[64];
	char *js;

	switch (json_typeof(v)) {
	case JSON_STRING:
		put_escaped(r, json_string_value(v), json_string_length(v), raw);
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		put_escaped(r, num, strlen(num), raw);
		break;
	case JSON_REAL:
		fmt_double(json_real_value(v), num);
		put_escaped(r, num, strlen(num), raw);
		break;
	case JSON_TRUE:
		put_escaped(r, "true", 4, raw);
		break;
	case JSON_FALSE:
		put_escaped(r, "false", 5, raw);
		break;
	case JSON_NULL:
		break;
	default:
		js = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		if (js)
			put_escaped(r, js, strlen(js), raw);
		free(js);
		break;
	}
}

/* The value a (dotted) name stands for in the context stack, or NULL. */
static json_t *
lookup(const struct ctx *c, const char *name, size_t len)
{
	json_t *v = NULL;
	size_t a, b;

	if (len == 1 && name[0] == '.')
		return c ? c->v : NULL;
	for (b = 0; b < len && name[b] != '.'; b++)
		;
	for (; c; c = c->up)
		if (json_is_object(c->v) &&
		    (v = json_object_getn(c->v, name, b)) != NULL)
			break;
	while (v && b < len) {
		a = b + 1;
		for (b = a; b < len && name[b] != '.'; b++)
			;
		v = json_is_object(v) ? json_object_getn(v, name + a, b - a) :
		    NULL;
	}
	return v;
}

static int
truthy(json_t *v)
{
	return v && !json_is_null(v) && !json_is_false(v) &&
	    !(json_is_array(v) && json_array_size(v) == 0);
}

/* Puts the indentation of the line node `nd` starts, and its text if any. */
static void
put_line(struct rs *r, const struct node *nd, const struct frame *fr)
{
	size_t cut;

	buf_reset(&r->line);
	if (nd->kind == N_TEXT)
		buf_add(&r->line, nd->str, nd->len);
	for (; fr; fr = fr->next) {
		r->steps++;
		if (fr->slen == 0 && fr->alen == 0 && !fr->inline_first)
			continue;
		for (cut = 0; cut < fr->slen && cut < r->line.len &&
		    r->line.ptr[cut] == fr->strip[cut]; cut++)
			;
		if (fr->inline_first == nd) {
			buf_reset(&r->tmp);
			buf_add(&r->tmp, r->line.ptr + cut, r->line.len - cut);
			buf_reset(&r->line);
			buf_add(&r->line, r->tmp.ptr, r->tmp.len);
			break;
		}
		buf_reset(&r->tmp);
		buf_add(&r->tmp, fr->add, fr->alen);
		buf_add(&r->tmp, r->line.ptr + cut, r->line.len - cut);
		buf_reset(&r->line);
		buf_add(&r->line, r->tmp.ptr, r->tmp.len);
	}
	buf_add(r->out, r->line.ptr, r->line.len);
}

/*
 * The parsed partial or parent `nd` names, loaded once per render; NULL
 * when there is none or on error (*err set after reporting).
 */
static struct tpl *
load(struct rs *r, const struct node *nd, int *err)
{
	struct tpl *t;
	char *name = xstrndup(nd->str, nd->len);
	size_t i;

	*err = 0;
	for (i = 0; i < r->ncache; i++)
		if (strcmp(r->cache[i].name, name) == 0) {
			free(name);
			return r->cache[i].t;
		}
	t = xcalloc(1, sizeof(*t));
	buf_init(&t->text);
	if (!r->o->load || r->o->load(r->o->ctx, name, &t->text) < 0) {
		tpl_free(t);
		t = NULL;
	} else {
		if (r->nm != NULL && r->nm->file != NULL) {
			struct buf f = BUF_INIT;

			r->nm->file(r->nm->arg, name, &f);
			t->name = buf_detach(&f, NULL);
		} else
			t->name = xstrdup(name);
		t->s = t->text.ptr;
		t->n = t->text.len;
		if (parse(t) < 0) {
			tpl_free(t);
			free(name);
			*err = 1;
			return NULL;
		}
	}
	if (r->ncache == r->capcache) {
		r->capcache = r->capcache ? 2 * r->capcache : 8;
		r->cache = xrealloc(r->cache, r->capcache * sizeof(*r->cache));
	}
	r->cache[r->ncache].name = name;
	r->cache[r->ncache++].t = t;
	return t;
}

/* Leading blanks of the first line of a block's content, if it starts one. */
static size_t
first_indent(const struct node *b, const char **s)
{
	const struct node *k;
	size_t n = 0;

	*s = "";
	if (b->nkids == 0)
		return 0;
	k = b->kids[0];
	if (k->kind != N_TEXT || !k->bol)
		return 0;
	while (n < k->len && is_blank(k->str[n]))
		n++;
	*s = k->str;
	return n;
}

static int
render_block(struct rs *r, const struct node *nd, const struct ctx *c,
    const struct frame *fr, const struct blocks *bl, int depth)
{
	const struct node *over = NULL;
	const struct blocks *b;
	struct frame f;

	for (b = bl; b; b = b->next)
		if (b->b->len == nd->len &&
		    memcmp(b->b->str, nd->str, nd->len) == 0)
			over = b->b;
	if (!over)
		return render(r, nd, c, fr, bl, depth);
	if (depth >= r->max_depth) {
		char msg[80];

		snprintf(msg, sizeof(msg), "blocks nested more than %d deep"
		    " at", r->max_depth);
		perr(nd->t, nd->pos, msg, nd->str, nd->len);
		return -1;
	}
	/* Reindent: the override's own indentation goes, the site's comes. */
	memset(&f, 0, sizeof(f));
	f.slen = first_indent(over, &f.strip);
	if (nd->standalone) {
		f.alen = first_indent(nd, &f.add);
		if (f.alen == 0) {
			f.add = nd->ind;
			f.alen = nd->indlen;
		}
	} else {
		f.add = nd->ind;
		f.alen = nd->indlen;
		if (over->nkids > 0 && over->kids[0]->bol)
			f.inline_first = over->kids[0];
	}
	f.next = fr;
	return render(r, over, c, &f, bl, depth + 1);
}

static int
render_partial(struct rs *r, const struct node *nd, const struct ctx *c,
    const struct frame *fr, const struct blocks *bl, int depth)
{
	struct blocks args[64], *heap = NULL, *a;
	struct frame f;
	struct tpl *t;
	size_t i, n = 0;
	int err, ret;

	if (depth >= r->max_depth) {
		char msg[80];

		snprintf(msg, sizeof(msg), "partials nested more than %d deep"
		    " at", r->max_depth);
		perr(nd->t, nd->pos, msg, nd->str, nd->len);
		return -1;
	}
	t = load(r, nd, &err);
	if (!t)
		return err ? -1 : 0;
	memset(&f, 0, sizeof(f));
	f.add = nd->ind;
	f.alen = nd->indlen;
	f.next = fr;
	if (nd->kind == N_PARENT) {
		for (i = 0; i < nd->nkids; i++)
			n += nd->kids[i]->kind == N_BLOCK;
		a = args;
		if (n > ARRAY_SIZE(args))
			a = heap = xcalloc(n, sizeof(*heap));
		n = 0;
		for (i = 0; i < nd->nkids; i++)
			if (nd->kids[i]->kind == N_BLOCK) {
				a[n].b = nd->kids[i];
				a[n].next = bl;
				bl = &a[n++];
			}
	}
	ret = render(r, &t->root, c, nd->standalone ? &f : NULL, bl,
	    depth + 1);
	free(heap);
	return ret;
}

/* Renders the children of `parent`. Returns 0, or -1 after reporting. */
static int
render(struct rs *r, const struct node *parent, const struct ctx *c,
    const struct frame *fr, const struct blocks *bl, int depth)
{
	const struct node *nd;
	struct ctx sub;
	json_t *v;
	size_t i, j;

	for (i = 0; i < parent->nkids; i++) {
		nd = parent->kids[i];
		if (++r->steps > MAX_STEPS) {
			perr(nd->t, nd->pos, "template too costly to render: "
			    "stopped here", NULL, 0);
			return -1;
		}
		if (nd->bol)
			put_line(r, nd, fr);
		else if (nd->kind == N_TEXT)
			buf_add(r->out, nd->str, nd->len);
		switch (nd->kind) {
		case N_VAR:
		case N_RAW:
			v = lookup(c, nd->str, nd->len);
			if (v)
				put_value(r, v, nd->kind == N_RAW);
			break;
		case N_SECTION:
			v = lookup(c, nd->str, nd->len);
			if (!truthy(v))
				break;
			sub.up = c;
			if (json_is_array(v)) {
				for (j = 0; j < json_array_size(v); j++) {
					sub.v = json_array_get(v, j);
					if (render(r, nd, &sub, fr, bl,
					    depth) < 0)
						return -1;
				}
			} else {
				sub.v = v;
				if (render(r, nd, &sub, fr, bl, depth) < 0)
					return -1;
			}
			break;
		case N_INVERTED:
			if (!truthy(lookup(c, nd->str, nd->len)) &&
			    render(r, nd, c, fr, bl, depth) < 0)
				return -1;
			break;
		case N_PARTIAL:
		case N_PARENT:
			if (render_partial(r, nd, c, fr, bl, depth) < 0)
				return -1;
			break;
		case N_BLOCK:
			if (render_block(r, nd, c, fr, bl, depth) < 0)
				return -1;
			break;
		default:
			break;
		}
	}
	return 0;
}

static void
rs_release(struct rs *r)
{
	size_t i;

	for (i = 0; i < r->ncache; i++) {
		free(r->cache[i].name);
		tpl_free(r->cache[i].t);
	}
	free(r->cache);
	buf_release(&r->line);
	buf_release(&r->tmp);
}

int
mustache_render(const char *tmpl, size_t len, json_t *data,
    const struct mustache_opts *o, struct buf *out)
{
	struct tpl root;
	struct ctx c = { data, NULL };
	struct rs r;
	int ret = -1;

	memset(&root, 0, sizeof(root));
	buf_init(&root.text);
	root.name = (char *)(o->name ? o->name : "<template>");
	root.s = tmpl ? tmpl : "";
	root.n = tmpl ? len : 0;
	memset(&r, 0, sizeof(r));
	r.o = o;
	r.max_depth = o->max_depth > 0 ? o->max_depth : DEFAULT_DEPTH;
	r.out = out;
	buf_init(&r.line);
	buf_init(&r.tmp);
	if (parse(&root) == 0)
		ret = render(&r, &root.root, data ? &c : NULL, NULL, NULL, 0);
	node_free_kids(&root.root);
	rs_release(&r);
	return ret;
}

/* Checking: the names of a template against a caller's contexts. */

/* A context of the check: a node of the caller's, or anything at all
 * (`wild`: under a section whose name is unknown, reported once). */
struct cframe {
	const void *v;
	int wild;
	const struct cframe *up;
};

/* A partial checked with a context stack and blocks, not checked again. */
struct seen {
	const struct tpl *t;
	const void **ctx;	/* the stack, each node once, top first */
	size_t nctx;
	const struct node **blk;	/* the blocks that apply */
	size_t nblk;
};

struct cs {
	struct rs r;		/* the partials' cache and limits */
	const struct mustache_names *nm;
	const struct node **reported;
	size_t nreported;
	struct seen *seen;
	size_t nseen;
	int errors;
};

enum { FOUND, WILD, MISSING };

static char wild_node;	/* stands for a wild frame in `seen` */

/* Reports an error at tag `nd` unless one was reported there. */
static void cerr(struct cs *k, const struct node *nd, const char *fmt,
    const char *s, size_t n, ...) PRINTF(3, 6);

static void
cerr(struct cs *k, const struct node *nd, const char *fmt, const char *s,
    size_t n, ...)
{
	va_list ap;
	char msg[160];
	size_t i, line, col;

	for (i = 0; i < k->nreported; i++)
		if (k->reported[i] == nd)
			return;
	k->reported = xrealloc(k->reported, (k->nreported + 1) *
	    sizeof(*k->reported));
	k->reported[k->nreported++] = nd;
	va_start(ap, n);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	text_linecol(nd->t->s, nd->t->n, nd->pos, &line, &col);
	diag_at(nd->t->name, line, col, "'%.*s' %s", (int)n, s, msg);
	k->errors++;
}

/* What a (dotted) name stands for in the stack, as lookup() finds it. */
static int
resolve(const struct cs *k, const struct cframe *c, const char *name,
    size_t len, const void **out)
{
	const void *v = NULL;
	size_t a, b;

	*out = NULL;
	if (len == 1 && name[0] == '.') {
		if (c == NULL)
			return MISSING;
		*out = c->v;
		return c->wild ? WILD : FOUND;
	}
	for (b = 0; b < len && name[b] != '.'; b++)
		;
	for (; c; c = c->up) {
		if (c->wild)
			return WILD;
		if ((v = k->nm->member(k->nm->arg, c->v, name, b)) != NULL)
			break;
	}
	while (v && b < len) {
		a = b + 1;
		for (b = a; b < len && name[b] != '.'; b++)
			;
		v = k->nm->member(k->nm->arg, v, name + a, b - a);
	}
	*out = v;
	return v ? FOUND : MISSING;
}

static int check(struct cs *k, const struct node *parent,
    const struct cframe *c, const struct blocks *bl, int depth);

/*
 * 1 when partial `t` was checked with the same stack and blocks: the
 * stack with each node once (a node lower down that is also higher up
 * answers no name), and of the blocks of each name the outermost (the one
 * that wins). Else records them and returns 0.
 */
static int
seen_before(struct cs *k, const struct tpl *t, const struct cframe *c,
    const struct blocks *bl)
{
	struct seen sn = { t, NULL, 0, NULL, 0 };
	const struct cframe *f;
	const struct blocks *b, *o;
	size_t i, j;

	for (f = c; f; f = f->up) {
		const void *v = f->wild ? &wild_node : f->v;

		for (i = 0; i < sn.nctx && sn.ctx[i] != v; i++)
			;
		if (i < sn.nctx)
			continue;
		sn.ctx = xrealloc(sn.ctx, (sn.nctx + 1) * sizeof(*sn.ctx));
		sn.ctx[sn.nctx++] = v;
	}
	for (b = bl; b; b = b->next) {
		for (o = b->next; o; o = o->next)
			if (o->b->len == b->b->len &&
			    memcmp(o->b->str, b->b->str, b->b->len) == 0)
				break;
		if (o != NULL)
			continue;
		sn.blk = xrealloc(sn.blk, (sn.nblk + 1) * sizeof(*sn.blk));
		sn.blk[sn.nblk++] = b->b;
	}
	for (i = 0; i < k->nseen; i++) {
		const struct seen *s = &k->seen[i];

		if (s->t != t || s->nctx != sn.nctx || s->nblk != sn.nblk)
			continue;
		for (j = 0; j < sn.nctx && s->ctx[j] == sn.ctx[j]; j++)
			;
		if (j < sn.nctx)
			continue;
		for (j = 0; j < sn.nblk && s->blk[j] == sn.blk[j]; j++)
			;
		if (j == sn.nblk) {
			free(sn.ctx);
			free(sn.blk);
			return 1;
		}
	}
	k->seen = xrealloc(k->seen, (k->nseen + 1) * sizeof(*k->seen));
	k->seen[k->nseen++] = sn;
	return 0;
}

/* A partial or parent: its template in the context that includes it. */
static int
check_partial(struct cs *k, const struct node *nd, const struct cframe *c,
    const struct blocks *bl, int depth)
{
	struct blocks *a = NULL;
	struct tpl *t;
	size_t i, n = 0;
	int err, ret;

	/* Deeper than rendering goes is an error only if data goes there. */
	if (depth >= k->r.max_depth)
		return 0;
	t = load(&k->r, nd, &err);
	if (t == NULL) {
		struct buf f = BUF_INIT;
		char *name;

		if (err) {
			k->errors++;
			return 0;
		}
		name = xstrndup(nd->str, nd->len);
		if (k->nm->file != NULL)
			k->nm->file(k->nm->arg, name, &f);
		cerr(k, nd, nd->kind == N_PARENT ? "is not a template%s%s%s" :
		    "is not a partial%s%s%s", nd->str, nd->len, f.len ? " (no " :
		    "", f.ptr, f.len ? ")" : "");
		free(name);
		buf_release(&f);
		return 0;
	}
	if (nd->kind == N_PARENT) {
		for (i = 0; i < nd->nkids; i++)
			n += nd->kids[i]->kind == N_BLOCK;
		a = xcalloc(n + 1, sizeof(*a));
		n = 0;
		for (i = 0; i < nd->nkids; i++)
			if (nd->kids[i]->kind == N_BLOCK) {
				a[n].b = nd->kids[i];
				a[n].next = bl;
				bl = &a[n++];
			}
	}
	ret = seen_before(k, t, c, bl) ? 0 : check(k, &t->root, c, bl,
	    depth + 1);
	free(a);
	return ret;
}

/* Checks the children of `parent`. Returns 0, or -1 past the limits. */
static int
check(struct cs *k, const struct node *parent, const struct cframe *c,
    const struct blocks *bl, int depth)
{
	const struct blocks *b;
	const struct node *nd, *over;
	struct cframe sub;
	const void *v;
	size_t i;
	int r;

	for (i = 0; i < parent->nkids; i++) {
		nd = parent->kids[i];
		if (++k->r.steps > MAX_STEPS) {
			perr(nd->t, nd->pos, "template too costly to check: "
			    "stopped here", NULL, 0);
			return -1;
		}
		switch (nd->kind) {
		case N_VAR:
		case N_RAW:
		case N_SECTION:
		case N_INVERTED:
			r = resolve(k, c, nd->str, nd->len, &v);
			if (r == MISSING)
				cerr(k, nd, "is not in %s", nd->str, nd->len,
				    k->nm->what);
			if (nd->kind == N_VAR || nd->kind == N_RAW)
				break;
			if (nd->kind == N_INVERTED) {
				if (check(k, nd, c, bl, depth) < 0)
					return -1;
				break;
			}
			sub.up = c;
			sub.wild = r != FOUND;
			sub.v = r == FOUND ? k->nm->section(k->nm->arg, v) :
			    NULL;
			if (check(k, nd, &sub, bl, depth) < 0)
				return -1;
			break;
		case N_PARTIAL:
		case N_PARENT:
			if (check_partial(k, nd, c, bl, depth) < 0)
				return -1;
			break;
		case N_BLOCK:
			over = NULL;
			for (b = bl; b; b = b->next)
				if (b->b->len == nd->len &&
				    memcmp(b->b->str, nd->str, nd->len) == 0)
					over = b->b;
			if (over != NULL && depth + 1 >= k->r.max_depth)
				break;
			if (check(k, over ? over : nd, c, bl, over ? depth + 1 :
			    depth) < 0)
				return -1;
			break;
		default:
			break;
		}
	}
	return 0;
}

int
mustache_check(const char *tmpl, size_t len, const void *root,
    const struct mustache_names *names, const struct mustache_opts *o)
{
	struct tpl t;
	struct cframe c = { root, 0, NULL };
	struct cs k;
	size_t i;
	int ret = -1;

	memset(&t, 0, sizeof(t));
	buf_init(&t.text);
	t.name = (char *)(o->name ? o->name : "<template>");
	t.s = tmpl ? tmpl : "";
	t.n = tmpl ? len : 0;
	memset(&k, 0, sizeof(k));
	k.r.o = o;
	k.r.nm = names;
	k.r.max_depth = o->max_depth > 0 ? o->max_depth : DEFAULT_DEPTH;
	buf_init(&k.r.line);
	buf_init(&k.r.tmp);
	k.nm = names;
	if (parse(&t) == 0 && check(&k, &t.root, &c, NULL, 0) == 0 &&
	    k.errors == 0)
		ret = 0;
	node_free_kids(&t.root);
	rs_release(&k.r);
	for (i = 0; i < k.nseen; i++) {
		free(k.seen[i].ctx);
		free(k.seen[i].blk);
	}
	free(k.seen);
	free(k.reported);
	return ret;
}
