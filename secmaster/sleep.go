package secmaster

import (
	"context"
	"time"

	"github.com/wfc-dev/wfc/internal/apiclient"
)

// Sleep waits d, or until ctx is done (then it returns ctx's error): the wait between retries,
// and between the checks that resolve an unknown outcome by reading state back.
func Sleep(ctx context.Context, d time.Duration) error { return apiclient.Sleep(ctx, d) }
