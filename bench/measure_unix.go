//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// buildHark builds the hark command into dir, for the measures that run
// it as its own process, as a user or a script does.
func buildHark(dir string) (string, error) {
	bin := filepath.Join(dir, "hark")
	build := exec.Command("go", "build", "-o", bin, "./cmd/hark")
	build.Dir = ".." // hark's own module: the bench's does not require the command's
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return "", fmt.Errorf("building hark: %w", err)
	}
	return bin, nil
}

// runChild runs hark with args as its own process and returns how long
// it took and the peak of its own memory (RssAnon: what it allocates,
// heap and stacks, not the database's pages the kernel maps in), sampled
// every 10 ms from /proc. The rusage of a child is not used: Linux
// charges a parent's peak to a child it forks, and the bench's own
// generated history made "export" 1.3 GB.
func runChild(dir, bin string, args ...string) (time.Duration, float64, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "XDG_STATE_HOME="+filepath.Join(dir, "state"))
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, fmt.Errorf("hark %s: %w", args[len(args)-1], err)
	}
	peak := make(chan float64)
	go func() { peak <- samplePeak(cmd.Process.Pid, "RssAnon:") }()
	err := cmd.Wait()
	took := time.Since(start)
	if err != nil {
		return 0, 0, fmt.Errorf("hark %s: %w", strings.Join(args, " "), err)
	}
	return took, <-peak, nil
}

// measureExport times `hark export` of the whole file to /dev/null as its
// own process, with its own peak memory.
func measureExport(dir, bin, dbPath string, r *results) error {
	took, peak, err := runChild(dir, bin, "--db", dbPath, "export", "-o", "/dev/null")
	if err != nil {
		return err
	}
	r.add("export_s", took.Seconds(), "%.1f")
	r.add("export_peak_mb", peak, "%.1f")
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

// measureReindex rebuilds the index from the posts as `hark reindex`
// does, as its own process, with its own peak memory.
func measureReindex(dir, bin, dbPath string, r *results) error {
	quietDisk()
	took, peak, err := runChild(dir, bin, "--db", dbPath, "reindex")
	if err != nil {
		return err
	}
	r.add("reindex_s", took.Seconds(), "%.1f")
	r.add("reindex_peak_mb", peak, "%.1f")
	return nil
}
