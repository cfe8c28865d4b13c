package twitter

import (
	"strings"

	"github.com/harkhq/hark/clean"
)

// entities decodes the three entities X escapes in post text, in one pass,
// so "&amp;lt;" becomes "&lt;" and never "<".
var entities = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// Clean makes untrusted text from X safe to keep and to show: it decodes
// X's entities exactly once, then cleans as clean.Text does (invalid
// UTF-8, terminal escapes, controls, bidirectional overrides).
//
// Every post, name and bio from X passes through Clean once, where it
// enters hark.
func Clean(s string) string {
	return clean.Text(entities.Replace(strings.ToValidUTF8(s, "\uFFFD")))
}

// CleanName is Clean for one-line fields (names, handles): newlines become
// spaces too.
func CleanName(s string) string {
	return strings.ReplaceAll(Clean(s), "\n", " ")
}
