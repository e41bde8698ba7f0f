/* fuzz_csv.c: libFuzzer target for the CSV export reader. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct ingest_opts o = { .check_only = 1, .quiet = 1,
		.max_bytes = MAX_INPUT_BYTES_DEFAULT };

	if (ingest_text(fuzz_store(), "fuzz.csv", (const char *)data, size, 1,
	    &o) < 0)
		abort();
	return 0;
}
