#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine with Node 20+ needs to run and test the suite.
# Idempotent: it installs only what is missing. As root it uses apt directly, otherwise sudo
# (non-interactive); without either it stops and prints the exact command to run.
set -euo pipefail

APT_PACKAGES=(pcscd vsmartcard-vpcd libpcsclite-dev libusb-1.0-0 chromium)
PNPM_VERSION=10.34.9

say() { printf '[setup] %s\n' "$*" >&2; }

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  say "Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))."
  exit 1
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    say "installing ${missing[*]} through sudo"
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    say "missing system packages: ${missing[*]}"
    say "run this as root, then run the command again:"
    say "  sudo sh -c '$cmd'"
    exit 1
  fi
fi

# pnpm 10: pnpm 11 does not run on Node 20, and pnpm 12 ignores onlyBuiltDependencies.
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" != "10" ]; then
  if [ -w "$(npm prefix -g)/lib" ] 2>/dev/null || [ "$(id -u)" -eq 0 ]; then
    say "installing pnpm@$PNPM_VERSION globally"
    npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >&2
  else
    say "installing pnpm@$PNPM_VERSION into .tools/"
    npm install --prefix "$(dirname "$0")/../.tools" --no-fund --no-audit "pnpm@$PNPM_VERSION" >&2
  fi
fi
