package secmaster

import (
	"github.com/wfc-dev/wfc/secmaster/exportfile"
	"github.com/wfc-dev/wfc/target"
)

// ParseExport reads a SecMaster export file (target.Exporting), for `wfc lint`.
func (Target) ParseExport(src []byte) ([]target.Exported, error) {
	wfs, err := exportfile.Parse(src)
	if err != nil {
		return nil, err
	}
	out := make([]target.Exported, len(wfs))
	for i, w := range wfs {
		out[i].Name = w.Name
		for _, v := range w.Versions {
			out[i].Versions = append(out[i].Versions, target.ExportedVersion{Name: v.Name, Taskflow: v.Taskflow})
		}
	}
	return out, nil
}
