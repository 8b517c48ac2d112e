# Two things a new machine needs: `make run` and `make test`.
GO ?= go
BIN := bin/wfc
EXAMPLE ?= examples/block-malicious-ip.yaml

.PHONY: build run test bench fuzz lint-examples docs clean

build:
	$(GO) build -o $(BIN) ./cmd/wfc

# Compile a bundled example into the SecMaster create-version request body (no cloud account needed).
run: build
	./$(BIN) compile $(EXAMPLE)

test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

# Every benchmark, with allocations; BENCH narrows it (make bench BENCH=DecodeXMLGrowth). Growth
# checks live here, not in tests: compare MB/s and B/op of a benchmark's sizes.
BENCH ?= .
BENCHPKGS ?= ./...
bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem $(BENCHPKGS)

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

clean:
	rm -rf bin
