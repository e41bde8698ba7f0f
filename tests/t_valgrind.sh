# t_valgrind.sh: memcheck over the end-to-end run of the fixtures: ingest,
# keygen, a signed build with two workers (the children traced too), kpis
# and verify; and a build that reads the hyphenation dictionaries. Any
# memcheck error, or memory definitely or indirectly lost, fails
# (valgrind's exit status 99). Skipped in the sanitizer run
# (ROIC_SANITIZED), where ASan does this job and valgrind cannot run.

if [ -n "${ROIC_SANITIZED:-}" ]; then
	:
elif ! command -v valgrind >/dev/null 2>&1; then
	fail "valgrind is not installed (scripts/deps.sh installs it)"
else
	V=$WORK/valgrind
	mkdir -p "$V"
	vg() {
		valgrind -q --error-exitcode=99 --trace-children=yes \
		    --leak-check=full --errors-for-leak-kinds=definite,indirect \
		    --show-leak-kinds=definite,indirect "$@"
	}
	(cd "$TOP" && vg "$ROIC" ingest -q --db "$V/store.db" fixtures/exports) >"$V/out" 2>&1
	expect_eq "memcheck: roic ingest of the fixtures" "$?" "0"
	vg "$ROIC" keygen --out "$V/keys" --name "Valgrind MSP" >"$V/out" 2>&1
	expect_eq "memcheck: roic keygen" "$?" "0"
	vg "$ROIC" build -q -j 2 --db "$V/store.db" --out "$V/out-site" \
	    --msp-name "Valgrind MSP" --sign-key "$V/keys/signer.key" \
	    --sign-cert "$V/keys/signer.pem" --sign-chain "$V/keys/ca.pem" >"$V/out" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		ok "memcheck: a signed build of the fixtures with two workers"
	else
		fail "memcheck: a signed build of the fixtures with two workers (exit $rc)" "$(head -40 "$V/out")"
	fi
	vg "$ROIC" kpis --db "$V/store.db" --tenant northwind-health >"$V/out" 2>&1
	expect_eq "memcheck: roic kpis" "$?" "0"
	vg "$ROIC" verify --ca "$V/keys/ca.pem" "$V/out-site/northwind-health" >"$V/out" 2>&1
	expect_eq "memcheck: roic verify of a signed site" "$?" "0"
	# Reports whose long words are hyphenated: the French and English
	# dictionaries read (libhyphen lost a copy of each repeated pattern).
	python3 "$TOP/tests/long_words.py" "$V/long-words"
	"$ROIC" ingest -q --db "$V/long.db" "$V/long-words" >/dev/null 2>&1
	vg "$ROIC" build -q --db "$V/long.db" --out "$V/long-site" --no-sign >"$V/out" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		ok "memcheck: a build that hyphenates in French and English"
	else
		fail "memcheck: a build that hyphenates in French and English (exit $rc)" "$(head -40 "$V/out")"
	fi
fi
