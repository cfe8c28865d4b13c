package twitter

import (
	"fmt"

	"github.com/michimani/gotwi"
	"github.com/michimani/gotwi/resources"

	"github.com/harkhq/hark/model"
)

// newPage converts one answer's posts, people and partial errors.
func newPage(data []resources.Tweet, users []resources.User, refs []resources.Tweet, errs []resources.PartialError) (Page, error) {
	var p Page
	for _, t := range data {
		post, err := convertPost(t)
		if err != nil {
			return Page{}, err
		}
		p.Posts = append(p.Posts, post)
	}
	for _, t := range refs {
		post, err := convertPost(t)
		if err != nil {
			return Page{}, err
		}
		p.Referenced = append(p.Referenced, post)
	}
	for _, u := range users {
		user, err := convertUser(u)
		if err != nil {
			return Page{}, err
		}
		p.Users = append(p.Users, user)
	}
	for _, e := range errs {
		p.Errors = append(p.Errors, PartialError{
			Title:      CleanName(gotwi.StringValue(e.Title)),
			Detail:     CleanName(gotwi.StringValue(e.Detail)),
			ResourceID: CleanName(gotwi.StringValue(e.ResourceID)),
		})
	}
	return p, nil
}

// convertPost reads a post, cleaning its text. Kind is left to the caller,
// who knows which account is ours.
func convertPost(t resources.Tweet) (model.Post, error) {
	id, err := optionalID(t.ID)
	if err != nil || id == 0 {
		return model.Post{}, fmt.Errorf("post without a valid id: %v", err)
	}
	p := model.Post{ID: id, Text: Clean(gotwi.StringValue(t.Text))}
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
	if p.ConversationID == 0 {
		p.ConversationID = id
	}
	if t.CreatedAt != nil {
		p.CreatedAt = t.CreatedAt.UTC()
	}
	return p, nil
}

func convertUser(u resources.User) (model.User, error) {
	id, err := optionalID(u.ID)
	if err != nil || id == 0 {
		return model.User{}, fmt.Errorf("user without a valid id: %v", err)
	}
	user := model.User{
		ID: id, Username: CleanName(gotwi.StringValue(u.Username)), Name: CleanName(gotwi.StringValue(u.Name)),
		Description: Clean(gotwi.StringValue(u.Description)),
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
