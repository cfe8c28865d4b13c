package twitter

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/michimani/gotwi"
	"github.com/michimani/gotwi/resources"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// rawPage is a page of X's answer with each record kept raw, so that one
// malformed record is skipped instead of failing the whole page (gotwi's
// own output types decode all or nothing).
type rawPage struct {
	Data     []json.RawMessage `json:"data"`
	Includes struct {
		Users  []json.RawMessage `json:"users"`
		Tweets []json.RawMessage `json:"tweets"`
	} `json:"includes"`
	Meta struct {
		NextToken string `json:"next_token"`
	} `json:"meta"`
	Errors []json.RawMessage `json:"errors"`
}

// HasPartialError satisfies gotwi's response interface.
func (*rawPage) HasPartialError() bool { return false }

// page converts the answer: its good records, the skipped ones and its
// partial errors.
func (r *rawPage) page() network.Page {
	var p network.Page
	p.Posts, p.Skipped = decodePosts(r.Data, p.Skipped)
	p.Referenced, p.Skipped = decodePosts(r.Includes.Tweets, p.Skipped)
	p.Users, p.Skipped = decodeUsers(r.Includes.Users, p.Skipped)
	for _, raw := range r.Errors {
		var e resources.PartialError
		if json.Unmarshal(raw, &e) != nil {
			continue
		}
		typ := gotwi.StringValue(e.Type)
		p.Errors = append(p.Errors, network.PartialError{
			Title:      errorText(gotwi.StringValue(e.Title)),
			Detail:     errorText(gotwi.StringValue(e.Detail)),
			ResourceID: errorText(gotwi.StringValue(e.ResourceID)),
			Deleted:    strings.HasSuffix(typ, "/resource-not-found"),
			Hidden:     strings.HasSuffix(typ, "/not-authorized-for-resource"),
		})
	}
	p.NextToken = capText(r.Meta.NextToken, maxNameChars)
	return p
}

// decodePosts reads raw posts, adding the unreadable ones to skipped.
func decodePosts(raws []json.RawMessage, skips []network.Skipped) ([]model.Post, []network.Skipped) {
	var posts []model.Post
	for _, raw := range raws {
		var t resources.Tweet
		post, err := decode(raw, &t, func() (model.Post, error) { return convertPost(t) })
		if err != nil {
			skips = append(skips, skipped("post", raw, err))
			continue
		}
		posts = append(posts, post)
	}
	return posts, skips
}

// decodeUsers reads raw people, adding the unreadable ones to skipped.
func decodeUsers(raws []json.RawMessage, skips []network.Skipped) ([]model.User, []network.Skipped) {
	var users []model.User
	for _, raw := range raws {
		var u userRecord
		user, err := decode(raw, &u, func() (model.User, error) { return u.convert() })
		if err != nil {
			skips = append(skips, skipped("user", raw, err))
			continue
		}
		users = append(users, user)
	}
	now := time.Now().UTC() // read now: hark asks again only once it is old
	for i := range users {
		users[i].ReadAt = now
	}
	return users, skips
}

// decode unmarshals raw into dst and converts it.
func decode[T any](raw json.RawMessage, dst any, convert func() (T, error)) (T, error) {
	if err := json.Unmarshal(raw, dst); err != nil {
		var zero T
		return zero, err
	}
	return convert()
}

// skipped describes an unreadable record by whatever id it carries.
func skipped(kind string, raw json.RawMessage, err error) network.Skipped {
	var rec struct {
		ID any `json:"id"`
	}
	s := network.Skipped{Kind: kind, Reason: errorText(err.Error())}
	if json.Unmarshal(raw, &rec) == nil && rec.ID != nil {
		s.RawID = truncate(errorText(fmt.Sprint(rec.ID)), maxRawIDChars, "…")
		s.ID, _ = model.ParseID(s.RawID)
	}
	return s
}

// convertPost reads a post, cleaning its text and cutting it at X's
// longest. Kind is left to the caller, who knows which account is ours.
func convertPost(t resources.Tweet) (model.Post, error) {
	id, err := optionalID(t.ID)
	if err != nil || id == 0 {
		return model.Post{}, fmt.Errorf("post without a valid id: %v", err)
	}
	p := model.Post{ID: id, Text: capText(Clean(gotwi.StringValue(t.Text)), MaxPostChars)}
	if p.ConversationID, err = optionalID(t.ConversationID); err != nil {
		return model.Post{}, err
	}
	if p.AuthorID, err = optionalID(t.AuthorID); err != nil {
		return model.Post{}, err
	}
	if p.InReplyToUser, err = optionalID(t.InReplyToUserID); err != nil {
		return model.Post{}, err
	}
	for _, ref := range t.ReferencedTweets {
		if gotwi.StringValue(ref.Type) == "replied_to" {
			if p.InReplyToID, err = optionalID(ref.ID); err != nil {
				return model.Post{}, err
			}
		}
	}
	p.Edits = editHistory(t.EditHistoryTweetIDs, id)
	if p.ConversationID == 0 {
		p.ConversationID = id
	}
	if t.CreatedAt != nil {
		p.CreatedAt = t.CreatedAt.UTC()
	}
	return p, nil
}

// maxEdits bounds the versions read of one post: X allows five edits,
// so six versions; a longer list is not X's and is cut.
const maxEdits = 8

// editHistory reads X's edit_history_tweet_ids: the other versions' ids,
// oldest first (unreadable ones left out: the post itself is still good).
func editHistory(raw []*string, self uint64) []uint64 {
	var ids []uint64
	for _, s := range raw {
		if id, err := optionalID(s); err == nil && id != 0 && id != self && !slices.Contains(ids, id) && len(ids) < maxEdits {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func convertUser(u resources.User) (model.User, error) {
	id, err := optionalID(u.ID)
	if err != nil || id == 0 {
		return model.User{}, fmt.Errorf("user without a valid id: %v", err)
	}
	user := model.User{
		ID:          id,
		Username:    capText(CleanName(gotwi.StringValue(u.Username)), maxNameChars),
		Name:        capText(CleanName(gotwi.StringValue(u.Name)), maxNameChars),
		Description: capText(Clean(gotwi.StringValue(u.Description)), maxNameChars),
	}
	if u.PublicMetrics != nil && u.PublicMetrics.FollowersCount != nil {
		user.Followers = *u.PublicMetrics.FollowersCount
	}
	if u.CreatedAt != nil {
		user.CreatedAt = u.CreatedAt.UTC()
	}
	return user, nil
}

// optionalID reads an id that X may leave out (0 then).
func optionalID(s *string) (uint64, error) {
	if s == nil || *s == "" {
		return 0, nil
	}
	return model.ParseID(*s)
}
