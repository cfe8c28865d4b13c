package twitter

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/harkhq/hark/twitter/text"
)

// SameText reports whether theirs, a post or DM as X shows it (and as
// Clean left it), is the text hark sent as ours. X normalises the text
// (NFC), rewrites every link to a t.co link and drops trailing white
// space; Clean turns tabs into spaces. So links compare as one mark and
// runs of white space as one space.
func SameText(ours, theirs string) bool {
	return comparable(Clean(ours)) == comparable(theirs)
}

// comparable is s with X's rewritings undone as far as they can be.
func comparable(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, u := range text.ExtractURLs(s) {
		before, after, _ := strings.Cut(s, u.Text)
		b.WriteString(before)
		b.WriteString(" \x00 ")
		s = after
	}
	b.WriteString(s)
	return strings.Join(strings.Fields(b.String()), " ")
}

// SameText is X's SameText, for the network contract's Writer.
func (c *Client) SameText(ours, theirs string) bool { return SameText(ours, theirs) }
