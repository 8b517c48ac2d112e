package main

// runInstance is not built yet; its issue builds it.
func runInstance(e *env, args []string) int {
	return fail(e, exitUsage, "'instance' is not implemented yet")
}
