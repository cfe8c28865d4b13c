// Command hark is a keyboard-driven terminal inbox for a shop's mentions
// on X. This package only wires the parts together.
package main

import (
	"errors"
	"fmt"
	"os"
)

func main() {
	if err := execute(newRoot(os.Getenv)); err != nil {
		fmt.Fprintln(os.Stderr, "hark: "+err.Error())
		var ee *exitError
		if errors.As(err, &ee) {
			os.Exit(ee.code)
		}
		os.Exit(1)
	}
}

// exitError is an error that ends hark with its own exit status.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }
