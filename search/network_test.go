package search

// The tests read links as X does: X's adapter registers its rules (in
// hark, the composition's import of it does; see network.Register).
import _ "github.com/harkhq/hark/twitter/text"
