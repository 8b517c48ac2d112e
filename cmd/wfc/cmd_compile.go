package main

// runCompile is not built yet; its issue builds it.
func runCompile(e *env, args []string) int {
	return fail(e, exitUsage, "'compile' is not implemented yet")
}
