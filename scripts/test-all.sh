#!/usr/bin/env bash
# The whole suite, as CI runs it: what the machine lacks, static checks, unit and integration
# tests on a real PostgreSQL, then end-to-end tests in Chromium against a production build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n== %s\n' "$1"; }

# What a fresh Debian machine lacks, each step a no-op when it is already there: Debian's Chromium
# for the end-to-end tests, the Docker engine (started when none answers), sshd for the ssh://
# host test, the S3 server of the s3 datastore tests, and the local base image of the curated environments.
for system in install-chromium install-docker install-sshd install-s3-server build-base-image; do
  step "$system"; bash "scripts/system/$system.sh"
done
step "prisma generate";   npx prisma generate >/dev/null
step "python venv";       bash scripts/python-venv.sh
step "typecheck";         npx tsc --noEmit
step "lint and dependency rules"; npm run --silent lint
step "formatting (prettier)"; npm run --silent format:check
step "migrations match the schema"; npm run --silent db:check
step "unit and integration tests"; npx vitest run
step "production build";  npx next build
step "end-to-end tests"
status=0
npx playwright test || status=$?
bash scripts/system/remove-installation-containers.sh .crucible-e2e
exit "$status"
