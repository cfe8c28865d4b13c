// Package text counts post text exactly as X does.
//
// It follows twitter-text v3 (the library X's own clients use): the text is
// NFC-normalised, every URL weighs 23 whatever its length, every emoji
// sequence weighs 2, and every other code point weighs 1 or 2 by the ranges
// of the configuration. Parse reports the weighted length and the valid
// range; ExtractURLs finds the URLs, with or without a scheme.
//
// Indices are in UTF-16 code units, as in twitter-text and the X API, with
// inclusive ends in Result and exclusive ends in URL. ByteOffset converts
// one back to a byte offset into the Go string.
//
// Go strings may hold invalid UTF-8: each invalid byte counts as U+FFFD,
// which is what encoding/json sends to X in its place.
package text
