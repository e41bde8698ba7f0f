#!/bin/sh
# Checks HTML pages with the W3C Nu checker (vnu): zero errors allowed.
# usage: tests/web/validate.sh FILE_OR_DIR...
# Every *.html under each folder (and each file named) is checked, all in one
# java run; prints `ok - html FILE` or `FAIL - html FILE` and vnu's messages
# for each page, and exits 1 when any page has an error (2 on bad usage).
# Needs java and tests/web/node_modules (scripts/web-deps.sh installs both).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
jar=${VNU_JAR:-$here/node_modules/vnu-jar/build/dist/vnu.jar}

if [ $# -eq 0 ]; then
	echo "usage: $0 FILE_OR_DIR..." >&2
	exit 2
fi
if [ ! -f "$jar" ]; then
	echo "$0: $jar is missing: run scripts/web-deps.sh" >&2
	exit 2
fi
command -v java >/dev/null 2>&1 || {
	echo "$0: java is missing: run scripts/web-deps.sh" >&2
	exit 2
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/list"
bad=0
for a in "$@"; do
	if [ -d "$a" ]; then
		find "$a" -type f -name '*.html' | LC_ALL=C sort >>"$tmp/list"
	elif [ -f "$a" ]; then
		printf '%s\n' "$a" >>"$tmp/list"
	else
		# vnu says nothing and succeeds on a missing file: catch it here.
		echo "FAIL - html $a"
		echo "  $a: no such file or folder"
		bad=1
	fi
done
if [ ! -s "$tmp/list" ]; then
	echo "FAIL - html: no *.html file in $*"
	exit 1
fi

# vnu names each page by its absolute file: URL, percent-encoded; pass it
# absolute, normalized paths and map its messages back to the names given.
: >"$tmp/abs"
while IFS= read -r f; do
	case $f in
	/*) p=$f ;;
	*) p=$PWD/$f ;;
	esac
	realpath -s -- "$p" >>"$tmp/abs"
done <"$tmp/list"

# One JVM for all pages (it takes seconds to start). `set --` lays the list
# out as arguments, whatever characters the names hold, bar newlines.
# vnu says nothing about a page it cannot read (it skips it and succeeds),
# so --verbose has it name on stderr each page it checked, and a page it did
# not name fails. Java opens non-ASCII file names only in a UTF-8 locale.
set --
while IFS= read -r p; do set -- "$@" "$p"; done <"$tmp/abs"
rc=0
LC_ALL=C.UTF-8 java -Xss8m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" \
	--errors-only --format gnu --no-langdetect --stdout --verbose "$@" \
	>"$tmp/out" 2>"$tmp/err" || rc=$?

LC_ALL=C awk -v listf="$tmp/list" -v absf="$tmp/abs" -v errf="$tmp/err" \
	-v rc="$rc" -v bad="$bad" '
function urldecode(s,   out, i, c, h) {
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "%" && i + 2 <= length(s)) {
			h = toupper(substr(s, i + 1, 2))
			if (h ~ /^[0-9A-F][0-9A-F]$/) {
				out = out sprintf("%c", hex[substr(h, 1, 1)] * 16 + hex[substr(h, 2, 1)])
				i += 2
				continue
			}
		}
		out = out c
	}
	return out
}
BEGIN {
	for (i = 0; i < 16; i++) hex[substr("0123456789ABCDEF", i + 1, 1)] = i
	n = 0
	while ((getline name < listf) > 0) { n++; names[n] = name }
	i = 0
	while ((getline p < absf) > 0) { i++; byabs[p] = i }
	while ((getline line < errf) > 0) {
		if (line in byabs) checked[byabs[line]] = 1
		else if (line != "") other = other "  " line "\n"
	}
}
{
	# "file:/abs/path.html":8.40-8.46: error: message
	if (match($0, /^"file:[^"]*":/)) {
		url = substr($0, 7, RLENGTH - 8)
		rest = substr($0, RLENGTH + 1)
		p = urldecode(url)
		if (p in byabs) {
			k = byabs[p]
			msgs[k] = msgs[k] "  " names[k] ":" rest "\n"
			next
		}
	}
	if ($0 != "") other = other "  " $0 "\n"
}
END {
	fail = bad
	nmsg = 0
	for (k = 1; k <= n; k++) if (msgs[k] != "") nmsg++
	# A message about no page, or a failure with none, means vnu itself
	# failed: then a page without messages was not checked, not passed.
	broken = other != "" || (rc != 0 && nmsg == 0)
	for (k = 1; k <= n; k++) {
		if (msgs[k] != "") {
			printf "FAIL - html %s\n%s", names[k], msgs[k]
			fail = 1
		} else if (broken || !(k in checked)) {
			printf "FAIL - html %s\n  not checked: vnu %s\n", names[k], \
				broken ? "failed" : "did not read it"
			fail = 1
		} else
			printf "ok - html %s\n", names[k]
	}
	if (other != "")
		printf "vnu (exit status %d) said:\n%s", rc, other
	else if (broken)
		printf "vnu exited with status %d and no message\n", rc
	exit fail
}' "$tmp/out"
