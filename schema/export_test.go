package schema

// What kinds_test.go (package schema_test, which imports workflow, so cannot be in package
// schema) compares with workflow.Kinds.

var StepKinds = stepKinds

const KindMessage = kindMessage

// OutOfPlace is the message for step key key on a step whose kind does not allow it.
func OutOfPlace(key string) string { return annotations["/$defs/step/properties/"+key].outOfPlace }
