package search

import (
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
)

// TestEveryFieldIsWholeFromItsRow walks the field table: each row alone
// makes its field parse, show in help and in the unknown-field message,
// and be answered by the matcher and, through How, by the store's
// planner (whose brute-force test draws its fields from this table). A
// new field is a new row and nothing else.
func TestEveryFieldIsWholeFromItsRow(t *testing.T) {
	_, unknown := Parse("colour:red")
	help := FieldHelp()
	doc := Doc{Post: model.Post{ID: 1, ConversationID: 1, CreatedAt: time.Now()}, Tags: []string{"refund"}, Status: "open", Unread: true}
	for _, s := range Fields {
		values := s.Values
		if values == nil {
			values = []string{s.Example}
		}
		for _, v := range values {
			n, err := Parse(s.Name + ":" + v)
			if err != nil {
				t.Errorf("%s:%s does not parse: %v", s.Name, v, err)
				continue
			}
			f, ok := n.(Field)
			if !ok || f.Name != s.Name {
				t.Errorf("%s:%s parsed as %v", s.Name, v, n)
				continue
			}
			switch s.How(f.Value) {
			case ByTerm:
				if FieldTerm(f) == "" || !Exact(f) {
					t.Errorf("%s:%s is answered by a term but has none", s.Name, v)
				}
			case ByCheckedTerm:
				if CandidateTerm(f) == "" || s.has == nil {
					t.Errorf("%s:%s narrows by a term and is checked, but lacks one", s.Name, v)
				}
			case ByCheck:
				if s.has == nil {
					t.Errorf("%s:%s is checked but has no check", s.Name, v)
				}
			case ByTime:
				if s.bounds == nil {
					t.Errorf("%s:%s is a time with no bounds", s.Name, v)
				}
			}
			Match(n, doc, time.Now()) // answered, whatever the answer
		}
		if !strings.Contains(help, s.Name+":") || !strings.Contains(unknown.Error(), s.Name) {
			t.Errorf("%s: missing from the help or the unknown-field message", s.Name)
		}
	}
}
