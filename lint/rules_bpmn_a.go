package lint

// bpmnRulesPartA: ad-hoc-sub-process … no-gateway-join-fork, alphabetical.
var bpmnRulesPartA = []*Rule{
	ruleAdHocSubProcess,
	ruleConditionalEvent,
	ruleConditionalFlows,
	ruleEndEventRequired,
	ruleEventBasedGateway,
	ruleEventSubProcessTypedStartEvent,
	ruleFakeJoin,
	ruleGlobal,
	ruleLabelRequired,
	ruleLinkEvent,
	ruleNoBpmndi,
	ruleNoComplexGateway,
	ruleNoDisconnected,
	ruleNoDuplicateSequenceFlows,
	ruleNoGatewayJoinFork,
}
