package twitter

import (
	"fmt"
	"io"
	"net/http"
	"unicode/utf8"
)

// The bounds on what hark takes from X, whatever X sends.
const (
	// MaxBody is the largest answer read from X. X's largest real answer
	// (100 posts with their people and referenced posts, each post at its
	// 25,000-character maximum) is about 10 MB; a bigger one is a fault.
	MaxBody = 16 << 20
	// MaxPostChars is X's longest post (a long-form post), in characters.
	// A longer text is cut there, with cutMark.
	MaxPostChars = 25000
	// maxErrorChars bounds an error text taken from X's answer, so that a
	// huge error page makes a one-line message.
	maxErrorChars = 300
	// maxNameChars bounds names, handles and bios (X's own limits are 50,
	// 15 and 160 characters), and page tokens.
	maxNameChars = 1000
	// maxRawIDChars bounds the raw id of a record hark skipped.
	maxRawIDChars = 40
)

// cutMark ends a text hark cut short.
const cutMark = " [… cut by hark: longer than X allows]"

// ErrBodyTooLarge is returned for an answer from X over MaxBody.
var ErrBodyTooLarge = fmt.Errorf("X's answer is over %d MB: refused", MaxBody>>20)

// limitBody refuses an answer whose declared length is over MaxBody and
// makes any other fail once more than MaxBody bytes are read from it.
func limitBody(res *http.Response) error {
	if res.ContentLength > MaxBody {
		res.Body.Close()
		return ErrBodyTooLarge
	}
	res.Body = &boundedBody{ReadCloser: res.Body, left: MaxBody}
	return nil
}

// boundedBody reads at most left bytes and then fails with
// ErrBodyTooLarge if there is more.
type boundedBody struct {
	io.ReadCloser
	left int64
}

func (b *boundedBody) Read(p []byte) (int, error) {
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.ReadCloser.Read(p)
	if int64(n) > b.left {
		b.left = -1
		return 0, ErrBodyTooLarge
	}
	b.left -= int64(n)
	return n, err
}

// capText cuts s to at most n characters, marking the cut.
func capText(s string, n int) string { return truncate(s, n, cutMark) }

// errorText is a one-line, cleaned and bounded text from X's error answer.
// Only the bytes that can make maxErrorChars characters are cleaned.
func errorText(s string) string {
	if len(s) > utf8.UTFMax*maxErrorChars {
		s = s[:utf8.UTFMax*maxErrorChars]
	}
	return truncate(CleanName(s), maxErrorChars, "…")
}

// truncate cuts s after n characters, whole ones, and adds mark when it
// cut anything.
func truncate(s string, n int, mark string) string {
	if len(s) <= n {
		return s
	}
	i, count := 0, 0
	for i < len(s) && count < n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	if i == len(s) {
		return s
	}
	return s[:i] + mark
}
