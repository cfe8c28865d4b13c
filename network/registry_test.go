package network

import (
	"slices"
	"strings"
	"testing"

	"github.com/harkhq/hark/model"
)

// spans finds each occurrence of a word as a link.
type spans string

func (spans) Count(s string) Count                   { return Count{Length: len(s), Limit: 10, Valid: len(s) <= 10} }
func (w spans) CountDM(s string) Count               { return w.Count(s) }
func (w spans) Title() string                        { return string(w) }
func (w spans) Mark() string                         { return string(w) }
func (spans) PostURL(model.Post) (string, bool)      { return "", false }
func (spans) ProfileURL(u model.User) string         { return u.Username }
func (spans) Answerable(model.Post, model.User) bool { return true }
func (w spans) Links(s string) [][2]int {
	var out [][2]int
	for i := 0; ; {
		j := strings.Index(s[i:], string(w))
		if j < 0 {
			return out
		}
		out = append(out, [2]int{i + j, i + j + len(w)})
		i += j + len(w)
	}
}

// TestRegisteredNetworksAreReadByName: a record's network's links are
// its network's; a text of no network has those any network sees,
// merged where they overlap; a name registered twice is a fault.
func TestRegisteredNetworksAreReadByName(t *testing.T) {
	if got := AnyLinks("a.b"); got != nil {
		t.Fatalf("no network registered, yet links %v", got)
	}
	Register("one", spans("ab.cd"))
	if got := AnyLinks("x ab.cd y"); !slices.Equal(got, [][2]int{{2, 7}}) {
		t.Errorf("one network: %v", got)
	}
	Register("two", spans("cd.ef"))
	text := "ab.cd.ef and cd.ef"
	if got := LinksOf("one", text); !slices.Equal(got, [][2]int{{0, 5}}) {
		t.Errorf("LinksOf(one) = %v", got)
	}
	if got := LinksOf("three", text); got != nil {
		t.Errorf("a network not registered saw %v", got)
	}
	if got := AnyLinks(text); !slices.Equal(got, [][2]int{{0, 8}, {13, 18}}) {
		t.Errorf("AnyLinks = %v", got)
	}
	if _, ok := Registered()["two"]; !ok || len(Registered()) != 2 {
		t.Errorf("Registered = %v", Registered())
	}
	defer func() {
		if recover() == nil {
			t.Error("registering a name twice did not panic")
		}
	}()
	Register("one", spans("x"))
}
