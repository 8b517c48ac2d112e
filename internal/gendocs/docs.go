package main

// docs/rules.md is generated from the rules themselves, so it cannot drift from them;
// TestRulesDocIsUpToDate fails when it is stale.
//go:generate go run . -o ../../docs/rules.md
