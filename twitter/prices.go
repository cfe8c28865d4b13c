package twitter

import "github.com/harkhq/hark/spend"

// Prices is X's table of pay-per-use prices, as the notes give it (since
// 2026-04-20). No price there is marked uncertain; where one is, the
// higher is the default, so that hark never under-counts. config's
// [prices] overrides any of them.
func Prices() spend.Prices {
	return spend.Prices{Per: map[spend.Kind]spend.Micros{
		spend.OwnedRead:         1_000,
		spend.PostRead:          5_000,
		spend.UserRead:          10_000,
		spend.DMRead:            10_000,
		spend.SummonedReply:     10_000,
		spend.OtherPost:         15_000,
		spend.OtherPostWithLink: 200_000,
		spend.DMSent:            15_000,
		spend.Delete:            5_000,
		spend.PushedPost:        5_000,  // a post event of the activity stream
		spend.PushedDM:          10_000, // dm.received (dm.sent is not billed)
	}}
}

// Prices are X's: see the package's Prices.
func (adapter) Prices() spend.Prices { return Prices() }
