package decompile

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	lang "github.com/wfc-dev/wfc/decompile"
	"github.com/wfc-dev/wfc/diag"
	dw "github.com/wfc-dev/wfc/target/dataworks"
)

type reader struct {
	src    Source
	wf     *dw.Workflow
	gr     *graph
	ids    lang.IDs
	diags  diag.List
	types  map[string]string // input types the branch conditions show
	walker *walker
}

// Read decompiles the first workflow of a FlowSpec document. The workflow is nil only when
// nothing could be read; otherwise it holds everything that could be carried, and every
// error in the list names what could not (what --force writes without).
func Read(src Source) (*lang.Workflow, diag.List) {
	r := &reader{src: src, wf: &src.Doc.Spec.Workflows[0], ids: lang.IDs{}}
	if n := len(src.Doc.Spec.Workflows); n > 1 {
		r.fail(nil, "the document holds %d workflows; only the first, %q, is read: decompile the others from their own definitions", n, r.wf.Name)
	}
	w := r.workflowFields()
	r.buildGraph()
	if g := r.gr.cycle(); g != nil {
		r.fail(g, "%s is on a cycle of dependencies; a wfc workflow runs its steps without cycles", describe(g.n))
		return w, r.finish(w)
	}
	for _, g := range r.gr.nodes {
		r.readStep(g)
	}
	r.inferInputTypes(w)
	for _, g := range r.gr.nodes {
		if g.kind == kindBranch {
			r.readSwitch(g)
		}
	}
	w.Steps = r.structure()
	if len(w.Steps) == 0 && len(r.gr.nodes) == 0 {
		r.warn(nil, "the workflow has no nodes; it is written as steps: [], which compiles to a workflow without nodes")
	}
	r.carryDifferences(w)
	return w, r.finish(w)
}

// finish sorts the diagnostics and notes every error in the YAML, above the step it is
// about or at the top, so that a file written with --force says where it is incomplete.
func (r *reader) finish(w *lang.Workflow) diag.List {
	r.diags.Sort()
	byNode := map[string]*lang.Step{}
	if r.gr != nil {
		for _, g := range r.gr.nodes {
			if g.step != nil {
				byNode[g.n.ID] = g.step
			}
		}
	}
	for _, d := range r.diags {
		if d.Severity != diag.Error {
			continue
		}
		if s := byNode[d.Element]; s != nil && d.Element != "" {
			s.Lost = append(s.Lost, d.Message)
		} else {
			w.Lost = append(w.Lost, d.Message)
		}
	}
	return r.diags
}

// workflowFields reads the workflow's own settings.
func (r *reader) workflowFields() *lang.Workflow {
	wf := r.wf
	w := &lang.Workflow{Source: r.src.Name, Target: dw.Name, Name: wf.Name, Description: wf.Description}
	if w.Name == "" {
		w.Name = r.src.Doc.Spec.Name
	}
	if w.Name == "" {
		w.Name = strings.TrimSuffix(filepath.Base(r.src.Name), filepath.Ext(r.src.Name))
	}
	if wf.Script != nil {
		w.Path = strings.Trim(strings.TrimSuffix(wf.Script.Path, w.Name), "/")
	}
	if t := wf.Trigger; t != nil && t.Type == dw.TriggerScheduler && t.Cron != "" {
		w.Schedule = &lang.Schedule{Cron: t.Cron, Timezone: t.Timezone}
		if t.StartTime != dw.DefaultStartTime {
			w.Schedule.Start = t.StartTime
		}
		if t.EndTime != dw.DefaultEndTime {
			w.Schedule.End = t.EndTime
		}
		if t.DelaySeconds != nil {
			w.Schedule.Delay = int64(*t.DelaySeconds)
		}
	}
	if s := wf.Strategy; s != nil {
		w.Retry = retryOf(s.RerunTimes, s.RerunInterval)
	}
	if wf.Inputs != nil {
		seen := map[string]bool{}
		for _, v := range wf.Inputs.Variables {
			if !inputName.MatchString(v.Name) || seen[v.Name] {
				r.fail(nil, "workflow parameter %q is not an input name wfc can declare (letters, digits and _, not starting with a digit, once); it is left out", v.Name)
				continue
			}
			seen[v.Name] = true
			w.Inputs = append(w.Inputs, &lang.Param{Name: v.Name, Description: v.Description, Default: textDefault(v.Value)})
		}
	}
	return w
}

// inputName is the schema's pattern for an input's name.
var inputName = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

// What DataWorks reruns a node with when its spec says nothing (it fills these in on
// import: sdk-import-example.json, and the emulator, dataworks/dataworkstest): 3 times, 180000
// milliseconds apart.
const (
	defaultRerunTimes      = 3
	defaultRerunIntervalMS = 180000
)

// nodeRetry is a node's retry: none when rerunTimes and rerunInterval are DataWorks'
// defaults, which a step without retry gets once deployed, so that it reads back without one
// (the platform block carries them); else retryOf.
func nodeRetry(times, intervalMS *int) *lang.Retry {
	if times != nil && *times == defaultRerunTimes && intervalMS != nil && *intervalMS == defaultRerunIntervalMS {
		return nil
	}
	return retryOf(times, intervalMS)
}

// retryOf is a retry from rerunTimes and rerunInterval (milliseconds): nil when there are
// none or more than the language's 10 (a node's platform block carries them then); the
// interval is the platform's default (-1) when absent or not whole seconds.
func retryOf(times, intervalMS *int) *lang.Retry {
	if times == nil || *times < 0 || *times > 10 {
		return nil
	}
	r := &lang.Retry{Times: int64(*times), Interval: -1}
	if intervalMS != nil && *intervalMS > 0 && *intervalMS%1000 == 0 {
		r.Interval = int64(*intervalMS / 1000)
	}
	return r
}

// buildGraph indexes the nodes and their dependencies.
func (r *reader) buildGraph() {
	gr := &graph{points: map[string]point{}, byNodeID: map[string]*gnode{}}
	r.gr = gr
	for i := range r.wf.Nodes {
		n := &r.wf.Nodes[i]
		g := &gnode{n: n, idx: i, kind: kindRun}
		switch command(n) {
		case dw.CommandBranch:
			g.kind = kindBranch
		case dw.CommandJoin:
			g.kind = kindJoin
		}
		gr.nodes = append(gr.nodes, g)
		gr.byNodeID[n.ID] = g
		r.indexOutputs(g)
	}
	for _, d := range r.wf.Dependencies {
		g := gr.byNodeID[d.NodeID]
		if g == nil {
			r.warn(nil, "a dependency names node %q, which the workflow does not hold; it is left out", d.NodeID)
			continue
		}
		for _, up := range d.Depends {
			p := up.Output
			if p == "" {
				p = r.outputOfNode(up.NodeID)
			}
			if _, ok := gr.points[p]; !ok {
				r.warn(g, "%s depends on %q, which no node of the workflow outputs (a node of another workflow, or the project's root): that dependency is not carried", describe(g.n), p)
				continue
			}
			if gr.points[p].way < 0 {
				r.fail(g, "%s depends on branch node %s itself, not on one of its branches; wfc cannot say that", describe(g.n), gr.points[p].g.n.Name)
				continue
			}
			g.arrival = append(g.arrival, gr.canonical(p))
		}
		g.arrival = union(g.arrival)
	}
	for _, g := range gr.nodes {
		if g.kind == kindJoin {
			r.readJoin(g)
		}
	}
	gr.index()
}

// indexOutputs records the points a node gives.
func (r *reader) indexOutputs(g *gnode) {
	if g.kind == kindBranch && g.n.Branch != nil {
		for _, b := range g.n.Branch.Branches {
			if b.Output != nil {
				g.ways = append(g.ways, b.Output.Data)
				r.gr.points[b.Output.Data] = point{g: g, way: len(g.ways) - 1}
			}
		}
	}
	if g.n.Outputs == nil {
		return
	}
	for _, o := range g.n.Outputs.NodeOutputs {
		if _, isBranch := r.gr.points[o.Data]; isBranch {
			continue
		}
		if g.kind == kindBranch {
			r.gr.points[o.Data] = point{g: g, way: -1}
			continue
		}
		if len(g.ways) == 0 {
			g.ways = []string{o.Data}
		}
		r.gr.points[o.Data] = point{g: g}
	}
}

// outputOfNode is the first output of the node with id, for a depend in the older form
// that names a node rather than an output.
func (r *reader) outputOfNode(id string) string {
	if g := r.gr.byNodeID[id]; g != nil && len(g.ways) > 0 {
		return g.ways[0]
	}
	return id
}

// joinLogic is the form the compiler writes a join's logic in: paths of branch names joined
// by "or", each one name or a parenthesised "and" of several.
var joinTerm = regexp.MustCompile(`^\(?([a-z0-9_]+(?: and [a-z0-9_]+)*)\)?$`)

// readJoin reads a join node's paths from its logic; a join that is not a meeting of
// switch paths (an "and" across paths, a status other than ran) is reported.
func (r *reader) readJoin(g *gnode) {
	j := g.n.Join
	if j == nil || j.Logic == nil {
		r.fail(g, "%s has no join logic; wfc reads a join where the paths of a switch meet (logic \"b1 or b2\")", describe(g.n))
		return
	}
	watched := map[string]string{}
	for _, b := range j.Branches {
		if b.Output == nil || b.Assertion == nil || b.Assertion.Field != "status" || !slices.Equal(b.Assertion.In, []string{dw.JoinStatusRan}) {
			r.fail(g, "%s: join branch %s does not wait for its upstream to have run (status in [\"1\"]); wfc cannot say that", describe(g.n), b.Name)
			return
		}
		watched[b.Name] = r.gr.canonical(b.Output.Data)
	}
	for _, term := range strings.Split(j.Logic.Expression, " or ") {
		m := joinTerm.FindStringSubmatch(strings.TrimSpace(term))
		if m == nil {
			r.fail(g, "%s: join logic %q is not an \"or\" of paths; wfc cannot say it", describe(g.n), j.Logic.Expression)
			return
		}
		var grp []string
		for _, name := range strings.Split(m[1], " and ") {
			if watched[name] == "" {
				r.fail(g, "%s: join logic names %s, which is no branch of the join", describe(g.n), name)
				return
			}
			grp = append(grp, watched[name])
		}
		g.groups = append(g.groups, union(grp))
	}
}

// command is a node's script.runtime.command, "" when it has none.
func command(n *dw.Node) string {
	if n.Script == nil || n.Script.Runtime == nil {
		return ""
	}
	return n.Script.Runtime.Command
}

// describe names a node for a message: its name and id.
func describe(n *dw.Node) string {
	return fmt.Sprintf("node %q (id %s)", n.Name, n.ID)
}

func (r *reader) errorf(sev diag.Severity, g *gnode, format string, args ...any) diag.Diagnostic {
	d := diag.Diagnostic{Severity: sev, Rule: lang.Rule, Message: fmt.Sprintf(format, args...), Range: diag.Range{File: r.src.Name}}
	if g != nil {
		d.Element = g.n.ID
		d.Range.Start = r.position(g.n.ID)
		d.Range.End = d.Range.Start
	}
	return d
}

func (r *reader) fail(g *gnode, format string, args ...any) {
	r.diags = append(r.diags, r.errorf(diag.Error, g, format, args...))
}

func (r *reader) warn(g *gnode, format string, args ...any) {
	r.diags = append(r.diags, r.errorf(diag.Warning, g, format, args...))
}

// position is the line and column of the "id" member that names node id in the input,
// zero when it is not found.
func (r *reader) position(id string) diag.Pos {
	re := regexp.MustCompile(`"id"\s*:\s*"` + regexp.QuoteMeta(id) + `"`)
	loc := re.FindIndex(r.src.Raw)
	if loc == nil {
		return diag.Pos{}
	}
	before := r.src.Raw[:loc[0]]
	line := 1 + strings.Count(string(before), "\n")
	col := loc[0] - strings.LastIndexByte(string(before), '\n')
	return diag.Pos{Line: line, Column: col}
}
