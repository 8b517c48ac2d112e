package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run this binary as the "wfc" command inside scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"wfc": func() {
			os.Exit(run(&env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}, os.Args[1:]))
		},
	})
}

// TestScripts runs the end-to-end CLI scripts in testdata/script/*.txtar.
// Set WFC_UPDATE_SCRIPTS=1 to rewrite their expected output (review the diff like code).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("WFC_UPDATE_SCRIPTS") == "1",
		Setup:         setupScriptEnv,
		Cmds:          emulatorCmds,
	})
}

func setupScriptEnv(e *testscript.Env) error {
	// Keep output plain and credentials out of scripts unless a script sets them.
	e.Setenv("NO_COLOR", "1")
	for _, k := range []string{"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_AUTH_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN",
		"HUAWEICLOUD_SDK_PROJECT_ID", "HUAWEICLOUD_SDK_REGION", "WFC_SECMASTER_ENDPOINT", "WFC_SECMASTER_WORKSPACE_ID"} {
		e.Setenv(k, "")
	}
	setupEmulatorSlot(e)
	setupDataWorksSlot(e)
	// Scripts copy the bundled examples from the repository (never from ../shared).
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return err
	}
	e.Setenv("WFC_REPO_ROOT", root)
	return nil
}
