package tui

import (
	tea "charm.land/bubbletea/v2"

	"strings"
	"testing"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/tui/keys"
)

// TestComposerQueuesWhatPrepareMakes: the composer queues exactly the
// items, and shows exactly the warnings, of outbox.Prepare ('hark send'
// does too: cmd/hark's TestSendQueuesWhatPrepareMakes).
func TestComposerQueuesWhatPrepareMakes(t *testing.T) {
	long := strings.Repeat("A long and careful answer. ", 20)
	cases := []struct {
		name  string
		reply outbox.Reply
		modes []keys.Action
	}{
		{"reply", outbox.Reply{Body: "Thank you, Nina!"}, nil},
		{"dm", outbox.Reply{Body: "Could you DM me the order?", DM: true}, []keys.Action{keys.ComposeDM}},
		{"dm with notice", outbox.Reply{Body: "Sent the tracking link.", DM: true, AlsoPublic: true}, []keys.Action{keys.ComposeDM, keys.AlsoPublic}},
		{"too long", outbox.Reply{Body: long}, nil},
		{"split", outbox.Reply{Body: long, Split: true}, []keys.Action{keys.SplitThread}},
		{"a DM past its limit", outbox.Reply{Body: strings.Repeat("万", 5_001), DM: true}, []keys.Action{keys.ComposeDM}},
	}
	h := newHarness(t)
	h.m.(Model).common.HourlyLimit = 2 // as config.toml would set it
	for _, c := range cases {
		h.do(keys.Top, keys.Reply) // the newest conversation, whose post mentions the shop
		h.do(c.modes...)
		h.send(tea.PasteMsg{Content: c.reply.Body}) // as a terminal pastes it: one message
		c.reply.ConversationID = h.shownID()
		common := h.m.(Model).common
		plan, perr := outbox.Prepare(h.store, c.reply, outbox.Settings{
			Account:     common.Account,
			UndoWindow:  common.UndoWindow,
			HourlyLimit: common.HourlyLimit,
			Snippets:    common.Snippets,
		}, now)
		before, _ := h.store.Outbox()
		h.do(keys.Send)
		if perr != nil {
			if !strings.Contains(h.view(), perr.Error()) {
				t.Errorf("%s: Prepare refused %q, the composer shows:\n%s", c.name, perr, h.view())
			}
			h.do(keys.DiscardDraft)
			continue
		}
		for _, w := range plan.Warnings {
			if !strings.Contains(strings.Join(strings.Fields(h.view()), " "), w[:30]) {
				t.Errorf("%s: the composer does not show %q", c.name, w)
			}
		}
		if len(plan.Warnings) > 0 {
			h.do(keys.Send) // send anyway
		}
		after, _ := h.store.Outbox()
		if got := after[len(before):]; !harktest.SameItems(got, plan.Items) {
			t.Errorf("%s: the composer queued %+v, Prepare made %+v", c.name, got, plan.Items)
		}
		h.backToLast()
		h.do(keys.Back, keys.Back)
	}
}

// TestADMCountsAgainstADMsLimit: in a DM the composer counts against the
// network's DM limit, not a post's: 300 characters are a plain count, a
// DM past 10,000 shows its count over the limit and what to cut; back to
// a public reply, the post's limit again.
func TestADMCountsAgainstADMsLimit(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Top, keys.Reply, keys.ComposeDM)
	h.send(tea.PasteMsg{Content: strings.Repeat("a", 300)})
	if v := h.view(); strings.Contains(v, "300/280") || strings.Contains(v, "past 280") {
		t.Errorf("a 300-character DM is counted as a post:\n%s", v)
	}
	h.send(tea.PasteMsg{Content: strings.Repeat("万", 5_000)})
	if v := h.view(); !strings.Contains(v, "10300/10000") || !strings.Contains(v, "past a DM's 10000") {
		t.Errorf("a DM past its limit:\n%s", v)
	}
	h.do(keys.ComposeDM) // back to a public reply
	if v := h.view(); !strings.Contains(v, "10300/280") {
		t.Errorf("a public reply after a DM:\n%s", v)
	}
}
