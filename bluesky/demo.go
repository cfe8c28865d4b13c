package bluesky

import (
	"context"
	"time"

	"github.com/harkhq/hark/bluesky/bskyfake"
	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/network"
)

// The demo shop on Bluesky, and the customers who write to it there.
var (
	demoShop = bskyfake.Account{DID: "did:plc:paperandpine7demo", Handle: "paperandpine.bsky.social", DisplayName: "Paper & Pine",
		AppPassword: "demo-demo-demo-demo"}
	demoCustomers = []bskyfake.Account{
		{DID: "did:plc:inkwellisla", Handle: "inkwell-isla.bsky.social", DisplayName: "Isla 🖋"},
		{DID: "did:plc:mossandmaps", Handle: "mossandmaps.bsky.social", DisplayName: "Moss & Maps"},
		{DID: "did:plc:tokyojournals", Handle: "yuki.bsky.social", DisplayName: "ゆき"},
	}
)

// demoDripEvery is the pause between the demo's new Bluesky posts.
const demoDripEvery = 45 * time.Second

// Demo serves the demo shop's Bluesky: a customer's mention, a reply to
// the shop's post, a DM, and, while Drip runs, a new one every 45
// seconds. Each demo's world is new (its records' keys come from the
// clock, so that a kept database never takes a new post for an old one).
func (adapter) Demo(o network.DemoOptions) (*network.Demo, error) {
	srv, err := bskyfake.Start(append([]bskyfake.Account{demoShop}, demoCustomers...), bskyfake.Options{})
	if err != nil {
		return nil, err
	}
	launch := srv.AddPost(bskyfake.Post{Author: demoShop.DID, Text: "Our Bluesky shop is open: fountain pens, washi tape and notebooks 📓", CreatedAt: time.Now().Add(-3 * time.Hour)})
	srv.AddPost(bskyfake.Post{Author: demoCustomers[1].DID, Text: "finally! do you ship the brass compass to Norway?", Parent: launch, CreatedAt: time.Now().Add(-2 * time.Hour)})
	srv.AddPost(bskyfake.Post{Author: demoCustomers[0].DID, Text: "@" + demoShop.Handle + " is the Kakimori nib back in stock? 🖋", CreatedAt: time.Now().Add(-40 * time.Minute)})
	srv.AddDM(demoCustomers[2].DID, demoShop.DID, "こんにちは! Can I pay in yen? 🙏")
	return &network.Demo{
		APIBase:    srv.URL(),
		Accounts:   []config.Credentials{{Handle: demoShop.Handle, AppPassword: demoShop.AppPassword, Service: srv.URL()}},
		SignInHelp: "  hark login bluesky --service " + srv.URL() + "   # handle " + demoShop.Handle + ", app password " + demoShop.AppPassword,
		Drip:       func(ctx context.Context) { drip(ctx, srv) },
		Close:      func() { srv.Close() },
	}, nil
}

// demoDrip is what the demo's customers say next, in turn.
var demoDrip = []struct {
	who  int
	dm   bool
	text string
}{
	{0, false, "@" + demoShop.Handle + " the ink sampler arrived, the teal is gorgeous 💙"},
	{2, true, "Also: do you gift wrap? 🎁"},
	{1, false, "@" + demoShop.Handle + " any discount for a bulk order of 10 notebooks?"},
}

// drip adds the demo's next posts until ctx ends.
func drip(ctx context.Context, srv *bskyfake.Server) {
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return
		case <-time.After(demoDripEvery):
		}
		next := demoDrip[i%len(demoDrip)]
		who := demoCustomers[next.who]
		if next.dm {
			srv.AddDM(who.DID, demoShop.DID, next.text)
			continue
		}
		srv.AddPost(bskyfake.Post{Author: who.DID, Text: next.text})
	}
}
