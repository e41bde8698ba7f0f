/* fuzz_common.h: an in-memory store with one known tenant, for the fuzzers. */
#include <stdio.h>
#include <stdlib.h>

#include "ingest.h"
#include "record.h"
#include "store.h"

/*
 * The store the fuzzers validate against: tenant "fuzz-tenant" with systems
 * "s1" and "s2" and an SLA with targets for P1 and P2, so that CSV rows can
 * reach every check. Run with -close_fd_mask=3 to silence the diagnostics.
 */
static struct store *
fuzz_store(void)
{
	static struct store *st;
	struct tenant_info ti = { .id = "fuzz-tenant", .name = "Fuzz" };
	struct val sla[S_NFIELDS] = { 0 };
	int64_t tid, file, ingest, counts[4] = { 0 };
	unsigned dropped;

	if (st != NULL)
		return st;
	if ((st = store_open("/nonexistent/fuzz.db", STORE_EXISTING)) == NULL ||
	    store_begin(st) ||
	    (ingest = store_ingest_new(st, "1970-01-01T00:00:00Z", 0)) < 0 ||
	    (tid = store_tenant_put(st, &ti, "0000-00", &dropped)) < 0 ||
	    (file = store_file_add(st, ingest, "seed", "0", 0, tid, counts)) < 0 ||
	    store_system_ensure(st, tid, "s1", 1) < 0 ||
	    store_system_ensure(st, tid, "s2", 1) < 0)
		abort();
	sla[S_RESOLUTION].present = 1;
	sla[S_RESOLUTION].json = "{\"P1\":240,\"P2\":1440}";
	if (store_sla_put(st, tid, "0000-00", sla, file) || store_commit(st))
		abort();
	return st;
}
