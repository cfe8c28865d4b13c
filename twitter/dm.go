package twitter

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
)

// dmEndpoint is X's "send a DM to a person" call; gotwi has no DM calls, so
// hark makes it through gotwi's CallAPI with its own types.
const dmEndpoint = "https://api.twitter.com/2/dm_conversations/with/:participant_id/messages"

// dmInput is the DM request; it satisfies gotwi's parameter interface.
type dmInput struct {
	accessToken string
	Participant string `json:"-"`
	Text        string `json:"text"`
}

func (p *dmInput) SetAccessToken(t string) { p.accessToken = t }
func (p *dmInput) AccessToken() string     { return p.accessToken }

func (p *dmInput) ResolveEndpoint(base string) string {
	return strings.Replace(base, ":participant_id", url.PathEscape(p.Participant), 1)
}

func (p *dmInput) Body() (io.Reader, error) {
	b, err := json.Marshal(p)
	return bytes.NewReader(b), err
}

// ParameterMap is empty: a JSON body is not part of the OAuth signature.
func (p *dmInput) ParameterMap() map[string]string { return map[string]string{} }

// dmOutput is X's answer to a sent DM.
type dmOutput struct {
	Data struct {
		ConversationID string `json:"dm_conversation_id"`
		EventID        string `json:"dm_event_id"`
	} `json:"data"`
}

func (*dmOutput) HasPartialError() bool { return false }

// SendDM sends a direct message and returns it as a post of kind DM (its
// id is X's DM event id; the caller files it in a conversation).
func (c *Client) SendDM(ctx context.Context, to uint64, text string) (model.Post, error) {
	in := &dmInput{Participant: model.FormatID(to), Text: text}
	out := &dmOutput{}
	err := c.wrapCall("POST /2/dm_conversations/with/:id/messages", func() error {
		return c.gc.CallAPI(ctx, dmEndpoint, "POST", in, out)
	})
	if err != nil {
		return model.Post{}, err
	}
	id, err := model.ParseID(out.Data.EventID)
	if err != nil {
		return model.Post{}, fmt.Errorf("POST DM: %w", errNoData)
	}
	return model.Post{ID: id, InReplyToUser: to, Text: text, CreatedAt: c.now().UTC(), Kind: model.DM}, nil
}

// dmEventsEndpoint lists one one-to-one DM conversation's messages.
const dmEventsEndpoint = "https://api.twitter.com/2/dm_conversations/with/:participant_id/dm_events"

// dmEventFields are the DM event fields hark asks for.
const dmEventFields = "id,text,event_type,created_at,sender_id,dm_conversation_id"

// dmEventsInput asks for a page of a DM conversation's events.
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
	m := map[string]string{"max_results": strconv.Itoa(p.Max), "event_types": "MessageCreate", "dm_event.fields": dmEventFields}
	if p.Token != "" {
		m["pagination_token"] = p.Token
	}
	return m
}

// dmEventsOutput is a page of DM events, each record kept raw (see rawPage).
type dmEventsOutput struct {
	Data []json.RawMessage `json:"data"`
	Meta struct {
		NextToken string `json:"next_token"`
	} `json:"meta"`
}

func (*dmEventsOutput) HasPartialError() bool { return false }

// dmEvent is one DM event as X sends it.
type dmEvent struct {
	ID        string    `json:"id"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
	SenderID  string    `json:"sender_id"`
}

// DMQuery selects a page of a DM conversation.
type DMQuery struct {
	With  uint64 // the other person
	Token string // the next_token of the previous page
	Max   int    // page size, 1 to 100; 100 when zero
}

// DMEvents returns one page of the messages between the account and
// q.With, newest first, as posts of kind DM (ids are event ids, authors
// the senders). Unreadable events are skipped and reported in the page.
func (c *Client) DMEvents(ctx context.Context, q DMQuery) (Page, error) {
	in := &dmEventsInput{Participant: model.FormatID(q.With), Max: q.Max, Token: q.Token}
	if in.Max == 0 {
		in.Max = 100
	}
	out := &dmEventsOutput{}
	err := c.wrapCall("GET /2/dm_conversations/with/:id/dm_events", func() error {
		return c.gc.CallAPI(ctx, dmEventsEndpoint, "GET", in, out)
	})
	if err != nil {
		return Page{}, err
	}
	p := Page{NextToken: capText(out.Meta.NextToken, maxNameChars)}
	for _, raw := range out.Data {
		var e dmEvent
		post, err := decode(raw, &e, func() (model.Post, error) { return convertDM(e) })
		if err != nil {
			p.Skipped = append(p.Skipped, skipped("DM", raw, err))
			continue
		}
		p.Posts = append(p.Posts, post)
	}
	return p, nil
}

// convertDM reads a DM event as a post of kind DM.
func convertDM(e dmEvent) (model.Post, error) {
	id, err := optionalID(&e.ID)
	if err != nil || id == 0 {
		return model.Post{}, fmt.Errorf("DM event without a valid id: %v", err)
	}
	sender, err := optionalID(&e.SenderID)
	if err != nil {
		return model.Post{}, err
	}
	return model.Post{ID: id, AuthorID: sender, Text: capText(Clean(e.Text), MaxPostChars), CreatedAt: e.CreatedAt.UTC(), Kind: model.DM}, nil
}
