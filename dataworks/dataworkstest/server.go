// Package dataworkstest is an in-memory DataWorks (OpenAPI 2024-05-18) emulator for tests and
// `wfc dev-server`.
//
// It enforces the parts of the contract wfc relies on: the ACS3-HMAC-SHA256 signature (checked
// by its own verification path, with the service's SignatureDoesNotMatch error body), the API
// version, each action's method, parameter names, places (query or form body) and types, the
// FlowSpec shape of an import (errors name a JSONPath such as
// $.spec.workflows[0].nodes[1].script.runtime.command) and ids as 19-digit strings. A stored
// spec carries what the service adds on import (owners, node and trigger defaults, a default
// output per object, script and trigger ids, each dependency mirrored into its node's inputs),
// so clients compare against a realistic answer.
// Imports are asynchronous jobs that finish after a configurable number of GetJobStatus polls; pipeline runs
// advance one stage step per GetPipelineRun and some stages wait for ExecPipelineRunStage.
// Faults can be queued per action (an error status, a redirect, a delay, a dropped connection, a
// hang until the client gives up or an answer cut off halfway, each optionally after applying;
// apitest plays them as for SecMaster) and stages made to fail. Every request is logged with
// credentials replaced by ***.
// Ids come from a counter, so runs are reproducible.
//
// Error codes: SignatureDoesNotMatch, IncompleteSignature, InvalidAccessKeyId.NotFound,
// InvalidTimeStamp.Expired, SignatureNonceUsed, MissingParameter and InvalidParameter are Alibaba
// Cloud gateway codes; 58014884415 is the malformed-FlowSpec code (dataworks.CodeMalformedSpec).
// The other codes (NotFound.*, Forbidden.Project, InvalidStage, InternalError) are the
// emulator's own choice, as the real ones are not published.
package dataworkstest

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/internal/apitest"
)

// Defaults used when Options leaves a field empty.
const (
	DefaultProjectID = "10000"
	// The made-up key pair served when Options.Keys is nil, for `wfc dev-server` walk-throughs.
	DefaultAccessKeyID     = "LTAIwfcDevServerKey"
	DefaultAccessKeySecret = "wfc-dev-server-secret"
	DefaultMaxSkew         = 15 * time.Minute // how far x-acs-date may be from the server clock
	DefaultJobPolls        = 2                // GetJobStatus answers Running this many times first
	idBase                 = 7000000000000000000
)

// Key is a known AccessKey's secret, and the STS token it requires when it is temporary.
type Key struct {
	Secret        string
	SecurityToken string
}

// Stage describes one stage of every pipeline run. Manual stages wait (status Init) until
// ExecPipelineRunStage starts them.
type Stage struct {
	Code   string
	Name   string
	Type   string // Build, Check, Deploy, Offline, Delete
	Manual bool
}

// DefaultStages are the stages of an Online run, and DefaultOfflineStages of an Offline one, as
// observed on a simple-mode workspace (Alibaba's DataWorks agent skill, references/deploy-guide.md):
// the first runs by itself, the others wait for ExecPipelineRunStage.
var (
	DefaultStages = []Stage{
		{Code: "BUILD_PACKAGE", Name: "Build the package", Type: "Build"},
		{Code: "PROD_CHECK", Name: "Check before production", Type: "Check", Manual: true},
		{Code: "PROD", Name: "Deploy to production", Type: "Deploy", Manual: true},
	}
	DefaultOfflineStages = []Stage{
		{Code: "OfflineCheck", Name: "Check before taking offline", Type: "Check"},
		{Code: "PROD_CHECK", Name: "Check before production", Type: "Check", Manual: true},
		{Code: "PROD", Name: "Take offline in production", Type: "Offline", Manual: true},
		{Code: "DeleteNode", Name: "Delete the nodes", Type: "Delete", Manual: true},
	}
)

// Options configures an emulator.
type Options struct {
	ProjectID string         // the one workspace served (decimal); empty: DefaultProjectID
	Keys      map[string]Key // AccessKey id → secret; nil: the Default key pair only
	Now       func() time.Time
	MaxSkew   time.Duration
	JobPolls  int // GetJobStatus answers before an import job ends; 0: DefaultJobPolls, <0: none
	// ImportLag is how many further requests (of any action) an accepted import takes to show
	// in listings, unless its job is seen to end first; 0: at once. A client whose import
	// answer was lost must look more than once.
	ImportLag int
	Stages    []Stage // of Online runs; nil: DefaultStages
	Offline   []Stage // of Offline runs; nil: DefaultOfflineStages
	HostID    string  // HostId in error bodies; empty: "dataworks.emulator"
	// DroppedNodeFields are node members an import does not store, as a service that does
	// not know them: a client that compares what it sent with what is stored sees them go.
	DroppedNodeFields []string
	Logf              func(format string, args ...any)
}

// Emulator is the http.Handler holding the in-memory state.
type Emulator struct {
	opts Options

	*apitest.Traffic[Fault, LoggedRequest, *LoggedRequest] // Fail, Requests, RequestsTo

	mu         sync.Mutex
	seq        int64 // id counter
	arrived    int   // requests arrived: the clock of ImportLag
	workflows  []*workflowRec
	jobs       map[string]*jobRec
	runs       map[string]*runRec
	pending    []pendingImport      // accepted imports not landed yet (ImportLag)
	nonces     map[string]time.Time // nonce → its request's x-acs-date
	failStages map[string]string    // stage code → failure message, for runs created later
	applied    map[string]int
}

// NewEmulator returns an empty emulator.
func NewEmulator(opts Options) *Emulator {
	if opts.ProjectID == "" {
		opts.ProjectID = DefaultProjectID
	}
	if opts.Keys == nil {
		opts.Keys = map[string]Key{DefaultAccessKeyID: {Secret: DefaultAccessKeySecret}}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MaxSkew <= 0 {
		opts.MaxSkew = DefaultMaxSkew
	}
	switch {
	case opts.JobPolls == 0:
		opts.JobPolls = DefaultJobPolls
	case opts.JobPolls < 0:
		opts.JobPolls = 0
	}
	if opts.Stages == nil {
		opts.Stages = DefaultStages
	}
	if opts.Offline == nil {
		opts.Offline = DefaultOfflineStages
	}
	if opts.HostID == "" {
		opts.HostID = "dataworks.emulator"
	}
	return &Emulator{
		Traffic: apitest.NewTraffic[Fault](func(r LoggedRequest) string { return r.Action }, opts.Logf,
			dataworks.HeaderAuthorization, dataworks.HeaderSecurityToken, dataworks.HeaderAccessKeyID),
		opts:       opts,
		jobs:       map[string]*jobRec{},
		runs:       map[string]*runRec{},
		nonces:     map[string]time.Time{},
		failStages: map[string]string{},
		applied:    map[string]int{},
	}
}

// ProjectID is the workspace id the emulator serves.
func (e *Emulator) ProjectID() string { return e.opts.ProjectID }

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
	l, err := apitest.ServeLoopback(addr, "127.0.0.1:8444", em, em.opts.Logf)
	if err != nil {
		return nil, err
	}
	return &Server{Emulator: em, Listener: l}, nil
}

// newID returns the next 19-digit id; ids are unique across kinds.
func (e *Emulator) newID() string {
	e.seq++
	return fmt.Sprintf("%019d", idBase+e.seq)
}

// millis is the server clock as a UNIX timestamp in milliseconds, the API's time form.
func (e *Emulator) millis() int64 { return e.opts.Now().UnixMilli() }

// ClientConfig is a client configuration for tests against s: the given credentials, the
// emulator's project and clock, numbered nonces (so runs are reproducible) and no retry
// jitter. sleep replaces the client's waits (nil: real ones).
func (s *Server) ClientConfig(creds dataworks.Credentials, sleep func(ctx context.Context, d time.Duration) error) dataworks.Config {
	var mu sync.Mutex
	nonce := 0
	return dataworks.Config{
		Endpoint:    s.URL,
		ProjectID:   s.ProjectID(),
		Credentials: creds,
		Now:         s.opts.Now,
		Nonce: func() string {
			mu.Lock()
			defer mu.Unlock()
			nonce++
			return fmt.Sprintf("test-nonce-%d", nonce)
		},
		Sleep: sleep,
		Retry: dataworks.RetryPolicy{Jitter: func() float64 { return 1 }},
	}
}

// NewClient is a client of s signed with creds and configured by ClientConfig, its waits recorded
// in sleeps; mut (may be nil) changes the configuration first. It returns the configuration too.
func (s *Server) NewClient(t apitest.TB, creds dataworks.Credentials, sleeps *apitest.Sleeps, mut func(*dataworks.Config)) (*dataworks.Client, dataworks.Config) {
	t.Helper()
	cfg := s.ClientConfig(creds, sleeps.Record)
	if mut != nil {
		mut(&cfg)
	}
	c, err := dataworks.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, cfg
}
