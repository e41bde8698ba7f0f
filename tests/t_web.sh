# t_web.sh: every page roic build writes on the fixtures is valid HTML (the
# W3C Nu checker, zero errors) and has no serious or critical accessibility
# violation (axe-core in headless Chromium).

# Not in the sanitizer run: these check pages, which the other suites
# build under the sanitizers already.
if [ -z "${ROIC_SANITIZED:-}" ]; then
W=$WORK/web
mkdir -p "$W"
(cd "$TOP" && "$ROIC" ingest -q --db "$W/store.db" fixtures/exports) >/dev/null 2>&1
"$ROIC" build -q --db "$W/store.db" --out "$W/site" --all-months --operator-index >/dev/null 2>&1
for tool in validate axe; do
	if [ $tool = validate ]; then
		sh "$TOP/tests/web/validate.sh" "$W/site" >"$W/out" 2>&1
	else
		node "$TOP/tests/web/axe.mjs" "$W/site" >"$W/out" 2>&1
	fi
	rc=$?
	n=$(grep -c '^ok - ' "$W/out")
	bad=$(grep -c '^FAIL - ' "$W/out")
	grep -A8 '^FAIL - ' "$W/out" | head -40
	passed=$((passed + n))
	failed=$((failed + bad))
	echo "$tool: $n pages ok, $bad failed"
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
		fail "$tool exited $rc" "$(tail -5 "$W/out")"
	fi
done
fi
