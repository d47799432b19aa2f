#!/usr/bin/env bash
# versitygw, an S3-compatible server, built from source into .crucible-tools/bin for the tests of
# the s3 datastore (each test starts its own on a loopback port with a temp folder).
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=v1.8.0
BIN_DIR="$PWD/.crucible-tools/bin"
BIN="$BIN_DIR/versitygw"
if [ -x "$BIN" ] && [ "$(cat "$BIN.version" 2>/dev/null)" = "$VERSION" ]; then
  echo "versitygw $VERSION already installed"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends golang-go ca-certificates
fi
mkdir -p "$BIN_DIR"
GOBIN="$BIN_DIR" go install "github.com/versity/versitygw/cmd/versitygw@$VERSION"
echo "$VERSION" >"$BIN.version"
echo "versitygw $VERSION installed"
