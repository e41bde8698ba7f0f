# t_sign.sh: signed PDFs (SPEC 5.3): roic keygen, pdfsig with an NSS
# database trusting the test CA, a byte changed anywhere, the same bytes
# again, PKCS#12, and keys roic refuses.

S=$WORK/sign
mkdir -p "$S"
SDB=$S/store.db
(cd "$TOP" && "$ROIC" ingest -q --db "$SDB" fixtures/exports) >/dev/null 2>&1
expect_rc "roic keygen" 0 "$ROIC" keygen --out "$S/keys" --name "Acme Managed AI"
for f in ca.pem ca.key signer.pem signer.key; do
	if [ -s "$S/keys/$f" ]; then ok "keygen wrote $f"; else fail "keygen did not write $f"; fi
done
expect_eq "keys are the owner's alone" "$(stat -c %a "$S/keys/signer.key") $(stat -c %a "$S/keys/ca.key")" "600 600"
expect_grep "the signing certificate may sign and not repudiate" "Digital Signature, Non Repudiation" \
    "$(openssl x509 -in "$S/keys/signer.pem" -noout -ext keyUsage >"$S/ku" 2>&1; echo "$S/ku")"
certutil -N -d "sql:$S/nss" --empty-password >/dev/null 2>&1 ||
	{ mkdir -p "$S/nss" && certutil -N -d "sql:$S/nss" --empty-password >/dev/null 2>&1; }
certutil -A -d "sql:$S/nss" -n roic-test-ca -t "CT,C,C" -i "$S/keys/ca.pem" >/dev/null 2>&1
SIGN="--sign-key $S/keys/signer.key --sign-cert $S/keys/signer.pem --sign-chain $S/keys/ca.pem"
# shellcheck disable=SC2086
expect_rc "a signed build" 0 "$ROIC" build -q --db "$SDB" --out "$S/out" $SIGN
if grep -q "unsigned" "$WORK/err"; then fail "a signed build says it is unsigned"; else ok "a signed build does not warn"; fi

verdict() { pdfsig -nssdir "sql:$S/nss" "$1" 2>/dev/null; }
for t in northwind-health mutuelle-laurentienne harborview-logistics; do
	pdf=$S/out/$t/2026-10/report.pdf
	verdict "$pdf" >"$WORK/out"
	if grep -q "Signature is Valid." "$WORK/out" && grep -q "Total document signed" "$WORK/out" &&
	    grep -q "Certificate is Trusted." "$WORK/out"; then
		ok "$t: pdfsig: valid, whole document, trusted"
	else
		fail "$t: pdfsig" "$(cat "$WORK/out")"
	fi
	if qpdf --check "$pdf" >/dev/null 2>&1; then ok "$t: qpdf --check passes signed"; else fail "$t: qpdf --check on the signed PDF"; fi
done
expect_grep "the signature is CAdES-detached" "Signature Type: ETSI.CAdES.detached" "$WORK/out"

# A byte changed in the first range, the second, or the signature.
pdf=$S/out/northwind-health/2026-10/report.pdf
ranges=$(verdict "$pdf" | sed -n 's/.*Signed Ranges: \[0 - \([0-9]*\)\], \[\([0-9]*\) - \([0-9]*\)\].*/\1 \2 \3/p')
set -- $ranges
# Inside the signature: the RSA signature value, the last bytes of the DER.
sigend=$(python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); a, b = int(sys.argv[2]), int(sys.argv[3]); print(a + 1 + len(d[a + 1:b - 1].rstrip(b"0")) - 60)' "$pdf" "$1" "$2")
for where in "first range:1000" "second range:$(($2 + 40))" "signature:$sigend"; do
	cp "$pdf" "$S/changed.pdf"
	off=${where##*:}
	byte=$(dd if="$S/changed.pdf" bs=1 skip="$off" count=1 2>/dev/null)
	if [ "$byte" = "7" ]; then new=8; else new=7; fi
	printf '%s' "$new" | dd of="$S/changed.pdf" bs=1 seek="$off" conv=notrunc 2>/dev/null
	if verdict "$S/changed.pdf" | grep -q "Signature is Valid."; then
		fail "a byte changed in the ${where%%:*} is caught by pdfsig"
	else
		ok "a byte changed in the ${where%%:*} is caught by pdfsig ($(verdict "$S/changed.pdf" | sed -n 's/.*Signature Validation: //p'))"
	fi
	expect_rc "and by roic verify" 1 "$ROIC" verify --ca "$S/keys/ca.pem" "$S/changed.pdf"
done
cp "$pdf" "$S/appended.pdf"
printf 'more bytes\n' >>"$S/appended.pdf"
expect_rc "bytes after %%EOF fail roic verify" 1 "$ROIC" verify "$S/appended.pdf"
expect_grep "as not wholly signed" "not wholly signed" "$WORK/out"

# roic verify: every fixture PDF and site, with the chain.
expect_rc "roic verify of every signed PDF" 0 "$ROIC" verify --ca "$S/keys/ca.pem" \
    "$S"/out/*/2026-10/report.pdf
expect_eq "a line each, OK" "$(grep -c ': OK$' "$WORK/out")" "3"
for t in northwind-health mutuelle-laurentienne harborview-logistics; do
	expect_rc "roic verify of the site of $t" 0 "$ROIC" verify --ca "$S/keys/ca.pem" "$S/out/$t"
done
if (cd "$S/out/northwind-health" && sha256sum -c --quiet SHA256SUMS) >"$WORK/out" 2>&1; then
	ok "sha256sum -c SHA256SUMS passes"
else
	fail "sha256sum -c SHA256SUMS" "$(cat "$WORK/out")"
fi
expect_rc "openssl cms -verify accepts SHA256SUMS.p7s" 0 openssl cms -verify -binary -inform DER \
    -in "$S/out/northwind-health/SHA256SUMS.p7s" -content "$S/out/northwind-health/SHA256SUMS" \
    -CAfile "$S/keys/ca.pem" -out /dev/null
expect_grep "the manifest lists the PDF" "  2026-10/report.pdf$" "$S/out/northwind-health/SHA256SUMS"
if grep -q "SHA256SUMS" "$S/out/northwind-health/SHA256SUMS"; then
	fail "the manifest lists itself"
else
	ok "the manifest does not list itself"
fi
cp -r "$S/out/northwind-health" "$S/site"
printf 'x' >>"$S/site/2026-10/data.json"
printf 'stray\n' >"$S/site/stray.txt"
expect_rc "a changed or stray file fails roic verify of the site" 1 "$ROIC" verify "$S/site"
expect_grep "the changed file is named" "2026-10/data.json: changed" "$WORK/out"
expect_grep "the stray file is named" "stray.txt: not in SHA256SUMS" "$WORK/out"
"$ROIC" keygen --out "$S/other" >/dev/null 2>&1
expect_rc "another CA does not vouch for the signer" 1 "$ROIC" verify --ca "$S/other/ca.pem" "$pdf"
expect_grep "said so" "not trusted" "$WORK/out"


# Byte-identical with SOURCE_DATE_EPOCH (RSA PKCS#1 v1.5 is deterministic).
# shellcheck disable=SC2086
expect_rc "the same signed build again" 0 "$ROIC" build -q --db "$SDB" --out "$S/again" $SIGN --tenant harborview-logistics
if cmp -s "$S/out/harborview-logistics/2026-10/report.pdf" "$S/again/harborview-logistics/2026-10/report.pdf"; then
	ok "two signed builds give the same bytes"
else
	fail "two signed builds give the same bytes"
fi

# PKCS#12, its password from the environment.
openssl pkcs12 -export -inkey "$S/keys/signer.key" -in "$S/keys/signer.pem" -certfile "$S/keys/ca.pem" \
    -passout pass:s3cret -out "$S/signer.p12" 2>/dev/null
chmod 600 "$S/signer.p12"
ROIC_SIGN_PASSWORD=s3cret expect_rc "a build signed from PKCS#12" 0 "$ROIC" build -q --db "$SDB" \
    --out "$S/p12" --tenant mutuelle-laurentienne --sign-p12 "$S/signer.p12"
verdict "$S/p12/mutuelle-laurentienne/2026-10/report.pdf" >"$WORK/out"
expect_grep "is valid" "Signature is Valid." "$WORK/out"
ROIC_SIGN_PASSWORD=wrong expect_rc "a wrong PKCS#12 password is refused" 2 "$ROIC" build -q --db "$SDB" \
    --out "$S/p12b" --tenant mutuelle-laurentienne --sign-p12 "$S/signer.p12"
expect_grep "saying where to look" "ROIC_SIGN_PASSWORD" "$WORK/err"

# Keys roic refuses.
cp "$S/keys/signer.key" "$S/open.key"
chmod 644 "$S/open.key"
expect_rc "a key others may read is refused" 2 "$ROIC" build -q --db "$SDB" --out "$S/x" \
    --sign-key "$S/open.key" --sign-cert "$S/keys/signer.pem"
expect_grep "with what to do" "chmod 600" "$WORK/err"
mkdir -p "$S/out/keys"
cp "$S/keys/signer.key" "$S/keys/signer.pem" "$S/out/keys/"
expect_rc "a key under the output folder is refused" 2 "$ROIC" build -q --db "$SDB" --out "$S/out" \
    --sign-key "$S/out/keys/signer.key" --sign-cert "$S/out/keys/signer.pem"
expect_rc "a key without its certificate is bad usage" 2 "$ROIC" build -q --db "$SDB" --out "$S/x" \
    --sign-key "$S/keys/signer.key"
expect_rc "a certificate that is not the key's is refused" 2 "$ROIC" build -q --db "$SDB" --out "$S/x" \
    --sign-key "$S/keys/signer.key" --sign-cert "$S/keys/ca.pem"
expect_rc "an unsigned build" 0 "$ROIC" build -q --db "$SDB" --out "$S/plain" --tenant harborview-logistics
expect_grep "says so" "written unsigned" "$WORK/err"
if [ -e "$S/plain/harborview-logistics/SHA256SUMS.p7s" ]; then fail "an unsigned site has SHA256SUMS.p7s"; else ok "an unsigned site has SHA256SUMS but no .p7s"; fi
verdict "$S/plain/harborview-logistics/2026-10/report.pdf" >"$WORK/out"
if grep -q "Signature #1" "$WORK/out"; then fail "an unsigned PDF has a signature"; else ok "an unsigned PDF has none"; fi

# What the signer refuses rather than patch partly (tests/sign_file signs
# a file as the build does).
SF=$TOPBIN/sign_file
plainpdf=$S/plain/harborview-logistics/2026-10/report.pdf
expect_rc "sign_file signs an unsigned report" 0 "$SF" "$S/keys/signer.key" "$S/keys/signer.pem" "$plainpdf" "$S/one.pdf"
verdict "$S/one.pdf" >"$WORK/out"
expect_grep "validly" "Signature is Valid." "$WORK/out"
expect_rc "a PDF signed already (it has a form) is refused" 1 "$SF" "$S/keys/signer.key" "$S/keys/signer.pem" "$S/one.pdf" "$S/two.pdf"
expect_grep "saying why" "has a form already" "$WORK/err"
qpdf --object-streams=generate "$plainpdf" "$S/xrefstream.pdf" 2>/dev/null
expect_rc "a PDF with an xref stream is refused" 1 "$SF" "$S/keys/signer.key" "$S/keys/signer.pem" "$S/xrefstream.pdf" "$S/x.pdf"
expect_grep "saying why" "cross-reference is a stream" "$WORK/err"
qpdf --object-streams=disable --encrypt "" owner 256 -- "$plainpdf" "$S/encrypted.pdf" 2>/dev/null
expect_rc "an encrypted PDF is refused" 1 "$SF" "$S/keys/signer.key" "$S/keys/signer.pem" "$S/encrypted.pdf" "$S/x.pdf"
expect_grep "saying why" "encrypted" "$WORK/err"
if [ -e "$S/x.pdf" ] || [ -e "$S/two.pdf" ]; then fail "a refused PDF was written"; else ok "nothing written for a refused PDF"; fi
# Fuzzer finds (tests/regress-sign), each refused without reading past the
# file's end (sign_file hands the signer a block of the file's exact size;
# the sanitizer run of make check sees any read beyond it).
for f in "$TOP"/tests/regress-sign/*; do
	expect_rc "regress-sign/$(basename "$f") is refused" 1 "$SF" "$S/keys/signer.key" "$S/keys/signer.pem" "$f" "$S/x.pdf"
done

# A page whose dictionary holds the bytes /ByteRange (fuzz_sign: the update
# copies the page after the signature, and verify took the last /ByteRange
# there for the signature's).
mkpdf "$S/br.pdf" \
    "<< /Type /Catalog /Pages 2 0 R >>" \
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>" \
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /ByteRangeX (/ByteRange [1 2) /Contents 4 0 R >>" \
    "<< /Length 8 >>\\nstream\\n0 0 m S\\n\\nendstream"
expect_rc "a page that holds the bytes /ByteRange is signed" 0 "$SF" \
    "$S/keys/signer.key" "$S/keys/signer.pem" "$S/br.pdf" "$S/br-signed.pdf"
expect_rc "and roic verify finds its signature" 0 "$ROIC" verify "$S/br-signed.pdf"

# A PDF from elsewhere whose first page has links already (/Annots) and a
# nested page tree: the field joins its annotations.
mkpdf "$S/other.pdf" \
    "<< /Type /Catalog /Pages 2 0 R >>" \
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>" \
    "<< /Type /Pages /Parent 2 0 R /Kids [4 0 R] /Count 1 >>" \
    "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 200] /Annots [5 0 R] /Contents 6 0 R >>" \
    "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://example.com/a) >> >>" \
    "<< /Length 8 >>\\nstream\\n0 0 m S\\n\\nendstream"
expect_rc "a PDF from elsewhere, its page's /Annots and a nested tree, is signed" 0 "$SF" \
    "$S/keys/signer.key" "$S/keys/signer.pem" "$S/other.pdf" "$S/other-signed.pdf"
verdict "$S/other-signed.pdf" >"$WORK/out"
expect_grep "validly" "Signature is Valid." "$WORK/out"
if qpdf --check "$S/other-signed.pdf" >/dev/null 2>&1; then ok "qpdf --check passes it"; else fail "qpdf --check on it"; fi
expect_eq "the page keeps its link beside the field" \
    "$(qpdf --show-object=4 "$S/other-signed.pdf" 2>/dev/null | grep -o '/Annots \[[^]]*\]' | tr -s ' ')" "/Annots [ 5 0 R 8 0 R ]"
