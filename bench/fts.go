package main

import (
	"database/sql"
	"fmt"
	"os"
	"time"

	_ "modernc.org/sqlite"

	"github.com/harkhq/hark/corpus"
)

// measureFTS5 loads the same texts into a contentless FTS5 table and times
// the same text queries: newest first, top 50.
func measureFTS5(path string, c corpus.Corpus, qs []benchQuery, r *results) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, stmt := range []string{
		"PRAGMA journal_mode=WAL",
		"CREATE VIRTUAL TABLE t USING fts5(body, content='', tokenize='unicode61 remove_diacritics 2')",
	} {
		if _, err := db.Exec(stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	start := time.Now()
	for i := 0; i < len(c.Posts); i += 1000 {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		ins, err := tx.Prepare("INSERT INTO t(rowid, body) VALUES (?, ?)")
		if err != nil {
			return err
		}
		for _, p := range c.Posts[i:min(i+1000, len(c.Posts))] {
			if _, err := ins.Exec(int64(p.ID), p.Text); err != nil {
				return err
			}
		}
		ins.Close()
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "fts5: loaded in %v\n", time.Since(start).Round(time.Millisecond))
	q, err := db.Prepare("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid DESC LIMIT 50")
	if err != nil {
		return err
	}
	defer q.Close()
	var times []time.Duration
	for _, bq := range qs {
		if bq.fts == "" {
			continue
		}
		t0 := time.Now()
		rows, err := q.Query(bq.fts)
		if err != nil {
			return fmt.Errorf("fts5 %q: %w", bq.fts, err)
		}
		for rows.Next() {
		}
		rows.Close()
		times = append(times, time.Since(t0))
	}
	r.add("fts5_p50_ms", percentile(times, 0.50), "%.2f")
	r.add("fts5_p99_ms", percentile(times, 0.99), "%.2f")
	return nil
}
