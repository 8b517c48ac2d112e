package dataworks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// ID is a DataWorks id: a decimal string of about 19 digits, which overflows float64, so it is
// never handled as a number. It decodes from a JSON string, or from a JSON integer (the SDK
// before 8.0 and some answers still send numbers) taken digit for digit; a number with a
// fraction or exponent is refused, since its digits may already be lost.
type ID string

// UnmarshalJSON accepts "123…", 123… and null.
func (id *ID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*id = ""
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = ID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("an id must be a string or an integer, not %s", truncate(string(b), 40))
	}
	if strings.ContainsAny(string(n), ".eE") {
		return fmt.Errorf("id %s is a floating-point number, whose digits may have been lost: the server must send ids as strings or integers", truncate(string(n), 40))
	}
	*id = ID(n)
	return nil
}

func (id ID) String() string { return string(id) }

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
