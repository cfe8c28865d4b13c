package search

import (
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
)

func TestParse(t *testing.T) {
	tests := map[string]string{
		"basket":                             "basket",
		"lost Basket":                        "(lost basket)",
		`"lost basket"`:                      `"lost basket"`,
		"basket OR cart":                     "(basket OR cart)",
		"basket -refund":                     "(basket -refund)",
		"-tag:spam":                          "-tag:spam",
		"(basket OR cart) from:@Maria_K":     "((basket OR cart) from:maria_k)",
		"to:paperandpine tag:#Refund":        "(to:paperandpine tag:refund)",
		"status:open is:unread is:question":  "(status:open is:unread is:question)",
		"is:complaint is:praise is:mine":     "(is:complaint is:praise is:mine)",
		"has:link has:dm":                    "(has:link has:dm)",
		"after:2026-03-01 before:2026-04-01": "(after:2026-03-01 before:2026-04-01)",
		"since:7d since:24h":                 "(since:7d since:24h)",
		"conv:123456789":                     "conv:123456789",
		"Café":                               "cafe",
		"故人西":                                `"故人 人西"`,
		"10:30 meeting":                      `("10 30" meeting)`,
		"a OR b c":                           "(a OR (b c))",
		"-(a OR b)":                          "-(a OR b)",
		"well-known":                         `"well known"`,
	}
	for in, want := range tests {
		n, err := Parse(in)
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if got := n.String(); got != want {
			t.Errorf("Parse(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestParseErrorsPointAtThePlace(t *testing.T) {
	tests := map[string]string{
		"":              "character 1: empty query",
		`lost "basket`:  "character 6: this quote is never closed",
		"(lost basket":  "character 1: this ( is never closed",
		"lost)":         `character 5: unexpected ")"`,
		"lost OR":       "character 8: the query ends where a word was expected",
		"OR lost":       `character 1: nothing before "OR"`,
		"a - b":         `character 3: "-" holds nothing searchable`,
		"colour:red":    `character 1: unknown field "colour:"`,
		"is:happy":      `character 4: is: "happy" is not one of`,
		"after:March":   `character 7: after: "March" is not a date`,
		"since:forever": `character 7: since: "forever"`,
		"conv:abc":      `character 6: conv: "abc" is not a conversation id`,
		"from:":         "character 6: from: needs a handle",
		`""`:            "character 1: an empty phrase",
		"()":            `character 2: nothing before ")"`,
	}
	for in, want := range tests {
		_, err := Parse(in)
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Parse(%q) = %v, want %q", in, err, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a b", `"x y" OR -(z from:a)`, "is:unread since:7d", "((", `"`, "-", "tag:", "a OR OR b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := Parse(q)
		if err == nil && n == nil {
			t.Fatal("no node and no error")
		}
		if err != nil && !strings.HasPrefix(err.Error(), "query error at character ") {
			t.Fatalf("odd error %v", err)
		}
		if err == nil {
			Match(n, Doc{Post: model.Post{Text: q}}, time.Now())
		}
	})
}

func TestMatch(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	doc := Doc{
		Post: model.Post{ID: 1, ConversationID: 77, Text: "@paperandpine my basket vanished?? see https://shop.example.com/cart 😩",
			CreatedAt: now.Add(-2 * time.Hour), Kind: model.Mention},
		Author: "maria_k", ReplyTo: "paperandpine", Unread: true, Tags: []string{"refund"}, Status: "open",
	}
	yes := []string{"basket", "BASKET vanished", `"basket vanished"`, "from:maria_k", "to:paperandpine", "tag:refund",
		"status:open", "is:unread", "is:question", "is:complaint", "has:link", "example.com", "😩", "@paperandpine",
		"since:1d", "after:2026-11-23", "before:2026-11-24", "conv:77", "pens OR basket", "-pens", "-tag:spam", "-is:mine"}
	no := []string{"pens", `"vanished basket"`, "from:ann", "tag:spam", "status:done", "is:praise", "is:mine",
		"has:dm", "since:1h", "before:2026-11-23", "conv:78", "basket -vanished", "-basket"}
	for _, q := range yes {
		if n, err := Parse(q); err != nil || !Match(n, doc, now) {
			t.Errorf("%q does not match (%v)", q, err)
		}
	}
	for _, q := range no {
		if n, err := Parse(q); err != nil || Match(n, doc, now) {
			t.Errorf("%q matches (%v)", q, err)
		}
	}
}

func TestExact(t *testing.T) {
	for q, want := range map[string]bool{
		"order":                  true,
		"order pen":              true,
		"order OR pen":           true,
		"from:maria_k":           true,
		"order -the":             true,
		"order -(the OR pen)":    true,
		"order -from:maria_k":    true,
		"-the":                   false,
		"-the -pen":              false,
		"order -tag:refund":      false,
		`order -"the pen"`:       true,
		"order OR -the":          false,
		"tag:refund":             false,
		"order status:open":      false,
		"order is:unread":        false,
		"order after:2026-01-01": false,
		`"the pen"`:              true, // from the words' positions
	} {
		n, err := Parse(q)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if got := Exact(n); got != want {
			t.Errorf("Exact(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestUsesConversation(t *testing.T) {
	for q, want := range map[string]bool{
		"order":                      false,
		"from:maria_k is:unread":     false,
		"tag:refund":                 true,
		"order -status:done":         true,
		"pen OR (ink tag:x)":         true,
		`"the pen" after:2026-01-01`: false,
	} {
		n, err := Parse(q)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if got := UsesConversation(n); got != want {
			t.Errorf("UsesConversation(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestResidualKeepsWhatTheIndexCannotAnswer(t *testing.T) {
	for q, want := range map[string]string{
		"order pen":                            "<nil>",
		`order "the pen" -from:ann`:            "<nil>",
		"order status:open":                    "status:open",
		"order tag:refund -status:done":        "(tag:refund -status:done)",
		"(order OR status:open) -pen":          "(order OR status:open)",
		"order OR since:7d":                    "(order OR since:7d)",
		"-status:open":                         "-status:open",
		`"the pen" is:unread after:2026-01-01`: "(is:unread after:2026-01-01)",
	} {
		n, err := Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		got := "<nil>"
		if r := Residual(n); r != nil {
			got = r.String()
		}
		if got != want {
			t.Errorf("Residual(%s) = %s, want %s", q, got, want)
		}
	}
}

// A plain word finds the other forms of its stem, a prefix the words it
// starts, and the author by handle or name; quotes and from: stay exact.
func TestStemsPrefixesAndAuthors(t *testing.T) {
	d := Doc{Post: model.Post{Text: "Shipping was slow, but the shipped pens arrived"}, Author: "maria_k", AuthorName: "María Kowalska"}
	for q, want := range map[string]bool{
		"ship":         true,
		"ships":        true,
		`"ship"`:       false,
		`"shipping"`:   true,
		"arrive":       true,
		"pe*":          true,
		"shipp*":       true,
		"ships*":       false,
		"maria_k":      true,
		"kowalska":     true,
		"maria":        true,
		"from:maria":   false,
		"from:maria_k": true,
	} {
		n, err := Parse(q)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if got := Match(n, d, time.Now()); got != want {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}
	for _, q := range []string{"s*", "*", "万*"} {
		if _, err := Parse(q); err == nil {
			t.Errorf("%q parsed", q)
		}
	}
}
