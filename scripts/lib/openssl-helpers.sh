# shellcheck shell=bash
#
# openssl-helpers.sh: what the fixture generators (scripts/generate-*.sh) share
# to drive openssl: a private work directory, logging, the quiet openssl
# runner, the OpenSSL 3 check and the writer of certificate extension sections.
# Sourced, never run: `source "$SCRIPT_DIR/lib/openssl-helpers.sh"`.
#
# The sourcing script sets OPENSSL (default `openssl`) and FIXTURE_LOG_TAG
# (the prefix of its log lines) before it calls any of these.

OPENSSL="${OPENSSL:-openssl}"

log() { printf '[%s] %s\n' "$FIXTURE_LOG_TAG" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$FIXTURE_LOG_TAG" "$*" >&2; exit 1; }

# make_work_dir NAME: sets WORK to a new directory only this user can read
# (it holds the CA private keys), removed when the script exits.
make_work_dir() {
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXXXX")"
  trap 'rm -rf -- "$WORK"' EXIT
  chmod 700 "$WORK"
}

# require_openssl3: the generators rely on OpenSSL 3 behaviour (genpkey
# options, -startdate/-enddate of `openssl ca`, verify messages).
require_openssl3() {
  command -v "$OPENSSL" >/dev/null 2>&1 || die "openssl not found"
  case "$("$OPENSSL" version)" in
    "OpenSSL 3."*) ;;
    *) die "OpenSSL 3.x required, found: $("$OPENSSL" version)" ;;
  esac
}

# ossl ARGS...: run openssl quietly; on failure show its output and abort.
ossl() {
  if ! "$OPENSSL" "$@" >"$WORK/openssl.log" 2>&1; then
    cat "$WORK/openssl.log" >&2
    die "openssl $* failed"
  fi
}

# req_sections [LINE...]: the [ req ] and [ req_dn ] sections `openssl req -new -subj`
# needs (its -subj replaces the placeholder name); LINEs are added to [ req ].
req_sections() {
  printf '[ req ]\ndistinguished_name      = req_dn\n'
  [[ $# -eq 0 ]] || printf '%s\n' "$@"
  printf 'prompt                  = no\n[ req_dn ]\nCN                      = placeholder\n'
}

# ext_section NAME BASIC_CONSTRAINTS KEY_USAGE EXTENDED_KEY_USAGE KEY_IDS [SUBJECT_ALT_NAME]
#   prints one extension section for an openssl config; basicConstraints and
#   keyUsage are critical. EXTENDED_KEY_USAGE "" leaves it out. KEY_IDS is
#   "none", "subject" (subjectKeyIdentifier) or "both" (and authorityKeyIdentifier).
#   The lines come in the order openssl writes the extensions into the certificate.
ext_section() {
  local name="$1" basic="$2" usage="$3" eku="$4" ids="$5" san="${6:-}"
  printf '[ %s ]\n' "$name"
  printf 'basicConstraints        = critical, %s\n' "$basic"
  printf 'keyUsage                = critical, %s\n' "$usage"
  [[ -z "$eku" ]] || printf 'extendedKeyUsage        = %s\n' "$eku"
  case "$ids" in
    none) ;;
    subject) printf 'subjectKeyIdentifier    = hash\n' ;;
    both) printf 'subjectKeyIdentifier    = hash\nauthorityKeyIdentifier  = keyid:always\n' ;;
    *) die "ext_section $name: KEY_IDS must be none, subject or both, not '$ids'" ;;
  esac
  [[ -z "$san" ]] || printf 'subjectAltName          = %s\n' "$san"
}

# The CA profiles every generator uses: ext_root_ca NAME, a self-signed root;
# ext_issuing_ca NAME [EXTENDED_KEY_USAGE], a CA issued by another.
ext_root_ca() { ext_section "$1" "CA:TRUE" "keyCertSign, cRLSign" "" subject; }
ext_issuing_ca() { ext_section "$1" "CA:TRUE" "keyCertSign, cRLSign" "${2:-}" both; }
