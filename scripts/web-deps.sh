#!/bin/sh
# Installs what the HTML checks (tests/web) need, when some of it is missing:
# Debian's chromium, a Java runtime (only when there is no `java`), and the
# npm packages of tests/web (vnu-jar, axe-core, playwright-core), from its
# package-lock.json. Quiet and instant when everything is there; as root it
# runs apt-get and npm, otherwise it says what to install and fails.
# usage: scripts/web-deps.sh   (from anywhere)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
web=$top/tests/web

missing=
for p in chromium; do
	s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$s" = installed ] || missing="$missing $p"
done
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
# Node 20 or later (playwright-core needs it; Debian 12's nodejs is 18).
if ! command -v npm >/dev/null 2>&1 ||
	[ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 20 ]; then
	echo "the HTML checks need Node.js 20 or later, with npm" >&2
	exit 1
fi

# node_modules is stale when missing or older than the lock file; npm ci
# rewrites it whole, and touching it afterwards marks it fresh.
npm_stale=
if [ ! -d "$web/node_modules" ] ||
	[ "$web/package-lock.json" -nt "$web/node_modules" ] ||
	[ ! -f "$web/node_modules/vnu-jar/build/dist/vnu.jar" ] ||
	[ ! -f "$web/node_modules/axe-core/axe.min.js" ] ||
	[ ! -d "$web/node_modules/playwright-core" ]; then
	npm_stale=1
fi
[ -z "$missing" ] && [ -z "$npm_stale" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	if [ -n "$missing" ]; then
		echo "the HTML checks need these Debian packages:$missing" >&2
		echo "install them with: sudo apt-get install$missing" >&2
	fi
	if [ -n "$npm_stale" ]; then
		echo "the HTML checks need the npm packages of tests/web" >&2
		echo "install them with: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1" \
			"npm ci --ignore-scripts --prefix tests/web" >&2
	fi
	exit 1
fi

if [ -n "$missing" ]; then
	echo "installing Debian packages:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	# A fresh machine has no package lists: fetch them once, then install.
	if ! apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; then
		apt-get update -q >/dev/null
		apt-get install -y -q --no-install-recommends $missing >/dev/null
	fi
fi

if [ -n "$npm_stale" ]; then
	echo "installing the npm packages of tests/web" >&2
	# No install scripts: vnu-jar's would download a Java runtime, and the
	# machine's java serves; Playwright must not download browsers either.
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$web" \
		--ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
	touch "$web/node_modules"
fi
