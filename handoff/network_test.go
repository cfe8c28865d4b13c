package handoff

// The tests' conversations are X's: X's adapter registers its rules (in
// hark, the composition's import of it does; see network.Register).
import _ "github.com/harkhq/hark/twitter/text"
