package twitter

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/twitter/xfake"
)

// The demo's own keys, checked by its simulated X.
var demoCredentials = config.Credentials{APIKey: "demo-key", APIKeySecret: "demo-secret", AccessToken: "demo-token", AccessSecret: "demo-token-secret"}

// dripEvery is the mean pause between the demo's new mentions.
const dripEvery = 25 * time.Second

// dmEvery is how many of the drip's new posts come before one is a DM.
const dmEvery = 3

// demoKeepAlive is the demo's stream's keep-alive: X's is 20 s, and its
// headers come with the first; the demo's world connects in 2 s so that
// a new user sees it live at once.
const demoKeepAlive = 2 * time.Second

// Demo serves the demo shop's X: a day of mentions, DMs and searches from
// o.Epoch, the posts a demo wrote before, and a new mention every 20 to
// 30 seconds while Drip runs.
func (adapter) Demo(o network.DemoOptions) (*network.Demo, error) {
	sc := xfake.ShopScenario(o.Epoch)
	if o.Accounts == 2 {
		sc = xfake.WithHelpDesk(sc, o.Epoch)
	}
	if o.Known != nil {
		var err error
		if sc, err = withKnown(sc, o.Known); err != nil {
			return nil, err
		}
	}
	srv, err := xfake.Start(sc, xfake.Options{KeepAlive: demoKeepAlive, Secrets: &xfake.Secrets{
		ConsumerKey: demoCredentials.APIKey, ConsumerSecret: demoCredentials.APIKeySecret,
		Token: demoCredentials.AccessToken, TokenSecret: demoCredentials.AccessSecret,
	}})
	if err != nil {
		return nil, err
	}
	d := &network.Demo{
		APIBase:  srv.URL(),
		Accounts: []config.Credentials{demoCredentials},
		Search:   xfake.DemoSearch,
		SignInHelp: "  export HARK_X_API_BASE=" + srv.URL() + "\n  hark login     # API key " + demoCredentials.APIKey +
			", secret " + demoCredentials.APIKeySecret + "; no access token: sign in with a PIN\n  hark login --live   # any OAuth 2.0 client id\n  hark doctor\n" +
			"  curl -X POST " + srv.URL() + "/xfake/cut   # cuts the activity stream",
		Drip:  func(ctx context.Context) { drip(ctx, srv, int(time.Since(o.Epoch)/dripEvery)) },
		Close: func() { srv.Close() },
	}
	for _, u := range sc.MoreAccounts {
		creds := demoCredentials
		creds.AccessToken, creds.AccessSecret = xfake.AccountToken(u)
		d.Accounts = append(d.Accounts, creds)
	}
	return d, nil
}

// withKnown is the scenario and every post a demo stored before that the
// scenario lacks (the drip's mentions, the replies sent), with their ids,
// times and threads, so that a reply to a post shown before the restart
// reaches a post X still holds. DMs need no such care (a DM goes to a
// person), nor do posts the world took away (a tombstone).
func withKnown(sc xfake.Scenario, known func(func(model.Post) error) error) (xfake.Scenario, error) {
	have := map[uint64]bool{}
	for _, p := range sc.Posts {
		have[p.ID] = true
		for _, v := range p.Edits {
			have[v] = true
		}
	}
	err := known(func(p model.Post) error {
		if p.On != nil || p.Kind.IsDM() || p.Kind.Gone() || p.Kind == model.Context || have[p.ID] || have[p.Target()] {
			return nil
		}
		sc.Posts = append(sc.Posts, model.Post{ID: p.Target(), ConversationID: p.ConversationID, AuthorID: p.AuthorID,
			InReplyToID: p.InReplyToID, CreatedAt: p.CreatedAt, Text: p.Text})
		return nil
	})
	return sc, err
}

// drip adds a new mention to the simulation every 20 to 30 seconds, and
// every third time a DM instead, from the nth of the stream on (a world
// continued goes on where the clock says it is).
func drip(ctx context.Context, srv *xfake.Server, from int) {
	next, nextDM := xfake.ShopDrip(), xfake.ShopDripDM()
	for n := from; ; n++ {
		wait := 20*time.Second + time.Duration(rand.Int64N(int64(10*time.Second)))
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
			if n%dmEvery == dmEvery-1 {
				srv.AddDM(nextDM(n / dmEvery))
				continue
			}
			srv.AddPost(next(n))
		}
	}
}
