package lint

// bpmnRules are bpmnlint's 28 rules ported to the BPMN model, in bpmnlint's alphabetical order
// (the two halves live in rules_bpmn_a.go and rules_bpmn_b.go).
var bpmnRules = append(append([]*Rule{}, bpmnRulesPartA...), bpmnRulesPartB...)
