#!/usr/bin/env bash
# The release-profile comparison of BENCHMARKS.md: builds the web package at opt-level s, z and 3 (each in
# its own target dir, so nobody else's build is invalidated), optimizes each with wasm-opt at the matching
# level when one is given, and prints size (raw, gzip -9) and the browser figures of each, plus the native
# figures at each level. Slow (three full wasm builds, three native builds): run by hand, not by `make bench`.
#
#   WASM_OPT=/path/to/wasm-opt bash bench/profiles.sh        # wasm-opt of binaryen ≥ 116 (not Debian's 108)
#
# Debian's binaryen 108 rewrites the `__wbindgen_externrefs` table export so the module no longer
# instantiates; with no WASM_OPT the packages are measured as wasm-bindgen leaves them. All three are built from
# one snapshot of the sources (target/bench-profiles/snapshot), so a concurrent edit cannot skew the comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
WASM_OPT="${WASM_OPT:-}"
FEATURES=(--enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-multivalue --enable-mutable-globals)
# One snapshot of the sources for all three builds: the tree is shared with engineers editing it.
snap="$PWD/target/bench-profiles/snapshot"
rm -rf "$snap" && mkdir -p "$snap"
cp -r Cargo.toml Cargo.lock README.md src benches "$snap/"
for level in s z 3; do
  out="target/bench-pkg/opt-$level"
  echo "== opt-level $level =="
  CARGO_TARGET_DIR="$PWD/target/bench-profiles/$level" CARGO_PROFILE_RELEASE_OPT_LEVEL="$level" \
    wasm-pack --log-level warn build "$snap" --release --no-opt --target web --out-dir "$PWD/$out" --out-name certcalc >/dev/null
  if [ -n "$WASM_OPT" ]; then
    "$WASM_OPT" "-O$level" "${FEATURES[@]}" "$out/certcalc_bg.wasm" -o "$out/certcalc_bg.wasm"
  fi
  CARGO_TARGET_DIR="$PWD/target/bench-profiles/native-$level" CARGO_PROFILE_BENCH_OPT_LEVEL="$level" \
    cargo bench --quiet --manifest-path "$snap/Cargo.toml" --bench native -- 'estimate' 'partner_rollup' >"$out/native.txt" 2>/dev/null
  node bench/run.mjs --pkg "$out" --native "$out/native.txt" --quick --json "$out/result.json" \
    | sed -n '/^workload/,/^release/p'
done
