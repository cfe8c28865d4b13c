package common

import (
	"testing"

	"github.com/harkhq/hark/model"

	_ "github.com/harkhq/hark/bluesky/text" // Bluesky's mark, as the composition registers it
	_ "github.com/harkhq/hark/twitter/text"
)

// TestMarksOnlyWhenTheShopIsOnTwoNetworks: rows carry a network's mark
// when the shop's accounts span networks; an account alone on its
// network needs no label beside the mark.
func TestMarksOnlyWhenTheShopIsOnTwoNetworks(t *testing.T) {
	shop := model.User{ID: 1, Username: "paperandpine"}
	desk := model.User{ID: 2, Username: "paperandpine_help"}
	sky := model.User{ID: 3, Username: "paperandpine.bsky.social", On: &model.Elsewhere{Network: "bluesky", Ref: "did:plc:x"}}
	if c := (&Common{Accounts: []model.User{shop, desk}}); c.MultiNetwork() {
		t.Error("two X accounts are on one network")
	}
	c := &Common{Accounts: []model.User{shop, desk, sky}}
	if !c.MultiNetwork() || !c.AloneOnItsNetwork(sky.ID) || c.AloneOnItsNetwork(desk.ID) {
		t.Errorf("X and Bluesky: multi %v, Bluesky alone %v, the help desk alone %v", c.MultiNetwork(), c.AloneOnItsNetwork(sky.ID), c.AloneOnItsNetwork(desk.ID))
	}
	if NetworkMark("") != "X" || NetworkMark("bluesky") != "bsky" || NetworkMark("nowhere") != "?" {
		t.Errorf("marks: %q %q %q", NetworkMark(""), NetworkMark("bluesky"), NetworkMark("nowhere"))
	}
}
