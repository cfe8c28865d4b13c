package app

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/corpus"
	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/styles"
)

// BenchmarkTeamOfFiveOnAMillionPosts: hark serve (offline, as
// --offline) holds a generated history of 1,000,000 posts
// (HARK_TEAM_BENCH_POSTS to change it); five people each open an inbox
// over SSH at 120×40 and press j 150 times then k 150 times, all at
// once. The peer is one person alone pressing the same keys on the same
// server: like with like, in the same run.
//
// keystroke: from the key written to the SSH connection to the screen
// changing for it (the server's Update and View, its renderer's frame,
// the connection both ways), read off a virtual terminal (x/vt).
// heap_mb_per_session: the live heap with five sessions open, less with
// none, over five, after a GC. The bench's own SSH clients and virtual
// screens are in the same process, so it overstates the server's share.
func BenchmarkTeamOfFiveOnAMillionPosts(b *testing.B) {
	posts := 1_000_000
	if n, err := strconv.Atoi(os.Getenv("HARK_TEAM_BENCH_POSTS")); err == nil && n > 0 {
		posts = n
	}
	st, shop := millionPosts(b, posts)
	people := make([]gossh.Signer, 5)
	team := config.Team{}
	for i := range people {
		people[i] = harktest.Key(b)
		team.People = append(team.People, config.Person{Name: fmt.Sprintf("p%d", i+1), Keys: []gossh.PublicKey{people[i].PublicKey()}})
	}
	base := &common.Common{Styles: styles.Default(), Keys: keys.Default(), Store: st, Account: shop, Now: time.Now,
		HourlyLimit: 20, Accounts: []model.User{shop}, MarkRead: "open"}
	s, err := Serve(b.Context(), Options{Store: st, Team: Team{{User: shop}}}, base,
		ServeOptions{Team: team, Addr: "127.0.0.1:0", HostKeyPath: filepath.Join(b.TempDir(), "host_ed25519")})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()

	alone := pressAll(b, s.Addr, people[:1])
	idle := liveHeap()
	terms := openTerms(b, s.Addr, people)
	withFive := liveHeap()
	five := pressAll(b, s.Addr, nil, terms...)
	b.StopTimer()

	worst := time.Duration(0)
	for i, lat := range five {
		p50, p99 := pct(lat, 50), pct(lat, 99)
		worst = max(worst, p99)
		b.Logf("session %d of 5: keystroke p50 %s p99 %s (%d keys)", i+1, p50, p99, len(lat))
	}
	b.Logf("alone: keystroke p50 %s p99 %s", pct(alone[0], 50), pct(alone[0], 99))
	b.ReportMetric(ms(pct(alone[0], 99)), "alone_p99_ms")
	b.ReportMetric(ms(worst), "of5_worst_p99_ms")
	b.ReportMetric(float64(withFive-idle)/5/(1<<20), "heap_mb_per_session")
	b.ReportMetric(float64(posts), "posts")
}

// millionPosts generates and stores a history of n posts, a page of 100
// a transaction, as the poller stores them.
func millionPosts(b *testing.B, n int) (*store.Store, model.User) {
	b.Helper()
	shop := model.User{ID: 1, Username: "paperandpine", Name: "Paper & Pine"}
	c := corpus.Generate(corpus.Options{Seed: 42, Posts: n, Users: max(50, n/40), Account: shop, End: time.Now(), Span: 3 * 365 * 24 * time.Hour})
	st, err := store.Open(filepath.Join(b.TempDir(), "hark.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := st.SetAccount(shop); err != nil {
		b.Fatal(err)
	}
	if _, err := st.Put(store.Batch{Users: c.Users}); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < len(c.Posts); i += 100 {
		if _, err := st.Put(store.Batch{Posts: c.Posts[i:min(i+100, len(c.Posts))]}); err != nil {
			b.Fatal(err)
		}
	}
	return st, shop
}

// openTerms opens an inbox for each key, once each shows its rows.
func openTerms(b *testing.B, addr string, keys []gossh.Signer) []*harktest.Term {
	b.Helper()
	var out []*harktest.Term
	for i, k := range keys {
		c, err := harktest.Dial(addr, fmt.Sprintf("p%d", i+1), k)
		if err != nil {
			b.Fatal(err)
		}
		tm := harktest.OpenTerm(b, c, 120, 40)
		tm.WaitFor(30*time.Second, "Inbox", "@")
		out = append(out, tm)
	}
	return out
}

// pressAll has each terminal (opened for keys, or given) press j 150
// times then k 150 times, all at once, and returns each one's waits.
func pressAll(b *testing.B, addr string, keys []gossh.Signer, terms ...*harktest.Term) [][]time.Duration {
	b.Helper()
	if len(terms) == 0 {
		terms = openTerms(b, addr, keys)
		defer func() {
			for _, t := range terms {
				t.Close()
			}
		}()
	}
	out := make([][]time.Duration, len(terms))
	var wg sync.WaitGroup
	for i, tm := range terms {
		wg.Go(func() {
			for n := range 300 {
				key := "j"
				if n >= 150 {
					key = "k"
				}
				took, ok := tm.Press(key)
				if !ok {
					b.Errorf("session %d: key %d (%s) changed nothing in 10 s", i+1, n, key)
					return
				}
				out[i] = append(out[i], took)
			}
		})
	}
	wg.Wait()
	return out
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func pct(d []time.Duration, p int) time.Duration {
	s := slices.Sorted(slices.Values(d))
	if len(s) == 0 {
		return 0
	}
	return s[min(len(s)-1, len(s)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
