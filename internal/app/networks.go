// The networks this hark knows: each adapter registers its rules
// (network.Register) and its adapter (network.Provide) from its init, so
// importing it here, in the composition, is its registration.

package app

import (
	_ "github.com/harkhq/hark/bluesky" // Bluesky: its client, sign-in, stand-in and rules
	_ "github.com/harkhq/hark/twitter" // X: its client, sign-in, stand-in and rules
)
