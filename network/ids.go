package network

import "time"

// IDs turn a network's own ids (an AT URI, a DID, an instance's id) into
// hark's and back, for an adapter whose network's ids are not X's
// numbers: X's ids are hark's ids as they are. The core keeps them (the
// store's netids), so that a record read twice is one record, and gives
// a post an id made from its time, so that lists keep time order
// whatever the network's ids look like, late posts included.
type IDs interface {
	// Post is the hark id of a post; at, when it was made, places a new
	// one.
	Post(ref string, at time.Time) (uint64, error)
	// User is the hark id of a person.
	User(ref string) (uint64, error)
	// PostRef and UserRef are the network's own id of a hark id; ok is
	// false for an id this network never gave.
	PostRef(id uint64) (ref string, ok bool, err error)
	UserRef(id uint64) (ref string, ok bool, err error)
}

// Networks are the networks a hark knows, by name.
type Networks map[string]Rules

// Of is the rules of the network named; "" is X's (records written
// before networks had names). Nil when hark does not know it.
func (n Networks) Of(name string) Rules {
	if name == "" {
		name = X
	}
	return n[name]
}

// X is X's name: the network of every record that names none.
const X = "x"
