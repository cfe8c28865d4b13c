// Package browser opens an address in the person's browser.
package browser

import (
	"fmt"
	"os/exec"
	"runtime"
)

// Open starts the browser on url without waiting for it: xdg-open, or
// open on macOS. Its output is not kept (a TUI's screen is not its).
func Open(url string) error {
	name := "xdg-open"
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		return fmt.Errorf("open %s in your browser", url)
	}
	c := exec.Command(name, url)
	if err := c.Start(); err != nil {
		return fmt.Errorf("cannot open the browser (%s): %s", name, url)
	}
	go func() { _ = c.Wait() }() // reaps it; the browser's fate is not ours
	return nil
}
