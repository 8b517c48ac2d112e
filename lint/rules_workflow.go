package lint

// workflowRules look at the YAML workflow itself: things bpmnlint cannot know.
var workflowRules = []*Rule{}
