#!/usr/bin/env bash
# Builds the local base image the curated environments start from: Debian (minbase) with python3,
# numpy and scikit-learn, made with debootstrap and `docker import` because no image registry may be
# reachable. The Debian mirror is read from this machine's apt sources. Idempotent.
set -euo pipefail
IMAGE="${CRUCIBLE_BASE_IMAGE:-crucible-base:bookworm}"
PACKAGES="python3,python3-numpy,python3-sklearn,ca-certificates,procps"

if docker image inspect "$IMAGE" >/dev/null 2>&1 && [ "${1:-}" != "--force" ]; then
  echo "Base image $IMAGE already present"
  exit 0
fi

suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"

# The first plain Debian archive among the apt sources (deb822 .sources files, then sources.list);
# security and updates suites are skipped since debootstrap needs the main suite.
mirror_from_sources() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v suite="$suite" '
      /^[[:space:]]*$/ { if (uri != "" && suites ~ ("(^| )" suite "( |$)")) { print uri; exit } uri=""; suites="" }
      /^URIs:/ { uri=$2 }
      /^Suites:/ { $1=""; suites=$0; sub(/^ /, "", suites) }
      END { if (uri != "" && suites ~ ("(^| )" suite "( |$)")) print uri }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk -v suite="$suite" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i ~ /:\/\//) { if ($(i+1) == suite) print $i; break } }' "$f"
  done
}
mirror="$(mirror_from_sources | head -n 1)"
if [ -z "$mirror" ]; then
  echo "No Debian mirror for '$suite' found in the apt sources" >&2
  exit 1
fi

SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
root="$(mktemp -d "${TMPDIR:-/tmp}/crucible-base.XXXXXX")"
trap '$SUDO rm -rf "$root"' EXIT
echo "Building $IMAGE from $mirror ($suite): $PACKAGES"
$SUDO debootstrap --variant=minbase --include="$PACKAGES" "$suite" "$root" "$mirror"
# Trim caches the image never needs.
$SUDO rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
$SUDO tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["python3"]' - "$IMAGE"
docker run --rm --network none "$IMAGE" python3 -c 'import sklearn, numpy; print("sklearn", sklearn.__version__, "numpy", numpy.__version__)'
