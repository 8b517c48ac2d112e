package main

// runPackage is not built yet; its issue builds it.
func runPackage(e *env, args []string) int {
	return fail(e, exitUsage, "'package' is not implemented yet")
}
