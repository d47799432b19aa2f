#!/usr/bin/env bash
# Removes the containers of the installation whose home is $1 (a test run's, whose database is
# about to be discarded): online endpoint instances outlive the studio by design, and nothing
# else would ever remove them. Other installations' containers on the same engine are left alone.
set -euo pipefail
home="${1:?usage: remove-installation-containers.sh CRUCIBLE_HOME}"
file="$home/installation-id"
[ -f "$file" ] || exit 0
command -v docker >/dev/null 2>&1 || exit 0
id="$(tr -dc 'a-f0-9' < "$file")"
[ -n "$id" ] || exit 0
containers="$(docker ps -aq --filter "label=crucible.installation=$id" 2>/dev/null || true)"
if [ -n "$containers" ]; then
  echo "removing $(echo "$containers" | wc -l) container(s) left by the installation in $home"
  echo "$containers" | xargs docker rm -f >/dev/null
fi
