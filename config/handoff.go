package config

import (
	"fmt"
	"net/mail"
)

// handoffFile is the [handoff] table: where a conversation handed off to
// e-mail goes.
type handoffFile struct {
	To      string `toml:"to"`
	From    string `toml:"from"`
	Command string `toml:"command"`
	Dir     string `toml:"dir"`
}

// Handoff is where hark handoff sends a transcript: To (a help desk),
// piped to Command when set ("msmtp -t"), else saved as an .eml in Dir
// (beside the database when empty).
type Handoff struct {
	To, From mail.Address
	Command  string
	Dir      string
}

// resolveHandoff reads [handoff], refusing an address that is not one on
// its line.
func resolveHandoff(c *Config, f file, path string, raw []byte) error {
	c.Handoff = Handoff{From: mail.Address{Name: "hark", Address: "hark@localhost"}, Command: f.Handoff.Command, Dir: f.Handoff.Dir}
	for _, a := range []struct {
		key, value string
		dst        *mail.Address
	}{{"to", f.Handoff.To, &c.Handoff.To}, {"from", f.Handoff.From, &c.Handoff.From}} {
		if a.value == "" {
			continue
		}
		addr, err := mail.ParseAddress(a.value)
		if err != nil {
			return fmt.Errorf("%s: [handoff] %s %q: not an e-mail address (%v)", at(path, raw, "handoff", a.key), a.key, a.value, err)
		}
		*a.dst = *addr
	}
	return nil
}
