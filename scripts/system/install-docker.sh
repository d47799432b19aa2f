#!/usr/bin/env bash
# The Docker engine that runs jobs in CI (and on a fresh machine): docker.io and debootstrap from
# Debian's packages, then dockerd started in the background when no engine answers.
set -euo pipefail
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q docker.io debootstrap
fi

if docker info >/dev/null 2>&1; then
  echo "Docker engine already running"
  exit 0
fi

log="${TMPDIR:-/tmp}/crucible-dockerd.log"
echo "Starting dockerd (log: $log)"
$SUDO nohup dockerd >"$log" 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    docker version --format 'Docker engine {{.Server.Version}}'
    exit 0
  fi
  sleep 1
done
echo "dockerd did not start:" >&2
tail -n 40 "$log" >&2
exit 1
