package outbox

import (
	"strings"
	"testing"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/twitter/text"
)

// elsewhere is a network whose rules are X's but for its name.
type elsewhere struct{ text.Rules }

func (elsewhere) Title() string { return "Elsewhere" }

func init() { network.Register("elsewhere", elsewhere{}) }

// TestARefusalNamesTheNetworkOfThePost: why an answer would be refused
// names the network of the post answered (and of the person), not X.
func TestARefusalNamesTheNetworkOfThePost(t *testing.T) {
	on := &model.Elsewhere{Network: "elsewhere", Ref: "1"}
	post := model.Post{ID: 1, Kind: model.Heard, On: on}
	closed := model.User{ID: 2, Username: "kim", ClosedToDMs: true, On: on}
	for _, said := range []string{
		WhyNotEligible(post, closed),
		WhyNoDM(closed),
		Unanswerable(true, false, post, closed, false).Reason,
		Unanswerable(false, false, post, closed, false).Reason,
	} {
		if !strings.Contains(said, "Elsewhere") || strings.Contains(said, "X ") {
			t.Errorf("%q", said)
		}
	}
}
