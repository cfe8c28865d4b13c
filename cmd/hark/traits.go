package main

import "github.com/spf13/cobra"

// A command declares its traits on itself, as cobra annotations, and
// each is read in one place: whether it asks first (confirm), whether it
// runs where it was typed even while another hark holds the database
// (forward, servable), and whether it runs on a refused config (the
// root's PreRun). A trait on a command holds for the commands under it
// (cobra's completion declares it for bash, zsh, …).
const (
	// traitConfirm: the command removes things, and asks first unless
	// --yes; the asking happens in the hark the person typed into.
	traitConfirm = "hark.confirm"
	// traitUnserved: the command holds the database itself (the inbox,
	// demo, sync) or talks with the person at this terminal (login,
	// doctor, help): it is never handed to the hark holding the database.
	traitUnserved = "hark.unserved"
	// traitOwners: over SSH (hark serve) only the owner runs the command,
	// on the server: it changes the server's config, keys or files, or
	// rebuilds or removes what everyone shares. On a flag (an annotation),
	// a person of the team may not set it.
	traitOwners = "hark.owners"
	// traitTolerant: the command runs, with the defaults, when
	// config.toml is refused, to say what is wrong with it (doctor).
	traitTolerant = "hark.tolerates-bad-config"
)

// declare gives cmd traits and returns it.
func declare(cmd *cobra.Command, traits ...string) *cobra.Command {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	for _, t := range traits {
		cmd.Annotations[t] = "yes"
	}
	return cmd
}

// has tells whether cmd, or a command it is under (not the root), has
// declared trait; the root's own traits are its alone.
func has(cmd *cobra.Command, trait string) bool {
	if cmd.Annotations[trait] != "" {
		return true
	}
	for c := cmd.Parent(); c != nil && c.HasParent(); c = c.Parent() {
		if c.Annotations[trait] != "" {
			return true
		}
	}
	return false
}
