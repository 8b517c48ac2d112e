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

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./bpmn/... ./compiler/... ./lint/...

# Short fuzzing pass over every fuzz target (FUZZTIME per target).
FUZZTIME ?= 20s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

lint-examples: build
	./$(BIN) lint examples/

clean:
	rm -rf bin
