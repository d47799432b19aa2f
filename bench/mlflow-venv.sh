#!/usr/bin/env bash
# The MLflow server of `npm run bench:mlflow`: a venv in .crucible-bench-venv/ with exactly the
# pinned packages of bench/python-requirements.txt, made the way scripts/python-venv.sh makes the
# test suite's (a venv of its own, so the benchmark's server never changes what the tests run).
# Returns at once when the venv already matches the requirements and the interpreter. Packages
# come through the machine's own pip configuration.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=".crucible-bench-venv"
requirements="bench/python-requirements.txt"
stamp="$venv/requirements.sha256"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

# Debian ships the venv module (and the ensurepip it needs) in a package of its own.
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends python3 python3-venv
fi

# A new interpreter needs a new venv as much as new requirements do.
wanted="$( { sha256sum "$requirements"; python3 -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)"
if [ -x "$venv/bin/mlflow" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
  echo "MLflow venv up to date ($venv)"
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
echo "MLflow venv ready ($venv): $("$venv/bin/mlflow" --version)"
