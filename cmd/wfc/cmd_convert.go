package main

// runConvert is not built yet; its issue builds it.
func runConvert(e *env, args []string) int {
	return fail(e, exitUsage, "'convert' is not implemented yet")
}
