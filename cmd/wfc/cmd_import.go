package main

// runImport is not built yet; its issue builds it.
func runImport(e *env, args []string) int {
	return fail(e, exitUsage, "'import' is not implemented yet")
}
