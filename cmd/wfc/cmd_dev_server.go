package main

// runDevServer is not built yet; its issue builds it.
func runDevServer(e *env, args []string) int {
	return fail(e, exitUsage, "'dev-server' is not implemented yet")
}
