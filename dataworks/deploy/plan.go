package deploy

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/wfc-dev/wfc/dataworks"
)

// Action is what a plan does to the workspace.
type Action string

const (
	Create    Action = "create"    // no workflow has the name: import creates it
	Update    Action = "update"    // the deployed workflow differs: import updates it in place
	Unchanged Action = "unchanged" // the deployed workflow is the same: nothing is written
)

// DefaultConfirmWait is how long Apply keeps looking, in total, for an import whose answer was
// lost before it says the outcome is unknown: an import is a job that may land seconds later.
const DefaultConfirmWait = 30 * time.Second

// WorkflowPlan is what deploying a compiled workflow would do. It is built by Plan, printed
// with Lines or as JSON, and carried out by Apply.
type WorkflowPlan struct {
	ProjectID  string       `json:"project_id"`
	Workflow   string       `json:"workflow"` // the workflow's name, its identity
	Kind       string       `json:"kind"`     // CycleWorkflow or ManualWorkflow
	Action     Action       `json:"action"`
	WorkflowID dataworks.ID `json:"workflow_id,omitempty"` // the deployed workflow, when there is one
	// Nodes lists the compiled workflow's node names, in order.
	Nodes []string `json:"nodes"`
	// WorkflowChanges are the workflow's own fields that differ (trigger, strategy, kind, ...).
	WorkflowChanges []Change `json:"workflow_changes,omitempty"`
	// NodeChanges are the nodes added, removed and changed, sorted by name.
	NodeChanges []NodeChange `json:"node_changes,omitempty"`

	// ConfirmWait bounds Apply's look-ups after a lost import answer (DefaultConfirmWait; 0
	// looks once).
	ConfirmWait time.Duration `json:"-"`

	client   *dataworks.Client
	local    []byte    // the compiled document
	deployed *document // nil for Create
	sent     bool      // Apply has sent the import
}

// Plan finds the workflow deployed under spec's workflow name (exact match, every page of
// ListWorkflowDefinitions, both workflow kinds), reads its FlowSpec with the scripts, and
// compares it with spec, the compiled FlowSpec document. It only reads.
func Plan(ctx context.Context, c *dataworks.Client, spec []byte) (*WorkflowPlan, error) {
	local, err := parseDocument(spec, "the compiled spec")
	if err != nil {
		return nil, err
	}
	if err := checkMadeUpIDs(local); err != nil {
		return nil, err
	}
	p := &WorkflowPlan{ProjectID: c.ProjectID(), Workflow: local.name(), Kind: local.kind(), Nodes: local.nodeNames(),
		ConfirmWait: DefaultConfirmWait, client: c, local: append([]byte(nil), spec...)}
	found, err := findByName(ctx, c, local.name())
	if err != nil {
		return nil, err
	}
	if found == nil {
		p.Action = Create
		return p, nil
	}
	p.WorkflowID = found.ID
	if p.deployed, err = fetchSpec(ctx, c, found.ID); err != nil {
		return nil, err
	}
	p.WorkflowChanges, p.NodeChanges = compare(viewOf(local), viewOf(p.deployed))
	p.Action = Update
	if len(p.WorkflowChanges) == 0 && len(p.NodeChanges) == 0 {
		p.Action = Unchanged
	}
	return p, nil
}

// findByName returns the one workflow named exactly name, of either kind, or nil. The server's
// name filter is fuzzy and its type filter defaults to CycleWorkflow, so both kinds are listed
// in full and compared exactly. Two workflows with the name are an error: deploy would not know
// which one is the file's.
func findByName(ctx context.Context, c *dataworks.Client, name string) (*dataworks.WorkflowDefinition, error) {
	var match []dataworks.WorkflowDefinition
	for _, kind := range workflowKinds {
		found, err := c.WorkflowDefinitionsNamed(ctx, kind, name)
		if err != nil {
			return nil, err
		}
		match = append(match, found...)
	}
	if len(match) > 1 {
		var ids []string
		for _, w := range match {
			ids = append(ids, string(w.ID))
		}
		return nil, fmt.Errorf("%d workflows are named %q (%s); wfc finds a workflow by its name, so rename or delete all but one in DataWorks", len(match), name, strings.Join(ids, ", "))
	}
	if len(match) == 0 {
		return nil, nil
	}
	return &match[0], nil
}

// fetchSpec reads a deployed workflow's FlowSpec with its scripts' contents.
func fetchSpec(ctx context.Context, c *dataworks.Client, id dataworks.ID) (*document, error) {
	def, err := c.GetWorkflowDefinition(ctx, id, true)
	if err != nil {
		return nil, err
	}
	return parseDocument([]byte(def.Spec), fmt.Sprintf("the deployed spec of workflow %s", id))
}

// Lines renders the plan for people, one line each: a header, then "~ workflow FIELD: OLD →
// NEW", "+ node NAME", "- node NAME" and "~ node NAME: FIELD: OLD → NEW", in a stable order.
// Long values are cut to 60 characters.
func (p *WorkflowPlan) Lines() []string {
	var out []string
	switch p.Action {
	case Create:
		out = append(out, fmt.Sprintf("create workflow %q (%s) with %d nodes: %s", p.Workflow, p.Kind, len(p.Nodes), strings.Join(p.Nodes, ", ")))
	default:
		out = append(out, fmt.Sprintf("%s workflow %q (%s, id %s)", p.Action, p.Workflow, p.Kind, p.WorkflowID))
	}
	for _, c := range p.WorkflowChanges {
		out = append(out, "~ workflow "+c.line())
	}
	for _, n := range p.NodeChanges {
		switch n.Change {
		case NodeAdded:
			out = append(out, "+ node "+n.Node)
		case NodeRemoved:
			out = append(out, "- node "+n.Node)
		default:
			for _, c := range n.Fields {
				out = append(out, "~ node "+n.Node+": "+c.line())
			}
		}
	}
	return out
}

// line reads "FIELD: OLD → NEW", with (none) for an absent side.
func (c Change) line() string {
	return c.Field + ": " + shortValue(c.Old) + " → " + shortValue(c.New)
}

func shortValue(raw []byte) string {
	if raw == nil {
		return "(none)"
	}
	return truncate(string(raw), 60)
}
