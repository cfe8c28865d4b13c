package main

import (
	"runtime/debug"
	"strings"
)

// version is hark's version as the build recorded it: the module's
// version, or for a build from a checkout its commit, its date and
// whether it had changes.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" && (v == "" || v == "(devel)" || strings.Contains(v, "+dirty")) {
		v = "(devel) " + rev[:min(12, len(rev))] + " " + settings["vcs.time"]
		if settings["vcs.modified"] == "true" {
			v += " with changes"
		}
	}
	return strings.TrimSpace(v + " " + info.GoVersion)
}
