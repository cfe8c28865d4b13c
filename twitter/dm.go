package twitter

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/spend"
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

// SendDM sends a direct message and returns it as a post of kind DMSent
// in the DM conversation with to (its id is X's DM event id).
func (c *Client) SendDM(ctx context.Context, to uint64, text string) (model.Post, error) {
	in := &dmInput{Participant: model.FormatID(to), Text: text}
	out := &dmOutput{}
	err := c.wrapCall("POST /2/dm_conversations/with/:id/messages", func() error {
		return c.gc.CallAPI(ctx, dmEndpoint, "POST", in, out)
	})
	if err != nil {
		return model.Post{}, err
	}
	c.meter(ctx, one(spend.DMSent))
	id, err := model.ParseID(out.Data.EventID)
	if err != nil {
		return model.Post{}, fmt.Errorf("POST DM: %w", errNoData)
	}
	return model.Post{ID: id, InReplyToUser: to, Text: text, CreatedAt: c.now().UTC(), Kind: model.DMSent, ConversationID: model.DMConversation(to)}, nil
}
