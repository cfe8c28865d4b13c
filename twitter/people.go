package twitter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	utypes "github.com/michimani/gotwi/user/userlookup/types"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/spend"
)

// usersEndpoint looks people up by id (GET /2/users?ids=).
const usersEndpoint = "https://api.twitter.com/2/users"

// MaxUsers is the most people one look-up takes.
const MaxUsers = 100

// Users looks people up by id, at most MaxUsers: each person X returns is
// a user read. Unknown or suspended ones are left out (X's partial
// errors); each returned person's ReadAt is now (decodeUsers).
func (c *Client) Users(ctx context.Context, ids []uint64) ([]model.User, error) {
	if len(ids) == 0 || len(ids) > MaxUsers {
		return nil, fmt.Errorf("a look-up of %d people: 1 to %d", len(ids), MaxUsers)
	}
	in := &utypes.ListInput{UserFields: userFields}
	for _, id := range ids {
		in.IDs = append(in.IDs, model.FormatID(id))
	}
	out := &rawPeople{}
	if err := c.wrapCall("GET /2/users", func() error { return c.gc.CallAPI(ctx, usersEndpoint, "GET", in, out) }); err != nil {
		return nil, err
	}
	users, skipped := decodeUsers(out.Data, nil)
	uses := make([]spend.Use, 0, len(users)+len(skipped))
	for _, u := range users {
		uses = append(uses, spend.Use{Kind: spend.UserRead, ID: u.ID})
	}
	for _, s := range skipped {
		uses = append(uses, spend.Use{Kind: spend.UserRead, ID: s.ID})
	}
	c.meter(ctx, uses)
	if len(users) == 0 && len(out.Errors) == 0 && len(skipped) == 0 {
		return nil, errNoPeople
	}
	return users, nil
}

// errNoPeople is an answer to a look-up that holds neither people nor
// errors: not X's.
var errNoPeople = errors.New("X's answer to a look-up of people held no one and no error")

// rawPeople is an answer of people, each read on its own (see
// decodeUsers): a malformed one is skipped, the others kept.
type rawPeople struct {
	Data   []json.RawMessage `json:"data"`
	Errors []json.RawMessage `json:"errors"`
}

// HasPartialError satisfies gotwi's response interface.
func (*rawPeople) HasPartialError() bool { return false }
