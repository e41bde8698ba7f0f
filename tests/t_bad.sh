# t_bad.sh: every invalid export of fixtures/bad gives exactly its diagnostics
# (NAME.err) and exit status 2; fuzzer finds in tests/regress stay fixed.

for f in "$TOP"/fixtures/bad/*.json "$TOP"/fixtures/bad/*.csv; do
	case $(basename "$f") in _*) continue ;; esac
	rel=${f#"$TOP"/}
	ctx=
	case $f in *.csv) ctx=fixtures/bad/_context.json ;; esac
	(cd "$TOP" && "$ROIC" check --db /nonexistent/x.db $ctx "$rel") \
	    >"$WORK/out" 2>"$WORK/err"
	rc=$?
	if [ "$rc" -ne 2 ]; then
		fail "bad/$(basename "$f"): exit $rc, wanted 2" "$(cat "$WORK/err")"
	elif ! diff -u "${f%.*}.err" "$WORK/err" >"$WORK/diff"; then
		fail "bad/$(basename "$f"): diagnostics differ" "$(cat "$WORK/diff")"
	else
		ok "bad/$(basename "$f")"
	fi
done

for f in "$TOP"/tests/regress/*; do
	timeout 20 "$ROIC" check --db /nonexistent/x.db "$f" >/dev/null 2>&1
	rc=$?
	if [ "$rc" -eq 2 ]; then
		ok "regress/$(basename "$f") is refused"
	else
		fail "regress/$(basename "$f"): exit $rc, wanted 2"
	fi
done
