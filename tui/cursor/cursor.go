// Package cursor is the one rule of a list's cursor, which every pane
// with a list (the outbox, the Report's waits, a customer's file, search
// results, the inbox, the snippet picker) follows: it moves a row at a
// time and never leaves the list; in an empty list it stays at 0.
package cursor

// Clamp is at kept inside a list of n rows.
func Clamp(at, n int) int { return max(0, min(at, n-1)) }

// Up is the row above at, or at itself on the first.
func Up(at int) int { return max(0, at-1) }

// Down is the row below at in a list of n, or the last.
func Down(at, n int) int { return Clamp(at+1, n) }
