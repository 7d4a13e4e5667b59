# The README's two commands: `make serve` and `make test`. Both run the idempotent setup first.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
export GECKODRIVER := $(HOME)/.cargo/bin/geckodriver
WASM_PACK := wasm-pack --log-level warn

.PHONY: setup serve test build-web build-node check-acceptance test-native lint test-browser test-node test-e2e typecheck size bench fuzz

setup:
	@bash scripts/setup.sh

build-web: setup
	$(WASM_PACK) build --release --target web --out-dir www/pkg --out-name certcalc

build-node: setup
	$(WASM_PACK) build --release --target nodejs --out-dir target/pkg-node --out-name certcalc

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

test-browser: setup
	$(WASM_PACK) test --headless --chrome
	$(WASM_PACK) test --headless --firefox

test: test-native lint test-browser
	@echo "[test] all passed"
