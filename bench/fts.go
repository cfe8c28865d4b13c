package main

import (
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
	"unicode"

	_ "github.com/mattn/go-sqlite3" // C SQLite, built with the sqlite_fts5 tag

	"github.com/harkhq/hark/corpus"
	"github.com/harkhq/hark/search"
)

// fts5 is SQLite FTS5 in C, on the same texts: a unicode61 table for
// phrases and prefixes (exact, as hark's are) and a porter table for
// plain words (stemmed, as hark's are), both contentless and optimized
// after loading, with prefix indexes of 2 to 4 characters for ship*
// queries, as a tuned FTS5 install would be. Emoji are made token
// characters, as they are words in hark: otherwise FTS5 sees "to 😩 the"
// as the phrase "to the" and the two engines count words differently.
type fts5 struct {
	db      *sql.DB
	queries map[bool]*sql.Stmt // by porter
}

// loadFTS5 loads the texts, a thousand rows a transaction.
func loadFTS5(path string, c corpus.Corpus, r *results) (*fts5, error) {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	emoji := emojiOf(c)
	for _, stmt := range []string{
		"PRAGMA journal_mode=WAL",
		`CREATE VIRTUAL TABLE t USING fts5(body, content='', prefix='2 3 4', tokenize="unicode61 remove_diacritics 2 tokenchars '` + emoji + `'")`,
		`CREATE VIRTUAL TABLE tp USING fts5(body, content='', tokenize="porter unicode61 remove_diacritics 2 tokenchars '` + emoji + `'")`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			return nil, fmt.Errorf("%s: %w (is the bench built with -tags sqlite_fts5?)", stmt, err)
		}
	}
	start := time.Now()
	for i := 0; i < len(c.Posts); i += 1000 {
		if err := loadRows(db, c, i, min(i+1000, len(c.Posts))); err != nil {
			return nil, err
		}
	}
	for _, table := range []string{"t", "tp"} {
		if _, err := db.Exec(fmt.Sprintf("INSERT INTO %s(%s) VALUES('optimize')", table, table)); err != nil {
			return nil, err
		}
	}
	fmt.Fprintf(os.Stderr, "fts5: loaded and optimized in %v\n", time.Since(start).Round(time.Millisecond))
	f := &fts5{db: db, queries: map[bool]*sql.Stmt{}}
	for porter, table := range map[bool]string{false: "t", true: "tp"} {
		if f.queries[porter], err = db.Prepare("SELECT rowid FROM " + table + " WHERE " + table + " MATCH ? ORDER BY rowid DESC LIMIT 50"); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// emojiOf are the characters of the history's emoji, which hark counts
// as words, and the variation selector that follows some.
func emojiOf(c corpus.Corpus) string {
	seen := map[rune]bool{0xFE0F: true}
	for i := 0; i < len(c.Posts); i += 50 {
		text := c.Posts[i].Text
		for _, t := range search.Tokenize(text) {
			r := []rune(text[t.Start:t.End])
			if len(r) > 0 && !unicode.IsLetter(r[0]) && !unicode.IsDigit(r[0]) && !strings.ContainsRune("#@$＃＠", r[0]) {
				for _, x := range r {
					seen[x] = true
				}
			}
		}
	}
	var b strings.Builder
	for r := range seen {
		b.WriteRune(r)
	}
	return b.String()
}

func loadRows(db *sql.DB, c corpus.Corpus, from, to int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, table := range []string{"t", "tp"} {
		ins, err := tx.Prepare("INSERT INTO " + table + "(rowid, body) VALUES (?, ?)")
		if err != nil {
			return err
		}
		for _, p := range c.Posts[from:to] {
			if _, err := ins.Exec(int64(p.ID), p.Text); err != nil {
				return err
			}
		}
		ins.Close()
	}
	return tx.Commit()
}

// run answers a query: the top 50 ids, newest first.
func (f *fts5) run(q benchQuery) ([]uint64, error) {
	rows, err := f.queries[q.porter].Query(q.fts)
	if err != nil {
		return nil, fmt.Errorf("fts5 %q: %w", q.fts, err)
	}
	defer rows.Close()
	var ids []uint64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, uint64(id))
	}
	return ids, rows.Err()
}

// agreement says, query by query, whether the two engines' tokenizers
// mean the same by its words, so that their answers must be the same:
// for a plain word, hark's stem (Snowball) and FTS5's porter make the
// same classes of the history's words; phrase words are plain words of
// the history that FTS5 does not also see inside links, handles or
// hashtags; no such part starts with a prefix.
type agreement struct {
	hark, porter map[string][]string // each plain word's class
	foreign      map[string]bool     // words FTS5 sees inside links, handles and tags
}

// agreeOn builds the classes: porter's by asking FTS5 itself, each word
// of the history a row of a scratch porter table.
func (f *fts5) agreeOn(v vocab, c corpus.Corpus, qs []benchQuery) (agreement, error) {
	a := agreement{hark: map[string][]string{}, porter: map[string][]string{}, foreign: map[string]bool{}}
	words := v.words()
	asked := slices.Clone(words)
	for _, q := range qs {
		for _, w := range q.words {
			if isPlainWord(w) && !slices.Contains(asked, w) {
				asked = append(asked, w)
			}
		}
	}
	if _, err := f.db.Exec("CREATE VIRTUAL TABLE vp USING fts5(w, tokenize='porter unicode61 remove_diacritics 2')"); err != nil {
		return a, err
	}
	for i, w := range words {
		if _, err := f.db.Exec("INSERT INTO vp(rowid, w) VALUES (?, ?)", i, w); err != nil {
			return a, err
		}
	}
	for _, w := range asked {
		rows, err := f.db.Query(`SELECT rowid FROM vp WHERE vp MATCH ?`, `"`+w+`"`)
		if err != nil {
			return a, err
		}
		for rows.Next() {
			var i int
			rows.Scan(&i)
			a.porter[w] = append(a.porter[w], words[i])
		}
		rows.Close()
		for _, o := range words {
			if search.Stem(o) == search.Stem(w) {
				a.hark[w] = append(a.hark[w], o)
			}
		}
		slices.Sort(a.porter[w])
		slices.Sort(a.hark[w])
		if a.hark[w] == nil {
			a.hark[w] = []string{} // known, and in no post
		}
	}
	for i := 0; i < len(c.Posts); i += 50 {
		for _, t := range search.Tokenize(c.Posts[i].Text) {
			if !isPlainWord(t.Term) {
				for _, part := range strings.FieldsFunc(t.Term, func(r rune) bool { return r < 'a' || r > 'z' }) {
					a.foreign[part] = true
				}
			}
		}
	}
	for _, part := range []string{"https", "http", "www", "o"} {
		a.foreign[part] = true
	}
	for _, u := range c.Users { // a plain word finds people by handle and name in hark
		for _, t := range search.Tokenize(u.Username + " " + u.Name) {
			a.foreign[t.Term] = true
		}
	}
	return a, nil
}

// agrees says whether both engines must answer q alike.
func (a agreement) agrees(q benchQuery) bool {
	if q.fts == "" {
		return false
	}
	if q.prefix != "" {
		for part := range a.foreign {
			if strings.HasPrefix(part, q.prefix) {
				return false
			}
		}
		return true
	}
	for _, w := range q.words {
		switch {
		case q.porter && (a.hark[w] == nil || !slices.Equal(a.hark[w], a.porter[w]) || slices.ContainsFunc(a.hark[w], func(v string) bool { return a.foreign[v] }) || a.foreign[w]):
			return false
		case !q.porter && (!isPlainWord(w) || a.foreign[w] || a.hark[w] == nil):
			return false
		}
	}
	return true
}
