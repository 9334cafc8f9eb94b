#!/usr/bin/env bash
#
# generate-client-fixtures.sh: (re)creates __tests__/fixtures/clients/, the
# sample client certificates that CaCertificate's clientCertificates and
# CaCertificate.verifyClient are tested with, and manifest.json there, which
# records OpenSSL's own verdict (`openssl verify -purpose sslclient`) for every
# case. The tests compare the library's verdict with that one.
#
# Usage: scripts/generate-client-fixtures.sh   (npm run fixtures runs it too)
#
# Independent of generate-fixtures.sh: its own CAs, keys and config, all in a
# temporary directory removed on exit; only public certificates reach the repo.
# Every run makes new keys: commit the folder and its manifest together.

set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
OUT_DIR="$(cd -- "$SCRIPT_DIR/.." && pwd -P)/__tests__/fixtures/clients"

FIXTURE_LOG_TAG=client-fixtures
# shellcheck source=lib/openssl-helpers.sh
source "$SCRIPT_DIR/lib/openssl-helpers.sh"
make_work_dir client-fixtures
OUT="$WORK/out"
mkdir -p "$OUT" "$WORK/keys" "$WORK/csr" "$WORK/newcerts"
require_openssl3

printf '2001\n' >"$WORK/serial"
cat >"$WORK/openssl.cnf" <<'CNF'
[ ca ]
default_ca              = CA_default
[ CA_default ]
dir                     = $ENV::FIXTURE_CA_DB
database                = $dir/index.txt
new_certs_dir           = $ENV::FIXTURE_WORK/newcerts
serial                  = $ENV::FIXTURE_WORK/serial
default_md              = sha256
policy                  = policy_any
unique_subject          = no
email_in_dn             = no
copy_extensions         = none
[ policy_any ]
organizationName        = optional
commonName              = supplied
CNF
{
  req_sections
  ext_root_ca ext_root
  ext_issuing_ca ext_intermediate
  ext_section ext_root_pathlen0 "CA:TRUE, pathlen:0" "keyCertSign, cRLSign" "" subject
  ext_section ext_intermediate_pathlen0 "CA:TRUE, pathlen:0" "keyCertSign, cRLSign" "" both
  ext_issuing_ca ext_intermediate_server_only serverAuth
  ext_section ext_root_server_only "CA:TRUE" "keyCertSign, cRLSign" serverAuth subject
  ext_section ext_intermediate_no_keycertsign "CA:TRUE" "digitalSignature, cRLSign" "" both
  ext_section ext_client "CA:FALSE" "digitalSignature" clientAuth both
  ext_section ext_server "CA:FALSE" "digitalSignature, keyEncipherment" serverAuth both
  ext_section ext_client_no_digital_signature "CA:FALSE" "keyEncipherment" clientAuth both
} >>"$WORK/openssl.cnf"
export FIXTURE_WORK="$WORK"
# Default for commands other than `openssl ca` (the config references it).
export FIXTURE_CA_DB="$WORK/db/unused"

# sign NAME SUBJECT EXT START END ISSUER [KEY_OF]   (ISSUER "self" for a self-signed root)
#   -> $OUT/NAME.pem, key $WORK/keys/NAME.key: a new one, or KEY_OF's (one key under two names)
sign() {
  local name="$1" subj="$2" ext="$3" start="$4" end="$5" issuer="$6" key_of="${7:-}"
  if [[ -n "$key_of" ]]; then
    cp "$WORK/keys/$key_of.key" "$WORK/keys/$name.key"
  else
    ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/keys/$name.key"
  fi
  ossl req -new -config "$WORK/openssl.cnf" -key "$WORK/keys/$name.key" -subj "$subj" -out "$WORK/csr/$name.csr"
  local db="$WORK/db/$issuer" signer
  mkdir -p "$db"
  [[ -f "$db/index.txt" ]] || : >"$db/index.txt"
  if [[ "$issuer" == self ]]; then
    signer=(-selfsign -keyfile "$WORK/keys/$name.key")
  else
    signer=(-cert "$OUT/$issuer.pem" -keyfile "$WORK/keys/$issuer.key")
  fi
  FIXTURE_CA_DB="$db" ossl ca -batch -config "$WORK/openssl.cnf" -notext -preserveDN \
    -startdate "$start" -enddate "$end" -extensions "$ext" \
    -in "$WORK/csr/$name.csr" -out "$OUT/$name.pem" "${signer[@]}"
}

S=20250101000000Z
E=20550101000000Z
T="/O=Client Fixtures"
log "certificates ..."
sign root "$T/CN=Client Test Root CA" ext_root "$S" "$E" self
# Same name as root, new key: the re-issued root whose old clients no longer chain.
sign root-reissued "$T/CN=Client Test Root CA" ext_root "$S" "$E" self
sign other-root "$T/CN=Other Root CA" ext_root "$S" "$E" self
# A root that expires before the clients it issued (2040 < 2045).
sign short-root "$T/CN=Short-Lived Root CA" ext_root "$S" 20400101000000Z self
sign intermediate "$T/CN=Client Test Intermediate CA" ext_intermediate "$S" 20500101000000Z root
sign intermediate-server-only "$T/CN=Server-Only Intermediate CA" ext_intermediate_server_only "$S" 20500101000000Z root
# A root restricted to serverAuth: OpenSSL refuses every client under it.
sign server-only-root "$T/CN=Server-Only Root CA" ext_root_server_only "$S" "$E" self
sign intermediate-no-keycertsign "$T/CN=Intermediate CA Without keyCertSign" ext_intermediate_no_keycertsign "$S" 20500101000000Z root
# A leaf (CA:FALSE) that was used to sign a client anyway.
sign not-a-ca "$T/CN=Not A CA" ext_client "$S" 20500101000000Z root

sign client-root "$T/CN=alice.client-of-root" ext_client "$S" 20450101000000Z root
sign client-intermediate "$T/CN=bob.client-of-intermediate" ext_client "$S" 20450101000000Z intermediate
sign client-other "$T/CN=carol.client-of-other-root" ext_client "$S" 20450101000000Z other-root
sign client-server-auth "$T/CN=server-auth-only.client" ext_server "$S" 20450101000000Z root
sign client-expired "$T/CN=expired.client" ext_client 20200101000000Z 20210101000000Z root
sign client-not-yet-valid "$T/CN=not-yet-valid.client" ext_client 20900101000000Z 20950101000000Z root
sign client-no-digital-signature "$T/CN=no-digital-signature.client" ext_client_no_digital_signature "$S" 20450101000000Z root
sign client-of-not-a-ca "$T/CN=dave.client-of-not-a-ca" ext_client "$S" 20450101000000Z not-a-ca
sign client-of-server-only "$T/CN=erin.client-of-server-only-intermediate" ext_client "$S" 20450101000000Z intermediate-server-only
sign client-server-only-root "$T/CN=grace.client-of-server-only-root" ext_client "$S" 20450101000000Z server-only-root
sign client-of-no-keycertsign "$T/CN=heidi.client-of-no-keycertsign" ext_client "$S" 20450101000000Z intermediate-no-keycertsign
sign client-short-root "$T/CN=frank.client-of-short-lived-root" ext_client "$S" 20450101000000Z short-root

# basicConstraints pathlen: a root with pathlen:0 may sign clients but no intermediate CA; an
# intermediate with pathlen:0 (the usual issuing CA) may sign clients but no sub-intermediate.
sign pathlen0-root "$T/CN=Pathlen 0 Root CA" ext_root_pathlen0 "$S" "$E" self
sign intermediate-under-pathlen0-root "$T/CN=Intermediate Under Pathlen 0 Root" ext_intermediate "$S" 20500101000000Z pathlen0-root
sign client-pathlen0-root "$T/CN=ivan.client-of-pathlen0-root" ext_client "$S" 20450101000000Z pathlen0-root
sign client-under-pathlen0-root "$T/CN=judy.client-below-pathlen0-root" ext_client "$S" 20450101000000Z intermediate-under-pathlen0-root
sign intermediate-pathlen0 "$T/CN=Pathlen 0 Intermediate CA" ext_intermediate_pathlen0 "$S" 20500101000000Z root
sign client-of-pathlen0-intermediate "$T/CN=kim.client-of-pathlen0-intermediate" ext_client "$S" 20450101000000Z intermediate-pathlen0
sign sub-intermediate "$T/CN=Sub-Intermediate CA" ext_intermediate "$S" 20500101000000Z intermediate-pathlen0
sign client-of-sub-intermediate "$T/CN=leo.client-of-sub-intermediate" ext_client "$S" 20450101000000Z sub-intermediate

# Names that differ only in case and spaces are equal to OpenSSL (RFC 5280 7.1 comparison), not
# to a string comparison. One key under the names "CN=case   root" and "CN=Case Root":
# case-root is a plain self-signed root; case-root-recased-issuer is the same root whose issuer
# field reads "CN=case   root" (self-issued to OpenSSL); client-of-case-alias names its issuer
# "CN=case   root" and chains to case-root.
sign case-root-alias "/CN=case   root" ext_root "$S" "$E" self
sign case-root "/CN=Case Root" ext_root "$S" "$E" self case-root-alias
sign case-root-recased-issuer "/CN=Case Root" ext_root "$S" "$E" case-root-alias case-root-alias
sign client-of-case-alias "$T/CN=mallory.client-issued-as-case-root" ext_client "$S" 20450101000000Z case-root-alias
sign client-of-case-root "$T/CN=niaj.client-of-case-root" ext_client "$S" 20450101000000Z case-root

# Samples as a user passes them: the client certificate, then what it sends with it.
log "samples ..."
cat "$OUT/client-intermediate.pem" "$OUT/intermediate.pem" >"$OUT/client-intermediate-chain.pem"
cat "$OUT/intermediate.pem" "$OUT/client-intermediate.pem" >"$OUT/client-intermediate-chain-wrong-order.pem"
cat "$OUT/client-of-not-a-ca.pem" "$OUT/not-a-ca.pem" >"$OUT/client-of-not-a-ca-chain.pem"
cat "$OUT/client-of-server-only.pem" "$OUT/intermediate-server-only.pem" >"$OUT/client-of-server-only-chain.pem"
cat "$OUT/client-of-no-keycertsign.pem" "$OUT/intermediate-no-keycertsign.pem" >"$OUT/client-of-no-keycertsign-chain.pem"
# An unrelated certificate after the client: servers ignore what does not build the chain.
cat "$OUT/client-root.pem" "$OUT/other-root.pem" >"$OUT/client-root-with-unrelated-extra.pem"
cat "$OUT/client-under-pathlen0-root.pem" "$OUT/intermediate-under-pathlen0-root.pem" >"$OUT/client-under-pathlen0-root-chain.pem"
cat "$OUT/client-of-pathlen0-intermediate.pem" "$OUT/intermediate-pathlen0.pem" >"$OUT/client-of-pathlen0-intermediate-chain.pem"
cat "$OUT/client-of-sub-intermediate.pem" "$OUT/sub-intermediate.pem" "$OUT/intermediate-pathlen0.pem" >"$OUT/client-of-sub-intermediate-chain.pem"
# Only the certificates that are CAs or samples are kept.
rm -f "$OUT/not-a-ca.pem" "$OUT/client-of-not-a-ca.pem" "$OUT/client-of-server-only.pem" "$OUT/intermediate-server-only.pem" \
  "$OUT/client-of-no-keycertsign.pem" "$OUT/intermediate-no-keycertsign.pem" \
  "$OUT/client-under-pathlen0-root.pem" "$OUT/intermediate-under-pathlen0-root.pem" "$OUT/client-of-pathlen0-intermediate.pem" \
  "$OUT/intermediate-pathlen0.pem" "$OUT/client-of-sub-intermediate.pem" "$OUT/sub-intermediate.pem" "$OUT/case-root-alias.pem"

# case NAME CA SAMPLE: OpenSSL's verdict on SAMPLE (first certificate = the
# client, the rest = what it sends, untrusted) against the trust anchor CA.
json_str() { local s="${1//\\/\\\\}"; printf '"%s"' "${s//\"/\\\"}"; }
cases=()
verdict() {
  local name="$1" ca="$2" sample="$3" leaf="$WORK/leaf.pem" rest="$WORK/rest.pem"
  # The first certificate of the sample, and the rest of it.
  awk 'n==0{print} /-----END CERTIFICATE-----/{n=1}' "$OUT/$sample" >"$leaf"
  awk 'n==1{print} /-----END CERTIFICATE-----/{n=1}' "$OUT/$sample" >"$rest"
  local untrusted=()
  [[ -s "$rest" ]] && untrusted=(-untrusted "$rest")
  local output ok=true error=""
  if ! output="$("$OPENSSL" verify -purpose sslclient -CAfile "$OUT/$ca" "${untrusted[@]}" "$leaf" 2>&1)"; then
    ok=false
    # "error 20 at 0 depth lookup: unable to get local issuer certificate"
    error="$(printf '%s\n' "$output" | grep -m1 '^error ' || true)"
    [[ -n "$error" ]] || die "$name: openssl verify failed without an error line: $output"
  fi
  log "$name: ${error:-OK}"
  cases+=("$(printf '    { "name": %s, "ca": %s, "sample": %s, "opensslAccepts": %s, "opensslError": %s }' \
    "$(json_str "$name")" "$(json_str "$ca")" "$(json_str "$sample")" "$ok" "$(json_str "$error")")")
}

log "openssl verify -purpose sslclient ..."
verdict client-of-root root.pem client-root.pem
verdict client-of-intermediate-with-chain root.pem client-intermediate-chain.pem
verdict client-of-intermediate-without-chain root.pem client-intermediate.pem
verdict client-of-intermediate-against-intermediate intermediate.pem client-intermediate.pem
verdict client-of-other-ca root.pem client-other.pem
verdict client-of-old-root-against-reissued-root root-reissued.pem client-root.pem
verdict server-auth-only root.pem client-server-auth.pem
verdict expired root.pem client-expired.pem
verdict not-yet-valid root.pem client-not-yet-valid.pem
verdict chain-in-wrong-order root.pem client-intermediate-chain-wrong-order.pem
verdict no-digital-signature root.pem client-no-digital-signature.pem
verdict intermediate-not-a-ca root.pem client-of-not-a-ca-chain.pem
verdict intermediate-server-auth-only root.pem client-of-server-only-chain.pem
verdict client-outlives-ca short-root.pem client-short-root.pem
verdict chain-against-intermediate intermediate.pem client-intermediate-chain.pem
verdict ca-server-auth-only server-only-root.pem client-server-only-root.pem
verdict intermediate-without-keycertsign root.pem client-of-no-keycertsign-chain.pem
verdict unrelated-extra-certificate root.pem client-root-with-unrelated-extra.pem
verdict client-of-pathlen0-root pathlen0-root.pem client-pathlen0-root.pem
verdict intermediate-below-pathlen0-root pathlen0-root.pem client-under-pathlen0-root-chain.pem
verdict client-of-pathlen0-intermediate root.pem client-of-pathlen0-intermediate-chain.pem
verdict sub-intermediate-below-pathlen0-intermediate root.pem client-of-sub-intermediate-chain.pem
verdict issuer-name-differs-in-case-and-spaces case-root.pem client-of-case-alias.pem
verdict ca-issuer-name-differs-in-case-and-spaces case-root-recased-issuer.pem client-of-case-root.pem

{
  printf '{\n  "generatedBy": "scripts/generate-client-fixtures.sh",\n'
  printf '  "opensslVersion": %s,\n' "$(json_str "$("$OPENSSL" version)")"
  printf '  "command": "openssl verify -purpose sslclient -CAfile CA [-untrusted REST_OF_SAMPLE] FIRST_OF_SAMPLE",\n'
  printf '  "cases": [\n'
  sep=""
  for c in "${cases[@]}"; do printf "%s%s" "$sep" "$c"; sep=$',\n'; done
  printf '\n  ]\n}\n'
} >"$OUT/manifest.json"

for f in "$OUT"/*.pem; do grep -q 'PRIVATE KEY' "$f" && die "private key material in $f"; done
rm -rf -- "$OUT_DIR"
mkdir -p "$OUT_DIR"
install -m 0644 "$OUT"/* "$OUT_DIR/"
log "done: $(ls "$OUT" | wc -l) files in __tests__/fixtures/clients/"
