package app

import (
	"github.com/harkhq/hark/network"
	_ "github.com/harkhq/hark/twitter/text" // X registers its rules
)

// Networks are the networks this hark knows: each adapter registers its
// rules (network.Register) when this package imports it. X's alone today.
func Networks() network.Networks { return network.Registered() }
