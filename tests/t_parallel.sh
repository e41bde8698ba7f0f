# t_parallel.sh: roic build -j N and --shard K/N give exactly the files of
# one sequential run.

Q=$WORK/parallel
mkdir -p "$Q"
"$TOP/tools/genkpi" bench 12 "$Q/exports" >/dev/null 2>&1
"$ROIC" ingest -q --db "$Q/store.db" "$Q/exports" >/dev/null 2>&1
expect_rc "a sequential build of 12 tenants" 0 "$ROIC" build -q --db "$Q/store.db" --out "$Q/j1" -j 1 --no-sign
expect_rc "the same with 2 workers" 0 "$ROIC" build -q --db "$Q/store.db" --out "$Q/j2" -j 2 --no-sign
expect_rc "and with 5" 0 "$ROIC" build -q --db "$Q/store.db" --out "$Q/j5" -j 5 --no-sign
for k in 1 2 3 4; do
	expect_rc "shard $k/4" 0 "$ROIC" build -q --db "$Q/store.db" --out "$Q/shards" --shard "$k/4" --no-sign
done
for d in j2 j5 shards; do
	if diff -r "$Q/j1" "$Q/$d" >"$WORK/diff" 2>&1; then
		ok "$d: the same files, byte for byte, as -j 1"
	else
		fail "$d: the same files, byte for byte, as -j 1" "$(head -5 "$WORK/diff")"
	fi
done
expect_eq "12 tenants were built" "$(ls "$Q/j1" | wc -l)" "12"
n=0
for k in 1 2 3 4; do
	rm -rf "$Q/one"
	"$ROIC" build -q --db "$Q/store.db" --out "$Q/one" --shard "$k/4" --no-sign 2>/dev/null
	n=$((n + $(ls "$Q/one" 2>/dev/null | wc -l)))
done
expect_eq "each tenant is in exactly one shard" "$n" "12"
expect_rc "--operator-index is refused with --shard" 2 "$ROIC" build -q --db "$Q/store.db" --out "$Q/x" \
    --shard 1/2 --operator-index
expect_rc "--shard 0/2 is bad usage" 2 "$ROIC" build -q --db "$Q/store.db" --out "$Q/x" --shard 0/2
expect_rc "--shard 3/2 is bad usage" 2 "$ROIC" build -q --db "$Q/store.db" --out "$Q/x" --shard 3/2
expect_rc "-j 0 is bad usage" 2 "$ROIC" build -q --db "$Q/store.db" --out "$Q/x" -j 0
# A tenant that fails in a worker: the others are built, exit 1, named.
# (a file where its folder should be).
first=$(ls "$Q/j1" | head -1)
second=$(ls "$Q/j1" | sed -n 2p)
mkdir -p "$Q/fail"
: >"$Q/fail/$second"
expect_rc "a failing tenant among workers exits 1" 1 "$ROIC" build -q --db "$Q/store.db" --out "$Q/fail" -j 2 \
    --no-sign --tenant "$first" --tenant "$second"
expect_grep "naming it" "tenant '$second' failed" "$WORK/err"
if [ -s "$Q/fail/$first/index.html" ]; then ok "the other tenant is built"; else fail "the other tenant is built"; fi
expect_rc "an unknown --tenant is bad input, before anything is built" 2 "$ROIC" build -q --db "$Q/store.db" \
    --out "$Q/unknown" --no-sign --tenant "$first" --tenant no-such-tenant
expect_grep "naming it" "unknown tenant 'no-such-tenant'" "$WORK/err"
if [ -e "$Q/unknown/$first" ]; then fail "nothing is built with an unknown tenant"; else ok "nothing is built with an unknown tenant"; fi
