package publish

import (
	"context"
	"fmt"
	"strings"

	"github.com/wfc-dev/wfc/secmaster"
)

// CheckConflicts finds, reading only, the remote workflow each item pushes to and fails when
// two items push to the same one (one mapped by id, the other found by name, say): every push
// would then create a version for each file, and the two would never converge. Items whose
// workflow cannot be looked up are left to Push, which reports why.
func CheckConflicts(ctx context.Context, api API, items []Item) error {
	if len(items) < 2 {
		return nil
	}
	type claim struct {
		file, how string
	}
	claims := map[string]claim{} // workflow id, or "name:" + a name that is not there yet
	var problems []string
	for _, it := range items {
		key, how, ok := target(ctx, api, it)
		if !ok {
			continue
		}
		if first, taken := claims[key]; taken {
			problems = append(problems, fmt.Sprintf("%s and %s both push to %s (%s by %s, %s by %s)",
				first.file, it.File, describeTarget(key), first.file, first.how, it.File, how))
			continue
		}
		claims[key] = claim{file: it.File, how: how}
	}
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("%s; nothing was pushed: map each file to its own workflow id in wfc.yaml (workflows:), or remove one of them",
		strings.Join(problems, "; "))
}

// target is the key of the workflow it pushes to and how it is found.
func target(ctx context.Context, api API, it Item) (key, how string, ok bool) {
	if it.WorkflowID != "" {
		return it.WorkflowID, "id", true
	}
	if it.WorkflowName == "" {
		return "", "", false
	}
	how = fmt.Sprintf("name %q", it.WorkflowName)
	wf, err := findByName(ctx, api, it.WorkflowName)
	switch {
	case err != nil:
		return "", "", false
	case wf == nil:
		return "name:" + it.WorkflowName, how, true
	}
	return wf.ID, how, true
}

func describeTarget(key string) string {
	if name, ok := strings.CutPrefix(key, "name:"); ok {
		return fmt.Sprintf("the new workflow %q", name)
	}
	return "workflow " + key
}

// WorkflowRef names a remote workflow.
type WorkflowRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// renameCandidates are the workflows a file about to be created under a new name may have been
// pushed to before a rename: another name, but the same type and the same (non-empty)
// description, which a rename usually leaves alone. One listing of the workspace's workflows.
func renameCandidates(ctx context.Context, api API, req secmaster.CreateWorkflowRequest) ([]WorkflowRef, error) {
	if strings.TrimSpace(req.Description) == "" {
		return nil, nil
	}
	all, err := api.AllWorkflows(ctx, "")
	if err != nil {
		return nil, err
	}
	var out []WorkflowRef
	for _, w := range all {
		if w.Name != req.Name && w.Description == req.Description && w.AopType == req.AopType {
			out = append(out, WorkflowRef{ID: w.ID, Name: w.Name})
		}
	}
	return out, nil
}
