//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/harkhq/hark/store"
)

// measureExport builds hark and times `hark export` of the whole file
// to /dev/null as its own process, for its peak resident memory.
func measureExport(dir, dbPath string, r *results) error {
	bin := filepath.Join(dir, "hark")
	build := exec.Command("go", "build", "-o", bin, "./cmd/hark")
	build.Dir = ".." // hark's own module: the bench's does not require the command's
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building hark: %w", err)
	}
	cmd := exec.Command(bin, "--db", dbPath, "export", "-o", "/dev/null")
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "XDG_STATE_HOME="+filepath.Join(dir, "state"))
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("hark export: %w", err)
	}
	peakAnon := make(chan float64)
	go func() { peakAnon <- samplePeak(cmd.Process.Pid, "RssAnon:") }()
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("hark export: %w", err)
	}
	r.add("export_s", time.Since(start).Seconds(), "%.1f")
	// What hark allocates (heap, stacks), sampled every 10 ms; the
	// resident peak also counts the pages of the file bbolt maps and
	// reads, which the kernel may drop at will.
	r.add("export_peak_mb", <-peakAnon, "%.1f")
	usage := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	r.add("export_peak_rss_mb", float64(usage.Maxrss)/1024, "%.1f") // Linux counts Maxrss in KiB
	return nil
}

// samplePeak reads a /proc/PID/status line (in kB) every 10 ms until the
// process is gone, and returns its peak in MB.
func samplePeak(pid int, field string) float64 {
	peak := 0.0
	for {
		raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
		if err != nil {
			return peak
		}
		found := false
		for _, line := range strings.Split(string(raw), "\n") {
			if rest, ok := strings.CutPrefix(line, field); ok {
				var kb float64
				fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb)
				peak, found = max(peak, kb/1024), true
			}
		}
		if !found { // a zombie: the process has ended
			return peak
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// measureReindex rebuilds the index from the posts, as `hark reindex`
// does.
func measureReindex(dbPath string, r *results) error {
	st, err := store.Open(dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	quietDisk()
	start := time.Now()
	if err := st.Reindex(nil); err != nil {
		return err
	}
	r.add("reindex_s", time.Since(start).Seconds(), "%.1f")
	return nil
}
