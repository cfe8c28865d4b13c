package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/crypto/ssh"

	"github.com/harkhq/hark/internal/privfile"
)

// WriteCredentials puts credentials in the [credentials] table of the
// config file at path, or in [accounts.NAME] for a named account,
// keeping the rest of the file as it was, and leaves
// the file readable by its owner alone (0600, in a 0700 directory when it
// makes one). It writes a new file beside and renames it, so a crash
// leaves the old file or the new, never half of one.
func WriteCredentials(path, name string, c Credentials) error {
	if name != "" && !validName(name) {
		return fmt.Errorf("account name %q: use letters, digits, - and _", name)
	}
	for _, v := range []string{c.APIKey, c.APIKeySecret, c.AccessToken, c.AccessSecret} {
		if v == "" || strings.ContainsAny(v, "\"\\\n\r\t") {
			return errors.New("a credential is empty or holds a character X never puts in one")
		}
	}
	path, raw, err := readForWrite(path)
	if err != nil {
		return err
	}
	header := "credentials"
	if name != "" {
		header = "accounts." + name
	}
	table := fmt.Sprintf("[%s]\napi_key = %q\napi_secret = %q\naccess_token = %q\naccess_secret = %q\n",
		header, c.APIKey, c.APIKeySecret, c.AccessToken, c.AccessSecret)
	text := replaceTable(raw, header, table)
	return writePrivate(path, text)
}

// WriteBlueskyAccount puts a Bluesky account in [accounts.NAME] of the
// config file at path (network, handle, app password, and the PDS when
// it is not Bluesky's), keeping the rest of the file, readable by its
// owner alone.
func WriteBlueskyAccount(path, name string, c Credentials) error {
	if !validName(name) {
		return fmt.Errorf("account name %q: use letters, digits, - and _", name)
	}
	for _, v := range []string{c.Handle, c.AppPassword, c.Service} {
		if strings.ContainsAny(v, "\"\\\n\r\t") {
			return errors.New("a handle, app password or service holds a character Bluesky never puts in one")
		}
	}
	if c.Handle == "" || c.AppPassword == "" {
		return errors.New("a Bluesky account needs its handle and an app password")
	}
	path, raw, err := readForWrite(path)
	if err != nil {
		return err
	}
	header := "accounts." + name
	table := fmt.Sprintf("[%s]\nnetwork = %q\nhandle = %q\napp_password = %q\n", header, Bluesky, c.Handle, c.AppPassword)
	if c.Service != "" {
		table += fmt.Sprintf("service = %q\n", c.Service)
	}
	return writePrivate(path, replaceTable(raw, header, table))
}

// WriteTeamKey adds a public key, an authorized_keys line (its comment
// kept), to [team.people.NAME] of the config file at path (the person
// is added when new), keeping the keys the person has and the rest of
// the file; a key already theirs is not added twice. It returns the key.
func WriteTeamKey(path, name, line string) (ssh.PublicKey, error) {
	if !validName(name) {
		return nil, fmt.Errorf("name %q: use letters, digits, - and _", name)
	}
	key, err := ParsePublicKey(line)
	if err != nil {
		return nil, err
	}
	line = strings.TrimSpace(line)
	if strings.ContainsAny(line, "\"\\\n") {
		return nil, errors.New("a key line holds a character an authorized_keys line never does")
	}
	path, raw, err := readForWrite(path)
	if err != nil {
		return nil, err
	}
	var f struct {
		Team teamFile `toml:"team"`
	}
	if _, err := toml.Decode(raw, &f); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	keys := f.Team.People[name].Keys
	for _, k := range keys {
		if have, err := ParsePublicKey(k); err == nil && keysEqual(have, key) {
			return key, nil
		}
	}
	keys = append(keys, line)
	table := "[team.people." + name + "]\nkeys = ["
	for i, k := range keys {
		if i > 0 {
			table += ", "
		}
		table += fmt.Sprintf("%q", k)
	}
	table += "]\n"
	return key, writePrivate(path, replaceTable(raw, "team.people."+name, table))
}

// WriteLiveOff sets every source of [live] to false in the config file
// at path (hark live off), keeping the rest of the file and [live]'s
// safety_poll as they were.
func WriteLiveOff(path string, l Live) error {
	path, raw, err := readForWrite(path)
	if err != nil {
		return err
	}
	table := "[live]\n# hark live off wrote this: set a source to true, or remove the table, to have X push again.\n" +
		"dms = false\nmentions = false\nown_posts = false\n"
	if l.SafetyPoll != DefaultSafetyPoll && l.SafetyPoll > 0 {
		table += fmt.Sprintf("safety_poll = %q\n", l.SafetyPoll.String())
	}
	return writePrivate(path, replaceTable(raw, "live", table))
}

// readForWrite is the file a config at path really is (see throughLink)
// and its text, empty when there is none yet.
func readForWrite(path string) (string, string, error) {
	path, err := throughLink(path)
	if err != nil {
		return "", "", err
	}
	raw, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", "", fmt.Errorf("reading the config: %w", err)
	}
	return path, string(raw), nil
}

// writePrivate writes text to path readable by its owner alone, whole
// or not at all (privfile).
func writePrivate(path, text string) error { return privfile.Write(path, []byte(text)) }

// throughLink is where a config file that is a link (a dotfiles folder's,
// as GNU Stow makes) really lives: the new file replaces that one, and
// the link stays. A link to nowhere is refused in words.
func throughLink(path string) (string, error) {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return path, nil
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", fmt.Errorf("%s is a link to a file that cannot be reached (%v): fix or remove the link, then sign in again", path, err)
	}
	return real, nil
}

// replaceTable puts table in place of text's [name] table (its header up
// to the next table), or at its end when it has none.
func replaceTable(text, name, table string) string {
	lines := strings.SplitAfter(text, "\n")
	start, end := -1, len(lines)
	for i, line := range lines {
		header, _, _ := strings.Cut(strings.TrimSpace(line), "#")
		header = strings.ReplaceAll(header, " ", "")
		switch {
		case header == "["+name+"]":
			start = i
		case start >= 0 && strings.HasPrefix(header, "["):
			end = i
		}
		if start >= 0 && end < len(lines) {
			break
		}
	}
	if start < 0 {
		if text != "" && !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		if text != "" {
			text += "\n"
		}
		return text + table
	}
	after := strings.Join(lines[end:], "")
	if after != "" {
		table += "\n"
	}
	return strings.Join(lines[:start], "") + table + after
}
