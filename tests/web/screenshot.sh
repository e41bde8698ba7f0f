#!/bin/sh
# Takes a screenshot of an HTML page with headless Chromium, for people to
# look at a page (not a test).
# usage: tests/web/screenshot.sh PAGE.html OUT.png [WIDTH [HEIGHT]]
# WIDTH is the window width in CSS pixels (1280 by default); the window is
# HEIGHT pixels high (2400 by default), and the picture is cut there. Nothing is fetched from the
# network; a fresh profile is made and removed. Gives up after 60 seconds.
set -eu

if [ $# -lt 2 ] || [ $# -gt 4 ]; then
	echo "usage: $0 PAGE.html OUT.png [WIDTH [HEIGHT]]" >&2
	exit 2
fi
page=$1 out=$2 width=${3:-1280} height=${4:-2400}
case $width in
'' | *[!0-9]*) echo "$0: WIDTH must be a number of pixels, not '$width'" >&2; exit 2 ;;
esac
[ -f "$page" ] || { echo "$0: $page: no such file" >&2; exit 2; }
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "$0: $chromium is missing: run scripts/web-deps.sh" >&2; exit 2; }

abs() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "$1" ;; esac; }
page=$(abs "$page") out=$(abs "$out")
# A file: URL: percent-encode what a URL cannot hold as it is.
url=file://$(printf '%s' "$page" | od -An -tx1 -v | tr -s ' \n' '  ' |
	awk '{ for (i = 1; i <= NF; i++) {
		n = index("0123456789abcdef", substr($i, 1, 1)) * 16 - 16 + index("0123456789abcdef", substr($i, 2, 1)) - 1
		if ((n >= 48 && n <= 57) || (n >= 65 && n <= 90) || (n >= 97 && n <= 122) || index("/-_.~", sprintf("%c", n)))
			printf "%c", n
		else
			printf "%%%02X", n
	} }')

prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
rm -f "$out"
rc=0
timeout -k 5 60 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--disable-dev-shm-usage --no-default-browser-check --hide-scrollbars \
	--user-data-dir="$prof" --window-size="$width,$height" \
	--screenshot="$out" "$url" >"$prof/log" 2>&1 || rc=$?
if [ "$rc" -ne 0 ] || [ ! -s "$out" ]; then
	[ "$rc" -eq 124 ] && echo "$0: chromium took more than 60 s" >&2
	echo "$0: chromium failed (status $rc); it said:" >&2
	tail -n 20 "$prof/log" >&2
	exit 1
fi
echo "$out"
