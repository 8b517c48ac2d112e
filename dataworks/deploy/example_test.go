package deploy_test

import (
	"context"
	"fmt"
	"time"

	"github.com/wfc-dev/wfc/dataworks"
	"github.com/wfc-dev/wfc/dataworks/dataworkstest"
	"github.com/wfc-dev/wfc/dataworks/deploy"
)

// Deploying a compiled workflow twice, then an edit, then publishing it, against the emulator.
func Example() {
	srv := dataworkstest.NewTestServer(dataworkstest.Options{})
	defer srv.Close()
	cfg := srv.ClientConfig(dataworks.Credentials{AccessKeyID: dataworkstest.DefaultAccessKeyID, AccessKeySecret: dataworkstest.DefaultAccessKeySecret}, nil)
	cfg.Poll.Interval = time.Millisecond // the emulator's jobs and stages advance per poll
	client, err := dataworks.New(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	deployOnce := func(spec string) dataworks.ID {
		plan, err := deploy.Plan(ctx, client, []byte(spec))
		if err != nil {
			fmt.Println(err)
			return ""
		}
		for _, line := range plan.Lines() {
			fmt.Println(line)
		}
		res, err := deploy.Apply(ctx, plan)
		if err != nil {
			fmt.Println(err)
			return ""
		}
		return res.WorkflowID
	}
	const spec = `{"version":"1.1.0","kind":"ManualWorkflow","spec":{"workflows":[{"name":"hello",
		"script":{"path":"wfc/hello","runtime":{"command":"WORKFLOW"}},
		"nodes":[{"id":"greet","name":"greet","script":{"path":"wfc/hello/greet","runtime":{"command":"DIDE_SHELL"},"content":"echo %s"}}]}]}}`
	deployOnce(fmt.Sprintf(spec, "hello"))
	deployOnce(fmt.Sprintf(spec, "hello"))
	id := deployOnce(fmt.Sprintf(spec, "bonjour"))
	run, err := deploy.Publish(ctx, client, id, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("published:", run.Status)
	// Output:
	// create workflow "hello" (ManualWorkflow) with 1 nodes: greet
	// unchanged workflow "hello" (ManualWorkflow, id 7000000000000000002)
	// update workflow "hello" (ManualWorkflow, id 7000000000000000002)
	// ~ node greet: script.content: "echo hello" → "echo bonjour"
	// published: Success
}
