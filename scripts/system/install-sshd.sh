#!/usr/bin/env bash
# OpenSSH's server and client, for the test of Docker hosts reached over ssh:// (the test starts
# its own sshd on a loopback port; nothing is enabled system-wide).
set -euo pipefail
if command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ]; then
  echo "sshd already installed"
  exit 0
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
# Keep the package from starting a system sshd: the test runs its own.
guard=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  guard=1
fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends openssh-server openssh-client
if [ -n "$guard" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
