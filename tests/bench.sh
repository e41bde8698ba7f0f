#!/bin/sh
# bench.sh: the benchmarks (not tests: this machine is shared and noisy, so
# each figure is the median of RUNS runs). `make bench`; N tenants (1000).
set -eu
N=${N:-1000}
RUNS=${RUNS:-3}
ROIC=${ROIC:-./roic}
DATA=build/big-$N
DB=build/bench.db

[ -d "$DATA" ] || tools/genkpi bench "$N" "$DATA" >/dev/null

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

files=$(find "$DATA" -type f | wc -l)
mb=$(du -sm "$DATA" | cut -f1)
echo "ingest: $N tenants x 13 months, $files files, $mb MB ($DATA)"
: >build/bench-ingest.txt
for i in $(seq "$RUNS"); do
	rm -f "$DB" "$DB-wal" "$DB-shm"
	tools/rusage "$ROIC" ingest -q --db "$DB" "$DATA" 2>>build/bench-ingest.txt >/dev/null
done
daily=$(sqlite3 "$DB" 'SELECT count(*) FROM daily')
rows=$(sqlite3 "$DB" 'SELECT (SELECT count(*) FROM daily) + (SELECT count(*) FROM incidents) + (SELECT count(*) FROM drift) + (SELECT count(*) FROM integrations)')
wall=$(cut -d' ' -f1 build/bench-ingest.txt | median)
cpu=$(awk '{ print $2 + $3 }' build/bench-ingest.txt | median)
rss=$(cut -d' ' -f4 build/bench-ingest.txt | sort -n | tail -1)
echo "  runs (wall s): $(cut -d' ' -f1 build/bench-ingest.txt | tr '\n' ' ')"
echo "  median wall $wall s, median CPU $cpu s"
awk -v d="$daily" -v r="$rows" -v w="$wall" -v m="$rss" 'BEGIN {
	printf "  %d daily rows: %.0f daily rows/s (target >= 250000)\n", d, d / w
	printf "  %d rows of every kind: %.0f rows/s\n", r, r / w
	printf "  peak RSS %.1f MiB (target <= 128 MiB)\n", m / 1024
}'

# The view model of the latest month of every tenant.
month=$(sqlite3 "$DB" "SELECT printf('%04d-%02d', max(date) / 10000, max(date) / 100 % 100) FROM daily")
"${BENCH_VIEW:-build/release/tests/bench_view}" "$DB" "$month" 3

# Signing one report's PDF (RSA-2048, keys made here).
keys=build/bench-keys
[ -f "$keys/signer.key" ] || "$ROIC" keygen --out "$keys" >/dev/null
rm -rf build/bench-sign build/bench-sign.db
"$ROIC" ingest -q --db build/bench-sign.db fixtures/exports >/dev/null
"$ROIC" build -q --db build/bench-sign.db --out build/bench-sign --tenant northwind-health --no-sign
"${SIGN_FILE:-build/release/tests/sign_file}" --bench "$keys/signer.key" "$keys/signer.pem" \
    build/bench-sign/northwind-health/2026-10/report.pdf 501

# The whole pipeline: the latest month of every tenant (view model, charts as
# SVG and in the PDF, pages, PDF, signature, manifests), 2 workers.
export SOURCE_DATE_EPOCH=1793000000
SIGNB="--sign-key $keys/signer.key --sign-cert $keys/signer.pem --sign-chain $keys/ca.pem"
echo "build: the latest month ($month) of $N tenants, signed, -j 2"
: >build/bench-build.txt
# A cold build writes into a new folder. Earlier outputs are moved aside and
# deleted at the end: ext4 skips the inodes of files deleted in the last
# minute when it makes new ones, which would bill the deletion of 27,000
# files to the next build (seconds of system time here). And each run
# starts after the last one's files are on disk (sync), so that writing
# them back does not compete with it for the two processors.
mkdir -p build/bench-trash
for i in $(seq "$RUNS"); do
	[ ! -d build/bench-out ] || mv build/bench-out "build/bench-trash/$$-$i"
	sync
	# shellcheck disable=SC2086
	tools/rusage "$ROIC" build -q --db "$DB" --out build/bench-out -j 2 $SIGNB 2>>build/bench-build.txt
done
wall=$(cut -d' ' -f1 build/bench-build.txt | median)
cpu=$(awk '{ print $2 + $3 }' build/bench-build.txt | median)
rss=$(cut -d' ' -f4 build/bench-build.txt | sort -n | tail -1)
echo "  runs (wall s): $(cut -d' ' -f1 build/bench-build.txt | tr '\n' ' ')"
awk -v w="$wall" -v c="$cpu" -v n="$N" -v m="$rss" 'BEGIN {
	printf "  cold build: median %.2f s wall (target <= 6 s), %.2f s CPU: %.2f ms CPU per tenant-month (target <= 10 ms)\n", w, c, c * 1000 / n
	printf "  peak RSS of a process %.1f MiB (target <= 64 MiB)\n", m / 1024
}'
bytes=$(du -sb build/bench-out | cut -f1)
awk -v b="$bytes" -v n="$N" 'BEGIN { printf "  output: %.0f KB per tenant-month\n", b / n / 1024 }'
: >build/bench-noop.txt
for i in $(seq "$RUNS"); do
	# shellcheck disable=SC2086
	tools/rusage "$ROIC" build -q --db "$DB" --out build/bench-out -j 2 $SIGNB 2>>build/bench-noop.txt
done
echo "  no-op rebuild: median $(cut -d' ' -f1 build/bench-noop.txt | median) s wall (target <= 0.5 s)"
one=$(sqlite3 "$DB" "SELECT id FROM tenants ORDER BY id LIMIT 1")
sqlite3 "$DB" "UPDATE tenants SET data_version = data_version + 1 WHERE id = '$one'"
# shellcheck disable=SC2086
echo "  after one tenant's data changed: $("$ROIC" build --json --db "$DB" --out build/bench-out -j 2 $SIGNB)"
rm -rf build/bench-trash
