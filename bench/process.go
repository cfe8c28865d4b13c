package main

import (
	"context"
	"fmt"
	"time"

	"github.com/harkhq/hark/corpus"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store"
)

// midfoldPosts are the posts added after the history to measure between
// folds: the index folds its waiting segments every 50,000 posts, and a
// history of a round number of posts is measured exactly at a fold,
// where nothing waits.
const midfoldPosts = 25_000

// processQueries is how many of the text queries are run as processes.
const processQueries = 40

// measureProcesses times `hark search` as its own process (what a script,
// a hook or a status line pays: start, open, first answer) on text
// queries: at a fold (process_search_ms_p50; paired with notmuch when
// notmuchEnv is set); with midfoldPosts more stored by a writer that has
// closed since (process_search_closed_*); and with a few less than
// store.CloseFoldMin more, which a closing writer leaves waiting
// (process_search_waiting_ms_p50). Between, it times the searches of the
// writer itself while the midfold posts wait (the inbox's own, warm).
func measureProcesses(dir, bin, dbPath string, posts int, ts []timing, notmuchEnv []string, r *results) error {
	qs := processSet(ts)
	if notmuchEnv != nil { // at a fold, each query as hark and as notmuch, one after the other
		hark, notmuch, err := pairedProcesses(dir, bin, dbPath, notmuchEnv, qs)
		if err != nil {
			return err
		}
		r.add("process_search_ms_p50", percentile(hark, 0.5), "%.2f")
		r.add("notmuch_process_ms_p50", percentile(notmuch, 0.5), "%.2f")
		r.add("process_ratio", percentile(hark, 0.5)/percentile(notmuch, 0.5), "%.2f")
	} else {
		atFold, err := processTimes(dir, bin, dbPath, qs)
		if err != nil {
			return err
		}
		r.add("process_search_ms_p50", percentile(atFold, 0.5), "%.2f")
	}
	later := corpus.Generate(corpus.Options{Seed: 7, Posts: midfoldPosts + store.CloseFoldMin - 100, Users: max(50, posts/40),
		Account: shop, End: end.Add(30 * 24 * time.Hour), Span: 30 * 24 * time.Hour}).Posts
	if err := addAndSearch(dbPath, later[:midfoldPosts], ts, r); err != nil {
		return err
	}
	mid, err := processTimes(dir, bin, dbPath, qs)
	if err != nil {
		return err
	}
	r.add("process_search_closed_ms_p50", percentile(mid, 0.5), "%.2f")
	r.add("process_search_closed_ms_p99", percentile(mid, 0.99), "%.2f")
	if err := addAndSearch(dbPath, later[midfoldPosts:], nil, r); err != nil {
		return err
	}
	few, err := processTimes(dir, bin, dbPath, qs)
	if err != nil {
		return err
	}
	r.add("process_search_waiting_ms_p50", percentile(few, 0.5), "%.2f")
	return nil
}

// addAndSearch stores posts a 100-post page at a time, as the poller
// does, times the queries ts in the same open store (the writer's own
// searches, posts waiting; none for nil), and closes it.
func addAndSearch(dbPath string, posts []model.Post, ts []timing, r *results) error {
	st, err := store.Open(dbPath)
	if err != nil {
		return err
	}
	for i := 0; i < len(posts); i += 100 {
		if _, err := st.Put(store.Batch{Posts: posts[i:min(i+100, len(posts))]}); err != nil {
			st.Close()
			return err
		}
	}
	if ts != nil {
		if err := searchWaiting(st, ts, r); err != nil {
			st.Close()
			return err
		}
	}
	return st.Close()
}

// searchWaiting times every query with posts waiting, warm.
func searchWaiting(st *store.Store, ts []timing, r *results) error {
	var warm []time.Duration
	for _, t := range ts {
		_, took, err := median3(func() ([]uint64, error) { return searchIDs(st, t.q.hark) })
		if err != nil {
			return err
		}
		warm = append(warm, took)
	}
	r.add("search_midfold_p50_ms", percentile(warm, 0.5), "%.2f")
	r.add("search_midfold_p99_ms", percentile(warm, 0.99), "%.2f")
	return nil
}

// processTimes runs each query as `hark search QUERY` and returns each
// process's wall time, median of 3.
func processTimes(dir, bin, dbPath string, qs []benchQuery) ([]time.Duration, error) {
	var out []time.Duration
	for _, q := range qs {
		var three []time.Duration
		for range 3 {
			took, err := timeProcess(harkEnv(dir), bin, "--db", dbPath, "search", q.hark)
			if err != nil {
				return nil, err
			}
			three = append(three, took)
		}
		out = append(out, middle(three))
	}
	return out, nil
}

// processSet is processQueries of the text queries, taken evenly from
// every row but the adversarial phrases (a row of their own elsewhere).
func processSet(ts []timing) []benchQuery {
	var text []benchQuery
	for _, t := range ts {
		if t.q.fts != "" && t.q.row != "adversarial" {
			text = append(text, t.q)
		}
	}
	var out []benchQuery
	for i := 0; i < len(text) && len(out) < processQueries; i += max(1, len(text)/processQueries) {
		out = append(out, text[i])
	}
	return out
}

// searchIDs runs one query as the bench's other searches do.
func searchIDs(st *store.Store, q string) ([]uint64, error) {
	n, err := search.Parse(q)
	if err != nil {
		return nil, fmt.Errorf("query %q: %v", q, err)
	}
	return st.SearchIDs(context.Background(), n, 0, 50, end)
}
