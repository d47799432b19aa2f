#!/usr/bin/env bash
# The local base image of the curated environments (no registry can be reached to pull one).
set -euo pipefail
bash "$(dirname "$0")/../build-base-image.sh"
