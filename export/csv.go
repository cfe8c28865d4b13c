// Package export writes stored posts for other programs. Its CSV cells
// never open as formulas in a spreadsheet.
package export

import (
	"encoding/csv"
	"io"
)

// SafeCell neutralises a cell a spreadsheet would read as a formula, as
// OWASP recommends for CSV injection: a cell that begins with =, +, -, @,
// a tab or a carriage return gets a leading apostrophe, which Excel,
// LibreOffice and Google Sheets show as text and do not evaluate. Other
// cells are kept as they are.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// CSV writes records whose every cell is safe to open (see SafeCell).
type CSV struct {
	w   *csv.Writer
	row []string
}

// NewCSV writes to w.
func NewCSV(w io.Writer) *CSV { return &CSV{w: csv.NewWriter(w)} }

// Write writes one record, each cell neutralised.
func (c *CSV) Write(record []string) error {
	c.row = c.row[:0]
	for _, cell := range record {
		c.row = append(c.row, SafeCell(cell))
	}
	return c.w.Write(c.row)
}

// Flush writes what is buffered and returns the first error met.
func (c *CSV) Flush() error {
	c.w.Flush()
	return c.w.Error()
}
