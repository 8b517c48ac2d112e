package secmastertest

import "github.com/wfc-dev/wfc/secmaster"

type componentRec struct {
	c       secmaster.Component
	actions []secmaster.ComponentAction
}

func (e *Emulator) listComponents(rq *request) (reply, *apiError) {
	offset, limit, err := paging(rq.query)
	if err != nil {
		return reply{}, err
	}
	all := make([]secmaster.Component, len(e.components))
	for i, r := range e.components {
		all[i] = r.c
	}
	return listReply(all, offset, limit), nil
}

func (e *Emulator) listComponentActions(rq *request) (reply, *apiError) {
	offset, limit, err := paging(rq.query)
	if err != nil {
		return reply{}, err
	}
	for _, r := range e.components {
		if r.c.ID == rq.params[0] {
			return listReply(r.actions, offset, limit), nil
		}
	}
	return reply{}, errf(400, codeComponentNotFound, "component not found")
}
