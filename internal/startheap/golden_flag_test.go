package startheap

// The blank import defines the one -update flag here too, so that go test ./... -update
// runs every package, not only those with golden files.
import _ "github.com/wfc-dev/wfc/internal/golden"
