package config

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/crypto/ssh"
)

// DefaultServeAddr is where hark serve listens when [team] names no
// addr: this machine alone (reach it over a VPN or an SSH tunnel).
const DefaultServeAddr = "127.0.0.1:2323"

// Team is [team]: the people who share the shop's inbox over SSH (hark
// serve), each known by their public keys, and what the server allows
// them.
type Team struct {
	// Addr is where hark serve listens (DefaultServeAddr when unset).
	Addr string
	// People are the team's people, in the file's order.
	People []Person
	// AllowEditor lets a remote person's composer open $EDITOR on the
	// server (off: the server runs nothing a remote person names).
	AllowEditor bool
}

// Person is one of the team: a name and the public keys that sign them
// in.
type Person struct {
	Name string
	Keys []ssh.PublicKey
}

// Fingerprints are the person's keys' SHA256 fingerprints, as ssh-keygen
// -l shows them.
func (p Person) Fingerprints() []string {
	out := make([]string, len(p.Keys))
	for i, k := range p.Keys {
		out[i] = ssh.FingerprintSHA256(k)
	}
	return out
}

// Who is the person a public key signs in, by the key's bytes; false for
// a key no one of the team holds.
func (t Team) Who(key ssh.PublicKey) (Person, bool) {
	for _, p := range t.People {
		if slices.ContainsFunc(p.Keys, func(k ssh.PublicKey) bool { return keysEqual(k, key) }) {
			return p, true
		}
	}
	return Person{}, false
}

func keysEqual(a, b ssh.PublicKey) bool {
	return a.Type() == b.Type() && string(a.Marshal()) == string(b.Marshal())
}

// teamFile is [team] as written.
type teamFile struct {
	Addr        string                `toml:"addr"`
	AllowEditor bool                  `toml:"allow_editor"`
	People      map[string]personFile `toml:"people"`
}

// personFile is [team.people.NAME]: its keys, each an authorized_keys
// line ("ssh-ed25519 AAAA… ann@laptop").
type personFile struct {
	Keys []string `toml:"keys"`
}

// resolveTeam reads [team]: each person's name and keys, a key that is
// not one, or that two people hold, refused on its line.
func resolveTeam(c *Config, f file, path string, raw []byte) error {
	c.Team = Team{Addr: DefaultServeAddr, AllowEditor: f.Team.AllowEditor}
	if f.Team.Addr != "" {
		c.Team.Addr = f.Team.Addr
	}
	holder := map[string]string{} // a key's bytes → who holds it
	for _, name := range tableOrder(raw, "team.people.", f.Team.People) {
		at := fmt.Sprintf("%s:%d", path, tableLine(raw, "team.people."+name))
		if !validName(name) {
			return fmt.Errorf("%s: [team.people.%s]: a name of letters, digits, - and _", at, name)
		}
		p := Person{Name: name}
		for i, line := range f.Team.People[name].Keys {
			key, err := ParsePublicKey(line)
			if err != nil {
				return fmt.Errorf("%s: [team.people.%s] keys[%d]: %v", at, name, i, err)
			}
			if other, taken := holder[string(key.Marshal())]; taken && other != name {
				return fmt.Errorf("%s: [team.people.%s] keys[%d] is %s's key too: a key signs one person in", at, name, i, other)
			}
			holder[string(key.Marshal())] = name
			p.Keys = append(p.Keys, key)
		}
		if len(p.Keys) == 0 {
			return fmt.Errorf("%s: [team.people.%s] has no keys: add one with hark team add %s KEYFILE", at, name, name)
		}
		c.Team.People = append(c.Team.People, p)
	}
	return nil
}

// ParsePublicKey reads one public key as an authorized_keys line or a
// .pub file holds it; a private key, or anything else, is refused in
// words.
func ParsePublicKey(line string) (ssh.PublicKey, error) {
	line = strings.TrimSpace(line)
	if strings.Contains(line, "PRIVATE KEY") {
		return nil, fmt.Errorf("that is a private key: give the .pub file beside it")
	}
	key, _, _, _, err := ssh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return nil, fmt.Errorf("not an SSH public key (an authorized_keys line, like a .pub file's)")
	}
	return key, nil
}
