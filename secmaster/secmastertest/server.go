// Package secmastertest is an in-memory SecMaster workflow API for tests and `wfc dev-server`.
//
// It enforces the parts of the contract wfc relies on (authentication, project and workspace in
// the path, required fields, enums, the version status lifecycle, taskflow shape) and answers in
// the service's JSON shapes, so client code can be exercised end to end on loopback. Faults can be
// queued per route to test retries and ambiguous failures, and every request is logged for
// assertions. Ids are counter-based and UUID-shaped, so runs are reproducible.
//
// Error codes: SecMaster.20040611 (workflow not found), SecMaster.20040605 (version not found) and
// SecMaster.20010001 (workspace not found) are the real ones (notes §4); the other 2004xxxx codes
// in codes.go are the emulator's own, since the real ones are not published.
package secmastertest

import (
	"fmt"
	"sync"
	"time"

	"github.com/wfc-dev/wfc/internal/apitest"
	"github.com/wfc-dev/wfc/secmaster"
)

// Defaults used when Options leaves a field empty.
const (
	DefaultProjectID   = "0f0e0d0c0b0a09080706050403020100"
	DefaultWorkspaceID = "00000000-0000-4000-8000-0000000000aa"
	DefaultToken       = "dev-token"
	DefaultMaxSkew     = 15 * time.Minute // how far X-Sdk-Date may be from the server clock
)

// Key is a known access key's secret, and the security token it requires when it is temporary.
type Key struct {
	SecretKey     string
	SecurityToken string
}

// Options configures an emulator.
type Options struct {
	ProjectID   string
	WorkspaceID string
	Tokens      []string       // valid X-Auth-Token values; nil and no Keys: {DefaultToken}
	Keys        map[string]Key // access key → secret
	Now         func() time.Time
	MaxSkew     time.Duration
	Logf        func(format string, args ...any) // one line per request; never sees credentials
	// AutoApprove approves a version as soon as it is submitted (pending_approval becomes
	// not_activated in the submit's own answer), as if a reviewer passed it at once, so that
	// push --submit --activate can be tried end to end (wfc dev-server --auto-approve).
	AutoApprove bool
}

// Emulator is the http.Handler holding the in-memory state.
type Emulator struct {
	opts Options

	*apitest.Traffic[Fault, LoggedRequest, *LoggedRequest] // Fail, Requests, RequestsTo

	mu         sync.Mutex
	seq        int // id counter
	workflows  []*secmaster.Workflow
	wfByID     map[string]*secmaster.Workflow
	versions   map[string]*secmaster.WorkflowVersion
	versionsOf map[string][]string // workflow id → version ids in creation order
	verCount   map[string]int      // workflow id → versions ever created, for "v<N>"
	instances  []*instanceRec
	components []*componentRec
}

// NewEmulator returns an empty emulator.
func NewEmulator(opts Options) *Emulator {
	if opts.ProjectID == "" {
		opts.ProjectID = DefaultProjectID
	}
	if opts.WorkspaceID == "" {
		opts.WorkspaceID = DefaultWorkspaceID
	}
	if opts.Tokens == nil && len(opts.Keys) == 0 {
		opts.Tokens = []string{DefaultToken}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MaxSkew <= 0 {
		opts.MaxSkew = DefaultMaxSkew
	}
	return &Emulator{
		Traffic: apitest.NewTraffic[Fault](func(r LoggedRequest) string { return r.Route }, opts.Logf,
			"Authorization", secmaster.HeaderAuthToken, secmaster.HeaderSecurityToken),
		opts:       opts,
		wfByID:     map[string]*secmaster.Workflow{},
		versions:   map[string]*secmaster.WorkflowVersion{},
		versionsOf: map[string][]string{},
		verCount:   map[string]int{},
	}
}

// ProjectID and WorkspaceID are the ids the emulator serves.
func (e *Emulator) ProjectID() string   { return e.opts.ProjectID }
func (e *Emulator) WorkspaceID() string { return e.opts.WorkspaceID }

// Server is an emulator behind a listening HTTP server: URL is http://127.0.0.1:PORT, Close
// stops it and waits for handlers to finish.
type Server struct {
	*Emulator
	apitest.Listener
}

// NewTestServer starts an emulator on a random loopback port (httptest.Server).
func NewTestServer(opts Options) *Server {
	em := NewEmulator(opts)
	return &Server{Emulator: em, Listener: apitest.ServeTest(em)}
}

// NewServer starts an emulator listening on addr, which must be a loopback address: the emulator
// accepts made-up credentials and must not be reachable from other machines.
func NewServer(addr string, opts Options) (*Server, error) {
	em := NewEmulator(opts)
	l, err := apitest.ServeLoopback(addr, "127.0.0.1:8443", em, em.opts.Logf)
	if err != nil {
		return nil, err
	}
	return &Server{Emulator: em, Listener: l}, nil
}

// newID returns the next UUID-shaped id; ids are unique across kinds.
func (e *Emulator) newID() string {
	e.seq++
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", e.seq)
}

// timestamp formats the server clock the way the service does ("2025-07-18T14:55:47.084Z+0800").
func (e *Emulator) timestamp() string {
	return e.opts.Now().Format("2006-01-02T15:04:05.000Z-0700")
}
