package lint

// workflowRules look at the YAML workflow itself: things bpmnlint cannot know. Graph rules
// first, then expressions, conditions, references, parameters, secrets, approvals, the catalog, the
// workflows a call names, and the text SecMaster's canvas would change.
var workflowRules = []*Rule{
	wfUnreachableStep,
	wfNoPathToEnd,
	wfLoopWithoutExit,
	wfSwitchDefault,
	wfExpressionSyntax,
	wfForgottenBrace,
	wfExpressionType,
	wfDuplicateWhen,
	wfConstantWhen,
	wfUnknownReference,
	wfOutputBeforeRun,
	wfUnusedInput,
	wfUnassignedOutput,
	wfSecretInWith,
	wfApprovalTimeoutAction,
	wfRejectSameAsApprove,
	wfUnknownAction,
	wfMissingActionInput,
	wfUnknownActionInput,
	wfUnknownOutputField,
	wfUnknownWorkflow,
	wfMissingWorkflowInput,
	wfUnknownWorkflowInput,
	wfWorkflowInputType,
	wfRedundantNext,
	wfEntityLikeText,
}
