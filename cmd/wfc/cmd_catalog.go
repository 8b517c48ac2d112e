package main

// runCatalog is not built yet; its issue builds it.
func runCatalog(e *env, args []string) int {
	return fail(e, exitUsage, "'catalog' is not implemented yet")
}
