package twitter

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/harkhq/hark/model"
)

// SubscriptionTag marks the activity subscriptions hark made, so that it
// knows its own among the app's and never makes one twice.
const SubscriptionTag = "hark"

// The activity endpoints gotwi lacks, made through its CallAPI with
// hark's types (user context: see subscriptionCall).
const subscriptionsEndpoint = "https://api.twitter.com/2/activity/subscriptions"

// Subscription is one of the app's activity subscriptions.
type Subscription struct {
	ID        string
	EventType string
	UserID    uint64
	Tag       string
}

// subscriptionRecord is a subscription as X sends one.
type subscriptionRecord struct {
	ID        string `json:"subscription_id"`
	EventType string `json:"event_type"`
	Filter    struct {
		UserID string `json:"user_id"`
	} `json:"filter"`
	Tag string `json:"tag"`
}

func (r subscriptionRecord) convert() Subscription {
	user, _ := model.ParseID(r.Filter.UserID)
	return Subscription{ID: capText(errorText(r.ID), maxRawIDChars), EventType: capText(errorText(r.EventType), maxNameChars), UserID: user, Tag: capText(errorText(r.Tag), maxNameChars)}
}

// subscriptionInput is a request to the subscriptions endpoint: a JSON
// body to create one; to list them, the page after a token.
type subscriptionInput struct {
	accessToken string
	body        any
	page        string
}

func (p *subscriptionInput) SetAccessToken(t string) { p.accessToken = t }
func (p *subscriptionInput) AccessToken() string     { return p.accessToken }
func (p *subscriptionInput) ResolveEndpoint(base string) string {
	if q := p.ParameterMap(); len(q) > 0 {
		v := url.Values{}
		for k, x := range q {
			v.Set(k, x)
		}
		return base + "?" + v.Encode()
	}
	return base
}
func (p *subscriptionInput) ParameterMap() map[string]string {
	if p.body != nil {
		return map[string]string{}
	}
	m := map[string]string{"max_results": "1000"}
	if p.page != "" {
		m["pagination_token"] = p.page
	}
	return m
}
func (p *subscriptionInput) Body() (io.Reader, error) {
	if p.body == nil {
		return nil, nil
	}
	b, err := json.Marshal(p.body)
	return bytes.NewReader(b), err
}

// subscriptionsOutput is X's answer: one subscription, or a page of them.
type subscriptionsOutput struct {
	Data json.RawMessage `json:"data"`
	Meta struct {
		NextToken string `json:"next_token"`
	} `json:"meta"`
}

// maxSubscriptionPages bounds the listing: X pages by 1,000 and allows a
// self-serve app 1,500; more pages than this is X answering in a loop.
const maxSubscriptionPages = 5

func (*subscriptionsOutput) HasPartialError() bool { return false }

// Subscriptions lists the app's activity subscriptions, every page of
// them: hark's own may be on any, and one missed is one made twice.
func (c *Client) Subscriptions(ctx context.Context) ([]Subscription, error) {
	var subs []Subscription
	page := ""
	for range maxSubscriptionPages {
		out := &subscriptionsOutput{}
		err := c.subscriptionCall(ctx, "GET /2/activity/subscriptions", http.MethodGet, &subscriptionInput{page: page}, out)
		if err != nil {
			return nil, err
		}
		var records []subscriptionRecord
		if len(out.Data) > 0 && json.Unmarshal(out.Data, &records) != nil {
			return nil, fmt.Errorf("GET /2/activity/subscriptions: %w", errNoData)
		}
		for _, r := range records {
			subs = append(subs, r.convert())
		}
		if out.Meta.NextToken == "" || out.Meta.NextToken == page {
			return subs, nil
		}
		page = out.Meta.NextToken
	}
	return nil, fmt.Errorf("GET /2/activity/subscriptions: more than %d pages of subscriptions", maxSubscriptionPages)
}

// Subscribe makes a subscription to eventType for user's activity,
// tagged as hark's.
func (c *Client) Subscribe(ctx context.Context, eventType string, user uint64) (Subscription, error) {
	body := map[string]any{"event_type": eventType, "filter": map[string]string{"user_id": model.FormatID(user)}, "tag": SubscriptionTag}
	out := &subscriptionsOutput{}
	err := c.subscriptionCall(ctx, "POST /2/activity/subscriptions", http.MethodPost, &subscriptionInput{body: body}, out)
	if err != nil {
		return Subscription{}, err
	}
	var created struct {
		Subscription subscriptionRecord `json:"subscription"`
	}
	if json.Unmarshal(out.Data, &created) != nil || created.Subscription.ID == "" {
		return Subscription{}, fmt.Errorf("POST /2/activity/subscriptions: %w", errNoData)
	}
	return created.Subscription.convert(), nil
}

// Unsubscribe deletes a subscription, with the app's token (X takes no
// user token for it).
func (c *Client) Unsubscribe(ctx context.Context, id string) error {
	token, err := c.streamToken(ctx)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, c.endpoint("/2/activity/subscriptions/"+url.PathEscape(id)), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.plainHTTP(c.opts.Timeout).Do(req)
	if err != nil {
		return fmt.Errorf("calling X (DELETE /2/activity/subscriptions/:id): %w", unwrapURL(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNotFound { // gone already is what was asked
		return streamRefusal(resp)
	}
	return nil
}

// EnsureSubscriptions makes hark's subscriptions for user the ones asked
// for, and nothing else: it lists the app's, keeps one of hark's for
// each event type asked, deletes hark's that repeat one or that are not
// asked for any more, and creates what is missing. Another program's
// subscriptions (another tag) are left alone. It returns hark's for user.
func (c *Client) EnsureSubscriptions(ctx context.Context, user uint64, eventTypes []string) ([]Subscription, error) {
	all, err := c.Subscriptions(ctx)
	if err != nil {
		return nil, err
	}
	wanted := map[string]bool{}
	for _, t := range eventTypes {
		wanted[strings.TrimSpace(t)] = true
	}
	kept := map[string]Subscription{}
	for _, sub := range all {
		if sub.Tag != SubscriptionTag || sub.UserID != user {
			continue
		}
		if _, dup := kept[sub.EventType]; dup || !wanted[sub.EventType] {
			if err := c.Unsubscribe(ctx, sub.ID); err != nil {
				return nil, err
			}
			continue
		}
		kept[sub.EventType] = sub
	}
	out := make([]Subscription, 0, len(wanted))
	for _, t := range eventTypes {
		t = strings.TrimSpace(t)
		sub, ok := kept[t]
		if !ok {
			if sub, err = c.Subscribe(ctx, t, user); err != nil {
				return nil, err
			}
			kept[t] = sub
		} else if slices.ContainsFunc(out, func(o Subscription) bool { return o.ID == sub.ID }) {
			continue // asked for twice
		}
		out = append(out, sub)
	}
	return out, nil
}
