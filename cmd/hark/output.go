package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
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
