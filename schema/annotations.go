package schema

// wfc's own words for what the schema checks, kept out of workflow.schema.json so that the
// published schema uses only standard JSON Schema 2020-12 keywords (strict validators and
// editors reject or ignore others). Each entry is keyed by the JSON pointer, inside the
// schema, of the schema object it speaks for; annotations_test.go checks that every pointer
// resolves, so a restructured schema cannot silently lose a message.
type annotation struct {
	// expected says what a value should look like; any failure beneath the object is
	// reported as "expected EXPECTED, got VALUE".
	expected string
	// message is a whole message for any failure beneath the object.
	message string
	// pattern says what the object's pattern means: "VALUE is PATTERN".
	pattern string
	// outOfPlace is the message for a step key (the object is the key's schema) on a step
	// whose kind does not allow it.
	outOfPlace string
	// kindKeys marks an object that lists the keys one step kind allows.
	kindKeys bool
}

// kindMessage is the message for a step without a kind key or with more than one; it lists
// workflow.Kinds' keys (kinds_test.go compares).
const kindMessage = "step must have exactly one of action, approval, switch, parallel, workflow, wait, run"

// kindRule is where the schema asks for a kind key, when the step has none.
const kindRule = "/$defs/step_has_kind"

var annotations = map[string]annotation{
	"/$defs/duration":       {expected: "a duration like 30s, 5m, 1h30m or a whole number of seconds"},
	"/$defs/step_ref":       {pattern: "not a step id or end (lower-case letters, digits and _, starting with a letter)"},
	"/$defs/param_name":     {pattern: "not a valid parameter name (letters, digits and _, not starting with a digit)"},
	kindRule:                {message: kindMessage},
	"/$defs/secmaster_only": {message: "only target secmaster reads this key; this workflow's target is dataworks, so remove it"},
	"/$defs/dataworks_only": {message: "only target dataworks reads this key; add target: dataworks at the top, or remove it"},

	"/$defs/step/properties/id":             {pattern: "not a valid step id (lower-case letters, digits and _, starting with a letter)"},
	"/$defs/step/properties/id/allOf/0":     {message: `"end" is reserved for the end of the workflow; choose another step id`},
	"/$defs/step/properties/action":         {pattern: "not an action; write it as plugin/action"},
	"/$defs/case/properties/when":           {pattern: "not an expression; write the condition as ${...}"},
	"/$defs/step/properties/with":           {outOfPlace: `"with" is only allowed on action, workflow and run steps`},
	"/$defs/step/properties/connection":     {outOfPlace: `"connection" is only allowed on action steps`},
	"/$defs/step/properties/timeout":        {outOfPlace: `"timeout" is only allowed on action and run steps; an approval has its own timeout`},
	"/$defs/step/properties/retry":          {outOfPlace: `"retry" is only allowed on action and run steps`},
	"/$defs/step/properties/on_error":       {pattern: "not fail, continue or a step id", outOfPlace: `"on_error" is only allowed on action, workflow and run steps`},
	"/$defs/step/properties/datasource":     {outOfPlace: `"datasource" is only allowed on run steps`},
	"/$defs/step/properties/resource_group": {outOfPlace: `"resource_group" is only allowed on run steps`},
	"/$defs/run":                            {message: "a run needs exactly one of file and code"},
	"/$defs/step/properties/default":        {outOfPlace: `"default" is only allowed on switch steps`},
	"/$defs/step/properties/next":           {outOfPlace: `"next" is not allowed on a switch step; each case has its own next, and default covers the rest`},
	"/$defs/action_step":                    {kindKeys: true},
	"/$defs/approval_step":                  {kindKeys: true},
	"/$defs/switch_step":                    {kindKeys: true},
	"/$defs/parallel_step":                  {kindKeys: true},
	"/$defs/workflow_step":                  {kindKeys: true},
	"/$defs/wait_step":                      {kindKeys: true},
	"/$defs/run_step":                       {kindKeys: true},
}
