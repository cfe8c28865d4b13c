//go:build !unix

package main

// measureExport and measureReindex need a Unix process's resource usage
// and are left out elsewhere.
func measureExport(dir, dbPath string, r *results) error { return nil }
func measureReindex(dbPath string, r *results) error     { return nil }
