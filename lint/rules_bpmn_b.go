package lint

// bpmnRulesPartB: no-implicit-end … superfluous-termination, alphabetical.
var bpmnRulesPartB = []*Rule{
	ruleNoImplicitEnd,
	ruleNoImplicitSplit,
	ruleNoImplicitStart,
	ruleNoInclusiveGateway,
	ruleNoOverlappingElements,
	ruleSingleBlankStartEvent,
	ruleSingleEventDefinition,
	ruleStandardSize,
	ruleStartEventRequired,
	ruleSubProcessBlankStartEvent,
	ruleSuperfluousGateway,
	ruleSuperfluousLabel,
	ruleSuperfluousTermination,
}
