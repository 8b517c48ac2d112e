package allocs

import (
	"testing"

	_ "github.com/wfc-dev/wfc/internal/golden"
)

var sink []byte

func TestBytesCountsWhatIsAllocated(t *testing.T) {
	const size = 1 << 20
	if got := Bytes(func() { sink = make([]byte, size) }); got < size || got > size+4096 {
		t.Errorf("Bytes(make 1 MiB) = %d; want about %d", got, size)
	}
	if got := BytesPerRun(4, func() { sink = make([]byte, size) }); got < size || got > size+4096 {
		t.Errorf("BytesPerRun(make 1 MiB) = %.0f; want about %d per call", got, size)
	}
	// Another goroutine of the test binary may allocate meanwhile; a megabyte would not hide.
	if got := Bytes(func() {}); got > 1024 {
		t.Errorf("Bytes(nothing) = %d; want about 0", got)
	}
}

func TestLiveSeesWhatIsKeptAndNotWhatIsDropped(t *testing.T) {
	const size = 8 << 20
	sink = make([]byte, size)
	kept := Live()
	sink = nil
	dropped := Live()
	if kept < size || dropped > size/2 {
		t.Errorf("Live = %d with 8 MiB kept and %d once dropped; want at least %d, then under half of it", kept, dropped, size)
	}
}
