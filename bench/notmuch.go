package main

import (
	"fmt"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/harkhq/hark/corpus"
)

// The peer of hark as a process is notmuch (Xapian, C++), the mail
// indexer a terminal user already has: each post is a message in a
// maildir, and each query runs as `notmuch search --output=messages
// --limit=50` beside `hark search` (50 results, newest first, both).

// notmuchOn writes the corpus as a maildir, indexes it with `notmuch
// new`, and returns the environment notmuch runs in; ok is false where
// notmuch is not installed.
func notmuchOn(dir string, c corpus.Corpus, r *results) (env []string, ok bool, err error) {
	if _, err := exec.LookPath("notmuch"); err != nil {
		fmt.Fprintln(os.Stderr, "bench: notmuch is not installed: the process comparison is skipped (apt-get install notmuch)")
		return nil, false, nil
	}
	mailDir := filepath.Join(dir, "mail")
	if err := writeMaildir(mailDir, c); err != nil {
		return nil, false, err
	}
	config := filepath.Join(dir, "notmuch-config")
	text := "[database]\npath=" + mailDir + "\n[new]\ntags=\n[search]\nexclude_tags=\n[maildir]\nsynchronize_flags=false\n[user]\nname=Shop\nprimary_email=shop@example.com\n"
	if err := os.WriteFile(config, []byte(text), 0o600); err != nil {
		return nil, false, err
	}
	env = append(os.Environ(), "NOTMUCH_CONFIG="+config)
	start := time.Now()
	cmd := exec.Command("notmuch", "new", "--quiet")
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, false, fmt.Errorf("notmuch new: %v: %s", err, out)
	}
	r.add("notmuch_index_s", time.Since(start).Seconds(), "%.1f")
	return env, true, nil
}

// writeMaildir writes each post as a message of its own.
func writeMaildir(dir string, c corpus.Corpus) error {
	for _, sub := range []string{"cur", "new", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
			return err
		}
	}
	names := map[uint64]string{}
	for _, u := range c.Users {
		names[u.ID] = u.Username
	}
	for _, p := range c.Posts {
		from := (&mail.Address{Name: names[p.AuthorID], Address: names[p.AuthorID] + "@x.example"}).String()
		msg := fmt.Sprintf("From: %s\r\nTo: shop@example.com\r\nSubject: post %d\r\nDate: %s\r\nMessage-ID: <%d@x.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n",
			from, p.ID, p.CreatedAt.Format(time.RFC1123Z), p.ID, p.Text)
		if err := os.WriteFile(filepath.Join(dir, "cur", fmt.Sprintf("%d:2,S", p.ID)), []byte(msg), 0o600); err != nil {
			return err
		}
	}
	return nil
}

// notmuchQuery is a bench query in notmuch's syntax: the same words and
// phrases (notmuch ANDs words and stems English, as hark does), a
// trailing * for a prefix, "and not" for a negation.
func notmuchQuery(q benchQuery) string {
	if strings.Contains(q.hark, " -") && len(q.words) == 2 {
		return word(q.words[0]) + " and not " + word(q.words[1])
	}
	if strings.HasPrefix(q.hark, `"`) {
		return q.hark
	}
	fields := strings.Fields(q.hark)
	for i, w := range fields {
		if isOperator(strings.TrimSuffix(w, "*")) && strings.HasSuffix(w, "*") {
			return "" // "or*": Xapian's parser takes it for OR, and a quoted word has no wildcard
		}
		fields[i] = word(w)
	}
	return strings.Join(fields, " ")
}

// word quotes a word Xapian's parser reads as an operator ("and").
func word(w string) string {
	if isOperator(w) {
		return `"` + w + `"`
	}
	return w
}

func isOperator(w string) bool {
	switch strings.ToLower(w) {
	case "and", "or", "not", "xor", "near", "adj":
		return true
	}
	return false
}

// pairedProcesses runs each query as a hark process and as a notmuch
// process, one after the other, median of 3 each.
func pairedProcesses(dir, bin, dbPath string, env []string, qs []benchQuery) (hark, notmuch []time.Duration, err error) {
	for _, q := range qs {
		if notmuchQuery(q) == "" {
			continue // notmuch cannot say it: neither is timed
		}
		var h3, n3 []time.Duration
		for range 3 {
			took, err := timeProcess(harkEnv(dir), bin, "--db", dbPath, "search", q.hark)
			if err != nil {
				return nil, nil, err
			}
			h3 = append(h3, took)
			if took, err = timeProcess(env, "notmuch", "search", "--output=messages", "--limit=50", notmuchQuery(q)); err != nil {
				return nil, nil, err
			}
			n3 = append(n3, took)
		}
		hark, notmuch = append(hark, middle(h3)), append(notmuch, middle(n3))
	}
	return hark, notmuch, nil
}

// timeProcess runs a command to its end and returns its wall time.
func timeProcess(env []string, name string, args ...string) (time.Duration, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = env
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, out)
	}
	return time.Since(start), nil
}

func harkEnv(dir string) []string {
	return append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "XDG_STATE_HOME="+filepath.Join(dir, "state"),
		"XDG_RUNTIME_DIR="+filepath.Join(dir, "run"))
}

func middle(three []time.Duration) time.Duration {
	sort.Slice(three, func(i, j int) bool { return three[i] < three[j] })
	return three[len(three)/2]
}
