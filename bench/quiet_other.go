//go:build !unix

package main

// quietDisk does nothing where there is no sync(2).
func quietDisk() {}
