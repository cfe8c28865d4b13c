# hark — see README.md. Every target works on a fresh machine with Go.
GO ?= go

.PHONY: test lint bench fuzz generate

## test: every test, with the race detector (the poller and the UI run concurrently)
test:
	$(GO) test -race ./...

## lint: go vet and a gofmt check
lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## bench: the benchmarks (speed targets live here, never in timed tests)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## fuzz: a minute of fuzzing of the character counter
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 60s ./twitter/text

## generate: rebuild generated tables (needs ../shared and Debian's unicode-data)
generate:
	$(GO) generate ./...

.PHONY: build demo

## build: the hark binary in bin/
build:
	$(GO) build -o bin/hark ./cmd/hark

## demo: hark on the built-in simulated X (no credentials needed)
demo:
	$(GO) run ./cmd/hark demo
