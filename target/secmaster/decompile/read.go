package decompile

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/bpmn"
	lang "github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/diag"
	smtarget "github.com/wfc-dev/wfc/target/secmaster"
)

// role says what a BPMN flow node is in the workflow.
type role int

const (
	roleStep         role = iota + 1 // a step's main element
	roleStart                        // the start event
	roleEnd                          // an end event
	roleJoin                         // an exclusive or parallel gateway with one way out: transparent
	roleParallelJoin                 // a parallel gateway where a parallel step's branches meet
	roleOutcome                      // the gateway after an approval that routes on_reject
	roleBoundary                     // an error boundary event: its host's on_error
)

// rnode is one flow node as the reader sees it.
type rnode struct {
	el    *bpmn.Element
	role  role
	order int             // position in the document
	out   []*bpmn.Element // outgoing sequence flows, in document order
	in    int             // how many sequence flows come in
	step  *lang.Step
	list  *stepList // the list a step belongs to
	join  *rnode    // a parallel step's joining gateway
	fork  *rnode    // a joining parallel gateway's parallel step
	// outcome is an approval's on_reject gateway, errorEvent an action's or call's error
	// boundary event.
	outcome, errorEvent *rnode
	extra               smtarget.Extra // what the element carries beyond the mapping
	succ                []target       // successors, for placeUnreached
	emitted             bool           // the step is in the workflow written
}

// target is where a flow leads, through joining gateways: a node, or the end.
type target struct {
	n   *rnode
	end bool
}

type reader struct {
	src   Source
	defs  *bpmn.Definitions
	tc    *smtarget.TaskconfigView
	nodes map[*bpmn.Element]*rnode
	order []*rnode
	start *rnode
	ids   lang.IDs
	// inFlowOrder: the diagram was drawn elsewhere, and its lists are put in flow order.
	inFlowOrder bool
	diags       diag.List
}

// Read decompiles one SecMaster workflow version. The workflow is nil only when nothing
// could be read; otherwise it holds everything that could be carried, and every error in
// the list names something that could not (what --force writes without).
func Read(src Source) (*lang.Workflow, diag.List) {
	r := &reader{src: src, nodes: map[*bpmn.Element]*rnode{}, ids: lang.IDs{}}
	defs, err := bpmn.Read(src.Doc)
	if err != nil {
		return nil, diag.List{r.errorf(nil, "%v", err)}
	}
	r.defs = defs
	if r.tc, err = smtarget.ReadTaskconfig(src.Fields.Taskconfig); err != nil {
		return nil, diag.List{r.errorf(nil, "%v", err)}
	}
	w := r.workflowFields()
	proc := r.process()
	if proc == nil {
		return w, r.diags
	}
	if w.Description == "" {
		w.Description = documentation(proc) // a modeler's diagram has no request fields
	}
	r.classify(proc)
	if r.start == nil {
		return w, r.diags
	}
	r.assignIDs()
	r.readSteps()
	top := r.structure()
	if top != nil {
		w.Steps = r.emitList(top)
	}
	for _, n := range r.steps() {
		if !n.emitted { // never silently: a step the structure could not place
			r.fail(n.el, "%s could not be placed in a step list (it is in no branch of a parallel wfc could read and not at the top level)", describe(n.el))
		}
	}
	r.checkFinish()
	r.carryDifferences(w)
	for _, n := range r.steps() {
		n.step.Platform = r.platformOf(n)
	}
	r.diags.Sort()
	r.markLost(w)
	return w, r.diags
}

// markLost notes every error in the YAML, as a comment above the step it is about or at
// the top, so a file written with --force says where it is incomplete.
func (r *reader) markLost(w *lang.Workflow) {
	byID := map[string]*lang.Step{}
	for _, n := range r.order {
		if n.step != nil {
			byID[n.el.ID] = n.step
		}
	}
	for _, d := range r.diags {
		if d.Severity != diag.Error {
			continue
		}
		if s := byID[d.Element]; s != nil {
			s.Lost = append(s.Lost, d.Message)
		} else {
			w.Lost = append(w.Lost, d.Message)
		}
	}
}

// errorf is an error at element el (nil: the whole input), positioned when the input was
// XML.
func (r *reader) errorf(el *bpmn.Element, format string, args ...any) diag.Diagnostic {
	d := diag.Errorf(diag.Range{File: r.src.Name}, lang.Rule, format, args...)
	r.place(&d, el)
	return d
}

func (r *reader) warnf(el *bpmn.Element, format string, args ...any) {
	d := diag.Warningf(diag.Range{File: r.src.Name}, lang.Rule, format, args...)
	r.place(&d, el)
	r.diags = append(r.diags, d)
}

func (r *reader) place(d *diag.Diagnostic, el *bpmn.Element) {
	if el == nil {
		return
	}
	d.Element = el.ID
	if el.Node != nil && el.Node.Line > 0 {
		d.Range.Start = diag.Pos{Line: el.Node.Line, Column: el.Node.Col}
		d.Range.End = d.Range.Start
	}
}

func (r *reader) fail(el *bpmn.Element, format string, args ...any) {
	r.diags = append(r.diags, r.errorf(el, format, args...))
}

// describe names an element for a message: its type, id and name.
func describe(el *bpmn.Element) string {
	s := el.Type
	if el.ID != "" {
		s += " " + el.ID
	}
	if el.Name != "" {
		s += fmt.Sprintf(" (%q)", el.Name)
	}
	return s
}

// workflowFields reads the workflow settings from the create-version fields.
func (r *reader) workflowFields() *lang.Workflow {
	f := r.src.Fields
	w := &lang.Workflow{Source: r.src.Name, Name: f.Name, Description: f.Description, Dataclass: f.Dataclass}
	if w.Name == "" {
		w.Name = r.fallbackName()
	}
	types := map[string]string{"NORMAL": "", "SURVEY": "investigation", "HEMOSTASIS": "containment", "EASE": "mitigation"}
	w.Type = types[f.AopType]
	if _, known := types[f.AopType]; !known && f.AopType != "" {
		r.fail(nil, "aop_type %q is none of NORMAL, SURVEY, HEMOSTASIS, EASE; wfc's type cannot say it", f.AopType)
	}
	for _, l := range strings.Split(f.Labels, ",") {
		if l = strings.TrimSpace(l); l != "" {
			w.Labels = append(w.Labels, l)
		}
	}
	adv := r.tc.Advanced
	interval, err := parseSeconds(adv.RetryInterval)
	if err != nil {
		r.fail(nil, "taskconfig retry_interval %q is not whole seconds", adv.RetryInterval)
	}
	if adv.RetryTimes != 0 || interval != smtarget.DefaultRetryInterval {
		w.Retry = &lang.Retry{Times: adv.RetryTimes, Interval: intervalOrDefault(interval)}
	}
	if adv.RetryTimes < 0 || adv.RetryTimes > 10 {
		r.fail(nil, "taskconfig retry_times %d is outside wfc's 0 to 10", adv.RetryTimes)
	}
	switch w.LogLevel = strings.ToLower(adv.LogLevel); w.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		r.fail(nil, "taskconfig log_level %q is none of Debug, Info, Warn, Error", adv.LogLevel)
	}
	w.Inputs = r.params(f.Input, "input")
	w.Outputs = r.params(f.Output, "output")
	if len(w.Outputs) > 0 {
		w.OutputsNote = "SecMaster keeps no output's value: give each one its value: expression"
	}
	return w
}

// fallbackName names a workflow that came without create-version fields: its process's
// name, or its id.
func (r *reader) fallbackName() string {
	for _, c := range r.defs.Element.Children {
		if c.Type == "Process" {
			if c.Name != "" {
				return c.Name
			}
			return c.ID
		}
	}
	return "Decompiled workflow"
}

func intervalOrDefault(seconds int64) int64 {
	if seconds == smtarget.DefaultRetryInterval {
		return -1
	}
	return seconds
}

func parseSeconds(s string) (int64, error) {
	var n json.Number = json.Number(strings.TrimSpace(s))
	if s == "" {
		return smtarget.DefaultRetryInterval, nil
	}
	return n.Int64()
}

// process is the one process with flow nodes.
func (r *reader) process() *bpmn.Element {
	var found []*bpmn.Element
	for _, c := range r.defs.Element.Children {
		if c.Type == "Process" && len(c.Children) > 0 {
			found = append(found, c)
		}
		if c.Type == "Collaboration" {
			r.fail(c, "%s: pools and message flows cannot be carried; wfc workflows are one process", describe(c))
		}
	}
	switch len(found) {
	case 0:
		r.emptyProcess()
		return nil
	case 1:
		return found[0]
	}
	r.fail(found[1], "the diagram has %d processes; wfc workflows are one process, and only %s is read", len(found), found[0].ID)
	return found[0]
}

// emptyProcess reports a diagram whose process has nothing drawn in it (a workflow saved
// in the console before anything was drawn): it is written as steps: [], which compiles
// to start → end, the console's new workflow; a diagram with no process at all is refused.
func (r *reader) emptyProcess() {
	for _, c := range r.defs.Element.Children {
		if c.Type == "Process" {
			r.warnf(c, "%s is empty (no start event, no steps); it is written as steps: [], which compiles to a start event flowing to the end, as the console draws a new workflow", describe(c))
			return
		}
	}
	r.fail(nil, "the diagram has no process; there is nothing to decompile")
}
