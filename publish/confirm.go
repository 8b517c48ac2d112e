package publish

import (
	"context"
	"fmt"
	"time"

	"github.com/wfc-dev/wfc/secmaster"
)

// DefaultConfirmWait is how long push looks, in total, for a version whose create had an
// unknown outcome before it says the outcome is unknown. A create that timed out may be
// stored, and become visible in the listing, some seconds later.
const DefaultConfirmWait = 30 * time.Second

// Pauses between those looks: the first, doubling up to the longest. With DefaultConfirmWait
// the versions are listed 7 times: at once, then after 1, 2, 4, 8, 8 and 7 more seconds.
const (
	confirmFirstPause = 1 * time.Second
	confirmMaxPause   = 8 * time.Second
)

// findCreated resolves an ambiguous create by listing the versions, at once and then with
// backoff for up to opts.ConfirmWait: the version is ours when it was not there before and has
// the same name and content. It never sends the create again.
func findCreated(ctx context.Context, api API, workflowID string, before []secmaster.WorkflowVersion, local Version, cause error, opts Options) (*secmaster.WorkflowVersion, error) {
	known := make(map[string]bool, len(before))
	for _, v := range before {
		known[v.ID] = true
	}
	var waited time.Duration
	looks := 0
	pause := confirmFirstPause
	for {
		looks++
		v, lookErr := lookForCreated(ctx, api, workflowID, known, local)
		if v != nil {
			return v, nil
		}
		if waited >= opts.ConfirmWait {
			return nil, unknownOutcome(cause, looks, waited, lookErr)
		}
		d := min(pause, opts.ConfirmWait-waited)
		if err := opts.sleep(ctx, d); err != nil {
			return nil, unknownOutcome(cause, looks, waited, err)
		}
		waited += d
		pause = min(2*pause, confirmMaxPause)
	}
}

// lookForCreated lists the versions once and returns the new one with local's content, nil
// when there is none (yet).
func lookForCreated(ctx context.Context, api API, workflowID string, known map[string]bool, local Version) (*secmaster.WorkflowVersion, error) {
	after, err := api.ListVersions(ctx, workflowID, secmaster.ListVersionsOptions{})
	if err != nil {
		return nil, fmt.Errorf("listing the versions failed: %v", err)
	}
	for i := range after {
		v := &after[i]
		if known[v.ID] || v.Name != local.Name {
			continue
		}
		full, err := withContent(ctx, api, v)
		if err != nil {
			return nil, fmt.Errorf("reading version %s failed: %v", v.ID, err)
		}
		if Compare(local, FromRemote(full)).Empty() {
			return full, nil
		}
	}
	return nil, nil
}

// unknownOutcome says plainly that the create may or may not have been applied, and why running
// push again cannot make a duplicate of a version that lands later: push compares content with
// the newest version first.
func unknownOutcome(cause error, looks int, waited time.Duration, last error) error {
	checked := "when checked at once"
	if looks > 1 {
		checked = fmt.Sprintf("in %d checks over %s", looks, waited)
	}
	if last != nil {
		checked += " (the last check: " + last.Error() + ")"
	}
	return fmt.Errorf("%w; no new version with this content appeared %s, so whether it was created is unknown; it is safe to run push again: it compares the content with the newest version and creates nothing if this one has appeared by then", cause, checked)
}

// sleep waits d, or until ctx is done.
func (o Options) sleep(ctx context.Context, d time.Duration) error {
	if o.Sleep != nil {
		return o.Sleep(ctx, d)
	}
	return secmaster.Sleep(ctx, d)
}
