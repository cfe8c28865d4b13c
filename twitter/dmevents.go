package twitter

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/michimani/gotwi/resources"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
)

// The DM event endpoints: every conversation's events (the DM source),
// and one person's (how the outbox looks for a DM it may have sent).
// gotwi has neither; hark calls them through its CallAPI.
const (
	allDMEventsEndpoint = "https://api.twitter.com/2/dm_events"
	dmEventsEndpoint    = "https://api.twitter.com/2/dm_conversations/with/:participant_id/dm_events"
)

// dmEventFields are the DM event fields hark asks for.
const dmEventFields = "id,text,event_type,created_at,sender_id,dm_conversation_id,participant_ids"

// dmEventsInput asks for a page of DM events: of one conversation when
// Participant is set.
type dmEventsInput struct {
	accessToken string
	Participant string
	Max         int
	Token       string
}

func (p *dmEventsInput) SetAccessToken(t string) { p.accessToken = t }
func (p *dmEventsInput) AccessToken() string     { return p.accessToken }
func (p *dmEventsInput) Body() (io.Reader, error) {
	return nil, nil
}

func (p *dmEventsInput) ResolveEndpoint(base string) string {
	q := url.Values{}
	for k, v := range p.ParameterMap() {
		q.Set(k, v)
	}
	return strings.Replace(base, ":participant_id", url.PathEscape(p.Participant), 1) + "?" + q.Encode()
}

func (p *dmEventsInput) ParameterMap() map[string]string {
	m := map[string]string{
		"max_results":     strconv.Itoa(p.Max),
		"event_types":     "MessageCreate",
		"dm_event.fields": dmEventFields,
		"expansions":      "sender_id,participant_ids",
		"user.fields":     userFieldsParam,
	}
	if p.Token != "" {
		m["pagination_token"] = p.Token
	}
	return m
}

// dmEventsOutput is a page of DM events, each record kept raw (see rawPage).
type dmEventsOutput struct {
	Data     []json.RawMessage `json:"data"`
	Includes struct {
		Users []json.RawMessage `json:"users"`
	} `json:"includes"`
	Meta struct {
		NextToken string `json:"next_token"`
	} `json:"meta"`
}

func (*dmEventsOutput) HasPartialError() bool { return false }

// dmEvent is one DM event as X sends it.
type dmEvent struct {
	ID             string    `json:"id"`
	EventType      string    `json:"event_type"`
	Text           string    `json:"text"`
	CreatedAt      time.Time `json:"created_at"`
	SenderID       string    `json:"sender_id"`
	ConversationID string    `json:"dm_conversation_id"`
}

// DMEvents returns one page of DM events, newest first: of the
// conversation with q.With, or of all. Each is a post whose
// InReplyToUser is the person it went to; its kind and conversation
// (model.DMConversation of the person who is not the shop) are left to
// the caller, who knows which account is ours. Group conversations' events and unreadable ones are skipped
// and reported in the page. X keeps the last 30 days.
func (c *Client) DMEvents(ctx context.Context, q network.DMQuery) (network.Page, error) {
	in := &dmEventsInput{Max: q.Max, Token: q.Token}
	endpoint, name := allDMEventsEndpoint, "GET /2/dm_events"
	if q.With != 0 {
		in.Participant = model.FormatID(q.With)
		endpoint, name = dmEventsEndpoint, "GET /2/dm_conversations/with/:id/dm_events"
	}
	if in.Max == 0 {
		in.Max = 100
	}
	out := &dmEventsOutput{}
	err := c.wrapCall(name, func() error {
		return c.gc.CallAPI(ctx, endpoint, "GET", in, out)
	})
	if err != nil {
		return network.Page{}, err
	}
	p := out.page()
	uses := pageUses(network.Page{Users: p.Users, Skipped: p.Skipped}, spend.PostRead)
	for _, post := range p.Posts {
		uses = append(uses, spend.Use{Kind: spend.DMRead, ID: post.ID})
	}
	c.meter(ctx, uses)
	return p, nil
}

// page converts the answer: its readable one-to-one events and people.
func (out *dmEventsOutput) page() network.Page {
	p := network.Page{NextToken: capText(out.Meta.NextToken, maxNameChars)}
	for _, raw := range out.Data {
		var e dmEvent
		post, err := decode(raw, &e, func() (model.Post, error) { return convertDM(e) })
		if err != nil {
			p.Skipped = append(p.Skipped, skipped("DM", raw, err))
			continue
		}
		p.Posts = append(p.Posts, post)
	}
	p.Users, p.Skipped = decodeUsers(out.Includes.Users, p.Skipped)
	return p
}

// convertDM reads a one-to-one DM event as a post.
func convertDM(e dmEvent) (model.Post, error) {
	id, err := optionalID(&e.ID)
	if err != nil || id == 0 {
		return model.Post{}, fmt.Errorf("DM event without a valid id: %v", err)
	}
	if e.EventType != "" && e.EventType != "MessageCreate" {
		return model.Post{}, fmt.Errorf("DM event of type %q, not a message", e.EventType)
	}
	sender, err := optionalID(&e.SenderID)
	if err != nil || sender == 0 {
		return model.Post{}, fmt.Errorf("DM event without a valid sender: %v", err)
	}
	to, err := otherParticipant(e.ConversationID, sender)
	if err != nil {
		return model.Post{}, err
	}
	return model.Post{
		ID:            id,
		AuthorID:      sender,
		InReplyToUser: to,
		Text:          capText(Clean(e.Text), MaxPostChars),
		CreatedAt:     e.CreatedAt.UTC(),
	}, nil
}

// otherParticipant reads a one-to-one conversation id, "{smaller user
// id}-{larger user id}", and returns the participant who is not sender.
func otherParticipant(conv string, sender uint64) (uint64, error) {
	a, b, ok := strings.Cut(conv, "-")
	if !ok {
		return 0, fmt.Errorf("DM conversation %q is not one-to-one: hark keeps one-to-one conversations", truncate(errorText(conv), maxRawIDChars, "…"))
	}
	x, errA := model.ParseID(a)
	y, errB := model.ParseID(b)
	switch {
	case errA != nil || errB != nil:
		return 0, fmt.Errorf("bad DM conversation id %q", truncate(errorText(conv), maxRawIDChars, "…"))
	case x == sender:
		return y, nil
	case y == sender:
		return x, nil
	}
	return 0, fmt.Errorf("DM conversation %q is not the sender's", truncate(errorText(conv), maxRawIDChars, "…"))
}

// userRecord is a person as X sends one, with the field gotwi's type
// lacks.
type userRecord struct {
	resources.User
	ReceivesYourDM *bool `json:"receives_your_dm"`
}

// convert reads the person, cleaned.
func (u userRecord) convert() (model.User, error) {
	user, err := convertUser(u.User)
	user.ClosedToDMs = u.ReceivesYourDM != nil && !*u.ReceivesYourDM
	return user, err
}
