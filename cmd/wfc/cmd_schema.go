package main

// runSchema is not built yet; its issue builds it.
func runSchema(e *env, args []string) int {
	return fail(e, exitUsage, "'schema' is not implemented yet")
}
