package xfake

import (
	"encoding/json"
	"net/http"
	"strings"

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
	if s.data.closedDMs[to] || to == s.data.self {
		writeProblem(w, http.StatusForbidden, problem{Title: "Forbidden", Detail: "You cannot send messages to this user.", Type: "about:blank"})
		return
	}
	if text.Parse(body.Text).WeightedLength > 10000 {
		writeProblem(w, http.StatusBadRequest, invalidRequest("text", "", "The text of your direct message is over the max character limit."))
		return
	}
	now := s.opts.Clock().UTC()
	s.data.seq++
	dm := DM{
		EventID:        model.FormatID(model.SnowflakeID(now, s.data.seq)),
		ConversationID: model.FormatID(min(s.data.self, to)) + "-" + model.FormatID(max(s.data.self, to)),
		SenderID:       s.data.self, RecipientID: to, Text: asPosted(body.Text), CreatedAt: now,
	}
	s.data.dms = append(s.data.dms, dm)
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
	q := r.URL.Query()
	page, prob := readPageQuery(q, dmPages)
	if prob != nil {
		writeProblem(w, http.StatusBadRequest, *prob)
		return
	}
	fields := map[string]bool{}
	for _, f := range strings.Split(q.Get("dm_event.fields"), ",") {
		fields[f] = true
	}
	var events []map[string]any
	var last, next uint64
	for i := len(s.data.dms) - 1; i >= 0; i-- {
		dm := s.data.dms[i]
		id, _ := model.ParseID(dm.EventID)
		if !dm.between(s.data.self, with) || page.below != 0 && id >= page.below {
			continue
		}
		if len(events) == page.max {
			next = last
			break
		}
		events = append(events, renderDM(dm, fields))
		last = id
	}
	out := map[string]any{"meta": dmMeta(len(events), next)}
	if len(events) > 0 {
		out["data"] = events
	}
	writeJSON(w, http.StatusOK, out)
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
	return m
}
