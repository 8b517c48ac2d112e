package secmaster

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/wfc-dev/wfc/internal/jsonobj"
)

// EncodeTo writes n as encoding/json writes it (its fields in order, under their json names,
// on_error_node left out when empty), without reflection: node_info holds an entry per
// action, and through encoding/json each one's input Object was marshalled on its own, then
// copied and compacted once more (issue 8, item 20). TestTaskconfigMarshalIsEncodingJSONs
// holds the two encodings equal.
func (n pluginNode) EncodeTo(enc *json.Encoder, b *bytes.Buffer) error {
	m := memberWriter{enc: enc, b: b}
	b.WriteByte('{')
	m.str(`"node_type":`, n.NodeType)
	m.str(`,"name":`, n.Name)
	m.str(`,"plugin":`, n.Plugin)
	m.str(`,"action":`, n.Action)
	m.str(`,"connection":`, n.Connection)
	b.WriteString(`,"input":`)
	if err := n.Input.EncodeTo(enc, b); err != nil {
		return err
	}
	m.int(`,"timeout":`, n.Timeout)
	m.int(`,"retry_times":`, n.RetryTimes)
	m.str(`,"retry_interval":`, n.RetryInterval)
	m.str(`,"on_error":`, n.OnError)
	if n.OnErrorNode != "" {
		m.str(`,"on_error_node":`, n.OnErrorNode)
	}
	b.WriteByte('}')
	return nil
}

// EncodeTo writes a as encoding/json writes it, without reflection, for the reason and
// under the test pluginNode.EncodeTo gives.
func (a approvalInfo) EncodeTo(enc *json.Encoder, b *bytes.Buffer) error {
	m := memberWriter{enc: enc, b: b}
	b.WriteByte('{')
	m.str(`"name":`, a.Name)
	b.WriteString(`,"approvers":`)
	if a.Approvers == nil {
		b.WriteString("null")
	} else {
		b.WriteByte('[')
		for i, s := range a.Approvers {
			if i > 0 {
				b.WriteByte(',')
			}
			jsonobj.AppendString(enc, b, s)
		}
		b.WriteByte(']')
	}
	m.int(`,"timeout":`, a.Timeout)
	m.str(`,"on_timeout":`, a.OnTimeout)
	b.WriteString(`,"form":`)
	if err := a.Form.EncodeTo(enc, b); err != nil {
		return err
	}
	b.WriteByte('}')
	return nil
}

// memberWriter appends object members to b, the buffer enc writes to: key is the member's
// leading comma (if any), quoted name and colon, written as it is.
type memberWriter struct {
	enc *json.Encoder
	b   *bytes.Buffer
}

func (m memberWriter) str(key, v string) {
	m.b.WriteString(key)
	jsonobj.AppendString(m.enc, m.b, v)
}

func (m memberWriter) int(key string, v int64) {
	m.b.WriteString(key)
	m.b.Write(strconv.AppendInt(m.b.AvailableBuffer(), v, 10))
}
