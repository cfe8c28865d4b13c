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

// searchLines finds the line of each [[table]] (search, or
// accounts.NAME.search), in order.
func searchLines(raw []byte, table string) []int {
	var out []int
	for i, line := range strings.Split(string(raw), "\n") {
		header, _, _ := strings.Cut(strings.TrimSpace(line), "#")
		if strings.ReplaceAll(header, " ", "") == "[["+table+"]]" {
			out = append(out, i+1)
		}
	}
	return out
}

// lineOf is ":LINE" of a top-level setting, or "" when not found.
func lineOf(raw []byte, name string) string {
	for i, line := range strings.Split(string(raw), "\n") {
		if k, _, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == name {
			return fmt.Sprintf(":%d", i+1)
		}
		if strings.HasPrefix(strings.TrimSpace(line), "[") {
			return "" // top-level settings come before the first table
		}
	}
	return ""
}

// keyLines finds the line of each entry of the [keys] table.
func keyLines(raw []byte) map[string]int { return tableLines(raw, "keys") }

// tableLines finds the line of each entry of a [table].
func tableLines(raw []byte, table string) map[string]int {
	lines := map[string]int{}
	inTable := false
	for i, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") { // a header, perhaps with a comment
			header, _, _ := strings.Cut(line, "#")
			inTable = strings.ReplaceAll(header, " ", "") == "["+table+"]"
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		if name, _, ok := strings.Cut(line, "="); ok && inTable {
			lines[strings.Trim(strings.TrimSpace(name), `"`)] = i + 1
		}
	}
	return lines
}

// at is "FILE:LINE" of a [table]'s entry, or FILE alone.
func at(path string, raw []byte, table, key string) string {
	if n, ok := tableLines(raw, table)[key]; ok {
		return fmt.Sprintf("%s:%d", path, n)
	}
	return path
}
