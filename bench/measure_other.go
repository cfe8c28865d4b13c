//go:build !unix

package main

// measureExport and measureReindex need a Unix process's resource usage
// and are left out elsewhere.
func buildHark(dir string) (string, error)                     { return "", nil }
func measureExport(dir, bin, dbPath string, r *results) error  { return nil }
func measureReindex(dir, bin, dbPath string, r *results) error { return nil }
