#!/usr/bin/env bash
# The release-profile comparison of BENCHMARKS.md: builds the web package once per variant — rustc's
# opt-level and LLVM's inlining threshold — through the same pipeline as `make build-web` (wasm-pack, then
# wasm-opt and terser as the Makefile runs them), each in its own target dir from one snapshot of the sources,
# then prints each build's size (wasm + glue, gzip -9) and times them side by side in one Node process
# (bench/ab.mjs: alternating rounds, medians), so the machine's noise slows every variant alike.
# Slow (six full wasm builds, about 8 minutes): run by hand, not by `make bench`.
#
#   bash bench/profiles.sh                       # every variant
#   VARIANTS="3:default 3:25" bash bench/profiles.sh
#
# A variant is <opt-level>:<inline threshold>; `default` leaves LLVM's own (250 at opt-level 3, 75 at s, 25
# at z). The shipped build is 3:25 (.cargo/config.toml); RUSTFLAGS set here replaces that file's flags.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
VARIANTS="${VARIANTS:-3:default 3:75 3:40 3:25 s:default z:default}"
# One snapshot of the sources for every build: the tree is shared with engineers editing it.
snap="$PWD/target/bench-profiles/snapshot"
rm -rf "$snap" && mkdir -p "$snap"
cp -r Cargo.toml Cargo.lock README.md src benches "$snap/"
dirs=()
for v in $VARIANTS; do
  level="${v%%:*}" threshold="${v#*:}"
  out="target/bench-pkg/opt-$level-inline-$threshold"
  flags="-Cdebuginfo=0" # set, so that .cargo/config.toml's threshold does not apply
  [ "$threshold" != default ] && flags="-Cllvm-args=-inline-threshold=$threshold"
  CARGO_TARGET_DIR="$PWD/target/bench-profiles/$level-$threshold" CARGO_PROFILE_RELEASE_OPT_LEVEL="$level" \
    RUSTFLAGS="$flags" wasm-pack --log-level warn build "$snap" --release --no-opt --target web \
    --out-dir "$PWD/$out" --out-name certcalc >/dev/null
  make -s optimize-web PKG="$out" >/dev/null
  printf '%-24s %s\n' "opt-level $level, inline $threshold:" "$(LIMIT=999999 bash scripts/size-check.sh "$out" | tail -1)"
  dirs+=("$out")
done
node bench/ab.mjs "${dirs[@]}"
