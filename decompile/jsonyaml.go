package decompile

import (
	"bytes"
	"encoding/json"
	"fmt"

	"gopkg.in/yaml.v3"
)

// maxJSONDepth bounds the nesting of a with or form value, in levels, so a hostile
// taskconfig cannot exhaust the stack; the workflow loader allows 64.
const maxJSONDepth = 64

// CheckValue reports why a JSON value cannot be written as YAML (it is not JSON, or it nests
// deeper than the language allows), or nil: a reader checks a with, form or default with it
// and reports the problem at the element it came from.
func CheckValue(raw json.RawMessage) error {
	_, err := jsonToYAML(raw)
	return err
}

// jsonToYAML turns a JSON value into a YAML node, keeping the order of object members and
// the spelling of numbers, and writing strings as strings (quoted where YAML would read
// them as something else).
func jsonToYAML(raw json.RawMessage) (*yaml.Node, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	n, err := decodeYAML(dec, 0)
	if err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	return n, nil
}

func decodeYAML(dec *json.Decoder, depth int) (*yaml.Node, error) {
	if depth > maxJSONDepth {
		return nil, fmt.Errorf("values nest deeper than %d levels", maxJSONDepth)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		var n *yaml.Node
		if t == '{' {
			n = mapping()
		} else {
			n = seq()
		}
		for dec.More() {
			if t == '{' {
				key, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := key.(string)
				n.Content = append(n.Content, plainKey(k))
			}
			v, err := decodeYAML(dec, depth+1)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, v)
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		return n, nil
	case string:
		return str(t), nil
	case json.Number:
		tag := "!!int"
		if _, err := t.Int64(); err != nil {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: t.String()}, nil
	case bool:
		return boolNode(t), nil
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, nil
	}
	return nil, fmt.Errorf("unexpected JSON token %v", tok)
}

// plainKey is a mapping key: a string, never double-quoted for looking like an expression.
func plainKey(k string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k} }
