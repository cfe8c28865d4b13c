// Command hark is a keyboard-driven terminal inbox for a shop's mentions
// on X. This package only wires the parts together.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := newRoot(os.Getenv).Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "hark: "+err.Error())
		os.Exit(1)
	}
}
