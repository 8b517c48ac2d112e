// Package decompile is SecMaster's reader for `wfc decompile`: it reads every form a
// SecMaster workflow comes in (ReadSources) and builds the language's model of it (Read),
// which package decompile (the target-neutral one) writes as YAML. The soar: mapping is
// read back through ../secmaster_mapping_reverse.go, from the forward tables. Its tests
// live with the round-trip guarantee in package decompile, which needs both halves.
package decompile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	lang "github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/secmaster/exportfile"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
)

// Source is one workflow version to decompile: its BPMN document and, when the input had
// them, the create-version fields around it.
type Source struct {
	// Name says where it came from: the file, and for an export file the workflow and
	// version ("backup.json: workflow Lockout version v2").
	Name   string
	Doc    *bpmn.Document
	Fields Fields
	// Slug names the output file when one input gives several: WORKFLOW-VERSION.
	Slug string
}

// Fields are the create-version request fields around a taskflow; all "" for a bare BPMN
// document.
type Fields struct {
	Name, Description, Taskconfig, Input, Output, AopType string
	Labels, Dataclass                                     string
}

// ReadSources reads every form `wfc convert` reads: BPMN XML, an xml-js tree, a taskflow
// envelope or bare base64 taskflow, a create-version request, an API response, or an
// export file (one Source per workflow and version).
func ReadSources(name string, data []byte) ([]Source, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return exportSources(name, trimmed)
	}
	doc, form, err := bpmn.DecodeBPMN(data, smtarget.Wrappers...)
	if err != nil {
		if se, ok := err.(*bpmn.SyntaxError); ok {
			return nil, fmt.Errorf("%s:%s", name, se.Error())
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	src := Source{Name: name, Doc: doc}
	if form == bpmn.FormWrapped {
		if src.Fields, err = wrappedFields(trimmed); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
	}
	return []Source{src}, nil
}

// wrappedFields are the fields around the taskflow of one of smtarget.Wrappers: a
// create-version request holds them at the top, an API response under "data".
func wrappedFields(data []byte) (Fields, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return Fields{}, err
	}
	var f Fields
	if _, isRequest := top["taskflow"]; isRequest {
		return f, json.Unmarshal(data, &f)
	}
	return f, json.Unmarshal(top["data"], &f)
}

// UnmarshalJSON reads the fields by their API names; labels may be a string or a list.
func (f *Fields) UnmarshalJSON(b []byte) error {
	var v struct {
		Name        string          `json:"name"`
		Description string          `json:"description"`
		Taskconfig  string          `json:"taskconfig"`
		Input       string          `json:"input"`
		Output      string          `json:"output"`
		AopType     string          `json:"aop_type"`
		Labels      json.RawMessage `json:"labels"`
		DataclassID string          `json:"dataclass_id"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("the request fields are not the strings the API sends: %v", err)
	}
	*f = Fields{Name: v.Name, Description: v.Description, Taskconfig: v.Taskconfig, Input: v.Input,
		Output: v.Output, AopType: v.AopType, Dataclass: v.DataclassID, Labels: labelsText(v.Labels)}
	return nil
}

func labelsText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return strings.Join(list, ",")
	}
	return ""
}

func exportSources(name string, data []byte) ([]Source, error) {
	wfs, err := exportfile.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	var out []Source
	for _, w := range wfs {
		for j, v := range w.Versions {
			label := v.Version
			if label == "" {
				label = v.ID
			}
			if label == "" { // a version packaged by wfc has neither yet: its place
				label = fmt.Sprintf("v%d", j+1)
			}
			where := fmt.Sprintf("%s: workflow %q version %q", name, w.Name, label)
			doc, err := bpmn.DecodeTaskflow(v.Taskflow)
			if err != nil {
				return nil, fmt.Errorf("%s: taskflow: %v", where, err)
			}
			out = append(out, Source{Name: where, Doc: doc, Slug: lang.FileName(w.Name) + "-" + lang.FileName(label),
				Fields: Fields{Name: v.Name, Description: v.Description, Taskconfig: v.Taskconfig,
					Input: v.Input, Output: v.Output, AopType: v.AopType, Labels: w.Labels, Dataclass: w.DataclassID}})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: the export file holds no workflow versions", name)
	}
	return out, nil
}
