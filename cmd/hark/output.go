package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// checkedWriter remembers the first error writing the output, so that a
// command whose output was lost (a full disk, /dev/full) fails.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err != nil {
		c.err = err
	}
	return n, err
}

// execute runs the command line; every command fails when its output
// could not be written, whether or not it looked at each write's error.
func execute(root *cobra.Command) error {
	out := &checkedWriter{w: root.OutOrStdout()}
	root.SetOut(out)
	err := root.Execute()
	if errors.Is(err, errServed) {
		err = nil
	}
	if err == nil && out.err != nil {
		return fmt.Errorf("writing the output: %w", out.err)
	}
	return err
}

// flagError words pflag's refusals for a person: the flag, what is wrong
// with its value, and how to pass an argument that starts with "-".
func flagError(cmd *cobra.Command, err error) error {
	var invalid *pflag.InvalidValueError
	var unknown *pflag.NotExistError
	switch {
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		return fmt.Errorf("--%s %s: give %s", f.Name, invalid.GetValue(), valueKind(f))
	case errors.As(err, &unknown):
		return fmt.Errorf("%s (see hark %s --help; an argument that starts with - goes after --, as in: hark tag ID -- -refund)", err, cmd.Name())
	}
	return err
}

// valueKind says what a flag takes.
func valueKind(f *pflag.Flag) string {
	if f == nil {
		return "a value"
	}
	switch f.Value.Type() {
	case "int":
		return "a whole number"
	case "duration":
		return "a duration like 30s or 2m"
	case "bool":
		return "true or false"
	}
	return "a value"
}

// confirm asks at the caller's terminal before a command that removes
// things, and sets its --yes once the answer is y.
func confirm(cmd *cobra.Command, args []string) error {
	if !has(cmd, traitConfirm) {
		return nil
	}
	if yes, _ := cmd.Flags().GetBool("yes"); yes {
		return nil
	}
	if err := askYes(cmd, fmt.Sprintf("hark %s removes %d for good", cmd.Name(), len(args)), "nothing removed", "--yes removes without asking"); err != nil {
		return err
	}
	return cmd.Flags().Set("yes", "true")
}

// askYes asks question at the caller's terminal and takes y for yes;
// anything else refuses with refused, and no answer at all (a closed
// input) says how to go on without asking.
func askYes(cmd *cobra.Command, question, refused, without string) error {
	fmt.Fprint(cmd.ErrOrStderr(), question+": type y to go on: ")
	answer, err := bufio.NewReader(cmd.InOrStdin()).ReadString('\n')
	switch {
	case strings.TrimSpace(answer) == "y":
		return nil
	case err != nil:
		return fmt.Errorf("%s: no answer (%s)", refused, without)
	}
	return errors.New(refused)
}
