# Two things a new machine needs: `make run` and `make test`.
GO ?= go
BIN := bin/wfc
EXAMPLE ?= examples/block-malicious-ip.yaml
DW_EXAMPLE ?= examples/dataworks/daily-sales.yaml

.PHONY: build run test bench fuzz lint-examples render-check docs clean

build:
	$(GO) build -o $(BIN) ./cmd/wfc

# Compile a bundled example of each platform (no cloud account needed): the SecMaster
# create-version request body, then the DataWorks FlowSpec document.
run: build
	./$(BIN) compile $(EXAMPLE)
	./$(BIN) compile $(DW_EXAMPLE)

test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...
	# Allocation budgets skip under -race, which changes allocation counts: run them without it.
	$(GO) test -count=1 -run 'AllocationBudget|AllocationsPerStep' ./workflow/... ./schema/... ./bpmn/... ./target/... ./cmd/wfc/

# Every benchmark, with allocations; BENCH narrows it (make bench BENCH=DecodeXMLGrowth). Growth
# checks live here, not in tests: compare MB/s and B/op of a benchmark's sizes. BENCHTIME is
# go test's -benchtime: a second gives the 10,000-step compile 5 iterations, too few for a
# steady median; BENCHTIME=30x gives 30.
BENCH ?= .
BENCHPKGS ?= ./...
BENCHTIME ?= 1s
bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchtime $(BENCHTIME) -benchmem $(BENCHPKGS)

# A short fuzzing pass over every fuzz target, one at a time: FUZZTIME each (10s; make fuzz
# FUZZTIME=5m for a long run, FUZZPKGS=./bpmn/... to narrow it). Minimising each new input
# is capped at FUZZMINIMIZE executions: go's default (60 s per input) spent whole runs
# minimising the first input the fuzzer found (FuzzCompileFile: 9 execs in 20 s).
FUZZTIME ?= 10s
FUZZMINIMIZE ?= 100x
FUZZPKGS ?= ./...
fuzz:
	@for pkg in $$($(GO) list $(FUZZPKGS)); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "$$pkg $$f"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) $$pkg || exit 1; \
	  done; \
	done

lint-examples: build
	./$(BIN) lint examples/

# Draw every example with wfc render (the DataWorks ones under examples/dataworks/ as
# dataworks-NAME) and, when Chromium is installed, screenshot each SVG on a light and a dark
# page (RENDER_OUT/NAME.light.png, NAME.dark.png) to look at as a reviewer would. The test
# suite does not need a browser.
RENDER_OUT ?= bin/render-check
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || command -v google-chrome)
render-check: build
	@mkdir -p $(RENDER_OUT)
	@for f in examples/*.yaml; do ./$(BIN) render -o $(RENDER_OUT)/$$(basename $$f .yaml).svg $$f || exit 1; done
	@for f in $(wildcard examples/dataworks/*.yaml); do ./$(BIN) render -o $(RENDER_OUT)/dataworks-$$(basename $$f .yaml).svg $$f || exit 1; done
	@if [ -z "$(CHROMIUM)" ]; then echo "render-check: Chromium is not installed; the SVGs are in $(RENDER_OUT)"; exit 0; fi; \
	out=$(abspath $(RENDER_OUT)); \
	for svg in $$out/*.svg; do \
	  name=$${svg%.svg}; \
	  for theme in light:#ffffff: dark:#0d1117:--force-dark-mode; do \
	    mode=$${theme%%:*}; rest=$${theme#*:}; bg=$${rest%%:*}; flag=$${rest#*:}; \
	    printf '<!doctype html><meta name="color-scheme" content="%s"><body style="margin:16px;background:%s"><img src="file://%s">\n' \
	      $$mode "$$bg" "$$svg" > $$name.$$mode.html; \
	    profile=$$(mktemp -d); \
	    $(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
	      --disable-sync --no-first-run --hide-scrollbars --user-data-dir=$$profile $$flag --window-size=1400,600 \
	      --screenshot=$$name.$$mode.png file://$$name.$$mode.html >/dev/null 2>&1 || { rm -rf $$profile; exit 1; }; \
	    rm -rf $$profile; \
	  done; \
	done; \
	echo "render-check: screenshots in $(RENDER_OUT)/*.png"

clean:
	rm -rf bin
