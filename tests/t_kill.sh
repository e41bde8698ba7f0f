# t_kill.sh: a build killed (SIGKILL, workers and all) at random points
# never leaves a truncated or unsigned PDF or a half-written page, and the
# next build completes the tree.

K=$WORK/kill
mkdir -p "$K"
(cd "$TOP" && "$ROIC" ingest -q --db "$K/store.db" fixtures/exports) >/dev/null 2>&1
"$ROIC" keygen --out "$K/keys" >/dev/null 2>&1
SIGNK="--sign-key $K/keys/signer.key --sign-cert $K/keys/signer.pem --sign-chain $K/keys/ca.pem"
# shellcheck disable=SC2086
"$ROIC" build -q --db "$K/store.db" --out "$K/out" --all-months $SIGNK >/dev/null 2>&1
bad=0
i=1
# 20 kills; 5 in the sanitizer run, which is there for memory errors.
kills=20
[ -z "${ROIC_SANITIZED:-}" ] || kills=5
while [ $i -le $kills ]; do
	delay=$(awk -v s="$i" 'BEGIN { srand(s); printf "%.2f", 0.05 + rand() * 1.2 }')
	# shellcheck disable=SC2086
	setsid "$ROIC" build -q --db "$K/store.db" --out "$K/out" --all-months --force -j 2 $SIGNK \
	    >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 -- "-$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# Every PDF in place verifies; every page and data.json is whole.
	# shellcheck disable=SC2046
	if ! "$ROIC" verify --ca "$K/keys/ca.pem" $(find "$K/out" -path '*/.*' -prune -o -name 'report.pdf' -print) \
	    >"$WORK/out" 2>&1; then
		bad=$((bad + 1))
		fail "kill $i (after $delay s): a PDF does not verify" "$(grep -v ': OK$' "$WORK/out" | head -3)"
	fi
	for f in $(find "$K/out" -path '*/.*' -prune -o -name 'index.html' -print); do
		if [ "$(tail -c 8 "$f")" != "</html>" ]; then
			bad=$((bad + 1))
			fail "kill $i: a half-written page $f"
		fi
	done
	i=$((i + 1))
done
[ "$bad" -eq 0 ] && ok "$kills kills at random points: every PDF verifies, every page is whole"
# shellcheck disable=SC2086
expect_rc "the next build completes" 0 "$ROIC" build -q --db "$K/store.db" --out "$K/out" --all-months $SIGNK
for t in northwind-health mutuelle-laurentienne harborview-logistics; do
	expect_rc "then $t's site verifies, nothing stray" 0 "$ROIC" verify --ca "$K/keys/ca.pem" "$K/out/$t"
done
if find "$K/out" -name '*.tmp.*' -o -name '.*.new' | grep -q .; then
	fail "leftovers of the killed builds remain"
else
	ok "no leftover of the killed builds remains"
fi
