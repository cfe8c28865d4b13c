package config

import (
	"fmt"
	"time"
)

// The values of mark_read: when a conversation passed over in the list
// counts as read.
const (
	// MarkReadDwell (the default): shown beside the list for MarkReadAfter.
	MarkReadDwell = "dwell"
	// MarkReadOpen: only opened (enter) or replied to.
	MarkReadOpen = "open"
)

// DefaultMarkReadAfter is how long a conversation shown beside the list
// stays there before it counts as read: passing over it with j is not
// reading it.
const DefaultMarkReadAfter = 2 * time.Second

// resolveMarkRead reads mark_read and mark_read_after.
func resolveMarkRead(c *Config, f file, path string, raw []byte) error {
	switch c.MarkRead = f.MarkRead; c.MarkRead {
	case "":
		c.MarkRead = MarkReadDwell
	case MarkReadDwell, MarkReadOpen:
	default:
		return fmt.Errorf("%s%s: mark_read %q: use \"dwell\" (read once shown for mark_read_after) or \"open\" (read once opened)", path, lineOf(raw, "mark_read"), c.MarkRead)
	}
	c.MarkReadAfter = DefaultMarkReadAfter
	if d := f.MarkReadAfter; d != nil {
		if d.Duration < 100*time.Millisecond || d.Duration > time.Minute {
			return fmt.Errorf("%s%s: mark_read_after %v: use 100ms to 1m", path, lineOf(raw, "mark_read_after"), d.Duration)
		}
		c.MarkReadAfter = d.Duration
	}
	return nil
}
