// Command wfc compiles, lints and publishes Huawei Cloud SecMaster workflows written as YAML.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/wfc-dev/wfc/internal/suggest"
)

// Exit codes, shared by every command.
const (
	exitOK       = 0 // success; lint found nothing worse than warnings
	exitProblems = 1 // the input has errors (lint, schema, compile) or a remote call failed
	exitUsage    = 2 // bad flags or arguments, or a file could not be read or written
	// exitUnknown: a command that acts (instance retry, terminate, debug; push's create,
	// submit, activate) was sent, but its outcome is unknown (a 5xx, a reset or a timeout
	// after sending, and reading the state back did not tell); it is never resent.
	exitUnknown = 3
)

// env is what a command may touch of the outside world; tests and testscript pass their own.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

type command struct {
	summary string
	run     func(e *env, args []string) int
}

// commands is the explicit list of subcommands.
var commands = map[string]command{
	"convert":    {"convert BPMN between XML, xml-js tree and SecMaster taskflow forms", runConvert},
	"compile":    {"compile YAML workflows into SecMaster create-version requests", runCompile},
	"lint":       {"lint YAML workflows, BPMN files and taskflows", runLint},
	"schema":     {"print the workflow JSON Schema", runSchema},
	"push":       {"compile, lint and publish workflows as new versions", runPush},
	"package":    {"build a SecMaster workflow import file", runPackage},
	"import":     {"upload an import file to SecMaster", runImport},
	"export":     {"download workflows from SecMaster as an export file", runExport},
	"instance":   {"list, show, retry, terminate or debug workflow instances", runInstance},
	"catalog":    {"pull the plugin catalog for offline linting", runCatalog},
	"dev-server": {"run local SecMaster and DataWorks emulators for trying push without an account", runDevServer},
	"render":     {"draw a workflow or BPMN diagram as an SVG", runRender},
	"diff":       {"compare two workflows step by step, in the language's terms", runDiff},
	"pull":       {"fetch the deployed workflows as YAML files mapped in wfc.yaml", runPull},
	"decompile":  {"turn SecMaster workflows back into wfc YAML", runDecompile},
}

func main() {
	os.Exit(run(&env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}, os.Args[1:]))
}

func run(e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr) // no command is a usage error, so the usage goes where errors go
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "-help":
		usage(e.stdout) // help that was asked for is output, not an error
		return exitOK
	case "help":
		return runHelp(e, args[1:])
	case "version", "--version":
		fmt.Fprintln(e.stdout, "wfc", version)
		return exitOK
	}
	if strings.HasPrefix(args[0], "-") {
		return fail(e, exitUsage, "unknown flag %s; wfc takes a command first: run 'wfc help' for the list", args[0])
	}
	cmd, ok := commands[args[0]]
	if !ok {
		return fail(e, exitUsage, "%s", unknownCommand(args[0]))
	}
	return cmd.run(e, args[1:])
}

// runHelp prints the command list, or with a command name that command's help, to stdout.
func runHelp(e *env, args []string) int {
	switch {
	case len(args) == 0:
		usage(e.stdout)
		return exitOK
	case len(args) > 1:
		return fail(e, exitUsage, "help takes one command name, got %d; run 'wfc help' for the list", len(args))
	}
	cmd, ok := commands[args[0]]
	if !ok {
		return fail(e, exitUsage, "help: %s", unknownCommand(args[0]))
	}
	return cmd.run(e, []string{"-h"})
}

// version is set by the linker in release builds.
var version = "dev"

// unknownCommand says that name is no command, with the nearest one when it looks like a typo.
func unknownCommand(name string) string {
	if best, ok := suggest.Closest(name, commandNames()); ok {
		return fmt.Sprintf("unknown command %q; did you mean %q? Run 'wfc help' for the list", name, best)
	}
	return fmt.Sprintf("unknown command %q; run 'wfc help' for the list", name)
}

// commandNames are the commands' names, sorted.
func commandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: wfc <command> [flags] [args]")
	fmt.Fprintln(w)
	names := commandNames()
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nrun 'wfc help <command>' or 'wfc <command> -h' for what a command does and its flags")
}

// fail prints a one-line error in the house style and returns code.
func fail(e *env, code int, format string, args ...any) int {
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintln(e.stderr, "wfc: "+strings.TrimRight(msg, "\n"))
	return code
}
