#!/usr/bin/env bash
#
# generate-security-fixtures.sh: (re)creates __tests__/fixtures/security/, the
# inputs of the security review's tests (issue 22):
#
#   key-pkcs8.pkey-text.txt     `openssl pkey -text -noout` of key-pkcs8.pem (RSA)
#   key-pkcs8.pkey-text-pem.txt `openssl pkey -text` of it: the PEM, then the dump
#   key-pkcs1.rsa-text.txt      `openssl rsa -text -noout` of key-pkcs1.pem
#   key-ec.pkey-text.txt        `openssl pkey -text -noout` of key-ec.pem
#   server-rotated.pem/.key     a second server certificate for edge.example.com
#                               with a key of its own: the server key rotation
#                               of __tests__/e2e/example-app-security.test.ts
#
# The dumps are derived from the throw-away test keys in __tests__/fixtures
# (same keys, same dumps); the rotated server pair gets a new key every run.
# A user pastes such a dump after a CA certificate by mistake: the leak tests
# (__tests__/leaks.test.ts) prove no byte of it reaches an error message.
#
# Usage: scripts/generate-security-fixtures.sh   (also run by generate-fixtures.sh)
# Requirements: bash, OpenSSL 3.0+.

set -euo pipefail
SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/.." && pwd -P)"
KEYS_DIR="$REPO_ROOT/__tests__/fixtures"
OUT_DIR="$KEYS_DIR/security"

FIXTURE_LOG_TAG=security
# shellcheck source=lib/openssl-helpers.sh
source "$SCRIPT_DIR/lib/openssl-helpers.sh"
require_openssl3
make_work_dir security-fixtures
OUT="$WORK/out"
mkdir -p "$OUT"

log "private keys printed as text ..."
ossl pkey -in "$KEYS_DIR/key-pkcs8.pem" -text -noout -out "$OUT/key-pkcs8.pkey-text.txt"
ossl pkey -in "$KEYS_DIR/key-pkcs8.pem" -text -out "$OUT/key-pkcs8.pkey-text-pem.txt"
ossl rsa -in "$KEYS_DIR/key-pkcs1.pem" -text -noout -out "$OUT/key-pkcs1.rsa-text.txt"
ossl pkey -in "$KEYS_DIR/key-ec.pem" -text -noout -out "$OUT/key-ec.pkey-text.txt"

log "a second server certificate, with a new key ..."
ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/server-rotated.key"
cat >"$WORK/server.cnf" <<'EOF'
[ req ]
distinguished_name      = req_dn
prompt                  = no
x509_extensions         = ext_server
[ req_dn ]
CN                      = edge.example.com
O                       = Example Platform Team
C                       = CN
[ ext_server ]
basicConstraints        = critical, CA:FALSE
keyUsage                = critical, digitalSignature, keyEncipherment
extendedKeyUsage        = serverAuth
subjectAltName          = DNS:edge.example.com
subjectKeyIdentifier    = hash
EOF
ossl req -new -x509 -config "$WORK/server.cnf" -key "$OUT/server-rotated.key" -sha256 \
  -days 7300 -out "$OUT/server-rotated.pem"

log "self-checks ..."
for f in key-pkcs8.pkey-text.txt key-pkcs1.rsa-text.txt; do
  grep -q '^privateExponent:$' "$OUT/$f" || die "$f has no privateExponent"
done
grep -q '^priv:$' "$OUT/key-ec.pkey-text.txt" || die "key-ec.pkey-text.txt has no priv"
grep -q '^-----BEGIN PRIVATE KEY-----$' "$OUT/key-pkcs8.pkey-text-pem.txt" || die "key-pkcs8.pkey-text-pem.txt has no PEM"
[[ "$("$OPENSSL" x509 -in "$OUT/server-rotated.pem" -noout -pubkey)" == \
   "$("$OPENSSL" pkey -in "$OUT/server-rotated.key" -pubout)" ]] || die "server-rotated.key does not match server-rotated.pem"
[[ "$("$OPENSSL" pkey -in "$OUT/server-rotated.key" -pubout)" != \
   "$("$OPENSSL" pkey -in "$REPO_ROOT/examples/certs/server.key" -pubout)" ]] || die "server-rotated.key is the example server key"

mkdir -p "$OUT_DIR"
for f in "$OUT"/*; do install -m 0644 "$f" "$OUT_DIR/"; done
log "done: $(ls "$OUT" | wc -l) files written to ${OUT_DIR#"$REPO_ROOT"/}/"
