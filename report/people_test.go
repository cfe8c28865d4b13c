package report

import (
	"slices"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
)

// TestFiguresPerPersonOfTheTeam: each person is credited with the
// replies and DMs they wrote, the waits their reply ended (not those a
// reply of another's ended first), and the conversations they marked
// done; the owner's own (no name) are in no one's figures.
func TestFiguresPerPersonOfTheTeam(t *testing.T) {
	h := &history{loc: time.UTC}
	by := func(conv uint64, when string, k model.Kind, person string) {
		h.items = append(h.items, Item{Conv: conv, At: h.at(when), Kind: k, By: person})
	}
	a, b, c := h.conv("2026-03-23 10:00"), h.conv("2026-03-23 11:00"), h.conv("2026-03-23 12:00")
	by(a, "2026-03-23 10:00", model.Mention, "")
	by(a, "2026-03-23 10:10", model.Reply, "ann") // 10m, ann's
	by(a, "2026-03-23 10:20", model.Reply, "bo")  // a second answer: no wait ended
	by(b, "2026-03-23 11:00", model.DMIn, "")
	by(b, "2026-03-23 11:30", model.DMSent, "bo") // 30m, bo's
	by(c, "2026-03-23 12:00", model.Mention, "")
	by(c, "2026-03-23 12:05", model.Reply, "") // the owner's own
	states := map[uint64]Conv{a: {Status: "done", StatusBy: "ann"}, b: {Status: "done", StatusBy: "bo"}, c: {Status: "done"}}
	bld := NewBuilder(Settings{}, h.at("2026-03-23 00:00"), h.at("2026-03-24 00:00"), h.at("2026-03-24 00:00"))
	for _, it := range h.items {
		bld.Add(it)
	}
	r := bld.Finish(func(id uint64) (Conv, bool) { s, ok := states[id]; return s, ok }, nil, 0)
	want := []Person{
		{Name: "ann", PublicReplies: 1, FirstResponses: 1, FirstP50: Of(10 * time.Minute), Done: 1},
		{Name: "bo", PublicReplies: 1, DMsSent: 1, FirstResponses: 1, FirstP50: Of(30 * time.Minute), Done: 1},
	}
	if !slices.Equal(r.People, want) {
		t.Errorf("people:\n got %+v\nwant %+v", r.People, want)
	}
}
