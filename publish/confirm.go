package publish

import (
	"context"
	"errors"
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

// ErrUnknownOutcome marks a failure where a create or status change was sent and reading the
// state back could not tell whether the server applied it. Outcome.Unknown reports it.
var ErrUnknownOutcome = errors.New("the outcome is unknown")

// unknownOutcome is an error marked with ErrUnknownOutcome; its message is err's.
type unknownOutcome struct{ err error }

func (u unknownOutcome) Error() string   { return u.err.Error() }
func (u unknownOutcome) Unwrap() []error { return []error{ErrUnknownOutcome, u.err} }

// unknownf formats an error marked with ErrUnknownOutcome.
func unknownf(format string, args ...any) error {
	return unknownOutcome{fmt.Errorf(format, args...)}
}

// mayHaveApplied reports whether a failed create may still have been stored: anything but an
// answer from the server that refused it (an API error below 500). The client marks the
// ambiguous cases with secmaster.ErrAmbiguous; an error it does not mark is not trusted to be
// a refusal either.
func mayHaveApplied(err error) bool {
	if err == nil || errors.Is(err, secmaster.ErrAmbiguous) {
		return err != nil
	}
	var apiErr *secmaster.APIError
	return !errors.As(err, &apiErr) || apiErr.HTTPStatus >= 500
}

// findCreated resolves an ambiguous create by listing the versions (see poll): the version is
// ours when it was not there before and has the same name and content. It never sends the
// create again.
func findCreated(ctx context.Context, api API, workflowID string, before []secmaster.WorkflowVersion, local Version, cause error, opts Options) (*secmaster.WorkflowVersion, error) {
	known := make(map[string]bool, len(before))
	for _, v := range before {
		known[v.ID] = true
	}
	v, checked := poll(ctx, opts, func() (*secmaster.WorkflowVersion, error) {
		return lookForCreated(ctx, api, workflowID, known, local)
	})
	if v != nil {
		return v, nil
	}
	return nil, unknownf("%w; no new version with this content appeared %s, so whether it was created is unknown; it is safe to run push again: it compares the content with the newest version and creates nothing if this one has appeared by then", cause, checked)
}

// poll calls look at once and then, while it finds nothing, again after pauses that start at
// confirmFirstPause and double up to confirmMaxPause, until opts.ConfirmWait has passed in
// all. It returns what look found (nil when nothing) and how the looking went, for messages.
func poll[T any](ctx context.Context, opts Options, look func() (*T, error)) (*T, checks) {
	var c checks
	pause := confirmFirstPause
	for {
		c.looks++
		found, err := look()
		if found != nil {
			return found, c
		}
		c.last = err
		if c.waited >= opts.ConfirmWait {
			return nil, c
		}
		d := min(pause, opts.ConfirmWait-c.waited)
		if err := opts.sleep(ctx, d); err != nil {
			c.last = err
			return nil, c
		}
		c.waited += d
		pause = min(2*pause, confirmMaxPause)
	}
}

// checks is how poll went: the number of looks, the time waited between them and the last
// look's error.
type checks struct {
	looks  int
	waited time.Duration
	last   error
}

// String reads "when checked at once" or "in 7 checks over 30s", with the last error if any.
func (c checks) String() string {
	s := "when checked at once"
	if c.looks > 1 {
		s = fmt.Sprintf("in %d checks over %s", c.looks, c.waited)
	}
	if c.last != nil {
		s += " (the last check: " + c.last.Error() + ")"
	}
	return s
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
		full, err := WithContent(ctx, api, v)
		if err != nil {
			return nil, fmt.Errorf("reading version %s failed: %v", v.ID, err)
		}
		if Compare(local, FromRemote(full)).Empty() {
			return full, nil
		}
	}
	return nil, nil
}

// sleep waits d, or until ctx is done.
func (o Options) sleep(ctx context.Context, d time.Duration) error {
	if o.Sleep != nil {
		return o.Sleep(ctx, d)
	}
	return secmaster.Sleep(ctx, d)
}
