package deploy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/wfc-dev/wfc/dataworks"
)

// mayHaveApplied reports whether a failed import may still have been applied: anything but an
// answer from the service that refused it (an API error below 500).
func mayHaveApplied(err error) bool {
	if err == nil || errors.Is(err, dataworks.ErrAmbiguous) {
		return err != nil
	}
	var apiErr *dataworks.APIError
	return !errors.As(err, &apiErr) || apiErr.HTTPStatus >= 500
}

// confirm resolves an import whose answer was lost: the workflow is deployed with this content
// when one has the name and its spec compares equal to the compiled one. It looks at once, then
// after pauses of 1 s doubling up to 8 s, until p.ConfirmWait has passed; it never resends.
func (p *WorkflowPlan) confirm(ctx context.Context, cause error) (*Result, error) {
	local, err := parseDocument(p.local, "the compiled spec")
	if err != nil {
		return nil, err
	}
	want := viewOf(local)
	var waited time.Duration
	pause := time.Second
	for looks := 1; ; looks++ {
		id, lookErr := p.lookForImported(ctx, want)
		if id != "" {
			return &Result{Action: p.Action, WorkflowID: id, Resolved: true}, nil
		}
		if waited >= p.ConfirmWait || ctx.Err() != nil {
			return nil, unknownf("importing workflow %q: %w; %s, so whether the import was applied is unknown; it is safe to deploy again: the plan compares what is deployed first and imports nothing if this content has landed by then",
				p.Workflow, cause, lookSummary(looks, waited, lookErr))
		}
		d := min(pause, p.ConfirmWait-waited)
		if err := p.client.Sleep(ctx, d); err != nil {
			return nil, unknownf("importing workflow %q: %w; looking it up again was interrupted (%v)", p.Workflow, cause, err)
		}
		waited += d
		pause = min(2*pause, 8*time.Second)
	}
}

// lookForImported returns the id of the workflow named p.Workflow when its deployed spec has
// the content want; "" when there is none (yet).
func (p *WorkflowPlan) lookForImported(ctx context.Context, want view) (dataworks.ID, error) {
	id, deployed, err := p.lookUp(ctx, "")
	if err != nil || deployed == nil {
		return "", err
	}
	wf, nodes := compare(want, viewOf(deployed))
	if len(wf) == 0 && len(nodes) == 0 {
		return id, nil
	}
	return "", nil
}

func lookSummary(looks int, waited time.Duration, last error) string {
	s := fmt.Sprintf("no workflow with this name and content was found in %d look-ups over %s", looks, waited)
	if looks == 1 {
		s = "no workflow with this name and content was found when looked up at once"
	}
	if last != nil {
		s += " (the last look-up: " + last.Error() + ")"
	}
	return s
}

// unknownOutcome is an error marked with ErrUnknownOutcome.
type unknownOutcome struct{ err error }

func (u unknownOutcome) Error() string   { return u.err.Error() }
func (u unknownOutcome) Unwrap() []error { return []error{ErrUnknownOutcome, u.err} }

func unknownf(format string, args ...any) error { return unknownOutcome{fmt.Errorf(format, args...)} }
