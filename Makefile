# The README's two commands: `make serve` and `make test`. Both run the idempotent setup first.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
CHROMEDRIVER := /usr/bin/chromedriver
GECKODRIVER := $(HOME)/.cargo/bin/geckodriver
WASM_PACK := wasm-pack --log-level warn
# wasm-pack's own wasm-opt step is off (Cargo.toml): Debian's binaryen 108 breaks modules that use reference
# types. The optimizer is binaryen 132 from npm (package.json), run on the wasm-bindgen output.
# --low-memory-unused: the lowest 1 KiB is the far end of Rust's 1 MiB stack (rustc links wasm with --stack-first),
# reached only by a stack about to overflow; safe Rust never computes the wrapped pointers the pass assumes
# absent. It lets wasm-opt fold constant offsets into loads and stores: 1.1 kB gzip'd (BENCHMARKS.md).
WASM_OPT := node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --strip-debug --strip-producers --strip-target-features --enable-reference-types \
	--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue

.PHONY: setup serve test build-web optimize-web check-acceptance test-native lint test-browser test-node test-e2e typecheck size test-size bench test-bench fuzz

setup:
	@bash scripts/setup.sh

# The web package's JS glue is minified (terser, ES module: the exports keep their names; the .d.ts is
# untouched): 3.9 → 2.1 kB of the size budget. The Node build stays as wasm-bindgen writes it.
# Two modules (Cargo.toml's features): www/pkg/ holds what every page that estimates needs (the embeddable
# element loads only it); www/pkg/full/ is the whole API, simulate and partnerRollup too, for a page that
# needs them (the calculator page loads only it).
build-web: setup
	$(WASM_PACK) build --release --target web --out-dir www/pkg --out-name certcalc -- --no-default-features --features estimates
	$(WASM_PACK) build --release --target web --out-dir www/pkg/full --out-name certcalc_full
	@$(MAKE) --no-print-directory optimize-web PKG=www/pkg
	@$(MAKE) --no-print-directory optimize-web PKG=www/pkg/full
	node scripts/package-web.mjs www/pkg
	mkdir -p www/vendor && cp node_modules/papaparse/papaparse.min.js www/vendor/papaparse.min.js

# wasm-opt and terser on a web package wasm-pack built into $(PKG): build-web's last steps, and
# bench/profiles.sh's on each variant it compares.
optimize-web:
	for f in $(PKG)/*_bg.wasm; do $(WASM_OPT) "$$f" -o "$$f"; done
	for f in $(PKG)/*.js $(PKG)/snippets/*/*.js; do node_modules/.bin/terser "$$f" --module --compress --mangle -o "$$f"; done

serve: build-web
	node scripts/serve.mjs 8080

check-acceptance:
	@if [ -d ../shared/acceptance ]; then \
	  diff -r ../shared/acceptance tests/acceptance >/dev/null \
	    || { echo "tests/acceptance differs from ../shared/acceptance: copy it again (cp ../shared/acceptance/* tests/acceptance/)"; exit 1; }; \
	  echo "[test] tests/acceptance is an exact copy of ../shared/acceptance"; \
	else echo "[test] ../shared/acceptance not present: using tests/acceptance as is"; fi

test-native: setup check-acceptance
	cargo test --quiet

lint: setup
	cargo clippy --quiet --all-targets -- -D warnings
	cargo clippy --quiet --all-targets --target wasm32-unknown-unknown -- -D warnings

# Each run sees only its own driver: given both, the test runner picks geckodriver.
test-browser: setup
	CHROMEDRIVER=$(CHROMEDRIVER) $(WASM_PACK) test --headless --chrome
	GECKODRIVER=$(GECKODRIVER) $(WASM_PACK) test --headless --firefox

# The npm package in Node as a user imports it (its `node` entry): every acceptance case, the error shape,
# bad input (tests/node/).
test-node: build-web
	node --test tests/node/

# The generated .d.ts against a TypeScript example program (tests/types/): precise types, no `any`.
typecheck: build-web
	npx --no-install tsc --noEmit -p tests/types

# The page and <certcalc-estimate> end to end in headless Chromium (tests/e2e/); screenshots in target/e2e/.
# bundlers.test.mjs installs the npm package from its tarball into projects under target/package-test/ and
# builds each with the repository's Vite, esbuild, webpack and tsc (devDependencies), and runs it in Node.
test-e2e: build-web
	node --test tests/e2e/

test: test-native lint test-browser test-node typecheck test-e2e test-bench test-size
	@echo "[test] all passed"

# The size guard, part of `make test` (deterministic: gzip -9 -n of a reproducible build): the main web
# module's .wasm + JS glue at most 120 kB, the budget; the whole API's module is reported, not failed
# (BENCHMARKS.md has where the bytes go).
test-size: build-web
	@bash scripts/size-check.sh www/pkg
	@echo "[size] the whole API's module (www/pkg/full, with simulate and partnerRollup):"
	@LIMIT=999999999 bash scripts/size-check.sh www/pkg/full

# The same check on its own.
size: test-size

# The browser benchmark's page as `make bench` loads it, each workload once through certcalc and the decimal.js
# baseline, every answer checked equal, no timing (a few seconds): part of `make test`, so the benchmark
# cannot rot between benchmark runs.
test-bench: build-web
	node bench/run.mjs --check

# Benchmarks (not part of `make test`; figures and how to read them in BENCHMARKS.md): the native benches,
# then the browser benchmark in headless Chromium against the decimal.js baseline, with the build's size.
bench: build-web
	@mkdir -p target
	cargo bench --bench native | tee target/bench-native.txt
	node bench/run.mjs --native target/bench-native.txt

# Fuzzing (not part of `make test`): every target for FUZZ_SECONDS each (no sanitizer: certcalc has no
# `unsafe`, and libFuzzer runs several times faster without AddressSanitizer), one after the other, one process at a
# time, seeded from tests/acceptance/cases.json (node fuzz/seeds.mjs). Needs the nightly toolchain and
# cargo-fuzz (installed here when missing). A crash stops the run and leaves its input in fuzz/artifacts/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= json_estimate json_validate_order json_renewal_quote json_pay_renewal json_simulate \
	json_partner_rollup json_price_list structured_estimate structured_pay

fuzz:
	@rustup toolchain list | grep -q '^nightly' \
	  || { echo "[fuzz] the nightly toolchain is missing: rustup toolchain install nightly --profile minimal"; exit 1; }
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	@node fuzz/seeds.mjs
	@mkdir -p fuzz/artifacts; for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus/$$t fuzz/seeds/$$t; \
	  log=fuzz/artifacts/$$t.log; \
	  echo "[fuzz] $$t for $(FUZZ_SECONDS) s (log: $$log)"; \
	  if cargo +nightly fuzz run --sanitizer none $$t $(CURDIR)/fuzz/corpus/$$t $(CURDIR)/fuzz/seeds/$$t -- \
	      -max_total_time=$(FUZZ_SECONDS) -timeout=1 -max_len=8192 -dict=$(CURDIR)/fuzz/json.dict \
	      -print_final_stats=1 >$$log 2>&1; then \
	    grep -E 'stat::number_of_executed_units|^#[0-9]+ +DONE' $$log | sed 's/^/  /'; \
	  else tail -40 $$log; echo "[fuzz] $$t FAILED: the input is in fuzz/artifacts/$$t/"; exit 1; fi; \
	done
	@echo "[fuzz] every target ran without a crash"
