package xfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/twitter/text"
)

// participant reads the {participant_id} of a DM path; when it is not an
// id it answers as X does and reports false.
func participant(w http.ResponseWriter, r *http.Request) (uint64, string, bool) {
	raw := r.PathValue("participant_id")
	id, err := model.ParseID(raw)
	if err != nil {
		writeProblem(w, http.StatusBadRequest, invalidRequest("participant_id", raw, "The `participant_id` path parameter value ["+raw+"] does not match ^[0-9]{1,19}$"))
	}
	return id, raw, err == nil
}

// sendDM is POST /2/dm_conversations/with/{participant_id}/messages.
func (s *Server) sendDM(w http.ResponseWriter, r *http.Request) {
	if s.refuseDMs(w) {
		return
	}
	to, raw, ok := participant(w, r)
	if !ok {
		return
	}
	var body struct {
		Text string `json:"text"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Text == "" {
		writeProblem(w, http.StatusBadRequest, invalidRequest("text", "", "The request body must be JSON with a `text` field"))
		return
	}
	if _, ok := s.data.users[to]; !ok {
		writeProblem(w, http.StatusBadRequest, invalidRequest("participant_id", raw, "Could not find user with participant_id: ["+raw+"]."))
		return
	}
	self := selfOf(r, s.data.self)
	if s.data.closedDMs[to] || to == self {
		writeProblem(w, http.StatusForbidden, problem{Title: "Forbidden", Detail: "You cannot send messages to this user.", Type: "about:blank"})
		return
	}
	if text.Parse(body.Text).WeightedLength > 10000 {
		writeProblem(w, http.StatusBadRequest, invalidRequest("text", "", "The text of your direct message is over the max character limit."))
		return
	}
	dm := s.data.addDM(DM{SenderID: self, RecipientID: to, Text: asPosted(body.Text)}, s.opts.Clock())
	s.announceDM(dm)
	writeJSON(w, http.StatusCreated, map[string]any{"data": map[string]string{"dm_conversation_id": dm.ConversationID, "dm_event_id": dm.EventID}})
}

// getDMEvents is GET /2/dm_conversations/with/{participant_id}/dm_events:
// the one-to-one conversation's messages, newest first, paged by
// pagination_token.
func (s *Server) getDMEvents(w http.ResponseWriter, r *http.Request) {
	with, _, ok := participant(w, r)
	if !ok {
		return
	}
	self := selfOf(r, s.data.self)
	s.serveDMEvents(w, r, func(dm DM) bool { return dm.between(self, with) })
}

// getAllDMEvents is GET /2/dm_events: the messages of every conversation
// of the account, newest first, of the last 30 days, paged by
// pagination_token. There is no since_id.
func (s *Server) getAllDMEvents(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Has("since_id") {
		writeProblem(w, http.StatusBadRequest, invalidRequest("since_id", r.URL.Query().Get("since_id"), "The query parameter [since_id] is not one of [dm_event.fields,event_types,expansions,max_results,media.fields,pagination_token,tweet.fields,user.fields]"))
		return
	}
	oldest, self := s.opts.Clock().Add(-dmKept), selfOf(r, s.data.self)
	s.serveDMEvents(w, r, func(dm DM) bool {
		return (dm.SenderID == self || dm.RecipientID == self) && !dm.CreatedAt.Before(oldest)
	})
}

// dmKept is how far back X keeps DM events for GET /2/dm_events.
const dmKept = 30 * 24 * time.Hour

// The DM fields and expansions X knows.
var (
	dmEventFields = set("id", "text", "event_type", "created_at", "dm_conversation_id", "sender_id",
		"participant_ids", "referenced_tweets", "attachments")
	dmExpansions = set("attachments.media_keys", "referenced_tweets.id", "sender_id", "participant_ids")
)

// serveDMEvents answers a page of the DMs that match, newest first, with
// the people the expansions ask for.
func (s *Server) serveDMEvents(w http.ResponseWriter, r *http.Request, match func(DM) bool) {
	if s.refuseDMs(w) {
		return
	}
	q := r.URL.Query()
	page, prob := readPageQuery(q, dmPages)
	if prob == nil {
		prob = checkList(q, "dm_event.fields", dmEventFields)
	}
	if prob == nil {
		prob = checkList(q, "expansions", dmExpansions)
	}
	var f fieldSet
	if prob == nil {
		f, prob = parseFields(url.Values{"user.fields": q["user.fields"]})
	}
	if prob != nil {
		writeProblem(w, http.StatusBadRequest, *prob)
		return
	}
	fields, expand := listOf(q.Get("dm_event.fields")), listOf(q.Get("expansions"))
	var events []map[string]any
	var people []uint64
	var last, next uint64
	for i := len(s.data.dms) - 1; i >= 0; i-- {
		dm := s.data.dms[i]
		id, _ := model.ParseID(dm.EventID)
		if !match(dm) || page.below != 0 && id >= page.below {
			continue
		}
		if len(events) == page.max {
			next = last
			break
		}
		events = append(events, renderDM(dm, fields))
		people = append(people, dm.people(expand)...)
		last = id
	}
	out := map[string]any{"meta": dmMeta(len(events), next)}
	if len(events) > 0 {
		out["data"] = events
	}
	if users := s.data.includedUsers(people, f); len(users) > 0 {
		out["includes"] = map[string]any{"users": users}
	}
	writeJSON(w, http.StatusOK, out)
}

// people are the users a DM's expansions bring in.
func (dm DM) people(expand map[string]bool) []uint64 {
	var out []uint64
	if expand["sender_id"] {
		out = append(out, dm.SenderID)
	}
	if expand["participant_ids"] {
		out = append(out, dm.SenderID, dm.RecipientID)
	}
	return out
}

// includedUsers renders the known users among ids, once each.
func (d *store) includedUsers(ids []uint64, f fieldSet) []map[string]any {
	var out []map[string]any
	seen := map[uint64]bool{}
	for _, id := range ids {
		if u, ok := d.users[id]; ok && !seen[id] {
			seen[id] = true
			out = append(out, d.renderUser(u, f))
		}
	}
	return out
}

// listOf reads a comma-separated parameter as a set.
func listOf(v string) map[string]bool {
	out := map[string]bool{}
	for _, f := range strings.Split(v, ",") {
		if f != "" {
			out[f] = true
		}
	}
	return out
}

// checkList refuses a comma-separated parameter with a name X does not
// know, in X's words.
func checkList(q url.Values, param string, known map[string]bool) *problem {
	for name := range listOf(q.Get(param)) {
		if !known[name] {
			p := invalidRequest(param, name, fmt.Sprintf("The `%s` query parameter value [%s] is not one of %s", param, name, param))
			return &p
		}
	}
	return nil
}

// refuseDMs answers X's 403 to an app without DM permission; false when
// the app has it.
func (s *Server) refuseDMs(w http.ResponseWriter) bool {
	if s.dmDenied {
		writeProblem(w, http.StatusForbidden, problem{
			Title:  "Unsupported Authentication",
			Detail: "Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.",
			Type:   "https://api.twitter.com/2/problems/oauth1-permissions",
		})
	}
	return s.dmDenied
}

// between reports a DM one of a and b sent to the other.
func (dm DM) between(a, b uint64) bool {
	return dm.SenderID == a && dm.RecipientID == b || dm.SenderID == b && dm.RecipientID == a
}

func dmMeta(count int, next uint64) map[string]any {
	meta := map[string]any{"result_count": count}
	if next != 0 {
		meta["next_token"] = encodeToken(next)
	}
	return meta
}

// renderDM renders a DM event with the fields asked for.
func renderDM(dm DM, fields map[string]bool) map[string]any {
	m := map[string]any{"id": dm.EventID, "event_type": "MessageCreate", "text": dm.Text}
	if fields["created_at"] {
		m["created_at"] = dm.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	if fields["sender_id"] {
		m["sender_id"] = model.FormatID(dm.SenderID)
	}
	if fields["dm_conversation_id"] {
		m["dm_conversation_id"] = dm.ConversationID
	}
	if fields["participant_ids"] {
		m["participant_ids"] = []string{model.FormatID(dm.SenderID), model.FormatID(dm.RecipientID)}
	}
	return m
}
