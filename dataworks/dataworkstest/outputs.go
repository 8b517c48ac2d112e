package dataworkstest

import (
	"fmt"
	"strings"
	"unicode"
)

// outputNameProblem is why the emulator refuses data as a node output name, "" when it takes
// it. A comma is refused because DataWorks separates output names with commas where it takes
// several (ListNodesByOutput's Outputs: "Separate them with commas (,)."; documented); a
// control character because an output name is one line of text (inferred, for the reasons
// target/dataworks/outputs_inferred.go gives). The emulator keeps this contract apart from
// the compiler's, as the service would, so a test can show the two agree. No length or
// character set is documented, so none is refused.
func outputNameProblem(data string) string {
	switch {
	case strings.Contains(data, ","):
		return "holds a comma, which separates output names"
	case strings.IndexFunc(data, unicode.IsControl) >= 0:
		return "holds a control character; an output name is one line of text"
	}
	return ""
}

// checkOutputNames refuses a node whose declared outputs DataWorks cannot take.
func checkOutputNames(node obj, path string) *apiError {
	outs, _ := node["outputs"].(obj)
	list, _ := outs["nodeOutputs"].([]any)
	for i, it := range list {
		o, _ := it.(obj)
		data, _ := o["data"].(string)
		if why := outputNameProblem(data); why != "" {
			return specError(fmt.Sprintf("%s.outputs.nodeOutputs[%d].data", path, i), "the output name %q %s", truncate(data, 80), why)
		}
	}
	return nil
}
