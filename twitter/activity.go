package twitter

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// Activity is one event of X's activity stream, as hark reads it.
type Activity struct {
	// Type is X's event type: "post.mention.create", "post.reply.create",
	// "post.create", "dm.received", "dm.sent", or one hark does not read.
	Type string
	// ID is X's event_uuid (events may come twice; the posts they carry
	// are what hark deduplicates).
	ID string
	// User is the account the event is for (its subscription's
	// filter.user_id); 0 when X did not say.
	User uint64
	// Page is what the event carries: a post, with its people and the
	// posts it refers to, or DMs (Posts, with AuthorID and InReplyToUser
	// set, as DMEvents gives them), with their people; a record that
	// cannot be read is in Skipped.
	Page network.Page
	// Deleted is the post a post.delete event says its author deleted.
	Deleted uint64
}

// activityLine is one line of the stream: an event, or X's errors.
type activityLine struct {
	Data *struct {
		EventUUID string `json:"event_uuid"`
		EventType string `json:"event_type"`
		Filter    struct {
			UserID string `json:"user_id"`
		} `json:"filter"`
		Payload  json.RawMessage `json:"payload"`
		Includes struct {
			Users  []json.RawMessage `json:"users"`
			Tweets []json.RawMessage `json:"tweets"`
		} `json:"includes"`
	} `json:"data"`
	Errors []struct {
		Title  string `json:"title"`
		Detail string `json:"detail"`
	} `json:"errors"`
}

// decodeActivity reads one line of the stream. A post event's payload is
// a post as GET /2/tweets gives it; a DM event's is v1.1-shaped (see
// decodeDMPayload). An event of a type hark does not read comes back
// with its Type and an empty Page.
func decodeActivity(line []byte) (Activity, error) {
	var l activityLine
	if err := json.Unmarshal(line, &l); err != nil {
		return Activity{}, fmt.Errorf("an unreadable stream line: %v", errorText(err.Error()))
	}
	if l.Data == nil {
		if len(l.Errors) > 0 {
			return Activity{}, fmt.Errorf("X's stream said: %s", errorText(l.Errors[0].Title+": "+l.Errors[0].Detail))
		}
		return Activity{}, errors.New("a stream line with no event")
	}
	a := Activity{Type: capText(errorText(l.Data.EventType), maxNameChars), ID: capText(errorText(l.Data.EventUUID), maxNameChars)}
	a.User, _ = model.ParseID(l.Data.Filter.UserID)
	switch a.Type {
	case "post.mention.create", "post.reply.create", "post.create":
		a.Page.Posts, a.Page.Skipped = decodePosts([]json.RawMessage{l.Data.Payload}, nil)
		a.Page.Referenced, a.Page.Skipped = decodePosts(l.Data.Includes.Tweets, a.Page.Skipped)
		a.Page.Users, a.Page.Skipped = decodeUsers(l.Data.Includes.Users, a.Page.Skipped)
	case "dm.received", "dm.sent":
		a.Page = decodeDMPayload(l.Data.Payload)
	case "post.delete":
		var deleted struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(l.Data.Payload, &deleted) == nil {
			a.Deleted, _ = model.ParseID(deleted.ID)
		}
	}
	return a, nil
}

// dmPayload is a DM event's payload in X's v1.1 shape: the events, and
// the people keyed by id. It carries no conversation id: hark's DM
// conversation is the other person's, as for a polled DM.
type dmPayload struct {
	Events []json.RawMessage           `json:"direct_message_events"`
	Users  map[string]*json.RawMessage `json:"users"`
}

// messageCreate is one v1.1 DM event.
type messageCreate struct {
	Type      string `json:"type"`
	ID        string `json:"id"`
	CreatedMS string `json:"created_timestamp"`
	Message   struct {
		Target struct {
			RecipientID string `json:"recipient_id"`
		} `json:"target"`
		SenderID string `json:"sender_id"`
		Data     struct {
			Text string `json:"text"`
		} `json:"message_data"`
	} `json:"message_create"`
}

// v1User is a person as v1.1 gives one.
type v1User struct {
	ID         string `json:"id_str"`
	ScreenName string `json:"screen_name"`
	Name       string `json:"name"`
}

// decodeDMPayload reads a DM event's payload: each message a post from
// its sender to its recipient, each person cleaned.
func decodeDMPayload(raw json.RawMessage) network.Page {
	var p network.Page
	var payload dmPayload
	if err := json.Unmarshal(raw, &payload); err != nil {
		return network.Page{Skipped: []network.Skipped{skipped("DM", raw, err)}}
	}
	for _, e := range payload.Events {
		var m messageCreate
		post, err := decode(e, &m, func() (model.Post, error) { return convertV1DM(m) })
		if err != nil {
			p.Skipped = append(p.Skipped, skipped("DM", e, err))
			continue
		}
		p.Posts = append(p.Posts, post)
	}
	for key, u := range payload.Users {
		if u == nil {
			continue
		}
		var v v1User
		user, err := decode(*u, &v, func() (model.User, error) { return convertV1User(key, v) })
		if err != nil {
			p.Skipped = append(p.Skipped, skipped("user", *u, err))
			continue
		}
		p.Users = append(p.Users, user)
	}
	return p
}

// convertV1DM reads one v1.1 message_create as a post.
func convertV1DM(m messageCreate) (model.Post, error) {
	if m.Type != "message_create" {
		return model.Post{}, fmt.Errorf("DM event of type %q, not a message", m.Type)
	}
	id, err := model.ParseID(m.ID)
	if err != nil || id == 0 {
		return model.Post{}, fmt.Errorf("DM event without a valid id: %v", err)
	}
	sender, errS := model.ParseID(m.Message.SenderID)
	to, errT := model.ParseID(m.Message.Target.RecipientID)
	if errS != nil || errT != nil || sender == 0 || to == 0 || sender == to {
		return model.Post{}, errors.New("DM event without a valid sender and recipient")
	}
	ms, err := strconv.ParseInt(m.CreatedMS, 10, 64)
	if err != nil || ms <= 0 {
		return model.Post{}, fmt.Errorf("DM event without a valid created_timestamp")
	}
	return model.Post{
		ID: id, AuthorID: sender, InReplyToUser: to,
		Text:      capText(Clean(m.Message.Data.Text), MaxPostChars),
		CreatedAt: time.UnixMilli(ms).UTC(),
	}, nil
}

// convertV1User reads a v1.1 person keyed by id; the key and the record
// must agree.
func convertV1User(key string, v v1User) (model.User, error) {
	id, err := model.ParseID(key)
	if err != nil || id == 0 {
		return model.User{}, fmt.Errorf("person keyed %q: not an id", truncate(errorText(key), maxRawIDChars, "…"))
	}
	if v.ID != "" && v.ID != key {
		return model.User{}, fmt.Errorf("person keyed %s holds id %s", key, truncate(errorText(v.ID), maxRawIDChars, "…"))
	}
	return model.User{ID: id, Username: capText(CleanName(v.ScreenName), maxNameChars), Name: capText(CleanName(v.Name), maxNameChars)}, nil
}
