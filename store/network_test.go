package store

// The tests index links as X does, and know Bluesky's name: the
// adapters register their rules (in hark, the composition's import of
// them does; see network.Register).
import (
	_ "github.com/harkhq/hark/bluesky/text"
	_ "github.com/harkhq/hark/twitter/text"
)
