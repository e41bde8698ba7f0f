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

# mkpdf OUT OBJECT...: a PDF of these objects (1 0 R first, the catalog),
# with its xref table and trailer; "\n" in an object is a newline.
mkpdf() {
	python3 - "$@" <<'PY'
import sys
objs = [a.replace("\\n", "\n").encode("latin-1") for a in sys.argv[2:]]
out = b"%PDF-1.4\n"
offs = []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open(sys.argv[1], "wb").write(out)
PY
}
