#!/usr/bin/env bash
# Test setup for the browser tests: Debian's Chromium, CJK fonts and pdftotext.
# Installs whatever is missing; if that is impossible (no root, no apt, no network), it says so
# and the browser tests skip with that reason while every other test still runs.
set -uo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "note: no apt-get; cannot install ${missing[*]}; the browser tests will skip" >&2
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "note: not root and no passwordless sudo; cannot install ${missing[*]}; the browser tests will skip" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" \
  || { "${sudo[@]}" apt-get update -q && "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
  || echo "note: could not install ${missing[*]}; the browser tests will skip" >&2
exit 0
