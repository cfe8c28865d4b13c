package xfake

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/twitter/text"
)

// sendDM is POST /2/dm_conversations/with/{participant_id}/messages.
func (s *Server) sendDM(w http.ResponseWriter, r *http.Request) {
	raw := r.PathValue("participant_id")
	to, err := model.ParseID(raw)
	if err != nil {
		writeProblem(w, http.StatusBadRequest, invalidRequest("participant_id", raw, "The `participant_id` path parameter value ["+raw+"] does not match ^[0-9]{1,19}$"))
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
	raw := r.PathValue("participant_id")
	with, err := model.ParseID(raw)
	if err != nil {
		writeProblem(w, http.StatusBadRequest, invalidRequest("participant_id", raw, "The `participant_id` path parameter value ["+raw+"] does not match ^[0-9]{1,19}$"))
		return
	}
	q := r.URL.Query()
	page := pageQuery{max: 100}
	if v := q.Get("max_results"); v != "" {
		if page.max, err = strconv.Atoi(v); err != nil || page.max < 1 || page.max > 100 {
			writeProblem(w, http.StatusBadRequest, invalidRequest("max_results", v, "The `max_results` query parameter value ["+v+"] is not between 1 and 100"))
			return
		}
	}
	if v := q.Get("pagination_token"); v != "" {
		var ok bool
		if page.below, ok = decodeToken(v); !ok {
			writeProblem(w, http.StatusBadRequest, invalidRequest("pagination_token", v, "The `pagination_token` query parameter value ["+v+"] is not valid"))
			return
		}
	}
	fields := map[string]bool{}
	for _, f := range strings.Split(q.Get("dm_event.fields"), ",") {
		fields[f] = true
	}
	var events []map[string]any
	next := uint64(0)
	for i := len(s.data.dms) - 1; i >= 0; i-- {
		dm := s.data.dms[i]
		id, _ := model.ParseID(dm.EventID)
		if dm.SenderID+dm.RecipientID != s.data.self+with || dm.SenderID != s.data.self && dm.SenderID != with || page.below != 0 && id >= page.below {
			continue
		}
		if len(events) == page.max {
			next = page.lastID
			break
		}
		events = append(events, renderDM(dm, fields))
		page.lastID = id
	}
	out := map[string]any{"meta": dmMeta(len(events), next)}
	if len(events) > 0 {
		out["data"] = events
	}
	writeJSON(w, http.StatusOK, out)
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
