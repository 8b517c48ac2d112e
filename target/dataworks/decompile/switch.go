package decompile

import (
	"encoding/json"
	"strconv"
	"strings"

	lang "github.com/wfc-dev/wfc/decompile"
)

// A switch compiles to a branch per case, each condition followed by " and not C" for
// every earlier case's condition C (DataWorks takes every branch that holds, wfc the
// first), and a last branch "default" that holds when none does. conditions undoes that:
// the cases' own conditions, and whether the last branch is the default.
func conditions(g *gnode) (conds []string, hasDefault bool) {
	var own []string
	var nots []string
	for _, b := range g.n.Branch.Branches {
		c := b.When
		if len(nots) > 0 {
			c = strings.TrimSuffix(c, " and "+strings.Join(nots, " and "))
		}
		own = append(own, c)
		nots = append(nots, "not "+c)
	}
	k := len(own)
	if k >= 2 {
		last := g.n.Branch.Branches[k-1]
		if last.Desc == "default" && last.When == strings.Join(nots[:k-1], " and ") {
			return own[:k-1], true
		}
	}
	return own, false
}

// inferInputTypes gives each input the type the branch conditions use it as.
func (r *reader) inferInputTypes(w *lang.Workflow) {
	var all []string
	for _, g := range r.gr.nodes {
		if g.kind == kindBranch && g.n.Branch != nil {
			for _, b := range g.n.Branch.Branches {
				all = append(all, b.When)
			}
		}
	}
	r.types = map[string]string{}
	refTypes(all, r.types)
	for _, p := range w.Inputs {
		switch p.Type = r.types[p.Name]; p.Type {
		case "number":
			if _, err := strconv.ParseFloat(unquote(p.Default), 64); err == nil {
				p.Default = json.RawMessage(unquote(p.Default))
			}
		case "boolean":
			if v := unquote(p.Default); v == "true" || v == "false" {
				p.Default = json.RawMessage(v)
			}
		case "string":
			p.Type = "" // the default type
		}
	}
}

func unquote(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// readSwitch reads a branch node's cases; where they go is the structure's (structure.go).
func (r *reader) readSwitch(g *gnode) {
	if g.n.Branch == nil || len(g.n.Branch.Branches) == 0 {
		r.fail(g, "%s has no branches; a switch needs at least one case", describe(g.n))
		return
	}
	conds, hasDefault := conditions(g)
	for i, c := range conds {
		b := g.n.Branch.Branches[i]
		cs := &lang.Case{Name: b.Desc}
		if strings.HasPrefix(b.Desc, "${") && strings.HasSuffix(b.Desc, "}") {
			cs.When, cs.Name = b.Desc, "" // a case without a name: its desc is its when as written
		} else if when, err := pyToWfc(c, r.types); err == nil {
			cs.When = when
		} else {
			r.fail(g, "%s: branch condition %q has no wfc form: %v", describe(g.n), c, err)
			cs.When = "${false}"
		}
		g.step.Cases = append(g.step.Cases, cs)
	}
	if !hasDefault && len(g.ways) > len(conds) {
		r.fail(g, "%s: a branch has no output", describe(g.n))
	}
	g.defaultWay = hasDefault
}
