# animatic — the two commands a user needs are `make demo` and `make test`.
# Each first runs scripts/setup.sh, which installs what is missing (idempotent).

SWIFT ?= swift
SAMPLE ?= samples/coffee-shop.fountain
export PATH := $(CURDIR)/.venv/bin:$(PATH)

.PHONY: all setup build test demo docs-images bench fuzz clean

all: build

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product animatic

## Build and run every test (unit, golden, corpus, CLI, media, robustness, the review page in Chromium).
## ANIMATIC_REQUIRE_BROWSER: the browser test fails, rather than skips, without Chromium.
test: setup
	$(SWIFT) build --build-tests
	ANIMATIC_REQUIRE_BROWSER=1 $(SWIFT) test --skip-build

## Run the main job on a sample with the built-in renderer.
demo: build
	@scripts/demo.sh "$(SAMPLE)"

## The docs' pictures, made by the program: the contact sheet of the demo build, and the review page
## as the browser test sees it (docs/review.md).
docs-images: build
	@scripts/demo.sh samples/coffee-shop.fountain
	cp out/coffee-shop.contact.png docs/images/contact-sheet.png
	$(SWIFT) build --build-tests
	ANIMATIC_REQUIRE_BROWSER=1 ANIMATIC_DOCS_IMAGES=$(CURDIR)/docs/images $(SWIFT) test --skip-build --filter ReviewServeTests/browserSave

## Benchmarks (release builds, reference tools in the same run): see bench/README.md.
bench: setup
	@bench/run.sh

## Coverage-guided fuzzing of the Fountain reader with libFuzzer (runs until stopped, or FUZZ_SECONDS).
fuzz:
	@bench/fuzz/run.sh

clean:
	rm -rf .build out
