#!/usr/bin/env bash
#
# install-terraform.sh DIR: installs the Terraform CLI this project is tested
# with (linux_amd64) as DIR/terraform, for the example pipelines
# (examples/pipelines/). The download is checked before anything is unpacked:
#
# - HashiCorp's terraform_<version>_SHA256SUMS must list the pinned SHA-256
#   below for the zip (so a version bump without a new hash fails loudly);
# - the zip's own SHA-256 must be the pinned one (so a changed file on the
#   server, or on the way, fails even if SHA256SUMS changed with it).
#
# The pinned SHA-256 is the line for terraform_1.11.4_linux_amd64.zip in
# https://releases.hashicorp.com/terraform/1.11.4/terraform_1.11.4_SHA256SUMS.
# It was copied from that line as independent public recipes pin it (a
# Homebrew-style formula, an Arch PKGBUILD, a Nix flake, install scripts of
# other projects all agree); the first run of this script checks it against
# the file itself. To move to another version, take its line from that
# version's SHA256SUMS, after checking the file's signature (SHA256SUMS.sig,
# HashiCorp's release key).
#
# TERRAFORM_RELEASES_URL replaces https://releases.hashicorp.com (a mirror
# with the same layout). Needs bash, curl, sha256sum and unzip.

set -euo pipefail

TERRAFORM_VERSION="1.11.4"
TERRAFORM_SHA256="1ce994251c00281d6845f0f268637ba50c0005657eb3cf096b92f753b42ef4dc"

dest="${1:?usage: install-terraform.sh DIR}"
releases="${TERRAFORM_RELEASES_URL:-https://releases.hashicorp.com}"
zip="terraform_${TERRAFORM_VERSION}_linux_amd64.zip"

work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT

curl -fsSLo "$work/$zip" "$releases/terraform/$TERRAFORM_VERSION/$zip"
curl -fsSLo "$work/SHA256SUMS" "$releases/terraform/$TERRAFORM_VERSION/terraform_${TERRAFORM_VERSION}_SHA256SUMS"

if ! grep -qxF "$TERRAFORM_SHA256  $zip" "$work/SHA256SUMS"; then
  echo "install-terraform: HashiCorp's SHA256SUMS does not list $TERRAFORM_SHA256 for $zip; nothing installed." >&2
  exit 1
fi
actual="$(sha256sum "$work/$zip" | cut -d ' ' -f 1)"
if [[ "$actual" != "$TERRAFORM_SHA256" ]]; then
  echo "install-terraform: $zip has SHA-256 $actual, not $TERRAFORM_SHA256; nothing installed." >&2
  exit 1
fi

mkdir -p "$dest"
unzip -o -q "$work/$zip" terraform -d "$work/unpacked"
install -m 0755 "$work/unpacked/terraform" "$dest/terraform"
echo "install-terraform: terraform $TERRAFORM_VERSION (SHA-256 checked) in $dest"
