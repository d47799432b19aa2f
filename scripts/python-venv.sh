#!/usr/bin/env bash
# A Python venv with exactly the pinned packages of a requirements file: by default the test
# suite's (.crucible-venv/ from tests/python/requirements.txt); `npm run bench:mlflow` makes its
# MLflow server's with `scripts/python-venv.sh .crucible-bench-venv bench/python-requirements.txt`.
# Run it before any step that needs them; it returns at once when the venv already matches the
# requirements and the interpreter. Packages come through the machine's own pip configuration.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${1:-.crucible-venv}"
requirements="${2:-tests/python/requirements.txt}"
stamp="$venv/requirements.sha256"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

# Debian ships the venv module (and the ensurepip it needs) in a package of its own.
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends python3 python3-venv
fi

# A new interpreter (a Debian upgrade) needs a new venv as much as new requirements do.
wanted="$( { sha256sum "$requirements"; python3 -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
  echo "Python venv up to date ($venv)"
  exit 0
fi

# Made anew rather than upgraded in place, so a package dropped from the requirements goes too;
# the stamp is written last, so an interrupted install is redone on the next call.
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --no-input --disable-pip-version-check -r "$requirements"
"$venv/bin/python" -m pip check
echo "$wanted" > "$stamp.tmp"
mv "$stamp.tmp" "$stamp"
echo "Python venv ready ($venv): $(grep -c '==' "$requirements") pinned packages"
