// Package newest hands a value over a channel of one where only the
// newest matters (a board of claims, a hook's state, "the database
// changed"): the value waiting is replaced, and the sender never waits.
package newest

// Put puts v in ch (a channel of one), in place of what waits there.
func Put[T any](ch chan T, v T) {
	for {
		select {
		case ch <- v:
			return
		default:
			select {
			case <-ch:
			default:
			}
		}
	}
}
