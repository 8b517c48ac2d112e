package publish

import (
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	"github.com/wfc-dev/wfc/secmaster"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
)

// Version is the part of a workflow version push compares: what create-version sends.
type Version struct {
	Name        string
	Description string
	Taskconfig  string // JSON text
	Input       string // JSON array text, or ""
	Output      string // JSON array text, or ""
	Taskflow    string // base64 taskflow
	AopType     string
}

// FromRequest is the comparable view of a create-version request.
func FromRequest(r secmaster.CreateVersionRequest) Version {
	return Version{Name: r.Name, Description: r.Description, Taskconfig: r.Taskconfig, Input: r.Input,
		Output: r.Output, Taskflow: r.Taskflow, AopType: r.AopType}
}

// FromRemote is the comparable view of a stored version.
func FromRemote(r *secmaster.WorkflowVersion) Version {
	return Version{Name: r.Name, Description: r.Description, Taskconfig: r.Taskconfig, Input: r.Input,
		Output: r.Output, Taskflow: r.Taskflow, AopType: r.AopType}
}

// Diff is what differs between a local and a remote version, semantically: base64 line
// wrapping and JSON key order are not differences; any change in the decoded BPMN tree
// (diagram coordinates included) or in the parsed JSON values is.
type Diff struct {
	// Fields lists the request fields that differ, in request order: name, description,
	// taskconfig, input, output, taskflow, aop_type.
	Fields []string `json:"fields"`
	// Added, Removed and Changed explain a taskflow or taskconfig change element by element
	// (steps, gateways, events, flows), sorted by element id.
	Added   []ElementChange `json:"added,omitempty"`
	Removed []ElementChange `json:"removed,omitempty"`
	Changed []ElementChange `json:"changed,omitempty"`
	// Layout is set when the diagram (shapes, edges, coordinates) differs.
	Layout bool `json:"layout_changed,omitempty"`
	// Notes holds changes that have no element to pin them on ("taskconfig trigger", or why a
	// remote value could not be read).
	Notes []string `json:"notes,omitempty"`
}

// ElementChange is one BPMN element that was added, removed or changed.
type ElementChange struct {
	ID   string   `json:"id"`
	Type string   `json:"type"`           // the tag's local name: serviceTask, sequenceFlow, ...
	Name string   `json:"name,omitempty"` // the element's name attribute
	What []string `json:"what,omitempty"` // for a change: "attributes: name", "content", "settings"
}

// Empty reports whether the versions are the same.
func (d *Diff) Empty() bool { return len(d.Fields) == 0 }

// Lines renders the diff for people, one change a line, in a stable order.
func (d *Diff) Lines() []string {
	var out []string
	if len(d.Fields) > 0 {
		out = append(out, "changed fields: "+strings.Join(d.Fields, ", "))
	}
	for _, e := range d.Added {
		out = append(out, "+ "+e.label())
	}
	for _, e := range d.Removed {
		out = append(out, "- "+e.label())
	}
	for _, e := range d.Changed {
		out = append(out, "~ "+e.label()+" ("+strings.Join(e.What, "; ")+")")
	}
	if d.Layout {
		out = append(out, "~ diagram layout")
	}
	out = append(out, d.Notes...)
	return out
}

func (e ElementChange) label() string {
	s := e.Type + " " + e.ID
	if e.Name != "" {
		s += fmt.Sprintf(" %q", e.Name)
	}
	return s
}

// Compare returns how remote differs from local. It never fails: a remote value that cannot be
// decoded counts as different and says why in Notes.
func Compare(local, remote Version) *Diff {
	d := &Diff{}
	field := func(name string, same bool) {
		if !same {
			d.Fields = append(d.Fields, name)
		}
	}
	field("name", local.Name == remote.Name)
	field("description", local.Description == remote.Description)
	tcSame := compareTaskconfig(d, local.Taskconfig, remote.Taskconfig)
	field("taskconfig", tcSame)
	field("input", sameJSONText(local.Input, remote.Input))
	field("output", sameJSONText(local.Output, remote.Output))
	lidx, ridx := decodeIndex(local.Taskflow), decodeIndex(remote.Taskflow)
	field("taskflow", compareTaskflow(d, local.Taskflow, remote.Taskflow, lidx, ridx))
	field("aop_type", local.AopType == remote.AopType)
	d.finish(lidx, ridx)
	return d
}

// finish merges the per-element findings of the taskflow and taskconfig comparisons and sorts.
func (d *Diff) finish(local, remote *decoded) {
	d.nameSettingsChanges(local, remote)
	merged := map[string]*ElementChange{}
	var order []string
	for i := range d.Changed {
		c := d.Changed[i]
		if m, ok := merged[c.ID]; ok {
			m.What = append(m.What, c.What...)
			if m.Name == "" {
				m.Name, m.Type = c.Name, c.Type
			}
			continue
		}
		merged[c.ID] = &c
		order = append(order, c.ID)
	}
	added := map[string]bool{}
	for _, a := range d.Added {
		added[a.ID] = true
	}
	removed := map[string]bool{}
	for _, r := range d.Removed {
		removed[r.ID] = true
	}
	d.Changed = d.Changed[:0]
	for _, id := range order {
		// New or deleted elements bring their settings with them: no separate "changed" line.
		if !added[id] && !removed[id] {
			d.Changed = append(d.Changed, *merged[id])
		}
	}
	for _, list := range [][]ElementChange{d.Added, d.Removed, d.Changed} {
		sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	}
}

// nameSettingsChanges fills the type and name of elements whose taskconfig entry changed,
// from the local taskflow (or the remote one for an element that is gone).
func (d *Diff) nameSettingsChanges(local, remote *decoded) {
	for i := range d.Changed {
		c := &d.Changed[i]
		if c.Type != "" {
			continue
		}
		c.Type = "element"
		for _, dec := range []*decoded{local, remote} {
			if el, ok := dec.index()[c.ID]; ok {
				c.Type, c.Name = el.typ, el.name
				break
			}
		}
	}
}

// decoded is a taskflow decoded at most once, with its element index built on first use.
type decoded struct {
	doc   *bpmn.Document
	err   error
	elems map[string]element
}

func decodeIndex(taskflow string) *decoded {
	doc, err := bpmn.DecodeTaskflow(taskflow)
	return &decoded{doc: doc, err: err}
}

func (d *decoded) index() map[string]element {
	if d.elems == nil && d.doc != nil {
		d.elems = indexElements(d.doc)
	}
	return d.elems
}

// element is one BPMN element of a decoded taskflow, with a signature of its own content
// (attributes, text, and children that have no id of their own).
type element struct {
	typ, name, sig string
	attrs          []bpmn.Attr
	di             bool
}

func compareTaskflow(d *Diff, local, remote string, ld, rd *decoded) bool {
	if local == remote {
		return true
	}
	switch {
	case ld.err != nil:
		d.Notes = append(d.Notes, "the local taskflow cannot be decoded: "+ld.err.Error())
		return false
	case rd.err != nil:
		d.Notes = append(d.Notes, "the remote taskflow cannot be decoded ("+rd.err.Error()+"); it is replaced as a whole")
		return false
	}
	if nodesEqual(ld.doc.Children, rd.doc.Children) {
		return true
	}
	lel, rel := ld.index(), rd.index()
	found := false
	for _, id := range sortedKeys(lel) {
		l := lel[id]
		r, ok := rel[id]
		switch {
		case !ok && l.di:
			d.Layout, found = true, true
		case !ok:
			d.Added, found = append(d.Added, ElementChange{ID: id, Type: l.typ, Name: l.name}), true
		case l.sig != r.sig && (l.di || r.di):
			d.Layout, found = true, true
		case l.sig != r.sig:
			d.Changed, found = append(d.Changed, ElementChange{ID: id, Type: l.typ, Name: l.name, What: whatChanged(l, r)}), true
		}
	}
	for _, id := range sortedKeys(rel) {
		if _, ok := lel[id]; ok {
			continue
		}
		found = true
		if r := rel[id]; r.di {
			d.Layout = true
		} else {
			d.Removed = append(d.Removed, ElementChange{ID: id, Type: r.typ, Name: r.name})
		}
	}
	if !found {
		// Same elements, same contents: what moved is their order or something outside them.
		d.Notes = append(d.Notes, "~ document structure (element order or content outside the elements)")
	}
	return false
}

// whatChanged names the attributes that differ, and "content" when the rest differs.
func whatChanged(l, r element) []string {
	var names []string
	seen := map[string]bool{}
	get := func(attrs []bpmn.Attr, name string) (string, bool) {
		for _, a := range attrs {
			if a.Name == name {
				return a.Value, true
			}
		}
		return "", false
	}
	for _, list := range [][]bpmn.Attr{l.attrs, r.attrs} {
		for _, a := range list {
			if seen[a.Name] {
				continue
			}
			seen[a.Name] = true
			lv, lok := get(l.attrs, a.Name)
			rv, rok := get(r.attrs, a.Name)
			if lv != rv || lok != rok {
				names = append(names, a.Name)
			}
		}
	}
	var what []string
	if len(names) > 0 {
		sort.Strings(names)
		what = append(what, "attributes: "+strings.Join(names, ", "))
	}
	if len(names) == 0 || contentSig(l.sig) != contentSig(r.sig) {
		what = append(what, "content")
	}
	return what
}

// indexElements maps every element that has an id to its type, name and signature. Work is
// linear in the size of the tree: each node is written into exactly one signature.
func indexElements(doc *bpmn.Document) map[string]element {
	out := map[string]element{}
	var visit func(n *bpmn.Node, inDI bool)
	visit = func(n *bpmn.Node, inDI bool) {
		if n.Type != bpmn.ElementNode {
			return
		}
		local := bpmn.LocalName(n.Name)
		di := inDI || strings.HasPrefix(local, "BPMN")
		if id, ok := n.Attr("id"); ok {
			var b strings.Builder
			writeSig(&b, n, true)
			out[id] = element{typ: local, name: n.AttrOr("name", ""), sig: b.String(), attrs: n.Attrs, di: di}
		}
		for _, c := range n.Children {
			visit(c, di)
		}
	}
	for _, c := range doc.Children {
		visit(c, false)
	}
	return out
}

// writeSig writes n's attributes, then a separator, then its content; a child element with an
// id stands for itself by reference only, so a change inside it is not also a change here.
func writeSig(b *strings.Builder, n *bpmn.Node, top bool) {
	if !top {
		if id, ok := n.Attr("id"); ok && n.Type == bpmn.ElementNode {
			b.WriteString("<#" + strconv.Quote(id) + ">")
			return
		}
	}
	b.WriteString("<" + string(n.Type) + " " + strconv.Quote(n.Name) + " " + strconv.Quote(n.Value))
	if top {
		b.WriteString(attrSig(n.Attrs) + "\x00")
	} else {
		b.WriteString(attrSig(n.Attrs))
	}
	for _, c := range n.Children {
		writeSig(b, c, false)
	}
	b.WriteString(">")
}

func attrSig(attrs []bpmn.Attr) string {
	var b strings.Builder
	for _, a := range attrs {
		b.WriteString(" " + strconv.Quote(a.Name) + "=" + strconv.Quote(a.Value))
	}
	return b.String()
}

// contentSig is the part of a signature after the top element's attributes.
func contentSig(sig string) string {
	if i := strings.IndexByte(sig, 0); i >= 0 {
		return sig[i+1:]
	}
	return sig
}

func nodesEqual(a, b []*bpmn.Node) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Type != y.Type || x.Name != y.Name || x.Value != y.Value || !reflect.DeepEqual(x.Attrs, y.Attrs) && !(len(x.Attrs) == 0 && len(y.Attrs) == 0) {
			return false
		}
		if !nodesEqual(x.Children, y.Children) {
			return false
		}
	}
	return true
}

// compareTaskconfig compares the parsed JSON and records which entries of the members keyed
// by element id (smtarget.ElementKeyedMembers: node_info, usertask_info) and which other
// members differ.
func compareTaskconfig(d *Diff, local, remote string) bool {
	if local == remote {
		return true
	}
	lv, lerr := parseJSON(local)
	rv, rerr := parseJSON(remote)
	if lerr != nil || rerr != nil {
		if rerr != nil && lerr == nil {
			d.Notes = append(d.Notes, "the remote taskconfig is not JSON; it is replaced as a whole")
		}
		return false
	}
	if jsonEqual(lv, rv) {
		return true
	}
	lm, lok := lv.(map[string]any)
	rm, rok := rv.(map[string]any)
	if !lok || !rok {
		d.Notes = append(d.Notes, "~ taskconfig")
		return false
	}
	for _, key := range unionKeys(lm, rm) {
		if jsonEqual(lm[key], rm[key]) {
			continue
		}
		le, lok := lm[key].(map[string]any)
		re, rok := rm[key].(map[string]any)
		if !slices.Contains(smtarget.ElementKeyedMembers(), key) || !lok || !rok {
			d.Notes = append(d.Notes, "~ taskconfig "+key)
			continue
		}
		for _, id := range unionKeys(le, re) {
			if !jsonEqual(le[id], re[id]) {
				d.Changed = append(d.Changed, ElementChange{ID: id, What: []string{"settings"}})
			}
		}
	}
	return false
}

// sameJSONText compares two JSON texts by value; "", "null" and "[]" all mean no parameters.
func sameJSONText(a, b string) bool {
	if a == b {
		return true
	}
	empty := func(s string) bool {
		s = strings.TrimSpace(s)
		return s == "" || s == "null" || s == "[]"
	}
	if empty(a) && empty(b) {
		return true
	}
	av, aerr := parseJSON(a)
	bv, berr := parseJSON(b)
	return aerr == nil && berr == nil && jsonEqual(av, bv)
}

func parseJSON(s string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber() // keep large integers exact; numbers are compared by value in jsonEqual
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after the JSON value")
	}
	return v, nil
}

// jsonEqual compares decoded JSON values; numbers compare by value (30 == 30.0 == 3e1).
func jsonEqual(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !jsonEqual(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		xr, xok := new(big.Rat).SetString(string(x))
		yr, yok := new(big.Rat).SetString(string(y))
		return xok && yok && xr.Cmp(yr) == 0
	}
	return a == b
}

func unionKeys(a, b map[string]any) []string {
	set := map[string]bool{}
	for k := range a {
		set[k] = true
	}
	for k := range b {
		set[k] = true
	}
	return sortedKeys(set)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
