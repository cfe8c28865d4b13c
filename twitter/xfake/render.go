package xfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/harkhq/hark/model"
)

// problem is X's problem+json error body.
type problem struct {
	Title  string       `json:"title"`
	Detail string       `json:"detail,omitempty"`
	Type   string       `json:"type"`
	Status int          `json:"status,omitempty"`
	Errors []paramError `json:"errors,omitempty"`
	// Set on resource-not-found problems, in partial errors.
	Value        string `json:"value,omitempty"`
	Parameter    string `json:"parameter,omitempty"`
	ResourceID   string `json:"resource_id,omitempty"`
	ResourceType string `json:"resource_type,omitempty"`
	// Set on usage-capped problems.
	Period string `json:"period,omitempty"`
	Scope  string `json:"scope,omitempty"`
}

type paramError struct {
	Message    string              `json:"message"`
	Parameters map[string][]string `json:"parameters"`
}

const problemBase = "https://api.twitter.com/2/problems/"

// invalidRequest is the 400 problem for a bad parameter.
func invalidRequest(param, value, message string) problem {
	return problem{
		Title: "Invalid Request", Detail: "One or more parameters to your request was invalid.",
		Type: problemBase + "invalid-request", Status: http.StatusBadRequest,
		Errors: []paramError{{Message: message, Parameters: map[string][]string{param: {value}}}},
	}
}

// notFound is the partial error for an id that does not exist.
func notFound(kind, param string, id string) problem {
	return problem{
		Title: "Not Found Error", Detail: fmt.Sprintf("Could not find %s with %s: [%s].", kind, param, id),
		Type: problemBase + "resource-not-found", Value: id, Parameter: param, ResourceID: id, ResourceType: kind,
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeProblem(w http.ResponseWriter, status int, p problem) {
	p.Status = status
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(p)
}

// fieldSet is what a request asked for in tweet.fields, user.fields and
// expansions.
type fieldSet struct {
	tweet, user, expand map[string]bool
}

var known = map[string]map[string]bool{
	"tweet.fields": set("attachments", "author_id", "context_annotations", "conversation_id", "created_at",
		"edit_controls", "entities", "geo", "id", "in_reply_to_user_id", "lang", "non_public_metrics", "note_tweet",
		"organic_metrics", "possibly_sensitive", "promoted_metrics", "public_metrics", "referenced_tweets",
		"reply_settings", "source", "text", "withheld"),
	"user.fields": set("created_at", "description", "entities", "id", "location", "name", "pinned_tweet_id",
		"profile_image_url", "protected", "public_metrics", "receives_your_dm", "url", "username", "verified", "withheld"),
	"expansions": set("attachments.media_keys", "attachments.poll_ids", "author_id", "entities.mentions.username",
		"geo.place_id", "in_reply_to_user_id", "referenced_tweets.id", "referenced_tweets.id.author_id", "pinned_tweet_id"),
}

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// parseFields reads the field parameters, refusing unknown names as X does.
func parseFields(q url.Values) (fieldSet, *problem) {
	var f fieldSet
	for param, dst := range map[string]*map[string]bool{"tweet.fields": &f.tweet, "user.fields": &f.user, "expansions": &f.expand} {
		*dst = map[string]bool{}
		if q.Get(param) == "" {
			continue
		}
		for _, name := range strings.Split(q.Get(param), ",") {
			if !known[param][name] {
				p := invalidRequest(param, name, fmt.Sprintf("The `%s` query parameter value [%s] is not one of %s", param, name, param))
				return f, &p
			}
			(*dst)[name] = true
		}
	}
	return f, nil
}

// escapeText escapes post text as X's API does.
var escapeText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

func (d *store) renderTweet(p model.Post, f fieldSet) map[string]any {
	id := model.FormatID(p.ID)
	m := map[string]any{"id": id, "text": escapeText(p.Text), "edit_history_tweet_ids": editHistory(p)}
	if f.tweet["created_at"] {
		m["created_at"] = p.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	if f.tweet["conversation_id"] {
		m["conversation_id"] = model.FormatID(p.ConversationID)
	}
	if f.tweet["author_id"] {
		m["author_id"] = model.FormatID(p.AuthorID)
	}
	if f.tweet["in_reply_to_user_id"] && p.InReplyToUser != 0 {
		m["in_reply_to_user_id"] = model.FormatID(p.InReplyToUser)
	}
	if f.tweet["referenced_tweets"] && p.InReplyToID != 0 {
		m["referenced_tweets"] = []map[string]string{{"type": "replied_to", "id": model.FormatID(p.InReplyToID)}}
	}
	return m
}

func (d *store) renderUser(u model.User, f fieldSet) map[string]any {
	m := map[string]any{"id": model.FormatID(u.ID), "name": u.Name, "username": u.Username}
	if f.user["receives_your_dm"] {
		m["receives_your_dm"] = !d.closedDMs[u.ID] && !d.ours[u.ID]
	}
	if f.user["created_at"] && !u.CreatedAt.IsZero() {
		m["created_at"] = u.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	if f.user["description"] {
		m["description"] = u.Description
	}
	if f.user["public_metrics"] {
		m["public_metrics"] = map[string]int{"followers_count": u.Followers, "following_count": 0, "tweet_count": 0, "listed_count": 0}
	}
	return m
}

// envelope renders posts with their includes and partial errors; posts
// is nil for an answer without data.
func (d *store) envelope(posts []model.Post, f fieldSet) map[string]any {
	out := map[string]any{}
	var data []map[string]any
	users, tweets := map[uint64]bool{}, map[uint64]bool{}
	var incUsers, incTweets []map[string]any
	var errs []problem
	addUser := func(id uint64) {
		if u, ok := d.users[id]; ok && !users[id] {
			users[id] = true
			incUsers = append(incUsers, d.renderUser(u, f))
		}
	}
	for _, p := range posts {
		data = append(data, d.renderTweet(p, f))
		if f.expand["author_id"] {
			addUser(p.AuthorID)
		}
		if f.expand["in_reply_to_user_id"] && p.InReplyToUser != 0 {
			addUser(p.InReplyToUser)
		}
		if f.expand["referenced_tweets.id"] && p.InReplyToID != 0 && !tweets[p.InReplyToID] {
			tweets[p.InReplyToID] = true
			if ref, ok := d.posts[p.InReplyToID]; ok {
				incTweets = append(incTweets, d.renderTweet(ref, f))
			} else {
				errs = append(errs, notFound("tweet", "referenced_tweets.id", model.FormatID(p.InReplyToID)))
			}
		}
	}
	if len(data) > 0 {
		out["data"] = data
	}
	includes := map[string]any{}
	if len(incUsers) > 0 {
		includes["users"] = incUsers
	}
	if len(incTweets) > 0 {
		includes["tweets"] = incTweets
	}
	if len(includes) > 0 {
		out["includes"] = includes
	}
	if len(errs) > 0 {
		out["errors"] = errs
	}
	return out
}
