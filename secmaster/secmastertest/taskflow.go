package secmastertest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/wfc-dev/wfc/secmaster"
)

// node is an xml-js non-compact element.
type node struct {
	Type       string            `json:"type"`
	Name       string            `json:"name"`
	Attributes map[string]string `json:"attributes"`
	Elements   []node            `json:"elements"`
	Text       string            `json:"text"`
}

// taskflowDoc is the decoded taskflow: {"elementType":"{}","workflow":{"elements":[...]}}.
type taskflowDoc struct {
	ElementType *string `json:"elementType"`
	Workflow    *node   `json:"workflow"`
}

// decodeTaskflow checks that s is base64 of the taskflow JSON wrapper.
func decodeTaskflow(s string) (*node, *apiError) {
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, errf(400, codeBadTaskflow, "taskflow is not valid base64: %v", err)
	}
	var doc taskflowDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, errf(400, codeBadTaskflow, "taskflow is not base64 of a JSON xml-js tree: %v", err)
	}
	if doc.ElementType == nil || doc.Workflow == nil {
		return nil, errf(400, codeBadTaskflow, "taskflow JSON must have elementType and workflow")
	}
	if len(doc.Workflow.Elements) == 0 {
		return nil, errf(400, codeBadTaskflow, "taskflow workflow has no elements")
	}
	return doc.Workflow, nil
}

// checkTaskconfig requires a JSON object.
func checkTaskconfig(s string) *apiError {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &m); err != nil || m == nil {
		return errf(400, codeBadTaskflow, "taskconfig must be a JSON object")
	}
	return nil
}

// localName strips a namespace prefix: "bpmn2:startEvent" → "startEvent".
func localName(n string) string {
	if i := strings.LastIndexByte(n, ':'); i >= 0 {
		return n[i+1:]
	}
	return n
}

// processes returns the bpmn process elements under the definitions root.
func processes(root *node) []*node {
	var out []*node
	for i := range root.Elements {
		def := &root.Elements[i]
		if localName(def.Name) != "definitions" {
			continue
		}
		for j := range def.Elements {
			if localName(def.Elements[j].Name) == "process" {
				out = append(out, &def.Elements[j])
			}
		}
	}
	return out
}

// graph is a process's flow nodes and sequence flows.
type graph struct {
	nodes map[string]string   // id → local element name
	succ  map[string][]string // source id → target ids, in document order
	ids   []string            // node ids in document order
}

func buildGraph(p *node) (*graph, []string) {
	g := &graph{nodes: map[string]string{}, succ: map[string][]string{}}
	var problems []string
	type flow struct{ id, src, dst string }
	var flows []flow
	for _, el := range p.Elements {
		if el.Type != "element" {
			continue
		}
		id := el.Attributes["id"]
		ln := localName(el.Name)
		if ln == "sequenceFlow" {
			flows = append(flows, flow{id, el.Attributes["sourceRef"], el.Attributes["targetRef"]})
			continue
		}
		if id == "" {
			problems = append(problems, fmt.Sprintf("a %s has no id", ln))
			continue
		}
		if _, dup := g.nodes[id]; dup {
			problems = append(problems, fmt.Sprintf("id %s is used twice", id))
			continue
		}
		g.nodes[id] = ln
		g.ids = append(g.ids, id)
	}
	for _, f := range flows {
		_, okS := g.nodes[f.src]
		_, okT := g.nodes[f.dst]
		if !okS || !okT {
			problems = append(problems, fmt.Sprintf("sequence flow %s connects missing elements", f.id))
			continue
		}
		g.succ[f.src] = append(g.succ[f.src], f.dst)
	}
	return g, problems
}

// checkBasic reports structural problems: one start event, an end event, flows that resolve.
func checkBasic(root *node) []string {
	procs := processes(root)
	if len(procs) != 1 {
		return []string{fmt.Sprintf("want one bpmn process under definitions, found %d", len(procs))}
	}
	g, problems := buildGraph(procs[0])
	starts, ends := 0, 0
	for _, ln := range g.nodes {
		switch ln {
		case "startEvent":
			starts++
		case "endEvent":
			ends++
		}
	}
	if starts != 1 {
		problems = append(problems, fmt.Sprintf("want one start event, found %d", starts))
	}
	if ends == 0 {
		problems = append(problems, "no end event")
	}
	return problems
}

// checkCircle reports a loop in the sequence flows, naming the element where it closes.
func checkCircle(root *node) []string {
	var problems []string
	for _, p := range processes(root) {
		g, _ := buildGraph(p)
		const (
			white = iota
			grey
			black
		)
		color := map[string]int{}
		type frame struct {
			id   string
			next int
		}
		for _, start := range g.ids {
			if color[start] != white {
				continue
			}
			stack := []frame{{start, 0}}
			color[start] = grey
			for len(stack) > 0 {
				top := &stack[len(stack)-1]
				succ := g.succ[top.id]
				if top.next == len(succ) {
					color[top.id] = black
					stack = stack[:len(stack)-1]
					continue
				}
				n := succ[top.next]
				top.next++
				switch color[n] {
				case grey:
					problems = append(problems, "loop through "+n)
				case white:
					color[n] = grey
					stack = append(stack, frame{n, 0})
				}
			}
		}
	}
	sort.Strings(problems)
	return problems
}

type validateBody struct {
	Mode       *string `json:"mode"`
	Taskconfig *string `json:"taskconfig"`
	Taskflow   *string `json:"taskflow"`
	WorkflowID *string `json:"aopworkflow_id"`
}

// validate answers data {result: bool, detail: string}.
func (e *Emulator) validate(rq *request) (reply, *apiError) {
	var b validateBody
	if err := decodeBody(rq, &b); err != nil {
		return reply{}, err
	}
	if b.Mode == nil || b.Taskconfig == nil || b.Taskflow == nil || b.WorkflowID == nil {
		return reply{}, badRequest("mode, taskconfig, taskflow and aopworkflow_id are required")
	}
	if !oneOf(*b.Mode, secmaster.ValidateBasic, secmaster.ValidateCircle, secmaster.ValidateAppParams) {
		return reply{}, badRequest("mode must be BASIC, CIRCLE or APP_PARAMS")
	}
	if _, err := e.workflow(*b.WorkflowID); err != nil {
		return reply{}, err
	}
	if err := checkTaskconfig(*b.Taskconfig); err != nil {
		return reply{}, err
	}
	root, err := decodeTaskflow(*b.Taskflow)
	if err != nil {
		return reply{}, err
	}
	var problems []string
	switch *b.Mode {
	case secmaster.ValidateBasic:
		problems = checkBasic(root)
	case secmaster.ValidateCircle:
		problems = checkCircle(root)
	case secmaster.ValidateAppParams:
		// Plugin parameters are not modelled by the emulator; it accepts them.
	}
	return dataReply(map[string]any{"result": len(problems) == 0, "detail": strings.Join(problems, "; ")}), nil
}
