# hark — see README.md. Every target works on a fresh machine with Go.
GO ?= go

.PHONY: test lint bench bench-small bench-process bench-process-small fuzz generate

## test: every test, with the race detector (the poller and the UI run concurrently)
test:
	$(GO) test -race ./...

## lint: go vet and a gofmt check
lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## bench: the Go benchmarks, then store and search on 1,000,000 generated posts against SQLite FTS5
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	cd bench && $(GO) run -tags sqlite_fts5 . -posts 1000000

## bench-small: the same on 100,000 posts
bench-small:
	cd bench && $(GO) run -tags sqlite_fts5 . -posts 100000

## bench-process: hark search as a process beside notmuch's on the same 1,000,000 posts (about 15 minutes: notmuch indexes a maildir of a million files; skipped without notmuch)
bench-process:
	cd bench && $(GO) run -tags sqlite_fts5 . -posts 1000000 -process

## bench-process-small: the same on 100,000 posts
bench-process-small:
	cd bench && $(GO) run -tags sqlite_fts5 . -posts 100000 -process

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
