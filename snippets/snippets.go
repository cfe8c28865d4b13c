// Package snippets holds canned replies: named texts with variables for
// the customer and the shop, and blanks to fill in when used.
//
//	[[snippet]]
//	name = "order-status"
//	text = "Hi {{.First}}! Order {{prompt \"order number\"}} ships tomorrow."
package snippets

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"

	"github.com/harkhq/hark/internal/match"
)

// Snippet is one canned reply.
type Snippet struct {
	Name string `toml:"name"`
	Text string `toml:"text"`
}

// Vars are what a snippet may name: the customer's name, first name and
// @handle, and the shop's name.
type Vars struct {
	Name, First, Handle, Shop string
}

// NewVars fills Vars, taking the first name from the name.
func NewVars(name, handle, shop string) Vars {
	first := name
	if f := strings.Fields(name); len(f) > 0 {
		first = f[0]
	}
	return Vars{Name: name, First: first, Handle: handle, Shop: shop}
}

// Load reads a snippets file; a missing file is no snippets.
func Load(path string) ([]Snippet, error) {
	var f struct {
		Snippet []Snippet `toml:"snippet"`
	}
	_, err := toml.DecodeFile(path, &f)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, fmt.Errorf("%s:%d: %s", path, perr.Position.Line, perr.Message)
		}
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	for i, s := range f.Snippet {
		if s.Name == "" || s.Text == "" {
			return nil, fmt.Errorf("%s: snippet %d needs a name and a text", path, i+1)
		}
		if _, err := Prompts(s); err != nil {
			return nil, fmt.Errorf("%s: snippet %q: %v", path, s.Name, err)
		}
	}
	return f.Snippet, nil
}

// Named renders the snippet called name with vars (a snippet with
// prompts gets them empty), or returns fallback when there is no such
// snippet or it does not render: the texts hark writes itself (the DM
// notice, the e-mail ask) use the owner's words where they wrote some.
func Named(snips []Snippet, name string, vars Vars, fallback string) string {
	for _, sn := range snips {
		if sn.Name == name {
			if out, err := Render(sn, vars, nil); err == nil {
				return out
			}
		}
	}
	return fallback
}

// parse compiles a snippet with prompt answering from answer.
func parse(s Snippet, answer func(label string) string) (*template.Template, error) {
	return template.New(s.Name).Option("missingkey=error").Funcs(template.FuncMap{"prompt": answer}).Parse(s.Text)
}

// Prompts lists the blanks of a snippet, in order.
func Prompts(s Snippet) ([]string, error) {
	var labels []string
	t, err := parse(s, func(label string) string { labels = append(labels, label); return "" })
	if err != nil {
		return nil, err
	}
	if err := t.Execute(&strings.Builder{}, Vars{}); err != nil {
		return nil, err
	}
	return labels, nil
}

// Render fills a snippet with the variables and the answers to its blanks.
func Render(s Snippet, v Vars, answers []string) (string, error) {
	i := 0
	t, err := parse(s, func(string) string {
		if i >= len(answers) {
			return ""
		}
		i++
		return answers[i-1]
	})
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := t.Execute(&b, v); err != nil {
		return "", err
	}
	return b.String(), nil
}

// Preview is a snippet as it would read for the person in v, each blank
// shown as [its label], so the picker shows what will be sent, not the
// template's braces. A snippet that does not render is shown as written.
func Preview(s Snippet, v Vars) string {
	t, err := parse(s, func(label string) string { return "[" + label + "]" })
	if err != nil {
		return s.Text
	}
	var b strings.Builder
	if err := t.Execute(&b, v); err != nil {
		return s.Text
	}
	return b.String()
}

// Match returns the snippets whose name holds the letters of query in
// order, closest first (the name exactly, then those it starts, then
// the rest: internal/match); all of them for an empty query.
func Match(query string, all []Snippet) []Snippet {
	names := make([]string, len(all))
	for i, s := range all {
		names[i] = s.Name
	}
	idx := match.Rank(query, names)
	out := make([]Snippet, len(idx))
	for i, j := range idx {
		out[i] = all[j]
	}
	return out
}

// Demo are the snippets the demo shop starts with.
func Demo() []Snippet {
	return []Snippet{
		{Name: "store-nashville", Text: "Hi {{.First}}! Our Nashville store is at 12 Broadway, open 9–6 Mon–Sat, and every pen is out to try."},
		{Name: "order-status", Text: "Hi {{.First}}, order {{prompt \"order number\"}} ships {{prompt \"when\"}}. Tracking follows by email."},
		{Name: "dm-notice", Text: "@{{.Handle}} Sent you a DM 📩"},
		{Name: "thanks", Text: "Thank you {{.First}}, that made our day at {{.Shop}}!"},
		{Name: "sorry-dm", Text: "So sorry {{.First}}. Could you DM us your order number so we can sort it out today?"},
	}
}
