package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/crypto/ssh"

	"github.com/harkhq/hark/config"
)

func newTeam(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "team",
		Short: "The people who share the inbox over SSH ([team]): list them, or add one's key",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return e.teamList(cmd.OutOrStdout()) },
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "add NAME KEYFILE",
		Short: "Let NAME sign in to hark serve with the SSH public key in KEYFILE (their .pub file)",
		Long: "Adds the public key in KEYFILE (an authorized_keys line, as ssh-keygen's .pub file holds it)\n" +
			"to [team.people.NAME] in config.toml, the person added when new, and says its fingerprint:\n" +
			"check it with the person (ssh-keygen -lf KEYFILE) before they sign in.",
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return e.teamAdd(cmd.OutOrStdout(), args[0], args[1]) },
	})
	return cmd
}

// teamAdd adds the key in keyFile to the person's.
func (e *env) teamAdd(out io.Writer, name, keyFile string) error {
	raw, err := os.ReadFile(keyFile)
	if err != nil {
		return fmt.Errorf("reading the key: %w", err)
	}
	line := firstLine(string(raw))
	key, err := config.WriteTeamKey(e.configPath, name, line)
	if err != nil {
		return fmt.Errorf("%s: %w", keyFile, err)
	}
	fmt.Fprintf(out, "%s signs in to hark serve with the %s key %s ([team.people.%s] in %s).\n",
		name, strings.TrimPrefix(key.Type(), "ssh-"), config.Person{Keys: []ssh.PublicKey{key}}.Fingerprints()[0], name, e.configPath)
	return nil
}

// teamList says who may sign in, and where hark serve listens.
func (e *env) teamList(out io.Writer) error {
	if len(e.cfg.Team.People) == 0 {
		fmt.Fprintf(out, "No one yet: hark team add NAME KEYFILE lets a person sign in to hark serve (%s).\n", e.cfg.Team.Addr)
		return nil
	}
	fmt.Fprintf(out, "hark serve listens on %s for:\n", e.cfg.Team.Addr)
	for _, p := range e.cfg.Team.People {
		fmt.Fprintf(out, "  %-12s %s\n", p.Name, strings.Join(p.Fingerprints(), ", "))
	}
	return nil
}

// firstLine is the first line of a .pub file that is not blank or a
// comment.
func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			return l
		}
	}
	return ""
}
