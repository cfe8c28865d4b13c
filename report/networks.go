package report

import (
	"slices"
	"strings"

	"github.com/harkhq/hark/network"
)

// byNetwork builds one report a network, beside the whole one, from the
// same items: the same rules, each network's own figures.
type byNetwork struct {
	new      func() *Builder
	builders map[string]*Builder
}

func (n *byNetwork) add(it Item) {
	if n.builders == nil {
		n.builders = map[string]*Builder{}
	}
	b, ok := n.builders[it.Network]
	if !ok {
		b = n.new()
		n.builders[it.Network] = b
	}
	b.Add(it)
}

// finish is each network's figures, by network's name, when the items
// were of more than one network; nil otherwise.
func (n *byNetwork) finish(state func(id uint64) (Conv, bool)) []Network {
	if len(n.builders) < 2 {
		return nil
	}
	out := make([]Network, 0, len(n.builders))
	for name, b := range n.builders {
		r := b.Finish(state, nil, 0)
		if name == "" {
			name = network.X
		}
		out = append(out, Network{Name: name, Conversations: r.Conversations, Answered: r.Answered, Unanswered: r.Unanswered,
			FirstP50: r.FirstP50, Mentions: r.Mentions, DMs: r.DMs, PublicReplies: r.PublicReplies, DMsSent: r.DMsSent})
	}
	slices.SortFunc(out, func(a, b Network) int { return strings.Compare(a.Name, b.Name) })
	return out
}
