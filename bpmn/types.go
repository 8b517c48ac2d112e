package bpmn

import "strings"

// The BPMN type hierarchy, transcribed from bpmn-moddle's resources/bpmn/json/bpmn.json
// (bpmn-io/bpmn-moddle, the "superClass" arrays). Each entry lists the direct super classes;
// Is() answers with the transitive closure, as moddle's is() does. Types without a super
// class (ExtensionElements, InteractionNode, Import, ...) are listed with none so that
// knownType() recognises them.
var superClasses = map[string][]string{
	"BaseElement":       nil,
	"RootElement":       {"BaseElement"},
	"Definitions":       {"BaseElement"},
	"Documentation":     {"BaseElement"},
	"ExtensionElements": nil,
	"Extension":         nil,
	"Import":            nil,
	"Relationship":      {"BaseElement"},
	"Auditing":          {"BaseElement"},
	"Monitoring":        {"BaseElement"},
	"InteractionNode":   nil,

	"Expression":       {"BaseElement"},
	"FormalExpression": {"Expression"},

	"FlowElement":           {"BaseElement"},
	"FlowNode":              {"FlowElement"},
	"FlowElementsContainer": {"BaseElement"},
	"CallableElement":       {"RootElement"},
	"SequenceFlow":          {"FlowElement"},

	"Process":            {"FlowElementsContainer", "CallableElement"},
	"Collaboration":      {"RootElement"},
	"GlobalConversation": {"Collaboration"},
	"Participant":        {"InteractionNode", "BaseElement"},
	"MessageFlow":        {"BaseElement"},
	"LaneSet":            {"BaseElement"},
	"Lane":               {"BaseElement"},

	"Activity":         {"FlowNode"},
	"Task":             {"Activity", "InteractionNode"},
	"ServiceTask":      {"Task"},
	"UserTask":         {"Task"},
	"ManualTask":       {"Task"},
	"ScriptTask":       {"Task"},
	"SendTask":         {"Task"},
	"ReceiveTask":      {"Task"},
	"BusinessRuleTask": {"Task"},
	"SubProcess":       {"Activity", "FlowElementsContainer", "InteractionNode"},
	"AdHocSubProcess":  {"SubProcess"},
	"Transaction":      {"SubProcess"},
	"CallActivity":     {"Activity"},

	"Event":                  {"FlowNode", "InteractionNode"},
	"CatchEvent":             {"Event"},
	"ThrowEvent":             {"Event"},
	"StartEvent":             {"CatchEvent"},
	"IntermediateCatchEvent": {"CatchEvent"},
	"BoundaryEvent":          {"CatchEvent"},
	"EndEvent":               {"ThrowEvent"},
	"IntermediateThrowEvent": {"ThrowEvent"},
	"ImplicitThrowEvent":     {"ThrowEvent"},

	"Gateway":           {"FlowNode"},
	"ExclusiveGateway":  {"Gateway"},
	"InclusiveGateway":  {"Gateway"},
	"ParallelGateway":   {"Gateway"},
	"ComplexGateway":    {"Gateway"},
	"EventBasedGateway": {"Gateway"},

	"EventDefinition":            {"RootElement"},
	"CancelEventDefinition":      {"EventDefinition"},
	"CompensateEventDefinition":  {"EventDefinition"},
	"ConditionalEventDefinition": {"EventDefinition"},
	"ErrorEventDefinition":       {"EventDefinition"},
	"EscalationEventDefinition":  {"EventDefinition"},
	"LinkEventDefinition":        {"EventDefinition"},
	"MessageEventDefinition":     {"EventDefinition"},
	"SignalEventDefinition":      {"EventDefinition"},
	"TerminateEventDefinition":   {"EventDefinition"},
	"TimerEventDefinition":       {"EventDefinition"},

	"Error":               {"RootElement"},
	"Escalation":          {"RootElement"},
	"Message":             {"RootElement"},
	"Signal":              {"RootElement"},
	"ItemDefinition":      {"RootElement"},
	"Interface":           {"RootElement"},
	"EndPoint":            {"RootElement"},
	"Resource":            {"RootElement"},
	"PartnerEntity":       {"RootElement"},
	"PartnerRole":         {"RootElement"},
	"CorrelationProperty": {"RootElement"},
	"DataStore":           {"RootElement", "ItemAwareElement"},
	"Category":            {"RootElement"},
	"CategoryValue":       {"BaseElement"},
	"Operation":           {"BaseElement"},
	"GlobalTask":          {"CallableElement"},

	"Artifact":       {"BaseElement"},
	"TextAnnotation": {"Artifact"},
	"Group":          {"Artifact"},
	"Association":    {"Artifact"},

	"ItemAwareElement":         {"BaseElement"},
	"DataObject":               {"FlowElement", "ItemAwareElement"},
	"DataObjectReference":      {"ItemAwareElement", "FlowElement"},
	"DataStoreReference":       {"ItemAwareElement", "FlowElement"},
	"DataInput":                {"ItemAwareElement"},
	"DataOutput":               {"ItemAwareElement"},
	"Property":                 {"ItemAwareElement"},
	"DataState":                {"BaseElement"},
	"DataAssociation":          {"BaseElement"},
	"DataInputAssociation":     {"DataAssociation"},
	"DataOutputAssociation":    {"DataAssociation"},
	"InputOutputSpecification": {"BaseElement"},
	"InputOutputBinding":       nil,
	"InputSet":                 {"BaseElement"},
	"OutputSet":                {"BaseElement"},
	"Assignment":               {"BaseElement"},

	"LoopCharacteristics":              {"BaseElement"},
	"MultiInstanceLoopCharacteristics": {"LoopCharacteristics"},
	"StandardLoopCharacteristics":      {"LoopCharacteristics"},
	"ComplexBehaviorDefinition":        {"BaseElement"},

	"ResourceRole":                 {"BaseElement"},
	"Performer":                    {"ResourceRole"},
	"HumanPerformer":               {"Performer"},
	"PotentialOwner":               {"HumanPerformer"},
	"ResourceParameter":            {"BaseElement"},
	"ResourceParameterBinding":     nil,
	"ResourceAssignmentExpression": nil,
	"Rendering":                    {"BaseElement"},

	"CorrelationKey":                         {"BaseElement"},
	"CorrelationSubscription":                {"BaseElement"},
	"CorrelationPropertyBinding":             {"BaseElement"},
	"CorrelationPropertyRetrievalExpression": {"BaseElement"},
	"ConversationNode":                       {"InteractionNode", "BaseElement"},
	"Conversation":                           {"ConversationNode"},
	"SubConversation":                        {"ConversationNode"},
	"CallConversation":                       {"ConversationNode"},
	"ConversationLink":                       {"BaseElement"},
	"ConversationAssociation":                {"BaseElement"},
	"ParticipantAssociation":                 {"BaseElement"},
	"ParticipantMultiplicity":                nil,
	"MessageFlowAssociation":                 {"BaseElement"},
}

// ancestors maps every known type to the types it is (itself included, at most a dozen);
// built once from superClasses. A list: Is scans it, which is cheaper than hashing the
// type asked about.
var ancestors = buildAncestors()

func buildAncestors() map[string]typeList {
	out := make(map[string]typeList, len(superClasses))
	var collect func(t string, into typeList) typeList
	collect = func(t string, into typeList) typeList {
		if into.has(t) {
			return into
		}
		into = append(into, t)
		for _, s := range superClasses[t] {
			into = collect(s, into)
		}
		return into
	}
	for t := range superClasses {
		out[t] = collect(t, nil)
	}
	return out
}

// typeList is the types an element type is.
type typeList []string

func (l typeList) has(t string) bool {
	for _, x := range l {
		if x == t {
			return true
		}
	}
	return false
}

// knownType reports whether t is a BPMN type name (without prefix) that wfc models.
func knownType(t string) bool {
	_, ok := superClasses[t]
	return ok
}

// Is reports whether e is of BPMN type t or a subtype of it, as bpmn-moddle's is() does:
// a UserTask is a "Task", an "Activity", a "FlowNode", a "FlowElement" and a "BaseElement".
// t may carry the "bpmn:" prefix bpmnlint's rules use ("bpmn:FlowNode"). Elements of other
// namespaces (extension elements) are never any BPMN type.
func (e *Element) Is(t string) bool {
	if e == nil {
		return false
	}
	return e.ancestors().has(strings.TrimPrefix(t, "bpmn:"))
}

// typeSet is an element type's entry of ancestors, kept on elements made by Read and the
// builder so that Is does not look the type up again for every question: bpmnlint's rules
// ask thousands per file. It is used only while Type is still the type it was made for.
// Elements point at one shared entry per type (typeSets): a compiled workflow has
// thousands of elements, and a pointer is a fifth of the entry's size.
// It also holds the type's tag, so that the builder finds both in one look-up.
type typeSet struct {
	of  string
	set typeList
	tag string // tagForType(of)
	// defaultable marks the gateways that can have a default flow (SetDefault).
	defaultable bool
	// flowNode is set.has("FlowNode"), which Connect asks of both ends of every flow.
	flowNode bool
}

var typeSets = func() map[string]*typeSet {
	sets := make(map[string]*typeSet, len(ancestors))
	for t, set := range ancestors {
		defaultable := t == "ExclusiveGateway" || t == "InclusiveGateway" || t == "ComplexGateway"
		sets[t] = &typeSet{of: t, set: set, tag: tagForType(t), defaultable: defaultable,
			flowNode: set.has("FlowNode")}
	}
	return sets
}()

// typeSetOf is typ's entry, nil for a type wfc does not model (see knownType).
func typeSetOf(typ string) *typeSet { return typeSets[typ] }

// ancestors is the types e is, nil for a type wfc does not model.
func (e *Element) ancestors() typeList {
	if e.kinds != nil && e.kinds.of == e.Type {
		return e.kinds.set
	}
	return ancestors[e.Type]
}

// IsAny reports whether e is of at least one of the types, like bpmnlint's isAny().
func (e *Element) IsAny(types ...string) bool {
	if e == nil {
		return false
	}
	set := e.ancestors() // once, not once per type: rules call this for every element
	for _, t := range types {
		if set.has(strings.TrimPrefix(t, "bpmn:")) {
			return true
		}
	}
	return false
}

// Attr returns the value of the named attribute (qualified as written) and whether it is present.
func (e *Element) Attr(name string) (string, bool) {
	for _, a := range e.Attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// SetAttr sets an attribute, keeping its place if present and appending it otherwise. It
// keeps ID and Name in step with the "id" and "name" attributes.
func (e *Element) SetAttr(name, value string) {
	switch name {
	case "id":
		e.ID = value
	case "name":
		e.Name = value
	}
	for i := range e.Attrs {
		if e.Attrs[i].Name == name {
			e.Attrs[i].Value = value
			return
		}
	}
	e.Attrs = append(e.Attrs, Attr{Name: name, Value: value})
}

// ChildrenOf returns e's children of BPMN type t (subtypes included), in document order:
// the moddle equivalent of reading one property ("eventDefinitions", "flowElements", ...).
func (e *Element) ChildrenOf(t string) []*Element {
	var out []*Element
	for _, c := range e.Children {
		if c.Is(t) {
			out = append(out, c)
		}
	}
	return out
}

// Property tags: child elements whose tag names a moddle property, not a type. Their type
// is the property's declared type; an xsi:type attribute ("bpmn2:tFormalExpression")
// overrides it, as in moddle.
var propertyTagTypes = map[string]string{
	"conditionExpression": "Expression", // SequenceFlow
	"condition":           "Expression", // ConditionalEventDefinition, ComplexBehaviorDefinition
	"timeDate":            "Expression", // TimerEventDefinition
	"timeCycle":           "Expression",
	"timeDuration":        "Expression",
	"completionCondition": "Expression", // MultiInstanceLoopCharacteristics, AdHocSubProcess
	"loopCardinality":     "Expression",
	"loopCondition":       "Expression", // StandardLoopCharacteristics
	"loopMaximum":         "Expression",
	"activationCondition": "Expression", // ComplexGateway
	"from":                "Expression", // Assignment
	"to":                  "Expression",
	"transformation":      "FormalExpression", // DataAssociation
	"messagePath":         "FormalExpression", // CorrelationPropertyRetrievalExpression
	"dataPath":            "FormalExpression", // CorrelationPropertyBinding
	"childLaneSet":        "LaneSet",          // Lane
	"inputDataItem":       "DataInput",        // MultiInstanceLoopCharacteristics
	"outputDataItem":      "DataOutput",
	"event":               "ImplicitThrowEvent", // ComplexBehaviorDefinition
}

// bodyPropertyTags are string-valued properties written as child elements; their text
// becomes the Body of the owning element (TextAnnotation.text, ScriptTask.script).
var bodyPropertyTags = map[string]string{
	"TextAnnotation": "text",
	"ScriptTask":     "script",
}

// childRefTags are the reference properties BPMN writes as child elements holding an id
// (<incoming>Flow_1</incoming>), in the order Write emits them. incoming and outgoing fill
// Element.Incoming/Outgoing; the others fill Refs under the tag name.
var childRefTags = []string{
	"incoming", "outgoing",
	"flowNodeRef", "categoryValueRef", "sourceRef", "targetRef",
	"eventDefinitionRef", "eventDefinitionRefs", "boundaryEventRefs",
	"dataInputRefs", "optionalInputRefs", "whileExecutingInputRefs", "outputSetRefs",
	"dataOutputRefs", "inputSetRefs", "optionalOutputRefs", "whileExecutingOutputRefs",
	"supportedInterfaceRef", "supportedInterfaceRefs", "interfaceRef", "interfaceRefs",
	"endPointRef", "endPointRefs", "participantRef", "participantRefs",
	"messageFlowRef", "messageFlowRefs", "choreographyRef", "resourceRef", "supports",
	"errorRef", "errorRefs", "correlationPropertyRef", "source", "target",
}

var childRefTagSet = func() map[string]bool {
	m := make(map[string]bool, len(childRefTags))
	for _, t := range childRefTags {
		m[t] = true
	}
	return m
}()

// refAttrs are the attributes whose value is the id of another element (moddle's
// isAttr+isReference properties). sourceRef, targetRef, default and attachedToRef fill the
// dedicated pointer fields; the rest fill Refs under the attribute name.
var refAttrs = map[string]bool{
	"sourceRef": true, "targetRef": true, "default": true, "attachedToRef": true,
	"errorRef": true, "escalationRef": true, "messageRef": true, "signalRef": true,
	"processRef": true, "calledElement": true, "dataObjectRef": true, "dataStoreRef": true,
	"categoryValueRef": true, "activityRef": true, "operationRef": true, "itemSubjectRef": true,
	"itemRef": true, "partitionElementRef": true, "definitionalCollaborationRef": true,
	"inMessageRef": true, "outMessageRef": true, "evaluatesToTypeRef": true,
	"loopDataInputRef": true, "loopDataOutputRef": true, "oneBehaviorEventRef": true,
	"noneBehaviorEventRef": true, "correlationKeyRef": true, "correlationPropertyRef": true,
	"calledCollaborationRef": true, "calledChoreographyRef": true, "initiatingParticipantRef": true,
	"innerParticipantRef": true, "outerParticipantRef": true, "innerMessageFlowRef": true,
	"outerMessageFlowRef": true, "innerConversationNodeRef": true, "outerConversationNodeRef": true,
	"parameterRef": true, "inputDataRef": true, "outputDataRef": true,
}

// isRefAttr is refAttrs[name], without hashing the names of the attributes most elements
// carry: every reference attribute's name ends in "Ref" but default's and calledElement's.
func isRefAttr(name string) bool {
	if !strings.HasSuffix(name, "Ref") {
		return name == "default" || name == "calledElement"
	}
	return refAttrs[name]
}

// softRefAttrs name things that may legitimately live outside the document, so a value
// that names no element is not recorded in Unresolved: moddle types calledElement as a
// plain String, and Flowable resolves it as a process key among all deployed processes.
var softRefAttrs = map[string]bool{"calledElement": true}

// TypeForTag returns the moddle type of a BPMN element from its local tag and xsi:type
// value ("" when absent): "startEvent" -> "StartEvent", "conditionExpression" with
// xsi:type "bpmn2:tFormalExpression" -> "FormalExpression". It returns "" for tags that
// are not elements of their own (reference and string properties, unknown tags).
func TypeForTag(tag, xsiType string) string {
	if xsiType != "" {
		if t := strings.TrimPrefix(LocalName(xsiType), "t"); knownType(t) && t != LocalName(xsiType) {
			return t
		}
	}
	if t, ok := propertyTagTypes[tag]; ok {
		return t
	}
	if tag == "" || childRefTagSet[tag] {
		return ""
	}
	// bpmn-moddle's tagAlias "lowerCase": the tag is the type with a lower-case first letter.
	t := strings.ToUpper(tag[:1]) + tag[1:]
	if knownType(t) && tag != t {
		return t
	}
	return ""
}

// tagForType is the inverse used when an element built in code has no Tag: the type with a
// lower-case first letter. The tags of BPMN's types are made once (typeTags): the builder
// asks for one per element.
func tagForType(t string) string {
	if tag, ok := typeTags[t]; ok {
		return tag
	}
	return lowerFirst(t)
}

var typeTags = func() map[string]string {
	tags := make(map[string]string, len(superClasses))
	for t := range superClasses {
		tags[t] = lowerFirst(t)
	}
	return tags
}()

func lowerFirst(t string) string {
	if t == "" {
		return ""
	}
	return strings.ToLower(t[:1]) + t[1:]
}
