package config

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// keyLine is ":N", the line a key is set on (in its table, or in the
// first of an array of tables, [[rule]], that sets it), or "".
func keyLine(raw []byte, key toml.Key) string {
	if len(key) == 0 {
		return ""
	}
	table, name := strings.Join(key[:len(key)-1], "."), key[len(key)-1]
	current := ""
	for i, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			header, _, _ := strings.Cut(line, "#")
			current = strings.Trim(strings.ReplaceAll(strings.TrimSpace(header), " ", ""), "[]")
			continue
		}
		if k, _, ok := strings.Cut(line, "="); ok && current == table && strings.Trim(strings.TrimSpace(k), `"`) == name {
			return fmt.Sprintf(":%d", i+1)
		}
	}
	return ""
}
