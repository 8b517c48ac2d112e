package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/wfc-dev/wfc/config"
	"github.com/wfc-dev/wfc/diag"
	"github.com/wfc-dev/wfc/lint"
	"github.com/wfc-dev/wfc/lint/driver"
	"github.com/wfc-dev/wfc/report"
)

const lintUsage = `usage: wfc lint [--format text|json|sarif|github] [--config FILE] [--max-warnings N]
                [--no-color] [--stdin-filename NAME] PATH...
       wfc lint --list-rules [--format text|json]

Lints YAML workflows (schema, compiler checks, workflow rules and the BPMN rules over the
compiled diagram), BPMN XML files, taskflow / create-version JSON and export files. A
directory is walked recursively, skipping hidden directories, node_modules and vendor. YAML
that parses but has no top-level wfc key is not a workflow and is skipped, even when named;
YAML that does not decode (UTF-16, binary, a syntax error) is reported. A directory with
nothing to lint is an error. PATH "-" reads standard input (as YAML unless --stdin-filename
says otherwise).

Settings come from --config, else from the wfc.yaml found from the first PATH upwards (to the
repository root): lint.extends (recommended or all), lint.rules (RULE: error|warn|info|off;
warning is accepted for warn) and lint.catalog. In a workflow, "# wfc-disable-next-line RULE"
silences RULE on the next line, "# wfc-disable-line RULE" on its own line (a trailing comment)
and "# wfc-disable RULE" in the whole file; any other comment starting with "wfc-" is warned
about, since it silences nothing.

Every problem of every file is printed to standard output, sorted by file and position.
With --format text, a last line on standard error says how many files were checked and
skipped.

Exit status: 0 when there are no errors (warnings are fine unless there are more than
--max-warnings), 1 when there are errors or too many warnings, 2 on bad usage, a bad
wfc.yaml, or a file that cannot be read.
`

func runLint(e *env, args []string) int {
	fs := newFlagSet(e, "lint", lintUsage)
	format := enumVar(fs, "format", "text", "output format: text, json, sarif or github", reportFormatNames()...)
	configFile := fs.String("config", "", "use this wfc.yaml instead of searching for one")
	maxWarnings := fs.Int("max-warnings", -1, "exit 1 when there are more than N warnings (-1: no limit)")
	listRules := fs.Bool("list-rules", false, "print every rule with its default severity and exit")
	noColor := fs.Bool("no-color", false, "never colour text output (NO_COLOR=1 does the same)")
	stdinName := fs.String("stdin-filename", "<stdin>", "the name standard input is linted and reported as")
	paths, code, done := parseCommandFlags(e, fs, args)
	if done {
		return code
	}
	outFormat, err := report.ParseFormat(*format)
	if err != nil {
		return fail(e, exitUsage, "lint: %v", err)
	}
	if *listRules {
		return printRules(e, outFormat)
	}
	if len(paths) == 0 {
		return fail(e, exitUsage, "lint: no paths given; use '.' for the current directory or '-' for standard input")
	}

	cfg, cdiags := config.Resolve(*configFile, configStart(paths[0]))
	var settings lint.Settings
	if cfg != nil && !cdiags.HasErrors() {
		var sdiags diag.List
		settings, sdiags = driver.Settings(cfg)
		cdiags = append(cdiags, sdiags...)
	}
	relativeFiles(cdiags) // a found wfc.yaml has an absolute path; print it as the user would type it
	if cdiags.HasErrors() {
		printDiagnostics(e, cdiags)
		return exitUsage
	}

	diags, stdinSrc, sum, ioErr := lintPaths(e, paths, *stdinName, settings)
	diags = append(cdiags, diags...) // config warnings are shown with the rest

	opts := report.Options{
		Color:       !*noColor && stdoutIsColorTerminal(e),
		Summary:     true,
		Rules:       ruleInfos(),
		ToolVersion: version,
		Sources: func(file string) ([]byte, bool) {
			if stdinSrc != nil && file == *stdinName {
				return stdinSrc, true
			}
			return sourceFile(file)
		},
	}
	if wd, err := os.Getwd(); err == nil {
		opts.BaseDir = wd
	}
	if ioErr != nil {
		opts.ToolErrors = strings.Split(ioErr.Error(), "\n")
	}
	if err := report.Write(e.stdout, outFormat, diags, opts); err != nil {
		return fail(e, exitUsage, "lint: writing output: %v", err)
	}
	code = exitOK
	if diags.HasErrors() {
		code = exitProblems
	}
	if warnings := diags.Count(diag.Warning); *maxWarnings >= 0 && warnings > *maxWarnings {
		fmt.Fprintf(e.stderr, "wfc: %d warnings, more than --max-warnings %d allows\n", warnings, *maxWarnings)
		code = exitProblems
	}
	for _, line := range opts.ToolErrors {
		fail(e, exitUsage, "%s", line)
		code = exitUsage
	}
	if outFormat == report.Text {
		printChecked(e, sum)
	}
	return code
}

// lintPaths lints the files and directories, and standard input for "-". It returns the
// bytes read from standard input (for snippets), how many files were checked and skipped,
// and the joined read errors.
func lintPaths(e *env, paths []string, stdinName string, s lint.Settings) (diag.List, []byte, driver.Summary, error) {
	var onDisk []string
	var stdinSrc []byte
	var diags diag.List
	var sum driver.Summary
	var errs []error
	for _, p := range paths {
		if p != "-" {
			onDisk = append(onDisk, p)
			continue
		}
		if stdinSrc != nil {
			errs = append(errs, errors.New("standard input ('-') is named more than once"))
			continue
		}
		src, err := io.ReadAll(io.LimitReader(e.stdin, driver.MaxFileSize+1))
		if err != nil {
			errs = append(errs, fmt.Errorf("cannot read standard input: %v", err))
			continue
		}
		stdinSrc = src
		d, err := driver.File(stdinName, src, s)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		sum.Checked++
		diags = append(diags, d...)
	}
	if len(onDisk) > 0 {
		d, pathSum, err := driver.Paths(onDisk, s)
		if err != nil {
			errs = append(errs, err)
		}
		sum.Checked += pathSum.Checked
		sum.Skipped += pathSum.Skipped
		sum.NotRegular += pathSum.NotRegular
		diags = append(diags, d...)
	}
	diags.Sort()
	return diags, stdinSrc, sum, errors.Join(errs...)
}

// printChecked says on standard error how many files lint checked, so that a run that
// checked fewer files than expected (or skipped some as not workflows) shows it. Standard
// error keeps it out of the report on standard output.
func printChecked(e *env, sum driver.Summary) {
	msg := fmt.Sprintf("wfc: checked %d %s", sum.Checked, plural(sum.Checked, "file", "files"))
	if sum.Skipped > 0 {
		var why []string
		if sum.Skipped > sum.NotRegular {
			why = append(why, "not workflows, BPMN or taskflows")
		}
		if sum.NotRegular > 0 {
			why = append(why, fmt.Sprintf("%d not a regular file: a FIFO, device or symbolic link, left unread", sum.NotRegular))
		}
		msg += fmt.Sprintf(", skipped %d (%s)", sum.Skipped, strings.Join(why, "; "))
	}
	fmt.Fprintln(e.stderr, msg)
}

// configStart is where the search for wfc.yaml starts: the first path, or the nearest
// directory of it that exists (a missing file is reported with the other read errors, not
// as a config problem), or the current directory for standard input.
func configStart(first string) string {
	for p := first; p != "-" && p != "." && p != string(filepath.Separator); p = filepath.Dir(p) {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "."
}

// reportFormatNames are the values of lint --format.
func reportFormatNames() []string {
	names := make([]string, len(report.Formats))
	for i, f := range report.Formats {
		names[i] = string(f)
	}
	return names
}

// ruleListing is one rule of --list-rules --format json.
type ruleListing struct {
	ID          string `json:"id"`
	Severity    string `json:"severity"`
	Recommended bool   `json:"recommended"`
	Summary     string `json:"summary"`
	Doc         string `json:"doc"`
	// Target names the one target a rule runs for (lint.Rule.Target); absent: every target.
	Target string `json:"target,omitempty"`
}

// printRules writes every rule, in registry order, with its default severity, whether
// `recommended` enables it and its summary: a table, or with --format json a JSON array.
func printRules(e *env, format report.Format) int {
	rules := lint.Rules()
	switch format {
	case report.JSON:
		list := make([]ruleListing, 0, len(rules))
		for _, r := range rules {
			list = append(list, ruleListing{ID: r.ID, Severity: r.Severity.String(), Recommended: r.Recommended, Summary: r.Summary, Doc: r.Doc, Target: r.Target})
		}
		return writeJSONOut(e, list)
	case report.Text:
	default:
		return fail(e, exitUsage, "lint: --list-rules prints text or json, not %s", format)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tRECOMMENDED\tSUMMARY")
	for _, r := range rules {
		rec := "no"
		if r.Recommended {
			rec = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, rec, r.Summary)
	}
	if err := tw.Flush(); err != nil {
		return fail(e, exitUsage, "lint: writing output: %v", err)
	}
	return exitOK
}

// ruleInfos is the SARIF rule table: every lint rule, then the ids of the other phases.
func ruleInfos() []report.RuleInfo {
	var out []report.RuleInfo
	for _, r := range lint.Rules() {
		out = append(out, report.RuleInfo{ID: r.ID, Severity: r.Severity, Summary: r.Summary, Doc: r.Doc,
			HelpURI: "https://github.com/wfc-dev/wfc/blob/main/docs/rules.md#" + r.ID})
	}
	for _, p := range driver.Phases() {
		out = append(out, report.RuleInfo{ID: p.ID, Severity: p.Severity, Summary: p.Summary,
			HelpURI: "https://github.com/wfc-dev/wfc/blob/main/docs/rules.md#" + p.ID})
	}
	return out
}

// relativeFiles rewrites absolute file names below the current directory as relative ones.
func relativeFiles(diags diag.List) {
	wd, err := os.Getwd()
	if err != nil {
		return
	}
	for i, d := range diags {
		if !filepath.IsAbs(d.Range.File) {
			continue
		}
		if rel, err := filepath.Rel(wd, d.Range.File); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			diags[i].Range.File = rel
		}
	}
}

// stdoutIsColorTerminal applies report.ColorEnabled to standard output when it is a file.
func stdoutIsColorTerminal(e *env) bool {
	f, ok := e.stdout.(*os.File)
	return ok && report.ColorEnabled(f, e.getenv)
}
