package secmaster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime/multipart"

	"github.com/wfc-dev/wfc/internal/apiclient"
)

// ImportFieldName is the multipart field the import API reads.
const ImportFieldName = "uploadFile"

type exportRequest struct {
	ID []string `json:"id"`
}

// Export downloads the export file of the given workflows (see exportfile.go for the assumed
// format). It changes nothing, so it is retried like a GET. A body cut short fails rather than
// returning a partial file.
func (c *Client) Export(ctx context.Context, workflowIDs []string) ([]byte, error) {
	const op = "export workflows"
	if len(workflowIDs) == 0 {
		return nil, errors.New(op + ": no workflow ids given")
	}
	r, err := c.do(ctx, call{op: op, method: "POST", path: []string{"workflows", "export"},
		body: exportRequest{ID: workflowIDs}, idempotent: true, maxBytes: MaxExportBytes})
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(r.Body)) == 0 {
		return nil, fmt.Errorf("%s: the server answered HTTP %d with an empty file (0 bytes%s)", op, r.Status, apiclient.RequestIDNote(r.RequestID))
	}
	return r.Body, nil
}

// Import uploads an export file as multipart field uploadFile. The body is not signed
// (X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD), as the SDKs do for multipart. It is never retried
// once sent: on errors.Is(err, ErrAmbiguous), list the workflows to see what arrived.
func (c *Client) Import(ctx context.Context, fileName string, content []byte) error {
	const op = "import workflows"
	if len(content) == 0 {
		return errors.New(op + ": the file is empty")
	}
	if fileName == "" {
		fileName = "workflows.json"
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	part, err := mw.CreateFormFile(ImportFieldName, fileName)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	part.Write(content) // writes to a bytes.Buffer cannot fail
	if err := mw.Close(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	_, err = c.do(ctx, call{op: op, method: "POST", path: []string{"workflows", "import"},
		raw: buf.Bytes(), contentType: mw.FormDataContentType(), unsigned: true})
	return err
}
