package main

// runExport is not built yet; its issue builds it.
func runExport(e *env, args []string) int {
	return fail(e, exitUsage, "'export' is not implemented yet")
}
