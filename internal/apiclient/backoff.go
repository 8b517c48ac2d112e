package apiclient

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy bounds retries of safe calls. Zero values take the defaults noted per field.
type RetryPolicy struct {
	MaxAttempts int            // total attempts per call including the first (0: 4)
	BaseDelay   time.Duration  // delay before the second attempt (0: 200 ms), doubled each time
	MaxDelay    time.Duration  // cap on one computed delay (0: 5 s)
	Jitter      func() float64 // in [0,1); nil: math/rand. The delay is d/2 + Jitter()*d/2.
}

// Defaults of RetryPolicy.
const (
	DefaultMaxAttempts = 4
	DefaultBaseDelay   = 200 * time.Millisecond
	DefaultMaxDelay    = 5 * time.Second
)

func (p RetryPolicy) maxAttempts() int {
	if p.MaxAttempts <= 0 {
		return DefaultMaxAttempts
	}
	return p.MaxAttempts
}

// EffectiveMaxDelay is MaxDelay, or its default when unset.
func (p RetryPolicy) EffectiveMaxDelay() time.Duration {
	if p.MaxDelay <= 0 {
		return DefaultMaxDelay
	}
	return p.MaxDelay
}

// MaxRetryAfter caps how long a server's Retry-After can make a client wait before one retry.
// Longer answers are more likely a misconfigured gateway than advice worth holding a CI job
// for; a client's overall Timeout still bounds the total.
const MaxRetryAfter = 60 * time.Second

// RetryAfter reads a Retry-After header in either form, delay-seconds or an HTTP-date (which is
// compared with now), clamped to [0, limit]; limit is at most MaxRetryAfter.
func RetryAfter(h http.Header, now time.Time, limit time.Duration) (time.Duration, bool) {
	limit = min(limit, MaxRetryAfter)
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	var d time.Duration
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		d = time.Duration(min(s, int64(MaxRetryAfter/time.Second))) * time.Second
	} else if at, err := http.ParseTime(v); err == nil {
		d = at.Sub(now)
	} else {
		return 0, false
	}
	return min(max(d, 0), limit), true
}

// Backoff is the wait before attempt+1: BaseDelay·2^(attempt-1) capped at MaxDelay, with equal
// jitter.
func (p RetryPolicy) Backoff(attempt int) time.Duration {
	base, maxD := p.BaseDelay, p.EffectiveMaxDelay()
	if base <= 0 {
		base = DefaultBaseDelay
	}
	d := base << min(attempt-1, 20)
	if d > maxD || d <= 0 {
		d = maxD
	}
	jitter := p.Jitter
	if jitter == nil {
		jitter = rand.Float64
	}
	return d/2 + time.Duration(jitter()*float64(d/2))
}

// Sleep waits d, or until ctx is done (then it returns ctx's error): the wait between retries,
// and between the checks that resolve an unknown outcome by reading state back.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
