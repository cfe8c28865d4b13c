package xfake

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/spend"
)

// billing is what X bills, as the notes' price list says: each resource
// a successful answer returns (failed requests are free), a resource read
// again the same UTC day once, and some requests as such. It is X's
// side of the count hark keeps, so tests can hold one against the other.
type billing struct {
	counts spend.Counts
	// seen are the resources billed today, by resource and id.
	seen map[seenKey]bool
	day  string
}

// dataKind is what the records of an endpoint's data are billed as; the
// endpoints missing are billed per request (requestKind) or not at all.
var dataKind = map[string]spend.Kind{
	"GET /2/users/:id/mentions":   spend.OwnedRead,
	"GET /2/users/:id/tweets":     spend.OwnedRead,
	"GET /2/tweets/search/recent": spend.PostRead,
	"GET /2/tweets":               spend.PostRead,
	"GET /2/tweets/:id":           spend.PostRead,
	"GET /2/users/me":             spend.UserRead,
	"GET /2/users":                spend.UserRead,
	"GET /2/dm_events":            spend.DMRead,
	"GET /2/dm_conversations/with/:participant_id/dm_events": spend.DMRead,
}

// requestKind is what a successful request of an endpoint is billed as.
var requestKind = map[string]spend.Kind{
	"POST /2/tweets": spend.SummonedReply, // X takes replies only where summoned (the reply rule)
	"POST /2/dm_conversations/with/:participant_id/messages": spend.DMSent,
	"DELETE /2/tweets/:id": spend.Delete,
}

// billedAnswer is what billing reads of an answer.
type billedAnswer struct {
	Data     json.RawMessage `json:"data"`
	Includes struct {
		Users  []struct{ ID string } `json:"users"`
		Tweets []struct{ ID string } `json:"tweets"`
	} `json:"includes"`
}

// bill counts what one answer of endpoint bills.
func (b *billing) bill(endpoint string, status int, body []byte, now time.Time) {
	if status < 200 || status > 299 {
		return
	}
	b.start(now)
	if k, ok := requestKind[endpoint]; ok {
		b.counts[k]++
		return
	}
	kind, ok := dataKind[endpoint]
	if !ok {
		return
	}
	var a billedAnswer
	if json.Unmarshal(body, &a) != nil {
		return
	}
	for _, id := range dataIDs(a.Data) {
		b.once(kind, id)
	}
	for _, u := range a.Includes.Users {
		b.once(spend.UserRead, u.ID)
	}
	for _, t := range a.Includes.Tweets {
		b.once(spend.PostRead, t.ID)
	}
}

// start begins now's UTC day's count, when a new day has come.
func (b *billing) start(now time.Time) {
	if day := spend.Day(now); day != b.day {
		b.day, b.seen = day, map[seenKey]bool{}
	}
	if b.counts == nil {
		b.counts = spend.Counts{}
	}
}

// seenKey is a resource billed today: a post is one whichever endpoint
// returned it.
type seenKey struct {
	resource string
	id       uint64
}

// once bills a resource unless it was billed today.
func (b *billing) once(kind spend.Kind, rawID string) {
	key := seenKey{resource: kind.Resource()}
	if id, err := model.ParseID(rawID); err == nil {
		key.id = id
	}
	if key.id != 0 && b.seen[key] {
		return
	}
	b.seen[key] = true
	b.counts[kind]++
}

// dataIDs reads the ids of an answer's data: a list of records or one.
func dataIDs(raw json.RawMessage) []string {
	var many []struct{ ID string }
	if json.Unmarshal(raw, &many) == nil {
		ids := make([]string, len(many))
		for i, r := range many {
			ids[i] = r.ID
		}
		return ids
	}
	var one struct{ ID string }
	if json.Unmarshal(raw, &one) == nil && one.ID != "" {
		return []string{one.ID}
	}
	return nil
}

// Billed is what X billed so far, by kind.
func (s *Server) Billed() spend.Counts {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := spend.Counts{}
	out.Add(s.billing.counts)
	return out
}

// billingWriter passes an answer on and keeps it for billing.
type billingWriter struct {
	http.ResponseWriter
	status int
	body   []byte
}

func (w *billingWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

func (w *billingWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.body = append(w.body, b...)
	return w.ResponseWriter.Write(b)
}
