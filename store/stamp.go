package store

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"

	"github.com/harkhq/hark/model"
)

// The keys of a stored post's JSON that a stamp reads. Inside a JSON
// string every '"' is escaped, so `"kind":"` can only be the key itself,
// wherever the text stands.
var (
	stampID     = []byte(`"id":`)
	stampConv   = []byte(`"conversation_id":`)
	stampAt     = []byte(`"created_at":"`)
	stampKind   = []byte(`"kind":"`)
	stampEndStr = []byte(`"`)
)

// decodeStamp reads a post's stamp from its stored JSON without decoding
// its text: a full decode of each post made a report over a million
// posts take 8 s, most of it in the text (bench, report_all_ms). What
// the fast path cannot read it leaves to encoding/json.
func decodeStamp(v []byte) (PostStamp, bool) {
	if p, ok := fastStamp(v); ok {
		return p, true
	}
	var p PostStamp
	return p, json.Unmarshal(v, &p) == nil
}

// fastStamp reads the four fields by their keys; false if one is missing
// or malformed.
func fastStamp(v []byte) (PostStamp, bool) {
	id, ok1 := numberAfter(v, stampID)
	conv, ok2 := numberAfter(v, stampConv)
	at, ok3 := stringAfter(v, stampAt)
	kind, ok4 := stringAfter(v, stampKind)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return PostStamp{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, string(at))
	if err != nil {
		return PostStamp{}, false
	}
	return PostStamp{ID: id, ConversationID: conv, CreatedAt: t, Kind: model.Kind(kind)}, true
}

// numberAfter reads the unsigned number that follows key's first use.
func numberAfter(v, key []byte) (uint64, bool) {
	i := bytes.Index(v, key)
	if i < 0 {
		return 0, false
	}
	rest := v[i+len(key):]
	end := 0
	for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	n, err := strconv.ParseUint(string(rest[:end]), 10, 64)
	return n, err == nil
}

// stringAfter reads the plain string (no escapes) that follows key.
func stringAfter(v, key []byte) ([]byte, bool) {
	i := bytes.Index(v, key)
	if i < 0 {
		return nil, false
	}
	rest := v[i+len(key):]
	end := bytes.Index(rest, stampEndStr)
	if end < 0 || bytes.IndexByte(rest[:end], '\\') >= 0 {
		return nil, false
	}
	return rest[:end], true
}
