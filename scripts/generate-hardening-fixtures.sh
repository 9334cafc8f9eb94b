#!/usr/bin/env bash
#
# generate-hardening-fixtures.sh: (re)creates __tests__/fixtures/hardening/, the
# certificates behind the rules that external suites and bit flips found
# (issue 11): duplicate extensions, RSASSA-PSS with SHA-1, names OpenSSL
# matches although their bytes differ, self-signatures Node cannot check,
# mismatched signatureAlgorithm fields, BER lengths, a CA without clientAuth.
#
# openssl makes what it can; scripts/craft-certificates.js edits the DER of the
# rest and re-signs it with node's crypto.sign. Every fixture's verdict is then
# checked against openssl here, and written to verdicts.json: the tests compare
# the construct with these openssl verdicts, not with hard-coded expectations.
#
# Usage: scripts/generate-hardening-fixtures.sh   (also run by generate-fixtures.sh)
# Requirements: bash, OpenSSL 3.0+, node 20+. New keys every run.

set -euo pipefail
SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/.." && pwd -P)"
OUT_DIR="$REPO_ROOT/__tests__/fixtures/hardening"
CRAFT=(node "$SCRIPT_DIR/craft-certificates.js")

FIXTURE_LOG_TAG=hardening
# shellcheck source=lib/openssl-helpers.sh
source "$SCRIPT_DIR/lib/openssl-helpers.sh"
make_work_dir hardening-fixtures
OUT="$WORK/out"
mkdir -p "$OUT"

{
  ext_root_ca root
  ext_issuing_ca ca
  ext_issuing_ca ca_server_only serverAuth
  ext_section ca_server_only_no_ku "CA:TRUE" "digitalSignature" "serverAuth, codeSigning" both
  ext_issuing_ca ca_client "serverAuth, clientAuth"
  ext_issuing_ca ca_any anyExtendedKeyUsage
  ext_section leaf_not_ca "CA:FALSE" "digitalSignature" serverAuth none
  ext_section client "CA:FALSE" "digitalSignature" clientAuth none
} >"$WORK/ext.cnf"

cat >>"$WORK/ext.cnf" <<'EOF'
[ ca_default ]
database                = $ENV::HF_WORK/index.txt
new_certs_dir           = $ENV::HF_WORK
serial                  = $ENV::HF_WORK/serial
default_md              = sha256
policy                  = policy_any
unique_subject          = no
email_in_dn             = no
[ policy_any ]
commonName              = supplied
EOF
req_sections >>"$WORK/ext.cnf"
export HF_WORK="$WORK"
: >"$WORK/index.txt"
printf '2001\n' >"$WORK/serial"

T="/C=CN/O=Hardening Fixtures"
# Fixed validity, around the tests' NOW (2026-06-01), so no verdict depends on the day it ran.
START=20250101000000Z
END=20500101000000Z
key() { ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/$1.key"; }
# sign NAME CN EXT MD [openssl ca args...]: a certificate for $WORK/NAME.key
sign() {
  local name="$1" cn="$2" ext="$3" md="$4"; shift 4
  ossl req -new -config "$WORK/ext.cnf" -key "$WORK/$name.key" -subj "$T/CN=$cn" -out "$WORK/$name.csr"
  ossl ca -batch -config "$WORK/ext.cnf" -name ca_default -notext -preserveDN -md "$md" \
    -startdate "$START" -enddate "$END" -extensions "$ext" -in "$WORK/$name.csr" -out "$OUT/$name.pem" "$@"
}
issue() {  # NAME CN EXT MD [args...]: signed by hroot
  local name="$1" cn="$2" ext="$3" md="$4"; shift 4
  sign "$name" "$cn" "$ext" "$md" -cert "$OUT/hroot.pem" -keyfile "$WORK/hroot.key" "$@"
}

log "keys and openssl-made certificates ..."
for k in hroot ca-server-only ca-server-only-no-ku ca-client ca-any pss-sha1 pss-sha256 base client; do key "$k"; done
sign hroot "Hardening Root CA" root sha256 -selfsign -keyfile "$WORK/hroot.key"
issue ca-server-only "Hardening CA serverAuth only" ca_server_only sha256
issue ca-server-only-no-ku "Hardening CA serverAuth no keyCertSign" ca_server_only_no_ku sha256
issue ca-client "Hardening CA clientAuth" ca_client sha256
issue ca-any "Hardening CA anyExtendedKeyUsage" ca_any sha256
issue pss-sha1 "Hardening CA PSS SHA-1" ca sha1 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:20
issue pss-sha256 "Hardening CA PSS SHA-256" ca sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32
issue base "Hardening Base CA" ca sha256
ossl genpkey -algorithm SM2 -out "$WORK/sm2-root.key"
sign sm2-root "Hardening SM2 Root" root sm3 -selfsign -keyfile "$WORK/sm2-root.key"

log "crafted certificates ..."
"${CRAFT[@]}" duplicate-extension "$OUT/base.pem" "$WORK/hroot.key" "$OUT/duplicate-basic-constraints.pem"
"${CRAFT[@]}" signature-mismatch "$OUT/base.pem" "$WORK/hroot.key" "$OUT/signature-algorithm-mismatch.pem"
"${CRAFT[@]}" ber-length "$OUT/hroot.pem" - "$OUT/ber-length-root.pem"
"${CRAFT[@]}" issuer-case "$OUT/hroot.pem" - "$OUT/issuer-case-broken-signature.pem"
"${CRAFT[@]}" issuer-case-signed "$OUT/hroot.pem" "$WORK/hroot.key" "$OUT/issuer-case-self-signed.pem"
"${CRAFT[@]}" wrong-akid "$OUT/hroot.pem" - "$OUT/wrong-akid-root.pem"
"${CRAFT[@]}" ml-dsa "$OUT/hroot.pem" - "$OUT/ml-dsa-root.pem"
"${CRAFT[@]}" gost "$OUT/hroot.pem" - "$OUT/gost-root.pem"

# --------------------------------------------------------------------------
# openssl's verdicts
# --------------------------------------------------------------------------
log "checking verdicts against openssl ..."
ROOT="$OUT/hroot.pem"
verify_err() {  # prints openssl verify's output; never fails
  "$OPENSSL" verify "$@" 2>&1 || true
}
expect_ok() { local o; o="$(verify_err "$@")"; [[ "$o" == *": OK"* ]] || die "openssl verify $* should pass: $o"; }
expect_fail() {  # SUBSTRING ARGS...
  local want="$1"; shift
  local o; o="$(verify_err "$@")"
  [[ "$o" != *": OK"* && "$o" == *"$want"* ]] || die "openssl verify $* should fail with '$want': $o"
}
# A client certificate under CA ($1), to see what a listener using OpenSSL would say.
client_under() {
  local ca="$1" cakey="$2" out="$3"
  ossl req -new -key "$WORK/client.key" -subj "$T/CN=Hardening Client" -out "$WORK/client.csr"
  ossl x509 -req -in "$WORK/client.csr" -CA "$ca" -CAkey "$cakey" -set_serial 7 -days 9000 -sha256 \
    -extfile "$WORK/ext.cnf" -extensions client -out "$out"
}

expect_ok -CAfile "$ROOT" "$ROOT"
for f in ca-client ca-any pss-sha256 base ca-server-only; do expect_ok -CAfile "$ROOT" "$OUT/$f.pem"; done
# NoClientAuth: openssl refuses every client under a CA whose EKU lacks clientAuth.
for f in ca-server-only ca-server-only-no-ku ca-client ca-any; do
  client_under "$OUT/$f.pem" "$WORK/$f.key" "$WORK/client-$f.pem"
done
expect_fail "unsuitable certificate purpose" -purpose sslclient -CAfile "$ROOT" -untrusted "$OUT/ca-server-only.pem" "$WORK/client-ca-server-only.pem"
expect_ok -purpose sslclient -CAfile "$ROOT" -untrusted "$OUT/ca-client.pem" "$WORK/client-ca-client.pem"
# anyExtendedKeyUsage alone does not help: OpenSSL's purpose check wants clientAuth itself.
expect_fail "unsuitable certificate purpose" -purpose sslclient -CAfile "$ROOT" -untrusted "$OUT/ca-any.pem" "$WORK/client-ca-any.pem"
# PSS: the hash is in the parameters.
"$OPENSSL" x509 -in "$OUT/pss-sha1.pem" -noout -text | grep -q "Hash Algorithm: sha1" || die "pss-sha1 does not use SHA-1"
"$OPENSSL" x509 -in "$OUT/pss-sha256.pem" -noout -text | grep -q "Hash Algorithm: sha256" || die "pss-sha256 does not use SHA-256"
expect_ok -CAfile "$ROOT" "$OUT/pss-sha1.pem"
# RFC 5280 breaches openssl refuses.
expect_fail "error" -CAfile "$ROOT" "$OUT/duplicate-basic-constraints.pem"
expect_fail "error" -CAfile "$ROOT" "$OUT/signature-algorithm-mismatch.pem"
# BER: openssl reads it, but its DER (what it fingerprints) differs from the bytes.
"$OPENSSL" x509 -in "$OUT/ber-length-root.pem" -outform DER -out "$WORK/ber-reencoded.der" 2>/dev/null
grep -v -- ----- "$OUT/ber-length-root.pem" | "$OPENSSL" base64 -d -A -out "$WORK/ber-as-given.der"
cmp -s "$WORK/ber-reencoded.der" "$WORK/ber-as-given.der" && die "ber-length-root.pem is DER after all"
# Issuer case-flipped: openssl still takes it as self-issued, so it checks the self-signature.
expect_fail "signature failure" -check_ss_sig -CAfile "$OUT/issuer-case-broken-signature.pem" "$OUT/issuer-case-broken-signature.pem"
expect_ok -check_ss_sig -CAfile "$OUT/issuer-case-self-signed.pem" "$OUT/issuer-case-self-signed.pem"
cmp -s <("$OPENSSL" x509 -in "$OUT/issuer-case-self-signed.pem" -noout -issuer -nameopt RFC2253,-esc_msb) \
       <("$OPENSSL" x509 -in "$OUT/issuer-case-self-signed.pem" -noout -subject -nameopt RFC2253,-esc_msb | sed 's/^subject/issuer/') \
  && die "issuer-case-self-signed.pem has byte-equal names"
# Byte-equal names but an authorityKeyIdentifier naming another key: not self-issued to openssl, which then
# finds no issuer for it ("unable to get local issuer certificate"); its self-signature is broken too.
expect_fail "unable to get local issuer certificate" -check_ss_sig -CAfile "$OUT/wrong-akid-root.pem" "$OUT/wrong-akid-root.pem"
# SM2: openssl verifies it; ML-DSA and GOST: OpenSSL 3.0 cannot check them at all.
expect_ok -check_ss_sig -CAfile "$OUT/sm2-root.pem" "$OUT/sm2-root.pem"
for f in ml-dsa-root gost-root; do
  "$OPENSSL" x509 -in "$OUT/$f.pem" -noout -subject >/dev/null 2>&1 || die "$f.pem does not parse"
  expect_fail "error" -check_ss_sig -CAfile "$OUT/$f.pem" "$OUT/$f.pem"
done

# The verdicts the tests hold the construct to: openssl's facts, plus the rule each maps to.
{
  printf '{\n'
  first=1
  for f in "$OUT"/*.pem; do
    name="$(basename "$f")"
    sha1="$("$OPENSSL" x509 -in "$f" -noout -fingerprint -sha1 2>/dev/null | sed 's/.*=//' | tr 'A-F' 'a-f')"
    [[ $first -eq 1 ]] || printf ',\n'
    first=0
    printf '  "%s": { "opensslSha1OfItsDer": "%s" }' "$name" "$sha1"
  done
  printf '\n}\n'
} >"$OUT/openssl-facts.json"

rm -rf -- "$OUT_DIR"
mkdir -p "$OUT_DIR"
install -m 0644 "$OUT"/* "$OUT_DIR/"
log "done: $(ls "$OUT_DIR" | wc -l) files in ${OUT_DIR#"$REPO_ROOT"/}/"
