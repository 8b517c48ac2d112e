package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/dataworks/deploy"
)

// stepsOfNodes maps the compiled nodes' names to their ids, which the compiler takes from the
// steps (a switch's join node has an id of its own, such as finish.join).
func stepsOfNodes(spec []byte) map[string]string {
	var doc struct {
		Spec struct {
			Workflows []struct {
				Nodes []struct{ ID, Name string }
			}
		}
	}
	out := map[string]string{}
	if json.Unmarshal(spec, &doc) != nil {
		return out
	}
	for _, wf := range doc.Spec.Workflows {
		for _, n := range wf.Nodes {
			out[n.Name] = n.ID
		}
	}
	return out
}

// inStepTerms is the plan's lines (deploy.WorkflowPlan.Lines) as a wfc user reads them: each
// node the file still compiles is named by its step id ("create workflow ... with 2 steps:
// load, report", "~ step load (node Load the orders): script.content: ..."), and a change
// inside a long or multi-line text, such as a script, shows the first line that differs, from
// a little before the difference, where Lines would cut both values to the same 60
// characters. A node no step compiles to any more keeps its node name.
func inStepTerms(p *deploy.WorkflowPlan, stepOf map[string]string) []string {
	lines := p.Lines()
	if p.Action == deploy.Create {
		lines[0] = createHeader(p, stepOf)
	}
	// Lines writes the header, a line per workflow change, then per node change one line
	// (added, removed) or a line per field; anything else and the lines are left as they are.
	want := 1 + len(p.WorkflowChanges)
	for _, n := range p.NodeChanges {
		want += max(1, len(n.Fields))
	}
	if len(lines) != want {
		return lines
	}
	k := 1
	for _, c := range p.WorkflowChanges {
		if text, ok := textChange(c); ok {
			lines[k] = "~ workflow " + text
		}
		k++
	}
	for _, n := range p.NodeChanges {
		step, known := stepName(n.Node, stepOf)
		switch n.Change {
		case deploy.NodeAdded:
			if known {
				lines[k] = "+ " + step
			}
			k++
		case deploy.NodeRemoved:
			k++
		default:
			for _, c := range n.Fields {
				if text, ok := textChange(c); ok {
					lines[k] = "~ node " + n.Node + ": " + text
				}
				if known {
					lines[k] = "~ " + step + strings.TrimPrefix(lines[k], "~ node "+n.Node)
				}
				k++
			}
		}
	}
	return lines
}

// createHeader is Lines' header of a create, with the steps' ids for the nodes' names.
func createHeader(p *deploy.WorkflowPlan, stepOf map[string]string) string {
	steps := make([]string, len(p.Nodes))
	for i, n := range p.Nodes {
		steps[i] = n
		if id, ok := stepOf[n]; ok {
			steps[i] = id
		}
	}
	return fmt.Sprintf("create workflow %q (%s) with %d %s: %s", p.Workflow, p.Kind, len(steps), plural(len(steps), "step", "steps"), strings.Join(steps, ", "))
}

// stepName is "step ID" for a node a step compiles to, with the node's name when it differs.
func stepName(node string, stepOf map[string]string) (string, bool) {
	id, ok := stepOf[node]
	if !ok {
		return "", false
	}
	if id == node {
		return "step " + id, true
	}
	return "step " + id + " (node " + node + ")", true
}

// Sizes of a text change's excerpt, in characters.
const (
	excerptWidth   = 60 // as deploy cuts a value
	excerptContext = 20 // kept before the first differing character
)

// textChange renders a change between two texts that Lines would cut to the same excerpt
// (longer than excerptWidth, or several lines) as "FIELD: line N: "…old…" → "…new…"": the
// first line that differs, starting excerptContext characters before the first difference.
// ok is false for any other change.
func textChange(c deploy.Change) (string, bool) {
	var was, now string
	if json.Unmarshal(c.Old, &was) != nil || json.Unmarshal(c.New, &now) != nil {
		return "", false
	}
	if !strings.Contains(was+now, "\n") && len([]rune(was)) <= excerptWidth && len([]rune(now)) <= excerptWidth {
		return "", false
	}
	oldLines, newLines := strings.Split(was, "\n"), strings.Split(now, "\n")
	i := 0
	for i < len(oldLines) && i < len(newLines) && oldLines[i] == newLines[i] {
		i++
	}
	o, oOK := lineAt(oldLines, i)
	n, nOK := lineAt(newLines, i)
	from := max(0, commonPrefix(o, n)-excerptContext)
	return fmt.Sprintf("%s: line %d: %s → %s", c.Field, i+1, excerpt(o, oOK, from), excerpt(n, nOK, from)), true
}

func lineAt(lines []string, i int) (string, bool) {
	if i < len(lines) {
		return lines[i], true
	}
	return "", false
}

// commonPrefix is how many leading characters (runes) a and b share.
func commonPrefix(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return n
}

// excerpt quotes line from character from, at most excerptWidth characters, marking what is
// cut with …; a line that is not there is (none).
func excerpt(line string, present bool, from int) string {
	if !present {
		return "(none)"
	}
	r := []rune(line)
	from = min(from, len(r))
	s := string(r[from:])
	if len(r)-from > excerptWidth {
		s = string(r[from:from+excerptWidth]) + "…"
	}
	if from > 0 {
		s = "…" + s
	}
	return fmt.Sprintf("%q", s)
}
