package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/harkhq/hark/tui/keys"
)

// KeysTable is the README's table of keys, made from the bindings: each
// action's keys, its name in config.toml, the panes where it works and
// what it does.
func KeysTable(km *keys.KeyMap) string {
	root := rootBindings().Actions()
	var b strings.Builder
	b.WriteString("| key | action | where | does |\n|---|---|---|---|\n")
	for _, a := range keys.All() {
		var where []string
		for _, p := range paneTable {
			if slices.Contains(p.actions(), a) {
				where = append(where, p.name)
			}
		}
		switch {
		case a == keys.Interrupt:
			where = []string{"anywhere, typing too"}
		case slices.Contains(root, a):
			where = append(where, "anywhere but typing")
		}
		if len(where) == 0 {
			continue // bound by no pane: nothing to say
		}
		h := km.Binding(a).Help()
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s |\n", mdKeys(km.Binding(a).Keys()), a, strings.Join(slices.Compact(where), ", "), h.Desc)
	}
	return b.String()
}

// mdKeys writes keys for a Markdown table: each in code, "|" escaped.
func mdKeys(ks []string) string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = "`" + strings.ReplaceAll(k, "|", `\|`) + "`"
	}
	return strings.Join(out, " ")
}
