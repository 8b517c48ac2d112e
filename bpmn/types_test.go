package bpmn

import "testing"

func TestIsFollowsModdleHierarchy(t *testing.T) {
	for _, tc := range []struct {
		typ     string
		is, not []string
	}{
		{"UserTask", []string{"UserTask", "Task", "Activity", "FlowNode", "FlowElement", "BaseElement", "InteractionNode", "bpmn:Task"},
			[]string{"Gateway", "Event", "SubProcess", "RootElement", "ServiceTask"}},
		{"SubProcess", []string{"Activity", "FlowElementsContainer", "InteractionNode", "FlowNode"}, []string{"Task", "Process"}},
		{"AdHocSubProcess", []string{"SubProcess", "Activity", "FlowElementsContainer"}, []string{"Transaction"}},
		{"Transaction", []string{"SubProcess"}, nil},
		{"CallActivity", []string{"Activity", "FlowNode"}, []string{"Task", "InteractionNode", "SubProcess"}},
		{"BoundaryEvent", []string{"CatchEvent", "Event", "FlowNode", "InteractionNode"}, []string{"ThrowEvent", "Activity"}},
		{"EndEvent", []string{"ThrowEvent", "Event"}, []string{"CatchEvent"}},
		{"IntermediateThrowEvent", []string{"ThrowEvent"}, []string{"CatchEvent", "IntermediateCatchEvent"}},
		{"StartEvent", []string{"CatchEvent", "bpmn:Event"}, []string{"ThrowEvent"}},
		{"EventBasedGateway", []string{"Gateway", "FlowNode"}, []string{"ExclusiveGateway", "Event"}},
		{"SequenceFlow", []string{"FlowElement", "BaseElement"}, []string{"FlowNode", "Artifact"}},
		{"MessageFlow", []string{"BaseElement"}, []string{"FlowElement"}},
		{"Association", []string{"Artifact", "BaseElement"}, []string{"FlowElement"}},
		{"Group", []string{"Artifact"}, []string{"FlowElement"}},
		{"TextAnnotation", []string{"Artifact"}, nil},
		{"DataObjectReference", []string{"ItemAwareElement", "FlowElement"}, []string{"FlowNode"}},
		{"DataStoreReference", []string{"ItemAwareElement", "FlowElement"}, []string{"FlowNode"}},
		{"DataObject", []string{"FlowElement", "ItemAwareElement"}, nil},
		{"DataInput", []string{"ItemAwareElement"}, []string{"FlowElement"}},
		{"Participant", []string{"InteractionNode", "BaseElement"}, []string{"RootElement"}},
		{"Process", []string{"RootElement", "CallableElement", "FlowElementsContainer"}, []string{"FlowElement", "Activity"}},
		{"Collaboration", []string{"RootElement"}, nil},
		{"Lane", []string{"BaseElement"}, []string{"FlowElement"}},
		{"TimerEventDefinition", []string{"EventDefinition", "RootElement"}, []string{"Event"}},
		{"Error", []string{"RootElement"}, []string{"EventDefinition"}},
		{"FormalExpression", []string{"Expression", "BaseElement"}, nil},
		{"CategoryValue", []string{"BaseElement"}, []string{"RootElement"}},
		{"ExtensionElements", []string{"ExtensionElements"}, []string{"BaseElement"}},
		{"MultiInstanceLoopCharacteristics", []string{"LoopCharacteristics"}, nil},
	} {
		e := &Element{Type: tc.typ}
		for _, s := range tc.is {
			if !e.Is(s) {
				t.Errorf("%s should be %s", tc.typ, s)
			}
		}
		for _, s := range tc.not {
			if e.Is(s) {
				t.Errorf("%s should not be %s", tc.typ, s)
			}
		}
	}
	for _, kind := range []string{"Cancel", "Compensate", "Conditional", "Error", "Escalation", "Link", "Message", "Signal", "Terminate", "Timer"} {
		if !(&Element{Type: kind + "EventDefinition"}).Is("EventDefinition") {
			t.Errorf("%sEventDefinition is not an EventDefinition", kind)
		}
	}
	var none *Element
	if none.Is("BaseElement") || (&Element{Type: "flowable:field"}).Is("BaseElement") || (&Element{Type: "Task"}).Is("bpmn2:Task") {
		t.Error("nil, foreign elements and other prefixes are no BPMN type")
	}
	if !(&Element{Type: "ScriptTask"}).IsAny("Gateway", "Task") || (&Element{Type: "ScriptTask"}).IsAny("Gateway", "Event") {
		t.Error("IsAny")
	}
}

// Every super class named in the table is itself a known type, so no chain silently ends.
func TestSuperClassTableIsClosed(t *testing.T) {
	for typ, supers := range superClasses {
		for _, s := range supers {
			if !knownType(s) {
				t.Errorf("%s names unknown super class %s", typ, s)
			}
		}
	}
}

func TestTypeForTag(t *testing.T) {
	for _, tc := range []struct{ tag, xsi, want string }{
		{"startEvent", "", "StartEvent"},
		{"userTask", "", "UserTask"},
		{"subProcess", "", "SubProcess"},
		{"adHocSubProcess", "", "AdHocSubProcess"},
		{"multiInstanceLoopCharacteristics", "", "MultiInstanceLoopCharacteristics"},
		{"documentation", "", "Documentation"},
		{"extensionElements", "", "ExtensionElements"},
		{"conditionExpression", "bpmn2:tFormalExpression", "FormalExpression"},
		{"conditionExpression", "tFormalExpression", "FormalExpression"},
		{"conditionExpression", "", "Expression"},
		{"timeDuration", "bpmn:tFormalExpression", "FormalExpression"},
		{"timeCycle", "", "Expression"},
		{"completionCondition", "xsi:tExpression", "Expression"},
		{"loopCardinality", "bpmn:tFormalExpression", "FormalExpression"},
		{"condition", "bpmn:tFormalExpression", "FormalExpression"},
		{"childLaneSet", "bpmn:tLaneSet", "LaneSet"},
		{"formalExpression", "", "FormalExpression"},
		{"conditionExpression", "foo:tNothing", "Expression"},
		{"incoming", "", ""},
		{"flowNodeRef", "", ""},
		{"text", "", ""},
		{"StartEvent", "", ""},
		{"fooTask", "", ""},
		{"", "", ""},
	} {
		if got := TypeForTag(tc.tag, tc.xsi); got != tc.want {
			t.Errorf("TypeForTag(%q, %q) = %q, want %q", tc.tag, tc.xsi, got, tc.want)
		}
	}
}

func TestElementAttrs(t *testing.T) {
	e := &Element{}
	e.SetAttr("id", "A")
	e.SetAttr("soar:x", "1")
	e.SetAttr("name", "n")
	e.SetAttr("id", "B")
	if e.ID != "B" || e.Name != "n" || attrNames(e) != "id soar:x name" {
		t.Errorf("element = %+v", e)
	}
	if v, ok := e.Attr("soar:x"); !ok || v != "1" {
		t.Errorf("Attr = %q %v", v, ok)
	}
	if _, ok := e.Attr("x"); ok {
		t.Error("Attr found a missing attribute")
	}
}

// TestIsFollowsTypeChanges: the answer table an element is made with is not used once its
// Type is changed, and an element made without one (a literal) answers the same.
func TestIsFollowsTypeChanges(t *testing.T) {
	defs := NewDefinitions("D", "bpmn2", nil)
	proc, err := defs.AddProcess("P", "")
	if err != nil {
		t.Fatal(err)
	}
	task, err := defs.AddNode(proc, "Task", "T", "")
	if err != nil {
		t.Fatal(err)
	}
	if !task.Is("Task") || task.Is("UserTask") || !task.IsAny("bpmn:Gateway", "bpmn:Activity") {
		t.Fatalf("a built Task: Is(Task) %v, Is(UserTask) %v", task.Is("Task"), task.Is("UserTask"))
	}
	task.Type = "UserTask"
	if !task.Is("UserTask") || !task.IsAny("bpmn:UserTask") {
		t.Error("after Type = UserTask, Is(UserTask) is false: a stale answer table was used")
	}
	task.Type = "ExclusiveGateway"
	if task.Is("Activity") || !task.Is("Gateway") {
		t.Error("after Type = ExclusiveGateway, Is answers for the old type")
	}
	if lit := (&Element{Type: "UserTask"}); !lit.Is("bpmn:Task") || lit.Is("Gateway") {
		t.Error("an element literal answers differently")
	}
}
