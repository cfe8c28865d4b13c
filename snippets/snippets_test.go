package snippets

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestPromptsAndRender(t *testing.T) {
	s := Snippet{Name: "order", Text: `Hi {{.First}} (@{{.Handle}}), order {{prompt "order number"}} ships {{prompt "when"}}. — {{.Shop}}`}
	labels, err := Prompts(s)
	if err != nil || !slices.Equal(labels, []string{"order number", "when"}) {
		t.Fatalf("Prompts = %v, %v", labels, err)
	}
	got, err := Render(s, NewVars("Ann Lee", "ann", "Paper & Pine"), []string{"#4471", "tomorrow"})
	if err != nil || got != "Hi Ann (@ann), order #4471 ships tomorrow. — Paper & Pine" {
		t.Errorf("Render = %q, %v", got, err)
	}
	if _, err := Render(Snippet{Name: "bad", Text: "{{.Nmae}}"}, Vars{}, nil); err == nil {
		t.Error("a misspelt variable rendered")
	}
}

func TestMatchIsFuzzy(t *testing.T) {
	all := Demo()
	names := func(ss []Snippet) (out []string) {
		for _, s := range ss {
			out = append(out, s.Name)
		}
		return out
	}
	if got := names(Match("nash", all)); len(got) != 1 || got[0] != "store-nashville" {
		t.Errorf("nash = %v", got)
	}
	if got := names(Match("os", all)); len(got) == 0 || got[0] != "order-status" {
		t.Errorf("os = %v", got)
	}
	if got := Match("", all); len(got) != len(all) {
		t.Errorf("empty query = %d", len(got))
	}
	if got := Match("zzz", all); len(got) != 0 {
		t.Errorf("zzz = %v", names(got))
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "snippets.toml")
	os.WriteFile(good, []byte("[[snippet]]\nname = \"hi\"\ntext = \"Hi {{.Name}}!\"\n"), 0o600)
	ss, err := Load(good)
	if err != nil || len(ss) != 1 || ss[0].Name != "hi" {
		t.Errorf("Load = %v, %v", ss, err)
	}
	if ss, err := Load(filepath.Join(dir, "none.toml")); err != nil || ss != nil {
		t.Errorf("missing file: %v, %v", ss, err)
	}
	for name, content := range map[string]string{
		"syntax":   "[[snippet]\nname = 1\n",
		"no text":  "[[snippet]]\nname = \"x\"\n",
		"template": "[[snippet]]\nname = \"x\"\ntext = \"{{.Name\"\n",
	} {
		path := filepath.Join(dir, name+".toml")
		os.WriteFile(path, []byte(content), 0o600)
		if _, err := Load(path); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, s := range Demo() {
		if _, err := Prompts(s); err != nil {
			t.Errorf("demo snippet %s: %v", s.Name, err)
		}
	}
}

// TestPreviewFillsTheCustomerAndShowsTheBlanks: the picker's preview
// reads as the customer would, each blank named in brackets.
func TestPreviewFillsTheCustomerAndShowsTheBlanks(t *testing.T) {
	s := Snippet{Name: "order-status", Text: `Hi {{.First}}, order {{prompt "order number"}} ships today.`}
	if got := Preview(s, NewVars("María Kovač", "maria_k", "Paper & Pine")); got != "Hi María, order [order number] ships today." {
		t.Errorf("Preview = %q", got)
	}
}

// TestNamedUsesTheOwnersWordsOrTheFallback: the texts hark writes itself
// take the owner's snippet of that name, rendered, and hark's own words
// where there is none.
func TestNamedUsesTheOwnersWordsOrTheFallback(t *testing.T) {
	snips := []Snippet{{Name: "dm-notice", Text: "@{{.Handle}} check your DMs"}, {Name: "other", Text: "x"}}
	vars := NewVars("Ann K", "ann_k", "Paper & Pine")
	if got := Named(snips, "dm-notice", vars, "fallback"); got != "@ann_k check your DMs" {
		t.Errorf("the owner's: %q", got)
	}
	if got := Named(snips, "email-ask", vars, "fallback"); got != "fallback" {
		t.Errorf("none of that name: %q", got)
	}
}
