# lib.sh: helpers for the shell test suites (sourced by tests/run.sh).

# expect_rc NAME WANT CMD...: runs CMD, output in $WORK/out and $WORK/err.
expect_rc() {
	_name=$1 _want=$2
	shift 2
	"$@" >"$WORK/out" 2>"$WORK/err"
	_rc=$?
	if [ "$_rc" -eq "$_want" ]; then
		ok "$_name"
	else
		fail "$_name (exit $_rc, wanted $_want)" "$(cat "$WORK/err")"
	fi
}

# expect_eq NAME GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		fail "$1" "got:  $2
want: $3"
	fi
}

# expect_grep NAME PATTERN FILE: the file has a line matching PATTERN.
expect_grep() {
	if grep -q -e "$2" "$3"; then
		ok "$1"
	else
		fail "$1 ('$2' not in $(basename "$3"))" "$(head -20 "$3")"
	fi
}

# q DB SQL: one value from the store.
q() {
	sqlite3 -batch -noheader "$1" "$2"
}
