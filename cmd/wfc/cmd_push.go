package main

// runPush is not built yet; its issue builds it.
func runPush(e *env, args []string) int {
	return fail(e, exitUsage, "'push' is not implemented yet")
}
