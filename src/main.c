/* main.c: the command line; the only place that decides the exit status. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "config.h"
#include "sign.h"
#include "verify.h"
#include "diag.h"
#include "ingest.h"
#include "metrics.h"
#include "record.h"
#include "store.h"
#include "view.h"

#ifndef ROIC_VERSION
#define ROIC_VERSION "unknown"
#endif

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

static const char usage_main[] =
	"usage: roic COMMAND [OPTION]... [ARG]...\n"
	"\n"
	"roic, the ROI report compiler: turns the KPI exports of a managed AI\n"
	"service provider into each client's monthly report site.\n"
	"\n"
	"Commands:\n"
	"  ingest   validate exports (JSON, CSV) and store them in one transaction\n"
	"  check    validate exports and store nothing\n"
	"  kpis     print the view model (data.json) of a tenant-month\n"
	"  build    write each tenant's report site (pages, PDF, data.json, portal)\n"
	"  keygen   make a test CA and a signing certificate to try signing with\n"
	"  verify   check signed PDFs and signed tenant sites\n"
	"\n"
	"Options:\n"
	"  -h, --help   show this help (roic COMMAND --help: a command's help)\n"
	"  --version    show the version\n"
	"\n"
	"Exit status: 0 success, 1 failure (the store could not be read or\n"
	"written, or a tenant could not be built), 2 bad usage or invalid input.\n"
	"See roic(1).\n";

static const char usage_ingest[] =
	"usage: roic ingest [--db FILE] [--force] [--quiet] PATH...\n"
	"\n"
	"Validates KPI exports and stores them in the store (SQLite), all files\n"
	"in one transaction: any error in any file stores nothing. PATH is an\n"
	"export file (roic-kpi/1 JSON, or a CSV file of daily rows or incidents)\n"
	"or a folder, searched for *.json and *.csv; a folder with none of them\n"
	"(at any depth) is an error. JSON files are applied before CSV files,\n"
	"each kind in the order given. A file already ingested byte for byte is\n"
	"skipped.\n"
	"\n"
	"A CSV file is separated by ',', or by ';' when its header line holds ';'\n"
	"and no ','; its numbers may then use a decimal comma (12,40). The\n"
	"tenant block of the latest JSON file applies as a whole: a key absent\n"
	"from it is absent (the name is the id, no colour, no logo).\n"
	"\n"
	"Options:\n"
	"  --db FILE   the store (default: roic.db)\n"
	"  --config FILE  the project file (default: roic.json here, if any)\n"
	"  --force     apply files that were already ingested again\n"
	"  -q, --quiet print only errors, warnings and the summary line\n"
	"  -h, --help  show this help\n"
	"\n"
	"Errors are printed as FILE:LINE:COL: error: MESSAGE, up to 20 per\n"
	"file. When the exports are valid, FILE: warning: MESSAGE names the\n"
	"months with daily rows that the file writes (or whose change point it\n"
	"writes) without assumptions or SLA targets in force, and the figures\n"
	"that will be null for them; and the tenant attributes a tenant block\n"
	"takes away. SOURCE_DATE_EPOCH, when set, is the time recorded for the\n"
	"ingest.\n"
	"Exit status: 0 stored (warnings or not), 1 the store failed, 2 bad usage\n"
	"or invalid input.\n";

static const char usage_check[] =
	"usage: roic check [--db FILE] PATH...\n"
	"\n"
	"Validates KPI exports as `roic ingest` would, against the store when it\n"
	"exists (tenants and systems stored earlier), and stores nothing. A\n"
	"folder with no *.json or *.csv in it is an error. Prints the warnings\n"
	"that `roic ingest` would print (see roic ingest --help).\n"
	"\n"
	"Options:\n"
	"  --db FILE   the store to check against (default: roic.db)\n"
	"  --config FILE  the project file (default: roic.json here, if any)\n"
	"  -q, --quiet print only errors, warnings and the summary line\n"
	"  -h, --help  show this help\n"
	"\n"
	"Exit status: 0 valid (warnings or not), 1 the store could not be read,\n"
	"2 bad usage or invalid input.\n";

static const char usage_kpis[] =
	"usage: roic kpis --tenant ID [--month YYYY-MM] [--db FILE] [--templates DIR]\n"
	"\n"
	"Prints the view model of a tenant-month: every figure of the report with\n"
	"its previous month, change, 12-month series and display string, the SLA\n"
	"checks, incidents, drift, integrations, alerts and data lineage; the\n"
	"data.json that reports are made from.\n"
	"\n"
	"Options:\n"
	"  --tenant ID      the tenant (required)\n"
	"  --month YYYY-MM  the month (default: the tenant's latest complete month,\n"
	"                   as build takes it)\n"
	"  --db FILE        the store (default: roic.db)\n"
	"  --config FILE    the project file (default: roic.json here, if any)\n"
	"  --templates DIR  templates that override the built-in ones, file by file\n"
	"                   (the sentences of i18n/<locale>.json)\n"
	"  -h, --help       show this help\n"
	"\n"
	"Exit status: 0 printed, 1 the store could not be read, 2 bad usage or an\n"
	"unknown tenant.\n";

static const char usage_build[] =
	"usage: roic build [--db FILE] [--out DIR] [--month YYYY-MM | --all-months]\n"
	"                  [--tenant ID]... [--templates DIR] [--charts DIR] [--png]\n"
	"                  [--msp-name NAME] [--notes DIR] [-j N] [--shard K/N]\n"
	"                  [--force] [--operator-index] [--quiet | --json]\n"
	"                  [--sign-key KEY.pem --sign-cert CERT.pem [--sign-chain PEM]\n"
	"                   | --sign-p12 FILE.p12 | --no-sign]\n"
	"\n"
	"Writes, for every tenant (or each --tenant), the report of the month:\n"
	"OUT/<tenant>/<month>/index.html, report.pdf, data.json and\n"
	"charts/<chart>.svg; the tenant's portal OUT/<tenant>/index.html, which\n"
	"lists every month; and OUT/<tenant>/assets/ (style.css, the logo). A\n"
	"tenant's folder links only inside itself. Every file is written to a\n"
	"temporary name and renamed into place. A tenant is built again only\n"
	"when its data, roic, the templates, chart specs, fonts, signer or these\n"
	"options changed since its last build (OUT/.roic/builds/).\n"
	"\n"
	"Options:\n"
	"  --db FILE         the store (default: roic.db)\n"
	"  --config FILE     the project file (default: roic.json here, if any):\n"
	"                    msp_name, db, out, templates, charts, notes, sign_key,\n"
	"                    sign_cert, sign_chain, sign_p12; options override it\n"
	"  --out DIR         the output folder (default: out)\n"
	"  --month YYYY-MM   the month; tenants without daily rows in it are\n"
	"                    skipped. Default: each tenant's latest complete month\n"
	"                    (one with data on its last day, or a later month with\n"
	"                    data). A partial month is built only when --month\n"
	"                    names it, and its report says so in a banner\n"
	"  --all-months      every complete month of every tenant\n"
	"  --tenant ID       this tenant only (repeatable)\n"
	"  --templates DIR   templates that override the built-in ones, file by file\n"
	"  --charts DIR      chart specs (NAME.json) that override the built-in ones\n"
	"                    or add charts; a template places one with a fenced\n"
	"                    block \"chart NAME\"\n"
	"  --png             also write every chart as PNG (144 dpi), beside its SVG\n"
	"  --msp-name NAME   the provider's name: the PDF's author, on its cover and\n"
	"                    in the footers of the PDF and the pages\n"
	"  --notes DIR       the service team's notes: DIR/<tenant>/<YYYY-MM>.md,\n"
	"                    Markdown shown after the report's summary\n"
	"  --sign-key FILE   sign each PDF with this PEM private key (mode 600)...\n"
	"  --sign-cert FILE  ...and its certificate (PEM)\n"
	"  --sign-chain FILE the certificates between it and the root (PEM)\n"
	"  --sign-p12 FILE   key and certificates in PKCS#12; the password comes\n"
	"                    from ROIC_SIGN_PASSWORD\n"
	"  --no-sign         write unsigned PDFs without saying so\n"
	"  --force           build every tenant, even those up to date\n"
	"  -j, --jobs N      build with N worker processes (default: the processors)\n"
	"  --shard K/N       build only the tenants of share K of N (the FNV-1a hash\n"
	"                    of the id modulo N, plus 1): N machines, one share each\n"
	"  --operator-index  also write OUT/_operator/index.html, the MSP's view of\n"
	"                    every tenant: latest month, headline figures, alerts\n"
	"                    (refused with --shard: run it once after the shards)\n"
	"  -q, --quiet       print only errors\n"
	"  --json            print only errors, and a summary on stdout:\n"
	"                    {\"built\": N, \"skipped\": N, \"restated\": N,\n"
	"                    \"reissued\": N, \"failed\": N, \"seconds\": S}: tenants\n"
	"                    built and skipped (up to date), months restated and\n"
	"                    re-issued, tenants failed, and the time taken\n"
	"  -h, --help        show this help\n"
	"\n"
	"Each line of output says what happened to a tenant or month:\n"
	"  built T: N months      tenant T's months, portal and manifest written\n"
	"  up to date T           nothing T depends on changed: nothing written\n"
	"  restated T M           a figure of month M changed since its report was\n"
	"                         issued: the old one is kept as report.vN.pdf and\n"
	"                         the new one says what changed\n"
	"  re-issued T M          M built again with the same figures (new\n"
	"                         templates, notes, roic): report.pdf replaced\n"
	"  partial month not built: T M (data to D)\n"
	"                         M is T's latest month but has no data on its\n"
	"                         last day; the month before it was built\n"
	"Without a key the PDFs are written unsigned, and build says so.\n"
	"Exit status: 0 built, 1 some tenant failed (the others are built), 2 bad\n"
	"usage or input (templates, chart specs, roic.json, an unknown tenant).\n";

/* The project file (roic.json, or --config FILE): defaults that the
 * options override. */
static struct config cfg;

static void
release_config(void)
{
	config_release(&cfg);
}

/* Bad usage: one line that says what is wrong (the help is --help's). */
static int
usage_error(const char *usage, const char *fmt, const char *arg)
{
	const char *cmd = strncmp(usage, "usage: ", 7) == 0 ? usage + 7 : "roic";
	int n = (int)strcspn(cmd, " ");

	/* "roic build" of "usage: roic build [--db ...". */
	if (cmd[n] == ' ' && cmd[n + 1] >= 'a' && cmd[n + 1] <= 'z')
		n += 1 + (int)strcspn(cmd + n + 1, " \n");
	fprintf(stderr, "roic: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (%.*s --help tells more)\n", n, cmd);
	return EXIT_USAGE;
}

/* The usage error of getopt_long: ':' (a value missing) or another. */
static int
option_error(const char *usage, int c, char **argv)
{
	return usage_error(usage, c == ':' ? "option '%s' needs a value" :
	    "unknown option '%s'", argv[optind - 1]);
}

/* roic ingest and roic check. */
static int
cmd_ingest(int argc, char **argv, int check_only)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "force", no_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *usage = check_only ? usage_check : usage_ingest;
	struct ingest_opts o = { 0 };
	const char *db = cfg.db ? cfg.db : "roic.db";
	struct store *st;
	int c, rc;

	o.check_only = check_only;
	o.max_bytes = cfg.max_input_bytes ? cfg.max_input_bytes :
	    MAX_INPUT_BYTES_DEFAULT;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+:hq", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'f':
			if (check_only)
				return usage_error(usage, "unknown option '%s'",
				    "--force");
			o.force = 1;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'c':	/* read before the options */
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return option_error(usage, c, argv);
		}
	}
	if (optind >= argc)
		return usage_error(usage, "%s: no export files given",
		    check_only ? "check" : "ingest");
	if ((st = store_open(db, check_only ? STORE_EXISTING : STORE_CREATE)) == NULL)
		return EXIT_FAILED;
	rc = ingest_run(st, argv + optind, (size_t)(argc - optind), &o);
	store_free(st);
	return rc == 0 ? EXIT_OK : rc > 0 ? EXIT_USAGE : EXIT_FAILED;
}

/* roic kpis */
static int
cmd_kpis(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "tenant", required_argument, NULL, 't' },
		{ "month", required_argument, NULL, 'm' },
		{ "db", required_argument, NULL, 'd' },
		{ "templates", required_argument, NULL, 'T' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *tenant = NULL, *db = cfg.db ? cfg.db : "roic.db";
	const char *templates = cfg.templates;
	char month[8] = "";
	struct metrics *m = NULL;
	struct store *st;
	struct buf out = BUF_INIT;
	json_t *v, *strings;
	int c, y, mo, rc = EXIT_FAILED, asked = 0, pass;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			tenant = optarg;
			break;
		case 'm':
			asked = 1;
			if (parse_month(optarg, &y, &mo))
				return usage_error(usage_kpis, "--month takes "
				    "YYYY-MM, not '%s'", optarg);
			snprintf(month, sizeof(month), "%s", optarg);
			break;
		case 'd':
			db = optarg;
			break;
		case 'T':
			templates = optarg;
			break;
		case 'c':	/* read before the options */
			break;
		case 'h':
			fputs(usage_kpis, stdout);
			return EXIT_OK;
		default:
			return option_error(usage_kpis, c, argv);
		}
	}
	if (optind < argc)
		return usage_error(usage_kpis, "unexpected argument '%s'",
		    argv[optind]);
	if (tenant == NULL)
		return usage_error(usage_kpis, "%s", "--tenant is required");
	if ((st = store_open(db, STORE_EXISTING)) == NULL)
		return EXIT_FAILED;
	if (month[0] == '\0' && store_latest_month(st, month))
		goto out;
	if (month[0] == '\0') {
		error("no daily rows in '%s': no month to show", db);
		rc = EXIT_USAGE;
		goto out;
	}
	switch (metrics_compute(st, tenant, month, &m)) {
	case 1:
		error("unknown tenant '%s' in '%s'", tenant, db);
		rc = EXIT_USAGE;
		goto out;
	case 0:
		break;
	default:
		goto out;
	}
	/* Without --month: the tenant's latest complete month, as build:
	 * its latest month, or the one before when that is partial. */
	for (pass = 0; !asked && pass < 2 && m->nmonths > 0; pass++) {
		struct metrics *again = NULL;
		int day;

		if (pass == 0 && strcmp(m->months[m->nmonths - 1], month) != 0)
			snprintf(month, sizeof(month), "%s",
			    m->months[m->nmonths - 1]);
		else if (pass == 1 && m->nmonths > 1 &&
		    metrics_partial(m, &day))
			snprintf(month, sizeof(month), "%s",
			    m->months[m->nmonths - 2]);
		else
			continue;
		if (metrics_compute(st, tenant, month, &again) != 0)
			goto out;
		metrics_free(m);
		m = again;
	}
	if (m->sum[SERIES - 1].days == 0)
		warning("tenant '%s' has no daily rows in %s: every figure is "
		    "null", tenant, month);
	if ((strings = view_strings(templates, m->locale)) == NULL)
		goto out;
	v = view_build(m, strings);
	json_decref(strings);
	view_write(v, &out);
	json_decref(v);
	fwrite(out.ptr, 1, out.len, stdout);
	rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_FAILED;
out:
	buf_release(&out);
	metrics_free(m);
	store_free(st);
	return rc;
}

/* roic build */
static const char usage_verify[] =
	"usage: roic verify [--ca CA.pem] PATH...\n"
	"\n"
	"Checks each PATH: a signed PDF (its byte range covers the whole file\n"
	"but the signature; the digest; the CMS signature) or a tenant's site\n"
	"folder (SHA256SUMS.p7s signs SHA256SUMS; every file has the hash the\n"
	"manifest gives; no file is missing or left out of it). Prints a line\n"
	"per file: OK, or why not. With --ca, the signer's certificate must\n"
	"chain to a certificate of CA.pem; without it, the chain is not checked.\n"
	"\n"
	"Exit status: 0 everything verifies, 1 something does not, 2 bad usage.\n";

static int
cmd_verify(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "ca", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *ca = NULL;
	int c, rc = EXIT_OK, r;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			ca = optarg;
			break;
		case 'h':
			fputs(usage_verify, stdout);
			return EXIT_OK;
		default:
			return option_error(usage_verify, c, argv);
		}
	}
	if (optind == argc)
		return usage_error(usage_verify, "%s", "no file or folder to "
		    "verify");
	for (; optind < argc; optind++) {
		if ((r = verify_path(argv[optind], ca)) < 0)
			return EXIT_USAGE;
		if (r > 0)
			rc = EXIT_FAILED;
	}
	return rc;
}

/* 1 when file `path` is inside folder `dir` (both resolved). */
static int
inside(const char *path, const char *dir)
{
	char *p = realpath(path, NULL), *d = realpath(dir, NULL);
	int in = p && d && strncmp(p, d, strlen(d)) == 0 &&
	    p[strlen(d)] == '/';

	free(p);
	free(d);
	return in;
}

static int
cmd_build(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "month", required_argument, NULL, 'm' },
		{ "all-months", no_argument, NULL, 'A' },
		{ "tenant", required_argument, NULL, 't' },
		{ "templates", required_argument, NULL, 'T' },
		{ "charts", required_argument, NULL, 'C' },
		{ "png", no_argument, NULL, 'P' },
		{ "msp-name", required_argument, NULL, 'N' },
		{ "notes", required_argument, NULL, 'W' },
		{ "sign-key", required_argument, NULL, 'K' },
		{ "sign-cert", required_argument, NULL, 'E' },
		{ "sign-chain", required_argument, NULL, 'H' },
		{ "sign-p12", required_argument, NULL, 'Y' },
		{ "no-sign", no_argument, NULL, 'U' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "force", no_argument, NULL, 'F' },
		{ "json", no_argument, NULL, 'J' },
		{ "shard", required_argument, NULL, 'S' },
		{ "operator-index", no_argument, NULL, 'O' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct build_opts o = { 0 };
	const char *db = cfg.db ? cfg.db : "roic.db", *key = NULL;
	const char *cert = NULL, *chain = NULL, *p12 = NULL;
	char junk;
	struct store *st;
	char **tenants = NULL;
	int c, y, mo, rc;

	o.out = cfg.out ? cfg.out : "out";
	o.templates = cfg.templates;
	o.charts = cfg.charts;
	o.msp_name = cfg.msp_name;
	o.notes = cfg.notes;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+:hqj:", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'o':
			o.out = optarg;
			break;
		case 'm':
			if (parse_month(optarg, &y, &mo))
				return usage_error(usage_build, "--month takes "
				    "YYYY-MM, not '%s'", optarg);
			o.month = optarg;
			break;
		case 'A':
			o.all_months = 1;
			break;
		case 't':
			if (!valid_tenant_id(optarg))
				return usage_error(usage_build, "'%s' is not a "
				    "tenant id", optarg);
			tenants = xrealloc(tenants, (o.ntenants + 1) *
			    sizeof(*tenants));
			tenants[o.ntenants++] = optarg;
			break;
		case 'T':
			o.templates = optarg;
			break;
		case 'C':
			o.charts = optarg;
			break;
		case 'P':
			o.png = 1;
			break;
		case 'N':
			o.msp_name = optarg;
			break;
		case 'W':
			o.notes = optarg;
			break;
		case 'K':
			key = optarg;
			break;
		case 'E':
			cert = optarg;
			break;
		case 'H':
			chain = optarg;
			break;
		case 'Y':
			p12 = optarg;
			break;
		case 'U':
			o.no_sign = 1;
			break;
		case 'F':
			o.force = 1;
			break;
		case 'J':
			o.json = 1;
			o.quiet = 1;
			break;
		case 'j':
			if ((o.jobs = atoi(optarg)) < 1 || o.jobs > 256 ||
			    strspn(optarg, "0123456789") != strlen(optarg))
				return usage_error(usage_build, "-j takes a "
				    "number of workers from 1 to 256, not '%s'",
				    optarg);
			break;
		case 'S':
			if (sscanf(optarg, "%u/%u%c", &o.shard_k, &o.shard_n,
			    &junk) != 2 || o.shard_n < 1 || o.shard_n > 100000 ||
			    o.shard_k < 1 || o.shard_k > o.shard_n)
				return usage_error(usage_build, "--shard takes "
				    "K/N, K from 1 to N, not '%s'", optarg);
			break;
		case 'O':
			o.operator_index = 1;
			break;
		case 'c':	/* read before the options */
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'h':
			fputs(usage_build, stdout);
			free(tenants);
			return EXIT_OK;
		default:
			free(tenants);
			return option_error(usage_build, c, argv);
		}
	}
	o.tenants = tenants;
	if (optind < argc || (o.month && o.all_months)) {
		free(tenants);
		return usage_error(usage_build, "%s", optind < argc ?
		    "unexpected argument" : "--month and --all-months exclude "
		    "each other");
	}
	/* The project file's signer, unless the options name one. */
	if (!key && !cert && !p12 && !o.no_sign) {
		key = cfg.sign_key;
		cert = cfg.sign_cert;
		chain = chain ? chain : cfg.sign_chain;
		p12 = key || cert ? NULL : cfg.sign_p12;
	}
	if (o.shard_n > 0 && o.operator_index) {
		free(tenants);
		return usage_error(usage_build, "%s", "--operator-index is "
		    "refused with --shard: run it once after the shards");
	}
	if ((key != NULL) != (cert != NULL) || (p12 && (key || cert)) ||
	    (chain && !key) || (o.no_sign && (key || p12))) {
		free(tenants);
		return usage_error(usage_build, "%s", "sign with --sign-key and "
		    "--sign-cert (and --sign-chain), or --sign-p12, or "
		    "--no-sign");
	}
	if (key && (inside(key, o.out) || inside(cert, o.out))) {
		free(tenants);
		error("the signing key must not live under the output folder "
		    "'%s'", o.out);
		return EXIT_USAGE;
	}
	if ((key && (o.signer = sign_load_pem(key, cert, chain)) == NULL) ||
	    (p12 && (o.signer = sign_load_p12(p12)) == NULL)) {
		free(tenants);
		return EXIT_USAGE;
	}
	if (access(db, R_OK) != 0) {
		error("no store '%s': run roic ingest first", db);
		free(tenants);
		return EXIT_USAGE;
	}
	if ((st = store_open(db, STORE_EXISTING)) == NULL) {
		free(tenants);
		return EXIT_FAILED;
	}
	o.db = db;
	rc = build_run(st, &o);
	store_free(st);
	sign_free(o.signer);
	free(tenants);
	return rc < 0 ? EXIT_FAILED : rc == 2 ? EXIT_USAGE : rc;
}

static const char usage_keygen[] =
	"usage: roic keygen --out DIR [--name \"MSP name\"]\n"
	"\n"
	"Makes in DIR a test certificate authority (ca.pem, ca.key) and a\n"
	"signing certificate it issued (signer.pem, signer.key: RSA-2048, key\n"
	"usage digitalSignature and nonRepudiation, valid two years), to try\n"
	"signing with: roic build --sign-key DIR/signer.key --sign-cert\n"
	"DIR/signer.pem --sign-chain DIR/ca.pem. Keys are written mode 600.\n"
	"Not for production: a client trusts your real certificate authority.\n"
	"\n"
	"Exit status: 0 written, 1 failed, 2 bad usage.\n";

static int
cmd_keygen(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *name = "roic test signer";
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'h':
			fputs(usage_keygen, stdout);
			return EXIT_OK;
		default:
			return option_error(usage_keygen, c, argv);
		}
	}
	if (out == NULL || optind < argc)
		return usage_error(usage_keygen, "%s", out ? "unexpected "
		    "argument" : "--out is required");
	if (sign_keygen(out, name, roic_now() < 0 ? 0 : roic_now()))
		return EXIT_FAILED;
	/* What it wrote, and what to do with it. */
	printf("wrote %s/ca.pem and %s/ca.key: a test certificate authority\n"
	    "wrote %s/signer.pem and %s/signer.key: a signing certificate it "
	    "issued%s%s%s\n"
	    "sign with: roic build --sign-key %s/signer.key --sign-cert "
	    "%s/signer.pem --sign-chain %s/ca.pem\n"
	    "for tests only: a client trusts a certificate from a real "
	    "authority, not this one\n", out, out, out, out, name ? " to '" :
	    "", name ? name : "", name ? "'" : "", out, out, out);
	return EXIT_OK;
}

int
main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	tune_malloc();
	if (cmd == NULL) {
		fputs(usage_main, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(usage_main, stdout);
		return EXIT_OK;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("roic %s\n", ROIC_VERSION);
		return EXIT_OK;
	}
	if (strcmp(cmd, "ingest") == 0 || strcmp(cmd, "check") == 0 ||
	    strcmp(cmd, "kpis") == 0 || strcmp(cmd, "build") == 0) {
		const char *file = NULL;
		int i;

		/* --config FILE, or roic.json here: before the options. */
		for (i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
			if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
				file = argv[i + 1];
			else if (strncmp(argv[i], "--config=", 9) == 0)
				file = argv[i] + 9;
		if (config_load(file, &cfg) != 0)
			return EXIT_USAGE;
		atexit(release_config);
	}
	if (strcmp(cmd, "ingest") == 0)
		return cmd_ingest(argc - 1, argv + 1, 0);
	if (strcmp(cmd, "check") == 0)
		return cmd_ingest(argc - 1, argv + 1, 1);
	if (strcmp(cmd, "kpis") == 0)
		return cmd_kpis(argc - 1, argv + 1);
	if (strcmp(cmd, "build") == 0)
		return cmd_build(argc - 1, argv + 1);
	if (strcmp(cmd, "keygen") == 0)
		return cmd_keygen(argc - 1, argv + 1);
	if (strcmp(cmd, "verify") == 0)
		return cmd_verify(argc - 1, argv + 1);
	return usage_error(usage_main, cmd[0] == '-' ? "unknown option '%s'" :
	    "unknown command '%s'", cmd);
}
