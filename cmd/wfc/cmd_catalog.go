package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/wfc-dev/wfc/catalog"
	"github.com/wfc-dev/wfc/secmaster"
)

const catalogUsage = `usage: wfc catalog pull -o FILE

Downloads the workspace's plugins and their actions with their input and output definitions,
sorted, to FILE (written atomically), for offline linting: point wfc.yaml's lint.catalog at it.
An action whose output definition wfc cannot read is saved without outputs, with a note on
standard error: its steps' outputs are then not checked.

`

func runCatalog(e *env, args []string) int {
	return interruptible(e, func(ctx context.Context, e *env) int { return catalogCommand(ctx, e, args) })
}

func catalogCommand(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, catalogUsage) // no subcommand is a usage error
		return exitUsage
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		fmt.Fprint(e.stdout, catalogUsage+remoteFlagsHelp)
		return exitOK
	}
	if args[0] != "pull" {
		return fail(e, exitUsage, "catalog: unknown subcommand %q; use pull", args[0])
	}
	var rf remoteFlags
	fs := newFlagSet(e, "catalog pull", catalogUsage+remoteFlagsHelp)
	rf.register(fs)
	out := fs.String("o", "", "the catalog file to write (required)")
	rest, code, done := parseCommandFlags(e, fs, args[1:])
	if done {
		return code
	}
	if len(rest) > 0 {
		return fail(e, exitUsage, "catalog pull takes no arguments, got %q", rest[0])
	}
	if *out == "" {
		return fail(e, exitUsage, "catalog pull: -o FILE is required (e.g. -o catalog.json)")
	}
	client, _, err := rf.client(e, ".")
	if err != nil {
		return fail(e, exitUsage, "catalog pull: %v", err)
	}
	cat, notes, err := pullCatalog(ctx, client)
	if err != nil {
		return fail(e, exitProblems, "catalog pull: %s; %s was not written", explainRemote(err), *out)
	}
	for _, n := range notes {
		fmt.Fprintf(e.stderr, "wfc: catalog pull: %s\n", n)
	}
	data, err := json.MarshalIndent(cat, "", "  ")
	if err != nil {
		return fail(e, exitProblems, "catalog pull: %v", err)
	}
	if err := writeOutputFile(*out, append(data, '\n')); err != nil {
		return fail(e, exitUsage, "catalog pull: %v", err)
	}
	actions := 0
	for _, p := range cat.Plugins {
		actions += len(p.Actions)
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d %s, %d %s\n", *out, len(cat.Plugins), plural(len(cat.Plugins), "plugin", "plugins"),
		actions, plural(actions, "action", "actions"))
	return exitOK
}

// pullCatalog lists every plugin and its actions. Work is one request per plugin page and one
// per plugin's action page. notes say which actions' outputs could not be read (in catalog
// order): those actions are saved without outputs rather than failing the pull, since the API
// documents action_output only as a string.
func pullCatalog(ctx context.Context, client *secmaster.Client) (cat *catalog.Catalog, notes []string, err error) {
	comps, err := client.ListComponents(ctx)
	if err != nil {
		return nil, nil, err
	}
	cat = &catalog.Catalog{Plugins: []*catalog.Plugin{}}
	for _, c := range comps {
		acts, err := client.ListComponentActions(ctx, c.ID)
		if err != nil {
			return nil, nil, err
		}
		p := &catalog.Plugin{ID: c.ID, Name: c.Name, Actions: []*catalog.Action{}}
		for _, a := range acts {
			inputs, err := parseActionInput(a.ActionInput)
			if err != nil {
				return nil, nil, fmt.Errorf("plugin %s, action %s: %v", c.Name, a.ActionName, err)
			}
			outputs, err := parseActionOutput(a.ActionOutput, c.Name+"/"+a.ActionName)
			if err != nil {
				notes = append(notes, fmt.Sprintf("action %s/%s: %v; saved without outputs, so references to its outputs are not checked", c.Name, a.ActionName, err))
			}
			p.Actions = append(p.Actions, &catalog.Action{ID: a.ID, Name: a.ActionName, Inputs: inputs, Outputs: outputs})
		}
		cat.Plugins = append(cat.Plugins, p)
	}
	cat.Sort()
	sort.Strings(notes)
	return cat, notes, nil
}

// parseActionOutput reads action_output, which the API documents only as a string holding the
// action's output parameter list. wfc reads it as action_input is written, a JSON array of
// {name, type}, where an object parameter may list its own in fields (the catalog's format).
// Empty or [] is no outputs: unknown, never checked.
func parseActionOutput(s, action string) ([]*catalog.Output, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var outs []*catalog.Output
	if err := json.Unmarshal([]byte(s), &outs); err != nil {
		return nil, fmt.Errorf("action_output is not a JSON array of parameters (%v)", err)
	}
	if err := catalog.CheckOutputs(outs, "action "+action); err != nil {
		return nil, fmt.Errorf("action_output: %v", err)
	}
	if len(outs) == 0 {
		return nil, nil
	}
	return outs, nil
}

// actionParam is one entry of an action_input JSON string. required arrives as a boolean or,
// from some plugins, as the string "true"/"false".
type actionParam struct {
	Name     string          `json:"name"`
	Type     string          `json:"type"`
	Required json.RawMessage `json:"required"`
}

// parseActionInput reads action_input, a JSON string holding an array of parameters.
func parseActionInput(s string) ([]*catalog.Input, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var params []actionParam
	if err := json.Unmarshal([]byte(s), &params); err != nil {
		return nil, fmt.Errorf("action_input is not a JSON array of parameters: %v", err)
	}
	var out []*catalog.Input
	for i, p := range params {
		if p.Name == "" {
			return nil, fmt.Errorf("action_input parameter %d has no name", i+1)
		}
		req := false
		switch strings.Trim(strings.ToLower(string(p.Required)), `"`) {
		case "true":
			req = true
		case "", "false", "null":
		default:
			return nil, fmt.Errorf("action_input parameter %s: required is %s, not true or false", p.Name, p.Required)
		}
		out = append(out, &catalog.Input{Name: p.Name, Type: p.Type, Required: req})
	}
	return out, nil
}
