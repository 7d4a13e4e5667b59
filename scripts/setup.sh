#!/usr/bin/env bash
# Idempotent setup: installs what `make serve` / `make test` need and skips what is present.
# One line of progress per step; a failing step stops with the step's name and what to do.
set -uo pipefail

step() { printf '[setup] %-38s ' "$1"; }
ok() { printf '%s\n' "${1:-ok}"; }
fail() { printf 'FAILED\n[setup] step "%s" failed: %s\n' "$1" "$2" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$PATH"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

step "rust target wasm32-unknown-unknown"
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then ok "present"
else rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || fail "wasm32 target" "run 'rustup target add wasm32-unknown-unknown' and check network access to static.rust-lang.org"; ok "installed"; fi

step "debian packages"
missing=()
for p in chromium chromium-driver firefox-esr binaryen; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then ok "present"
else
  printf 'installing %s ... ' "${missing[*]}"
  $SUDO apt-get update -qq >/dev/null 2>&1 || fail "apt-get update" "check that Debian's package mirror is reachable"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || fail "apt-get install ${missing[*]}" "run 'apt-get install ${missing[*]}' by hand to see the error"
  ok "installed"
fi

step "wasm-pack"
if command -v wasm-pack >/dev/null 2>&1; then ok "present ($(wasm-pack --version))"
else cargo install wasm-pack --locked >/tmp/certcalc-setup-wasm-pack.log 2>&1 \
  || fail "cargo install wasm-pack" "see /tmp/certcalc-setup-wasm-pack.log"; ok "installed"; fi

step "geckodriver"
if command -v geckodriver >/dev/null 2>&1; then ok "present"
else cargo install geckodriver --locked >/tmp/certcalc-setup-geckodriver.log 2>&1 \
  || fail "cargo install geckodriver" "see /tmp/certcalc-setup-geckodriver.log"; ok "installed"; fi

step "npm dependencies (playwright-core, ...)"
if [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then ok "present"
else npm ci --no-audit --no-fund --loglevel=error >/tmp/certcalc-setup-npm.log 2>&1 \
  || fail "npm ci" "see /tmp/certcalc-setup-npm.log"; ok "installed"; fi
