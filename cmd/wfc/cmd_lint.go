package main

// runLint is not built yet; its issue builds it.
func runLint(e *env, args []string) int {
	return fail(e, exitUsage, "'lint' is not implemented yet")
}
