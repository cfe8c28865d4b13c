// Package corpus makes a realistic, deterministic history of posts for
// tests and benchmarks: a Zipf vocabulary, handles, hashtags, links,
// emoji, some CJK, threads of 1 to 12 posts, spread over a span of time.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
)

// Options shape a corpus.
type Options struct {
	Seed    uint64
	Posts   int
	Users   int
	Account model.User // the shop; its replies are Kind Reply
	// End is the newest post's time; Span how far back the oldest goes.
	End  time.Time
	Span time.Duration
}

// Corpus is a generated history, posts oldest first.
type Corpus struct {
	Users []model.User
	Posts []model.Post
}

var (
	common = strings.Fields(`the a and to of is in it you for my on order pen paper ink this with your
		thanks please when where how what shipping store delivery basket cart refund return package
		notebook sketchbook compass ruler tape envelope stamp card gift price sale stock restock
		color colour black blue green red gold silver fountain ballpoint pencil eraser marker
		highlighter desk office school teacher student week today tomorrow monday friday weekend
		love great perfect broken late missing damaged lost arrived still waiting help question
		tracking email phone call number size small large pack box bag label address city`)
	rare = strings.Fields(`tomoe kraków calligraphy washi gsm archival watercolour tombow lamy pilot
		kaweco midori moleskine leuchtturm rhodia clairefontaine nashville broadway deckle vellum
		letterpress embossing parchment quill nib converter cartridge blotter`)
	emoji    = []string{"😩", "🎉", "❤️", "👍", "✨", "📦", "🙏", "😡", "🖋️", "📓"}
	cjk      = []string{"万年筆", "ノート", "インク", "届きました", "ありがとう", "文房具", "注文", "紙"}
	hashtags = []string{"#stationery", "#fountainpens", "#bulletjournal", "#backtoschool", "#smallbusiness"}
	domains  = []string{"shop.example.com", "example.org", "tracking.example.net", "paperandpine.example"}
)

// Generate makes a corpus.
func Generate(o Options) Corpus {
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9E3779B97F4A7C15))
	zipf := rand.NewZipf(rng, 1.1, 1, uint64(len(common)+len(rare)-1))
	c := Corpus{Users: []model.User{o.Account}}
	for i := range o.Users {
		c.Users = append(c.Users, model.User{ID: uint64(1000 + i), Username: fmt.Sprintf("user%d", i), Name: fmt.Sprintf("User %d", i)})
	}
	step := o.Span / time.Duration(max(o.Posts, 1))
	at := o.End.Add(-o.Span)
	var open []model.Post // threads that may get another post
	for i := 0; i < o.Posts; i++ {
		at = at.Add(step)
		p := model.Post{ID: model.SnowflakeID(at, uint64(i)), CreatedAt: at.UTC(), Kind: model.Mention}
		customer := c.Users[1+rng.IntN(o.Users)]
		p.AuthorID = customer.ID
		if len(open) > 0 && rng.IntN(3) > 0 {
			k := rng.IntN(len(open))
			parent := open[k]
			p.InReplyToID, p.ConversationID, p.InReplyToUser = parent.ID, parent.ConversationID, parent.AuthorID
			if rng.IntN(2) == 0 {
				p.AuthorID, p.Kind = o.Account.ID, model.Reply
			} else if parent.AuthorID != o.Account.ID {
				p.AuthorID = parent.AuthorID
			}
			open[k] = p
			if rng.IntN(12) == 0 {
				open = append(open[:k], open[k+1:]...)
			}
		} else {
			p.ConversationID = p.ID
			open = append(open, p)
			if len(open) > 50 {
				open = open[1:]
			}
		}
		p.Text = sentence(rng, zipf, o.Account.Username, c.Users, p.Kind)
		c.Posts = append(c.Posts, p)
	}
	return c
}

// sentence writes one post's text.
func sentence(rng *rand.Rand, zipf *rand.Zipf, shop string, users []model.User, kind model.Kind) string {
	var w []string
	if kind != model.Reply {
		w = append(w, "@"+shop)
	} else {
		w = append(w, "@"+users[1+rng.IntN(len(users)-1)].Username)
	}
	n := 4 + rng.IntN(18)
	for range n {
		switch r := rng.IntN(100); {
		case r < 3:
			w = append(w, emoji[rng.IntN(len(emoji))])
		case r < 5:
			w = append(w, hashtags[rng.IntN(len(hashtags))])
		case r < 6:
			w = append(w, "https://"+domains[rng.IntN(len(domains))]+fmt.Sprintf("/o/%d", rng.IntN(9999)))
		case r < 7:
			w = append(w, "@"+users[1+rng.IntN(len(users)-1)].Username)
		default:
			k := int(zipf.Uint64())
			if k < len(common) {
				w = append(w, common[k])
			} else {
				w = append(w, rare[k-len(common)])
			}
		}
	}
	text := strings.Join(w, " ")
	if rng.IntN(20) == 0 {
		text = "@" + shop + " " + cjk[rng.IntN(len(cjk))] + cjk[rng.IntN(len(cjk))]
	}
	if rng.IntN(4) == 0 {
		text += "?"
	}
	return text
}
