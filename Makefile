# animatic — the two commands a user needs are `make demo` and `make test`.
# Each first runs scripts/setup.sh, which installs what is missing (idempotent).

SWIFT ?= swift
SAMPLE ?= samples/coffee-shop.fountain
PREFIX ?= /usr/local
RELEASE = -c release
export PATH := $(CURDIR)/.venv/bin:$(PATH)

.PHONY: all setup build install test demo docs-images bench fuzz clean

all: build

setup:
	@scripts/setup.sh

## The three programs: `animatic` (the launcher, which runs `check FILE` itself without
## Foundation), `animatic-commands` (the front end it runs for anything else) and `animatic-media`
## (the media helper that one runs). The first two are linked with the Swift libraries in, in
## their own build folder (every module they use is compiled against the static Foundation); the
## helper is linked as usual, since FoundationNetworking (its HTTP backends) needs libcurl, which
## has no static library here. All are staged in STAGE as `make install` lays them out:
## STAGE/bin/animatic runs.
STATIC = $(RELEASE) --static-swift-stdlib --scratch-path .build-static
STAGE = .build/stage
build: setup
	$(SWIFT) build $(STATIC) --product animatic
	$(SWIFT) build $(STATIC) --product animatic-commands
	$(SWIFT) build $(RELEASE) --product animatic-media
	@scripts/install.sh "$(STAGE)" "$$($(SWIFT) build $(RELEASE) --show-bin-path)" "$$($(SWIFT) build $(STATIC) --show-bin-path)" >/dev/null
	@echo "built $(STAGE)/bin/animatic"

## Install under PREFIX (default /usr/local): bin/animatic, and libexec/animatic/ beside it.
install: build
	scripts/install.sh "$(PREFIX)" "$(STAGE)/libexec/animatic"

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
	rm -rf .build .build-static out
