package twitter

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/michimani/gotwi"
	"github.com/michimani/gotwi/fields"
	"github.com/michimani/gotwi/tweet/managetweet"
	mtypes "github.com/michimani/gotwi/tweet/managetweet/types"
	stypes "github.com/michimani/gotwi/tweet/searchtweet/types"
	ttypes "github.com/michimani/gotwi/tweet/timeline/types"
	ltypes "github.com/michimani/gotwi/tweet/tweetlookup/types"
	"github.com/michimani/gotwi/user/userlookup"
	utypes "github.com/michimani/gotwi/user/userlookup/types"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
)

// The fields hark asks for with every post.
var (
	tweetFields = fields.TweetFieldList{
		fields.TweetFieldCreatedAt, fields.TweetFieldConversationID, fields.TweetFieldAuthorID,
		fields.TweetFieldInReplyToUserID, fields.TweetFieldReferencedTweets,
	}
	userFields = fields.UserFieldList{
		fields.UserFieldCreatedAt, fields.UserFieldDescription, fields.UserFieldPublicMetrics,
		fieldReceivesYourDM,
	}
	// timelineExpansions are the mentions' and the searches': the posts
	// referred to, and no people. X bills a person each UTC day they
	// appear in an answer; hark reads people by themselves, once, and
	// again only when its copy is old (Users).
	timelineExpansions = fields.ExpansionList{fields.ExpansionReferencedTweetsID}
)

// fieldReceivesYourDM says whether a DM from the shop can reach the
// person; gotwi's field list lacks it.
const fieldReceivesYourDM fields.UserField = "receives_your_dm"

// userFieldsParam is userFields as a query parameter.
var userFieldsParam = strings.Join(userFields.Values(), ",")

// Me returns the account the credentials belong to.
func (c *Client) Me(ctx context.Context) (model.User, error) { return c.me(ctx, c.gc) }

// me is the account gc's token signs in (the OAuth 1.0a keys', or an
// OAuth 2.0 user token's).
func (c *Client) me(ctx context.Context, gc *gotwi.Client) (model.User, error) {
	var out *utypes.GetMeOutput
	err := c.wrapCall("GET /2/users/me", func() (err error) {
		out, err = userlookup.GetMe(ctx, gc, &utypes.GetMeInput{UserFields: userFields})
		return err
	})
	if err != nil {
		return model.User{}, err
	}
	if out.Data.ID == nil {
		return model.User{}, fmt.Errorf("GET /2/users/me: %w", errNoData)
	}
	u, err := convertUser(out.Data)
	c.meter(ctx, []spend.Use{{Kind: spend.UserRead, ID: u.ID}})
	return u, err
}

// The endpoints read through rawPage (gotwi's own calls decode a page
// all or nothing); gotwi's input types still build the requests.
const (
	mentionsEndpoint   = "https://api.twitter.com/2/users/:id/mentions"
	userPostsEndpoint  = "https://api.twitter.com/2/users/:id/tweets"
	postLookupEndpoint = "https://api.twitter.com/2/tweets"
	searchEndpoint     = "https://api.twitter.com/2/tweets/search/recent"
)

// SearchRecent returns one page of the last seven days' posts that match
// a query, newest first.
func (c *Client) SearchRecent(ctx context.Context, q network.SearchQuery) (network.Page, error) {
	in := &stypes.ListRecentInput{
		Query: q.Query, NextToken: q.Token, MaxResults: stypes.ListMaxResults(q.Max),
		TweetFields: tweetFields, Expansions: timelineExpansions,
	}
	if q.Max == 0 {
		in.MaxResults = 100
	}
	if q.SinceID != 0 {
		in.SinceID = model.FormatID(q.SinceID)
	}
	return c.page(ctx, "GET /2/tweets/search/recent", searchEndpoint, in, spend.PostRead)
}

// Mentions returns one page of the posts that mention the user, newest first.
func (c *Client) Mentions(ctx context.Context, userID uint64, q network.MentionsQuery) (network.Page, error) {
	in := &ttypes.ListMentionsInput{
		ID: model.FormatID(userID), PaginationToken: q.Token,
		MaxResults: ttypes.ListMaxResults(q.Max), TweetFields: tweetFields,
		Expansions: timelineExpansions,
	}
	if q.Max == 0 {
		in.MaxResults = 100
	}
	if q.SinceID != 0 {
		in.SinceID = model.FormatID(q.SinceID)
	}
	return c.page(ctx, "GET /2/users/:id/mentions", mentionsEndpoint, in, c.ownedKind())
}

// parameters is gotwi's request interface (its own type is internal).
type parameters interface {
	SetAccessToken(token string)
	AccessToken() string
	ResolveEndpoint(endpointBase string) string
	Body() (io.Reader, error)
	ParameterMap() map[string]string
}

// page makes one call whose answer is a page of posts, billed as kind
// (see pageUses).
func (c *Client) page(ctx context.Context, name, endpoint string, in parameters, kind spend.Kind) (network.Page, error) {
	out := &rawPage{}
	err := c.wrapCall(name, func() error { return c.gc.CallAPI(ctx, endpoint, "GET", in, out) })
	if err != nil {
		return network.Page{}, err
	}
	p := out.page()
	c.meter(ctx, pageUses(p, kind))
	return p, nil
}

// OwnPosts returns one page of the user's own posts (its timeline:
// replies made anywhere, from X's app too, and its original posts),
// newest first, retweets left out. Nothing is expanded: the author is
// the user, and the posts they answer are hark's already or are not its
// conversations, so X bills owned reads alone. X serves the newest 3,200.
func (c *Client) OwnPosts(ctx context.Context, userID uint64, q network.MentionsQuery) (network.Page, error) {
	in := &ttypes.ListTweetsInput{
		ID: model.FormatID(userID), PaginationToken: q.Token,
		MaxResults: ttypes.ListMaxResults(q.Max), TweetFields: tweetFields,
		Exclude: fields.ExcludeList{fields.ExcludeRetweets}, // a retweet is not something the shop said
	}
	if q.Max == 0 {
		in.MaxResults = 100
	}
	if q.SinceID != 0 {
		in.SinceID = model.FormatID(q.SinceID)
	}
	if !q.Start.IsZero() {
		start := q.Start.UTC().Truncate(time.Second)
		in.StartTime = &start
	}
	return c.page(ctx, "GET /2/users/:id/tweets", userPostsEndpoint, in, c.ownedKind())
}

// RecentPosts returns up to 100 of a user's own posts newer than sinceID,
// newest first: how hark finds out whether a reply it may have sent
// reached X.
func (c *Client) RecentPosts(ctx context.Context, userID, sinceID uint64) ([]model.Post, error) {
	in := &ttypes.ListTweetsInput{ID: model.FormatID(userID), MaxResults: 100, TweetFields: tweetFields}
	if sinceID != 0 {
		in.SinceID = model.FormatID(sinceID)
	}
	p, err := c.page(ctx, "GET /2/users/:id/tweets", userPostsEndpoint, in, c.ownedKind())
	return p.Posts, err
}

// Posts looks up posts by id (at most 100), with the posts they refer to
// and no people (see Users). Unknown, deleted or protected ones come back
// as partial errors naming them, not as a failure.
func (c *Client) Posts(ctx context.Context, ids []uint64) (network.Page, error) {
	in := &ltypes.ListInput{TweetFields: tweetFields, Expansions: timelineExpansions}
	for _, id := range ids {
		in.IDs = append(in.IDs, model.FormatID(id))
	}
	return c.page(ctx, "GET /2/tweets", postLookupEndpoint, in, spend.PostRead)
}

// Reply posts text as a reply to the post inReplyTo and returns the new
// post as X created it (its id and text; author, time and thread are the
// caller's to fill in).
func (c *Client) Reply(ctx context.Context, inReplyTo uint64, text string) (model.Post, error) {
	in := &mtypes.CreateInput{
		Text:  gotwi.String(text),
		Reply: &mtypes.CreateInputReply{InReplyToTweetID: model.FormatID(inReplyTo)},
	}
	var out *mtypes.CreateOutput
	err := c.wrapCall("POST /2/tweets", func() (err error) {
		out, err = managetweet.Create(ctx, c.gc, in)
		return err
	})
	if err != nil {
		return model.Post{}, err
	}
	c.meter(ctx, one(spend.SummonedReply)) // hark replies only where summoned (Rules.Answerable)
	id, err := optionalID(out.Data.ID)
	if err != nil || id == 0 {
		return model.Post{}, fmt.Errorf("POST /2/tweets: %w", errNoData)
	}
	return model.Post{
		ID: id, InReplyToID: inReplyTo, Text: capText(Clean(gotwi.StringValue(out.Data.Text)), MaxPostChars),
		CreatedAt: c.now().UTC(), Kind: model.Reply,
	}, nil
}

// Delete deletes one of the account's posts.
func (c *Client) Delete(ctx context.Context, id uint64) error {
	err := c.wrapCall("DELETE /2/tweets/:id", func() error {
		_, err := managetweet.Delete(ctx, c.gc, &mtypes.DeleteInput{ID: model.FormatID(id)})
		return err
	})
	if err == nil {
		c.meter(ctx, one(spend.Delete))
	}
	return err
}
