package app

import (
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/twitter/text"
)

// Networks are the networks this hark knows, each registered by its
// adapter's rules: X's alone today.
func Networks() network.Networks {
	return network.Networks{network.X: text.Rules{}}
}
