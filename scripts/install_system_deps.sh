#!/usr/bin/env bash
# Debian packages the subscriber tests and the sink need: PostgreSQL (a throwaway server per
# test run: initdb + pg_ctl), Chromium and its driver (the web page's browser test), and a font
# with Arabic glyphs for readable screenshots. Idempotent: installs only what is missing, and
# runs `apt-get update` only then. Tests skip (with the reason) when these are absent.
set -euo pipefail

PACKAGES=(postgresql chromium chromium-driver fonts-dejavu-core)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install_system_deps.sh: all present (${PACKAGES[*]})"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "install_system_deps.sh: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
started=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install_system_deps.sh: installed ${missing[*]} in $(( $(date +%s) - started )) s"
