package model

import "testing"

func TestParseID(t *testing.T) {
	for _, good := range []string{"1", "1346889436626259968", "9223372036854775807"} {
		id, err := ParseID(good)
		if err != nil || FormatID(id) != good {
			t.Errorf("ParseID(%q) = %d, %v", good, id, err)
		}
	}
	for _, bad := range []string{"", "-1", "12a", "12345678901234567890", " 1"} {
		if _, err := ParseID(bad); err == nil {
			t.Errorf("ParseID(%q) gave no error", bad)
		}
	}
}
