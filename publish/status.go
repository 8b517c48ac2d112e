package publish

import (
	"context"
	"errors"
	"fmt"

	"github.com/wfc-dev/wfc/internal/apiclient"
	"github.com/wfc-dev/wfc/secmaster"
)

// advance submits and activates out's version as opts ask, skipping steps already done. Each
// status change is one PUT, never resent: when it fails, the version is read back to learn
// whether the server applied it anyway (a 500 or a timeout after the change was stored).
func advance(ctx context.Context, api API, out *Outcome, opts Options) error {
	if !opts.Submit && !opts.Activate {
		return nil
	}
	if submittable(out.VersionStatus) {
		if err := setStatus(ctx, api, out, secmaster.StatusPendingApproval, "submitted for approval"); err != nil {
			return err
		}
	} else if out.VersionStatus == secmaster.StatusPendingApproval && !opts.Activate {
		// Said so that a second --submit does not look as if it was lost.
		out.Notes = append(out.Notes, "already submitted (pending approval)")
	}
	if !opts.Activate || out.VersionStatus == secmaster.StatusActivated {
		return nil
	}
	from := out.VersionStatus
	err := setStatus(ctx, api, out, secmaster.StatusActivated, "activated")
	var apiErr *secmaster.APIError
	if errors.As(err, &apiErr) && apiErr.HTTPStatus/100 == 4 && from != secmaster.StatusNotActivated {
		return notApprovedError(out.VersionID, from, apiErr)
	}
	return err
}

// notApprovedError explains a refused activation once: the server's own message and the
// read-back note repeat the status, so only its HTTP status, code and request id are kept.
func notApprovedError(versionID, status string, refusal *secmaster.APIError) error {
	state := "is " + status
	if status == secmaster.StatusPendingApproval {
		state = "is pending approval"
	}
	server := apiclient.FormatAPIError("server", refusal.HTTPStatus, refusal.Code, "", refusal.RequestID)
	return fmt.Errorf("version %s %s and cannot be activated until a reviewer approves it: approve it in the SecMaster console (Workflows > Versions), or locally start `wfc dev-server --auto-approve`; then run push --activate again (%s)", versionID, state, server)
}

// submittable reports whether a version in status can be submitted for approval.
func submittable(status string) bool {
	return status == secmaster.StatusPendingSubmit || status == secmaster.StatusRejected
}

// reached reports whether a version in status has been through the change to target: a
// submitted version may already have moved on (approved, publishing, activated).
func reached(status, target string) bool {
	if target == secmaster.StatusPendingApproval {
		return status != "" && !submittable(status)
	}
	return status == target
}

// setStatus changes out's version to target with one PUT and records the new status and note.
// A failed PUT is resolved by reading the version back, never by sending it again.
func setStatus(ctx context.Context, api API, out *Outcome, target, note string) error {
	v, err := api.SetVersionStatus(ctx, out.VersionID, target)
	if err == nil {
		out.VersionStatus = v.Status
		out.Notes = append(out.Notes, note)
		return nil
	}
	back, rerr := api.GetVersion(ctx, out.VersionID)
	switch {
	case rerr != nil:
		return unknownf("version %s: whether it was %s is unknown: %w; reading it back also failed: %v; run push again with the same flags: it skips a step the version has already been through", out.VersionID, note, err, rerr)
	case reached(back.Status, target):
		out.VersionStatus = back.Status
		out.Notes = append(out.Notes, note+" (confirmed by reading the version back after the request failed)")
		return nil
	}
	return fmt.Errorf("version %s was not %s (it is still %s): %w", out.VersionID, note, back.Status, err)
}
