package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/internal/suggest"
)

// enumFlag is a string flag whose value must be one of a fixed set. A wrong value fails while
// the flags are parsed, as a usage error that lists every valid value (and the closest one when
// it looks like a typo), so that `--status BOGUS` never runs as an empty filter. Values are
// matched in any letter case and stored in the set's own spelling.
type enumFlag struct {
	value    *string
	choices  []string
	optional bool // the empty value (the default) is allowed: "no filter"
}

// enumVar defines an enum flag with a default value; a "" default makes the flag optional.
func enumVar(fs *flag.FlagSet, name, def, usage string, choices ...string) *string {
	p := new(string)
	enumVarTo(fs, p, name, def, usage, choices...)
	return p
}

// enumVarTo is enumVar storing the value in *p.
func enumVarTo(fs *flag.FlagSet, p *string, name, def, usage string, choices ...string) {
	*p = def
	fs.Var(&enumFlag{value: p, choices: choices, optional: def == ""}, name, usage)
}

func (f *enumFlag) String() string {
	if f == nil || f.value == nil {
		return "" // the flag package asks a zero enumFlag for its zero value
	}
	return *f.value
}

func (f *enumFlag) Set(v string) error {
	if v == "" && f.optional {
		*f.value = ""
		return nil
	}
	for _, c := range f.choices {
		if strings.EqualFold(v, c) {
			*f.value = c
			return nil
		}
	}
	msg := fmt.Sprintf("use one of %s", strings.Join(f.choices, ", "))
	if best, ok := suggest.Closest(v, f.choices); ok {
		msg = fmt.Sprintf("did you mean %s? %s", best, msg)
	}
	return fmt.Errorf("%s", msg)
}

// textOrJSON are the values of --format on commands that print a table or JSON.
var textOrJSON = []string{"text", "json"}
