package twitter

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/harkhq/hark/network"
)

// Check asks X about the account d signs in as: the account, the DM
// permission, the clock, the rate limits. It reads one DM event to see
// the permission.
func (adapter) Check(ctx context.Context, d network.Dial) []network.Finding {
	client, err := connect(d)
	if err != nil {
		return []network.Finding{{What: "X", Said: err.Error(), Fix: "check api_base"}}
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	me, err := client.Me(ctx)
	if err != nil {
		return []network.Finding{{What: "account", Said: err.Error(), Fix: "run hark login"}}
	}
	out := []network.Finding{{OK: true, What: "account", Said: fmt.Sprintf("@%s: X accepts the credentials", me.Username)}}
	dm := network.Finding{OK: true, What: "DMs", Said: "the app may read and send DMs"}
	if _, err := client.DMEvents(ctx, network.DMQuery{Max: 1}); err != nil {
		dm.OK, dm.Said = false, err.Error()
		if errors.Is(err, ErrNoDMPermission) {
			dm.Said, dm.Fix = "the app's permission is not \"Read, write, and Direct Messages\"", "change it in X's developer portal, then hark login"
		}
	}
	return append(out, dm, clockFinding(client), limitFinding(client))
}

// maxSkew is the clock difference past which X refuses signatures.
const maxSkew = 5 * time.Minute

// clockFinding compares the clock with the Date of X's answers.
func clockFinding(c *Client) network.Finding {
	skew, ok := c.ClockSkew()
	f := network.Finding{OK: true, What: "clock"}
	switch {
	case !ok:
		f.Said = "X's answers had no Date to compare with"
	case skew.Abs() > maxSkew:
		f.OK, f.Said, f.Fix = false, fmt.Sprintf("%v off X's clock: X refuses signatures that far out", skew), "set the clock (timedatectl set-ntp true)"
	default:
		f.Said = fmt.Sprintf("%v off X's clock", skew)
	}
	return f
}

// limitFinding says how much of the rate-limit windows seen is left.
func limitFinding(c *Client) network.Finding {
	f := network.Finding{OK: true, What: "rate limits"}
	for _, ep := range []string{"GET /2/users/me", "GET /2/dm_events"} {
		l, ok := c.RateLimits().Get(ep)
		if !ok {
			continue
		}
		if f.Said != "" {
			f.Said += ", "
		}
		f.Said += fmt.Sprintf("%s %d of %d left", ep, l.Remaining, l.Limit)
		if l.Remaining == 0 {
			f.OK, f.Fix = false, "wait until "+l.Reset.Local().Format("15:04")
		}
	}
	if f.Said == "" {
		f.Said = "X sent no rate-limit headers"
	}
	return f
}
