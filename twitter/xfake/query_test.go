package xfake

import (
	"testing"

	"github.com/harkhq/hark/model"
)

func TestQueryMatchesAsXDoes(t *testing.T) {
	ann := model.User{ID: 1, Username: "Ann_K"}
	shop := model.User{ID: 2, Username: "paperandpine"}
	post := func(text string) model.Post { return model.Post{Text: text} }
	cases := []struct {
		query string
		text  string
		by    model.User
		want  bool
	}{
		{`paper`, "Paper, pens and ink", ann, true},
		{`paper`, "@paperandpine hi", ann, false},
		{`paperandpine`, "@paperandpine hi", ann, true},
		{`"paper and pine"`, "love Paper and Pine!", ann, true},
		{`"paper and pine"`, "paper or pine", ann, false},
		{`"paper and pine" OR paperandpine -from:paperandpine`, "thanks @paperandpine", ann, true},
		{`"paper and pine" OR paperandpine -from:paperandpine`, "thanks @ann_k from paperandpine", shop, false},
		{`(basket OR cart) lost`, "my cart is lost", ann, true},
		{`(basket OR cart) lost`, "my cart is here", ann, false},
		{`@paperandpine`, "hey @PaperAndPine!", ann, true},
		{`#stationery`, "new pens #Stationery", ann, true},
		{`#stationery`, "new stationery", ann, false},
		{`from:ann_k pens`, "new pens", ann, true},
		{`-"paper and pine" pens`, "pens from paper and pine", ann, false},
	}
	for _, c := range cases {
		m, err := parseQuery(c.query)
		if err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		if got := m.match(post(c.text), c.by); got != c.want {
			t.Errorf("%s on %q by @%s: %v", c.query, c.text, c.by.Username, got)
		}
	}
	for _, bad := range []string{"", "(unclosed", `"open`, "-only", "a )"} {
		if _, err := parseQuery(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
