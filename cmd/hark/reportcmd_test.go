package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestReportFormats: json has the documented keys, csv a row per day,
// text the figures and charts without colour in a pipe; bad periods are
// one line.
func TestReportFormats(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	if _, err := runHark(t, env, "sync", "--once"); err != nil {
		t.Fatal(err)
	}
	out, err := runHark(t, env, "report", "--format", "json")
	var r map[string]any
	if err != nil || json.Unmarshal([]byte(out), &r) != nil {
		t.Fatalf("json: %q, %v", out, err)
	}
	for _, key := range []string{"conversations", "answered", "unanswered", "first_response_p50_s", "first_response_p90_s",
		"within_target_pct", "open_now", "oldest_waiting_s", "public_replies", "dms_sent", "days"} {
		if _, ok := r[key]; !ok {
			t.Errorf("json lacks %q", key)
		}
	}
	days := r["days"].([]any)
	if len(days) < 30 || r["conversations"].(float64) == 0 || r["answered"].(float64) != 4 { // three from hark, fatima's from X's app
		t.Errorf("json: %d days, %v conversations, %v answered", len(days), r["conversations"], r["answered"])
	}
	for _, key := range []string{"date", "mentions", "heard", "dms", "replies", "first_response_p50_s"} {
		if _, ok := days[0].(map[string]any)[key]; !ok {
			t.Errorf("a day lacks %q", key)
		}
	}
	if out, err := runHark(t, env, "report", "--since", "7d", "--format", "csv"); err != nil || strings.Count(out, "\n") != 9 || !strings.HasPrefix(out, "date,mentions,heard,dms,") {
		t.Errorf("csv: %q, %v", out, err)
	}
	if out, err := runHark(t, env, "report"); err != nil || !strings.Contains(out, "never answered") || !strings.Contains(out, "longest waits now") || strings.Contains(out, "\x1b") {
		t.Errorf("text: %q, %v", out, err)
	}
	for args, want := range map[string]string{
		"--since forever":                   `--since "forever"`,
		"--from 2026-11-01":                 "--from and --to go together",
		"--from 2026-11-05 --to 2026-11-01": "before --from",
		"--from 2026-13-01 --to 2026-11-01": `--from "2026-13-01": use YYYY-MM-DD`,
		"--format xml":                      "use text, json or csv",
	} {
		if _, err := runHark(t, env, append([]string{"report"}, strings.Fields(args)...)...); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", args, err, want)
		}
	}
}

// TestReportWaitsForQuestionsOnly: with [service] waits_for =
// "questions", the demo's thanks and praise start no wait: those
// conversations asked nothing, fewer are never answered, and the
// answered ones are the same.
func TestReportWaitsForQuestionsOnly(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	mustRun(t, env, "sync", "--once")
	figures := func() map[string]float64 {
		out, err := runHark(t, env, "report", "--format", "json")
		var r map[string]any
		if err != nil || json.Unmarshal([]byte(out), &r) != nil {
			t.Fatalf("json: %q, %v", out, err)
		}
		f := map[string]float64{}
		for _, k := range []string{"conversations", "answered", "unanswered", "nothing_asked"} {
			f[k], _ = r[k].(float64)
		}
		return f
	}
	all := figures()
	writeConfig(t, env, "[service]\nwaits_for = \"questions\"\n")
	asked := figures()
	if all["nothing_asked"] != 0 || asked["nothing_asked"] == 0 || asked["answered"] != all["answered"] ||
		asked["unanswered"] != all["unanswered"]-asked["nothing_asked"] || asked["conversations"] != all["conversations"] {
		t.Errorf("waits_for all: %v; questions: %v", all, asked)
	}
	t.Logf("waits_for all: %v; questions: %v", all, asked)
}
