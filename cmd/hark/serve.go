package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/internal/sock"
	"github.com/harkhq/hark/store"
)

// runServed runs a command line another hark sent to this one, which
// holds the database (rt): the command uses what rt holds.
func runServed(getenv func(string) string) func(ctx context.Context, rt *app.Runtime, req sock.Request, stdout, stderr io.Writer) sock.Result {
	return func(ctx context.Context, rt *app.Runtime, req sock.Request, stdout, stderr io.Writer) sock.Result {
		if err := servable(newRoot(getenv), req.Args, req.Person); err != nil { // a tree of its own: checking parses the flags
			return sock.Result{Code: 2, Err: err.Error()}
		}
		root := newRootHeld(getenv, rt, &terminals{out: req.OutTTY, err: req.ErrTTY}, req.Person)
		root.SetArgs(req.Args)
		root.SetOut(stdout)
		root.SetErr(stderr)
		root.SetContext(ctx)
		return result(execute(root))
	}
}

// runtimeOptions are what a hark holding the database runs: its store
// and team, polling every interval, and serving other harks' commands.
func (e *env) runtimeOptions(st *store.Store, t app.Team, interval time.Duration) app.Options {
	return app.Options{Store: st, Team: t, Settings: e.settings(), Interval: interval,
		Serve: runServed(e.getenv), DBPath: e.dbPath, Getenv: e.getenv}
}

// servable refuses a command line the holder must never run: one that
// names no command (a bare hark would start a second inbox in this one),
// or one that holds the database or talks with a person (traitUnserved);
// for a person of the team over SSH (person not ""), also the owner's
// commands and flags (traitOwners) and any flag naming a file, which
// would be the server's (isPath). root is used up: its flags are parsed.
func servable(root *cobra.Command, args []string, person string) error {
	cmd, rest, err := root.Find(args)
	switch {
	case err != nil:
		return err
	case cmd == root || has(cmd, traitUnserved):
		return fmt.Errorf("the hark holding the database runs no %q for another: run it where no hark holds it", cmd.CommandPath())
	case person == "":
		return nil
	case has(cmd, traitOwners):
		return fmt.Errorf("%q is the owner's: they run it on the server", cmd.CommandPath())
	}
	if err := cmd.ParseFlags(rest); err != nil {
		return err
	}
	var refused []string
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if isPath(f) || f.Annotations[traitOwners] != nil {
			refused = append(refused, "--"+f.Name)
		}
	})
	if len(refused) > 0 {
		return fmt.Errorf("%s: not over SSH, where a file or an address named is the server's (output comes back to you)", strings.Join(refused, ", "))
	}
	return nil
}

// result is how a command's error reads over the socket: the exit status
// main would give, and the message it would print.
func result(err error) sock.Result {
	if err == nil {
		return sock.Result{}
	}
	code := 1
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	return sock.Result{Code: code, Err: err.Error()}
}

// errServed ends a command that another hark ran: its output is out.
var errServed = errors.New("served by the hark holding the database")

// forward runs cmd in the hark that holds the database, when one does:
// ok is false when none does and this hark runs it itself.
func (e *env) forward(cmd *cobra.Command, args []string) (ok bool, err error) {
	if e.held != nil || has(cmd, traitUnserved) {
		return false, nil
	}
	req := sock.Request{Args: e.commandLine(cmd, args), OutTTY: e.tty.out, ErrTTY: e.tty.err}
	ok, err = e.callHolder(cmd.Context(), req, cmd.OutOrStdout(), cmd.ErrOrStderr())
	if ok && err == nil {
		err = errServed
	}
	return ok, err
}

// callHolder runs a command line in the hark that holds the database:
// ok is false when none does. The command's error comes back as it
// would have ended this hark.
func (e *env) callHolder(ctx context.Context, req sock.Request, stdout, stderr io.Writer) (ok bool, err error) {
	path, err := sock.Path(e.dbPath, e.getenv)
	if err != nil {
		return false, err
	}
	res, err := sock.Call(ctx, path, req, stdout, stderr)
	switch {
	case errors.Is(err, sock.ErrNoServer):
		return false, nil
	case err != nil:
		return true, err
	case res.Err != "":
		return true, &exitError{code: res.Code, err: errors.New(res.Err)}
	}
	return true, nil
}

// commandLine writes cmd again as a command line: its path, the flags
// given, then "--" and the arguments (so a tag like -x stays a tag).
func (e *env) commandLine(cmd *cobra.Command, args []string) []string {
	line := strings.Fields(cmd.CommandPath())[1:]
	line = append(line, "--db="+abs(e.dbPath))
	cmd.Flags().Visit(func(f *pflag.Flag) {
		switch {
		case f.Name == "db":
		case isPath(f): // the other hark runs in another folder
			line = append(line, "--"+f.Name+"="+abs(f.Value.String()))
		default:
			line = append(line, "--"+f.Name+"="+f.Value.String())
		}
	})
	return append(append(line, "--"), args...)
}

// isPath reports whether a flag names a file or folder (marked so with
// cobra's MarkFlagFilename or MarkFlagDirname, which completion reads
// too).
func isPath(f *pflag.Flag) bool {
	_, file := f.Annotations[cobra.BashCompFilenameExt]
	_, dir := f.Annotations[cobra.BashCompSubdirsInDir]
	return file || dir
}

func abs(p string) string {
	if a, err := filepath.Abs(p); err == nil && p != "" {
		return a
	}
	return p
}
