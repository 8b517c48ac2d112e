package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wfc-dev/wfc/config"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/internal/atomicfile"
	"github.com/wfc-dev/wfc/internal/readlimit"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/report"
	"github.com/wfc-dev/wfc/secmaster"
)

// remoteFlags are the flags every command that calls the SecMaster API takes.
type remoteFlags struct {
	configPath     string
	target         string
	endpoint       string
	region         string
	projectID      string
	workspaceID    string
	requestTimeout time.Duration
	timeout        time.Duration
}

// defaultCommandTimeout bounds a whole remote command, retries and waits included.
const defaultCommandTimeout = 5 * time.Minute

const remoteFlagsHelp = `Which SecMaster workspace to talk to: a target in wfc.yaml (--target, or default_target),
overridden field by field by --endpoint, --region, --project-id and --workspace-id. Without
an explicit --target, the environment (WFC_SECMASTER_ENDPOINT, HUAWEICLOUD_SDK_REGION,
HUAWEICLOUD_SDK_PROJECT_ID, WFC_SECMASTER_WORKSPACE_ID, as 'wfc dev-server' prints them)
comes before default_target. Credentials come only from the environment:
HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (+ HUAWEICLOUD_SDK_SECURITY_TOKEN), or
HUAWEICLOUD_SDK_AUTH_TOKEN. They go only to SecMaster's own hosts (https://*.myhuaweicloud.com),
to loopback, or to an endpoint given by --endpoint or WFC_SECMASTER_ENDPOINT: an endpoint that
only wfc.yaml names is refused. Redirects are never followed. Reads are retried (Retry-After
honoured up to 60s); commands that act are sent once. --timeout bounds the whole command.
`

func (r *remoteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&r.configPath, "config", "", "use this wfc.yaml instead of the one found from the current directory")
	fs.StringVar(&r.target, "target", "", "the wfc.yaml target to use (default: default_target)")
	fs.StringVar(&r.endpoint, "endpoint", "", "API endpoint URL, e.g. https://secmaster.cn-north-4.myhuaweicloud.com")
	fs.StringVar(&r.region, "region", "", "region id, e.g. cn-north-4")
	fs.StringVar(&r.projectID, "project-id", "", "project id of the region")
	fs.StringVar(&r.workspaceID, "workspace-id", "", "SecMaster workspace id")
	fs.DurationVar(&r.requestTimeout, "request-timeout", 60*time.Second, "give up one HTTP attempt after this long")
	fs.DurationVar(&r.timeout, "timeout", defaultCommandTimeout, "give up the whole command after this long, retries and waits included")
}

// loadConfig reads --config, or the wfc.yaml found from start.
func (r *remoteFlags) loadConfig(e *env, start string) (*config.Config, error) {
	cfg, diags := config.Resolve(r.configPath, start)
	if diags.HasErrors() {
		printDiagnostics(e, diags)
		return nil, errors.New("the config has errors; fix them and run again")
	}
	return cfg, nil
}

// targetSource is one place the target's fields can come from; fromFile marks a wfc.yaml
// target, whose endpoint is not trusted with credentials on its own.
type targetSource struct {
	config.Target
	fromFile bool
}

// clientConfig combines flags, the chosen target and the environment into a client Config
// (resolveTarget).
func (r *remoteFlags) clientConfig(e *env, cfg *config.Config) (secmaster.Config, error) {
	creds, err := secmaster.CredentialsFromEnv(e.getenv)
	if err != nil {
		return secmaster.Config{}, err
	}
	envT := config.Target{Endpoint: e.getenv(secmaster.EnvEndpoint), Region: e.getenv(secmaster.EnvRegion),
		ProjectID: e.getenv(secmaster.EnvProjectID), WorkspaceID: e.getenv(secmaster.EnvWorkspaceID)}
	t, err := r.resolveTarget(cfg, secMasterPlatform, envT)
	if err != nil {
		return secmaster.Config{}, err
	}
	out := secmaster.Config{Endpoint: t.Endpoint, Region: t.Region, ProjectID: t.ProjectID, WorkspaceID: t.WorkspaceID,
		Credentials: creds, AttemptTimeout: r.requestTimeout, Timeout: r.timeout, UserAgent: "wfc/" + version}
	if out.Endpoint == "" && out.Region == "" {
		return secmaster.Config{}, fmt.Errorf("no SecMaster endpoint: pass --target NAME (a target in %s), --region or --endpoint, or set %s", config.FileName, secmaster.EnvEndpoint)
	}
	if out.ProjectID == "" || out.WorkspaceID == "" {
		return secmaster.Config{}, fmt.Errorf("the project id and workspace id are required: set them in the %s target, pass --project-id and --workspace-id, or set %s and %s", config.FileName, secmaster.EnvProjectID, secmaster.EnvWorkspaceID)
	}
	return out, nil
}

// platformTrust is what target resolution needs to know about a platform.
type platformTrust struct {
	platform    string            // config.PlatformSecMaster or config.PlatformDataWorks
	domain      string            // its API hosts' domain, for messages
	envEndpoint string            // the variable through which a user names an endpoint
	trusted     func(string) bool // an endpoint a repository file may name
}

var secMasterPlatform = platformTrust{config.PlatformSecMaster, secmaster.OfficialDomain, secmaster.EnvEndpoint, secmaster.IsTrustedEndpoint}

// resolveTarget says which workspace of platform p to talk to. Each field comes from the first
// source that sets it, in this order: the flag, an explicit --target, the environment (env),
// the platform's default_target. The endpoint and region travel together, so a target's region
// is not overridden by an endpoint from another source. The endpoint must pass
// checkEndpointTrust.
func (r *remoteFlags) resolveTarget(cfg *config.Config, p platformTrust, env config.Target) (config.Target, error) {
	flagT := targetSource{Target: config.Target{Endpoint: r.endpoint, Region: r.region, ProjectID: r.projectID, WorkspaceID: r.workspaceID}}
	envT := targetSource{Target: env}
	sources := []targetSource{flagT}
	if r.target != "" {
		t, err := cfg.TargetFor(r.target, p.platform)
		if err != nil {
			return config.Target{}, err
		}
		sources = append(sources, targetSource{t, true}, envT)
	} else {
		sources = append(sources, envT)
		if cfg.DefaultTargetFor(p.platform) != "" {
			t, err := cfg.TargetFor("", p.platform)
			if err != nil {
				return config.Target{}, err
			}
			sources = append(sources, targetSource{t, true})
		}
	}
	var out config.Target
	var endpointSource targetSource
	for _, s := range sources {
		if out.Endpoint == "" && out.Region == "" && (s.Endpoint != "" || s.Region != "") {
			out.Endpoint, out.Region = s.Endpoint, s.Region
			endpointSource = s
		}
		if out.ProjectID == "" {
			out.ProjectID = s.ProjectID
		}
		if out.WorkspaceID == "" {
			out.WorkspaceID = s.WorkspaceID
		}
	}
	return out, checkEndpointTrust(p, endpointSource, env.Endpoint)
}

// checkEndpointTrust refuses an endpoint that only a wfc.yaml target names, unless it is one of
// the platform's own hosts or loopback, or the environment names the same endpoint: the file is
// part of the repository, so a pull request could otherwise send CI's credentials anywhere. A
// region always yields an official host.
func checkEndpointTrust(p platformTrust, s targetSource, envEndpoint string) error {
	if !s.fromFile || s.Endpoint == "" || p.trusted(s.Endpoint) ||
		strings.TrimRight(s.Endpoint, "/") == strings.TrimRight(envEndpoint, "/") {
		return nil
	}
	return fmt.Errorf("target %q in %s names the endpoint %s, which is not a %s host (*.%s) or loopback; credentials go to such an endpoint only when you name it yourself: pass --endpoint %s or set %s",
		s.Name, config.FileName, s.Endpoint, config.PlatformTitle(p.platform), p.domain, s.Endpoint, p.envEndpoint)
}

// client loads the config (found from start) and builds a client.
func (r *remoteFlags) client(e *env, start string) (*secmaster.Client, *config.Config, error) {
	cfg, err := r.loadConfig(e, start)
	if err != nil {
		return nil, nil, err
	}
	cc, err := r.clientConfig(e, cfg)
	if err != nil {
		return nil, nil, err
	}
	c, err := secmaster.New(cc)
	if err != nil {
		return nil, nil, err
	}
	return c, cfg, nil
}

// explainRemote adds what to do to an API error people often meet.
func explainRemote(err error) string {
	msg := err.Error()
	var ae *secmaster.APIError
	if errors.As(err, &ae) {
		switch {
		case ae.HTTPStatus == 401:
			msg += "; check the credentials in " + secmaster.EnvAccessKey + "/" + secmaster.EnvSecretKey + " or " + secmaster.EnvAuthToken
		case ae.HTTPStatus == 403:
			msg += "; check the project and workspace ids and the account's SecMaster permissions"
		}
	}
	if errors.Is(err, secmaster.ErrAmbiguous) && !strings.Contains(msg, "run ") && !strings.Contains(msg, secmaster.AmbiguousAdvice) {
		msg += "; check the state on the server before trying again"
	}
	if errors.Is(err, secmaster.ErrTimeout) {
		msg += "; pass a longer --timeout if the server is just slow"
	}
	return msg
}

// parseInterspersed parses flags that may come before, between or after the arguments
// (`wfc push examples/ --dry-run`); "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// stringList is a repeatable flag that also splits commas: --id a --id b,c.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*s = append(*s, p)
		}
	}
	return nil
}

// newFlagSet makes a flag set that prints usage (the text plus flags) on -h only, to standard
// output: help that was asked for is the command's output, not an error.
func newFlagSet(e *env, name, usageText string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(discard{})
	fs.Usage = func() {
		fmt.Fprint(e.stdout, usageText)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if !hasFlags {
			return // wfc schema: no empty "flags:" heading
		}
		fmt.Fprintln(e.stdout, "\nflags:")
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		fs.SetOutput(discard{})
	}
	return fs
}

// parseCommandFlags parses args; done is true when the command should return code at once
// (help was shown, or the flags were wrong).
func parseCommandFlags(e *env, fs *flag.FlagSet, args []string) (positional []string, code int, done bool) {
	// The flag package calls Usage itself on -h and on every bad flag; show it once, for -h
	// only: a mistyped flag gets the one-line error below, not forty lines of help.
	usage := fs.Usage
	fs.Usage = func() {}
	pos, err := parseInterspersed(fs, args)
	fs.Usage = usage
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.Usage()
			return nil, exitOK, true
		}
		return nil, fail(e, exitUsage, "%s: %v; run 'wfc %s -h' for usage", fs.Name(), err, fs.Name()), true
	}
	return pos, exitOK, false
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// readInputFile reads a file named on the command line, up to limit bytes; what names the
// kind of file for the error ("workflow files").
func readInputFile(path string, limit int64, what string) ([]byte, error) {
	return readlimit.File(path, limit, what)
}

// sourceFile reads a file a diagnostic names, for its snippet: with the same limit and the
// same refusal of FIFOs and devices as the first read, since the file may have changed since.
func sourceFile(file string) ([]byte, bool) {
	data, err := readlimit.File(file, driver.MaxFileSize, "files wfc lints")
	return data, err == nil
}

// printDiagnostics writes diagnostics as text, with snippets from the files they name.
func printDiagnostics(e *env, diags diag.List) {
	if len(diags) == 0 {
		return
	}
	if err := report.Write(e.stderr, report.Text, diags, report.Options{Sources: sourceFile}); err != nil {
		fmt.Fprintln(e.stderr, diags.Error())
	}
}

// writeOutputFile writes data atomically to path (see atomicfile.WriteFile: umask or the
// existing mode, fsync, no temporary left), creating its directory first.
func writeOutputFile(path string, data []byte) error {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("cannot create the directory of %s: %v", path, unwrapPathError(err))
		}
	}
	return atomicfile.WriteFile(path, data)
}
