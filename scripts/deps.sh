#!/bin/sh
# Installs the Debian packages that roic needs, when some are missing.
# usage: scripts/deps.sh build|check|fuzz
# Quiet and instant when everything is there; as root it runs apt-get,
# otherwise it says what to install and fails.
set -eu

build="build-essential pkg-config libcmark-dev libhpdf-dev libcairo2-dev
libjansson-dev libsqlite3-dev libssl-dev libcsv-dev libfreetype-dev zlib1g-dev fonts-dejavu-core
fonttools libhyphen-dev hyphen-fr hyphen-en-us"
check="$build libcmocka-dev sqlite3 valgrind poppler-utils qpdf python3 libnss3-tools openssl"
fuzz="$build clang libclang-rt-14-dev"

case "${1:-build}" in
build) want=$build ;;
check) want=$check ;;
fuzz) want=$fuzz ;;
*) echo "usage: $0 build|check|fuzz" >&2; exit 2 ;;
esac

missing=
for p in $want; do
	s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$s" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "roic needs these Debian packages:$missing" >&2
	echo "install them with: sudo apt-get install$missing" >&2
	exit 1
fi
echo "installing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists: fetch them once, then install.
if ! apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; then
	apt-get update -q >/dev/null
	apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
