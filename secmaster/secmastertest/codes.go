package secmastertest

import (
	"github.com/wfc-dev/wfc/internal/apitest"
	"github.com/wfc-dev/wfc/secmaster"
)

// Error codes the emulator answers with. The first three are real (notes §4); the rest are the
// emulator's own choice within the SecMaster.2004xxxx range, as the real ones are not published.
const (
	codeWorkflowNotFound  = secmaster.CodeWorkflowNotFound
	codeVersionNotFound   = secmaster.CodeVersionNotFound
	codeWorkspaceNotFound = secmaster.CodeWorkspaceNotFound

	codeBadRequest        = "SecMaster.20040001" // malformed body, missing or invalid field
	codeBadTaskflow       = "SecMaster.20040002" // taskflow or taskconfig malformed
	codeBadTransition     = "SecMaster.20040602" // version status change not allowed
	codeDuplicateName     = "SecMaster.20040603" // workflow name already used
	codeInstanceNotFound  = "SecMaster.20040701"
	codeInstanceState     = "SecMaster.20040702" // command not allowed in the instance's state
	codeComponentNotFound = "SecMaster.20040801"
	codeProjectMismatch   = "SecMaster.20010002" // X-Project-Id differs from the path

	codeAuth        = "APIGW.0301" // gateway: bad or missing credentials
	codeNoSuchRoute = "APIGW.0101" // gateway: no such API
)

// apiError is an error answer.
type apiError = apitest.Error

// errf builds an error answer.
func errf(status int, code, format string, args ...any) *apiError {
	return apitest.Errorf(status, code, format, args...)
}

func badRequest(format string, args ...any) *apiError {
	return errf(400, codeBadRequest, format, args...)
}
