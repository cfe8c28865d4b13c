package xfake

import (
	"encoding/json"
	"net/http"

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
		SenderID:       s.data.self, RecipientID: to, Text: body.Text, CreatedAt: now,
	}
	s.data.dms = append(s.data.dms, dm)
	writeJSON(w, http.StatusCreated, map[string]any{"data": map[string]string{"dm_conversation_id": dm.ConversationID, "dm_event_id": dm.EventID}})
}
