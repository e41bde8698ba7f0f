# t_cli.sh: the command line: help, version, usage errors and exit status.

expect_rc "roic --help exits 0" 0 "$ROIC" --help
expect_grep "roic --help lists ingest" "^  ingest " "$WORK/out"
expect_grep "roic --help lists check" "^  check " "$WORK/out"
expect_grep "roic --help lists kpis" "^  kpis " "$WORK/out"
expect_grep "roic --help lists build" "^  build " "$WORK/out"
expect_grep "roic --help lists keygen" "^  keygen " "$WORK/out"
expect_grep "roic --help lists verify" "^  verify " "$WORK/out"
# Every command the help lists answers its own --help.
for c in $(sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p' "$WORK/out"); do
	expect_rc "roic $c --help" 0 "$ROIC" "$c" --help
done
expect_rc "roic --version exits 0" 0 "$ROIC" --version
expect_grep "roic --version prints the version" "^roic [0-9]" "$WORK/out"
expect_rc "roic without a command exits 2" 2 "$ROIC"
expect_grep "roic without a command prints usage" "^usage: roic" "$WORK/err"
expect_rc "an unknown command exits 2" 2 "$ROIC" frobnicate
expect_grep "an unknown command is named" "unknown command 'frobnicate'" "$WORK/err"
expect_grep "an unknown command is one line that points to --help" "^roic: unknown command 'frobnicate' (roic --help tells more)$" "$WORK/err"
expect_rc "a bad --month exits 2" 2 "$ROIC" build --month 2026-13
expect_eq "in one line that says what is wrong" "$(cat "$WORK/err")" "roic: --month takes YYYY-MM, not '2026-13' (roic build --help tells more)"
expect_rc "roic keygen" 0 "$ROIC" keygen --out "$WORK/cli-keys" --name "Acme"
expect_grep "says what it wrote" "^wrote .*/signer.pem and .*/signer.key" "$WORK/out"
expect_grep "and how to sign with it" "^sign with: roic build --sign-key" "$WORK/out"
expect_rc "an unknown option exits 2" 2 "$ROIC" --frob
expect_rc "roic ingest --help exits 0" 0 "$ROIC" ingest --help
expect_grep "roic ingest --help shows its usage" "^usage: roic ingest" "$WORK/out"
expect_rc "roic check --help exits 0" 0 "$ROIC" check --help
expect_grep "roic check --help shows its usage" "^usage: roic check" "$WORK/out"
expect_rc "roic ingest without files exits 2" 2 "$ROIC" ingest --db "$WORK/cli.db"
expect_grep "roic ingest without files says so" "no export files" "$WORK/err"
expect_rc "roic ingest with an unknown option exits 2" 2 "$ROIC" ingest --bogus x.json
expect_grep "the unknown option is named" "unknown option '--bogus'" "$WORK/err"
expect_rc "roic check refuses --force" 2 "$ROIC" check --force x.json
expect_rc "--db without a value exits 2" 2 "$ROIC" ingest --db
expect_rc "a missing export file exits 2" 2 "$ROIC" check --db "$WORK/none.db" "$WORK/missing.json"
expect_grep "a missing export file is named" "missing.json: error: unable to read" "$WORK/err"
expect_rc "roic kpis --help exits 0" 0 "$ROIC" kpis --help
expect_grep "roic kpis --help shows its usage" "^usage: roic kpis" "$WORK/out"
expect_rc "roic kpis without --tenant exits 2" 2 "$ROIC" kpis --db "$WORK/none.db"
expect_grep "roic kpis without --tenant says so" "tenant is required" "$WORK/err"
expect_rc "roic kpis with a bad month exits 2" 2 "$ROIC" kpis --tenant x --month 2026-13
expect_grep "roic kpis names the bad month" "YYYY-MM, not '2026-13'" "$WORK/err"
