package workflow

import (
	"gopkg.in/yaml.v3"

	"github.com/wfc-dev/wfc/diag"
)

// Run runs a DataWorks node: run: {command: ODPS_SQL, file: sql/daily.sql} or
// {command: DIDE_SHELL, code: "..."}. Only the dataworks target compiles it; the node-type
// names and what each needs (a datasource, a file extension) are the target's knowledge.
type Run struct {
	Command String // the DataWorks node type, e.g. ODPS_SQL
	// File is the script's path relative to the workflow file; Code the script itself.
	// The schema lets a run have one of them; the target reads File.
	File String
	Code String
	// Range is where the run mapping is written.
	Range         diag.Range
	Datasource    String
	ResourceGroup String
	// With are the node's parameters (FlowSpec script.parameters), passed to DataWorks
	// verbatim: DataWorks has its own ${...} and $[...] scheduling parameters, so these
	// strings are not wfc expressions.
	With    []*Entry
	Timeout *Duration // nil when absent
	Retry   *Retry    // nil when absent
	OnError OnError
}

func (*Run) Key() string { return "run" }
func (*Run) stepBody()   {}

func (r *Run) onError() OnError { return r.OnError }
func (r *Run) with() []*Entry   { return r.With }

func (r *Run) read(b *builder, _ *Step, key string, v *yaml.Node) bool {
	switch key {
	case "run":
		r.Range = b.rng(v)
		pairs(v, func(key string, _, v *yaml.Node) {
			switch key {
			case "command":
				r.Command = b.str(v)
			case "file":
				r.File = b.str(v)
			case "code":
				r.Code = b.str(v)
			}
		})
	case "datasource":
		r.Datasource = b.str(v)
	case "resource_group":
		r.ResourceGroup = b.str(v)
	case "with":
		r.With = b.entries(v)
	case "timeout":
		r.Timeout = b.duration(v)
	case "retry":
		r.Retry = b.retry(v)
	case "on_error":
		r.OnError = OnError{b.str(v)}
	default:
		return false
	}
	return true
}

// A run's strings are not wfc expressions (see With): it has no expression sites.
func (*Run) sites(_ *Step, out []Site) []Site { return out }

func (r *Run) successors(res *resolver, s *Step, out *Successors) {
	out.OnError = res.onError(s, r.OnError)
}

func (*Run) edges(f *Flow, n int, s *Step, succ *Successors) int {
	f.addTarget(n, s, succ.OnError, EdgeOnError, -1)
	return n
}
