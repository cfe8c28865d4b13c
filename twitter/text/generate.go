package text

// The TLD list comes from twitter-text's conformance data beside the repo;
// the emoji tables from Unicode's emoji files (Debian: unicode-data).
//go:generate go run ./internal/gentld -in ../../../shared/refdata/twitter-text/tlds.yml -out tlds_gen.go
//go:generate go run ./internal/genemoji -dir /usr/share/unicode/emoji -out emoji_gen.go
