// Command bench measures hark's store and search on a generated history,
// and SQLite FTS5 on the same texts, and prints a table and a final line
// "BENCH name=value ...". It is its own module, so hark never links SQLite.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/harkhq/hark/corpus"
	// X's rules, registered as hark registers them (internal/app): the
	// index reads links as X does.
	_ "github.com/harkhq/hark/twitter/text"
)

func main() {
	posts := flag.Int("posts", 1_000_000, "how many posts to generate")
	perRow := flag.Int("queries", 24, "how many queries of each named set to time")
	skipFTS := flag.Bool("no-fts5", false, "skip the SQLite FTS5 comparison")
	ingestOnly := flag.Bool("ingest-only", false, "measure the ingest and the file, nothing else")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the ingest here")
	searchProfile := flag.String("searchprofile", "", "write a CPU profile of the searches here")
	queryFile := flag.String("queryfile", "", "the realistic queries: one a line in hark's language, CLASS|query to name its row, # a comment")
	processOnly := flag.Bool("process", false, "only hark search as a process, beside notmuch where it is installed (make bench-process)")
	slowest := flag.Int("slowest", 0, "list this many of the slowest realistic queries on stderr, with both engines' times")
	keep := flag.Bool("keep", false, "keep the generated database (its path is printed) to profile by hand")
	flag.Parse()
	dir, err := os.MkdirTemp("", "hark-bench-")
	if err != nil {
		fail(err)
	}
	if *keep {
		fmt.Fprintln(os.Stderr, "bench: the database is kept in", dir)
	} else {
		defer os.RemoveAll(dir)
	}

	r := results{}
	r.add("posts", float64(*posts), "%.0f")
	c := generate(*posts)
	dbPath := filepath.Join(dir, "hark.db")
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fail(err)
		}
		pprof.StartCPUProfile(f)
	}
	if err := ingest(dbPath, c, &r); err != nil {
		fail(err)
	}
	pprof.StopCPUProfile()
	if *ingestOnly {
		r.print()
		return
	}
	v := sample(c)
	qs := makeQueries(c, v, *perRow)
	if *queryFile != "" {
		file, classes, err := readQueryFile(*queryFile)
		if err != nil {
			fail(err)
		}
		qs, realRows = append(qs, file...), classes
	} else {
		qs = append(qs, makeRealQueries(c, v, *perRow)...)
	}
	ts := make([]timing, len(qs))
	for i, q := range qs {
		ts[i].q = q
	}
	if *processOnly {
		measureProcessesOnly(dir, dbPath, *posts, c, ts, &r)
		return
	}
	if !*skipFTS {
		if err := timeFTS5(filepath.Join(dir, "fts.db"), c, v, ts, &r); err != nil {
			fail(err)
		}
	}
	c = corpus.Corpus{} // the heap measured next is hark's, not the generator's
	if err := measureHark(dbPath, ts, *searchProfile, &r); err != nil {
		fail(err)
	}
	listSlowest(ts, *slowest)
	bin, err := buildHark(dir)
	if err != nil {
		fail(err)
	}
	if err := measureExport(dir, bin, dbPath, &r); err != nil {
		fail(err)
	}
	if err := measureReport(dbPath, &r); err != nil {
		fail(err)
	}
	if err := measureReindex(dir, bin, dbPath, &r); err != nil {
		fail(err)
	}
	if err := measureProcesses(dir, bin, dbPath, *posts, ts, nil, &r); err != nil {
		fail(err)
	}
	r.print()
}

// timeFTS5 loads FTS5, times each text query there and decides which
// queries both engines must answer alike.
func timeFTS5(path string, c corpus.Corpus, v vocab, ts []timing, r *results) error {
	f, err := loadFTS5(path, c, r)
	if err != nil {
		return err
	}
	defer f.db.Close()
	qs := make([]benchQuery, len(ts))
	for i := range ts {
		qs[i] = ts[i].q
	}
	agree, err := f.agreeOn(v, c, qs)
	if err != nil {
		return err
	}
	for i := range ts {
		if ts[i].q.fts == "" {
			continue
		}
		q := ts[i].q
		if ts[i].ftsIDs, ts[i].fts, err = median3(func() ([]uint64, error) { return f.run(q) }); err != nil {
			return err
		}
		ts[i].compared = agree.agrees(q)
	}
	return nil
}

// measureProcessesOnly is -process: hark search as a process, paired
// with notmuch on the same texts where notmuch is installed.
func measureProcessesOnly(dir, dbPath string, posts int, c corpus.Corpus, ts []timing, r *results) {
	env, _, err := notmuchOn(dir, c, r)
	if err != nil {
		fail(err)
	}
	bin, err := buildHark(dir)
	if err != nil {
		fail(err)
	}
	if err := measureProcesses(dir, bin, dbPath, posts, ts, env, r); err != nil {
		fail(err)
	}
	r.print()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench: "+err.Error())
	os.Exit(1)
}

// results keeps the measurements in the order they were made.
type results struct {
	names  []string
	values map[string]float64
	format map[string]string
}

func (r *results) add(name string, v float64, format string) {
	if r.values == nil {
		r.values, r.format = map[string]float64{}, map[string]string{}
	}
	r.names = append(r.names, name)
	r.values[name], r.format[name] = v, format
	fmt.Fprintf(os.Stderr, "  %-22s "+format+"\n", name, v)
}

func (r *results) print() {
	fmt.Printf("\n| measure | value |\n|---|---|\n")
	var line []string
	for _, n := range r.names {
		v := fmt.Sprintf(r.format[n], r.values[n])
		fmt.Printf("| %s | %s |\n", n, v)
		line = append(line, n+"="+v)
	}
	fmt.Printf("\nmachine: %d cores, %s/%s, %s\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	fmt.Println("BENCH " + strings.Join(line, " "))
}

// percentile of durations, in milliseconds.
func percentile(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(p * float64(len(s)-1))
	return float64(s[i].Microseconds()) / 1000
}
