package xfake

import (
	"net/http"
	"time"

	"github.com/harkhq/hark/model"
)

// searchWindow is how far back recent search reaches.
const searchWindow = 7 * 24 * time.Hour

// searchPages are recent search's max_results.
var searchPages = pageSizes{least: 10, most: 100, byDefault: 10}

// searchRecent is GET /2/tweets/search/recent: the posts of the last
// seven days that match the query, newest first, paged by next_token
// (and since_id) as X pages it.
func (s *Server) searchRecent(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, prob := parseFields(q)
	if prob != nil {
		writeProblem(w, http.StatusBadRequest, *prob)
		return
	}
	query := q.Get("query")
	if len(query) > maxQuery {
		writeProblem(w, http.StatusBadRequest, invalidRequest("query", query,
			"There were errors processing your request: Query length exceeds maximum allowed length of 512 characters"))
		return
	}
	m, err := parseQuery(query)
	if err != nil {
		writeProblem(w, http.StatusBadRequest, invalidRequest("query", query, err.Error()))
		return
	}
	if t := q.Get("next_token"); t != "" { // search pages by next_token
		q.Set("pagination_token", t)
	}
	page, prob := readPageQuery(q, searchPages)
	if prob != nil {
		writeProblem(w, http.StatusBadRequest, *prob)
		return
	}
	from := s.opts.Clock().Add(-searchWindow)
	var found []model.Post
	all := s.data.all() // oldest first; a page is newest first
	for i := len(all) - 1; i >= 0; i-- {
		if p := all[i]; shown(p) && !p.CreatedAt.Before(from) && m.match(p, s.data.users[p.AuthorID]) {
			found = append(found, p)
		}
	}
	s.writePage(w, page, found, f)
}
