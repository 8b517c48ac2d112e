package bpmn

import (
	"encoding/base64"
	"encoding/binary"
	"io"
)

// base64Writer is base64.NewEncoder(base64.StdEncoding, w) with the bulk of the data encoded
// six bytes at a time through base64Pairs, two output characters per table lookup instead of
// one. A large workflow's taskflow is tens of megabytes of base64, and the standard encoder
// was the largest single cost of compiling it (9% of the instructions of `wfc compile` of a
// 1,000-step workflow under callgrind). The output is byte for byte the standard encoder's.
type base64Writer struct {
	w    io.Writer
	tail [3]byte       // input bytes not yet encoded: fewer than a group of 3
	n    int           // how many of tail are used
	out  [4 << 10]byte // encoded chunk: 3 KiB of input
	err  error
}

func newBase64Writer(w io.Writer) *base64Writer { return &base64Writer{w: w} }

// base64Pairs maps 12 bits of input to the two standard-alphabet characters they encode to,
// the first in the low byte: the order they are stored in a little-endian word.
var base64Pairs = func() (t [1 << 12]uint16) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for v := range t {
		t[v] = uint16(alphabet[v>>6]) | uint16(alphabet[v&63])<<8
	}
	return t
}()

// encodeGroups encodes src, a whole number of 3-byte groups, into dst (4/3 of its length).
//
// The eight words of a round are written out rather than looped over or encoded by a helper:
// a helper's inlined call leaves a marker instruction behind, and a shorter round pays the
// loop's slicing more often. This loop runs for every 48 bytes of a taskflow (megabytes for
// a large workflow); written out it costs a tenth less than four words a round.
func encodeGroups(dst, src []byte) {
	// Eight words a round: 50 bytes read at offsets 0, 6, ..., 42, the first 6 of each
	// encoded into 8 characters, the first in the low byte (see base64Pairs).
	for len(src) >= 50 && len(dst) >= 64 {
		s, d := src[:50:50], dst[:64:64]
		var x uint64
		x = binary.BigEndian.Uint64(s[0:])
		binary.LittleEndian.PutUint64(d[0:], uint64(base64Pairs[x>>52])|uint64(base64Pairs[x>>40&0xfff])<<16|
			uint64(base64Pairs[x>>28&0xfff])<<32|uint64(base64Pairs[x>>16&0xfff])<<48)
		x = binary.BigEndian.Uint64(s[6:])
		binary.LittleEndian.PutUint64(d[8:], uint64(base64Pairs[x>>52])|uint64(base64Pairs[x>>40&0xfff])<<16|
			uint64(base64Pairs[x>>28&0xfff])<<32|uint64(base64Pairs[x>>16&0xfff])<<48)
		x = binary.BigEndian.Uint64(s[12:])
		binary.LittleEndian.PutUint64(d[16:], uint64(base64Pairs[x>>52])|uint64(base64Pairs[x>>40&0xfff])<<16|
			uint64(base64Pairs[x>>28&0xfff])<<32|uint64(base64Pairs[x>>16&0xfff])<<48)
		x = binary.BigEndian.Uint64(s[18:])
		binary.LittleEndian.PutUint64(d[24:], uint64(base64Pairs[x>>52])|uint64(base64Pairs[x>>40&0xfff])<<16|
			uint64(base64Pairs[x>>28&0xfff])<<32|uint64(base64Pairs[x>>16&0xfff])<<48)
		x = binary.BigEndian.Uint64(s[24:])
		binary.LittleEndian.PutUint64(d[32:], uint64(base64Pairs[x>>52])|uint64(base64Pairs[x>>40&0xfff])<<16|
			uint64(base64Pairs[x>>28&0xfff])<<32|uint64(base64Pairs[x>>16&0xfff])<<48)
		x = binary.BigEndian.Uint64(s[30:])
		binary.LittleEndian.PutUint64(d[40:], uint64(base64Pairs[x>>52])|uint64(base64Pairs[x>>40&0xfff])<<16|
			uint64(base64Pairs[x>>28&0xfff])<<32|uint64(base64Pairs[x>>16&0xfff])<<48)
		x = binary.BigEndian.Uint64(s[36:])
		binary.LittleEndian.PutUint64(d[48:], uint64(base64Pairs[x>>52])|uint64(base64Pairs[x>>40&0xfff])<<16|
			uint64(base64Pairs[x>>28&0xfff])<<32|uint64(base64Pairs[x>>16&0xfff])<<48)
		x = binary.BigEndian.Uint64(s[42:])
		binary.LittleEndian.PutUint64(d[56:], uint64(base64Pairs[x>>52])|uint64(base64Pairs[x>>40&0xfff])<<16|
			uint64(base64Pairs[x>>28&0xfff])<<32|uint64(base64Pairs[x>>16&0xfff])<<48)
		src, dst = src[48:], dst[64:]
	}
	for len(src) >= 8 && len(dst) >= 8 { // the rest but the last 2 groups, a word at a time
		x := binary.BigEndian.Uint64(src)
		x = uint64(base64Pairs[x>>52]) | uint64(base64Pairs[x>>40&0xfff])<<16 |
			uint64(base64Pairs[x>>28&0xfff])<<32 | uint64(base64Pairs[x>>16&0xfff])<<48
		binary.LittleEndian.PutUint64(dst, x)
		src, dst = src[6:], dst[8:]
	}
	base64.StdEncoding.Encode(dst, src)
}

func (b *base64Writer) Write(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	written := len(p)
	if b.n > 0 {
		k := copy(b.tail[b.n:], p)
		b.n += k
		p = p[k:]
		if b.n < len(b.tail) {
			return written, nil
		}
		b.emit(b.tail[:])
		b.n = 0
	}
	whole := len(p) / 3 * 3
	if whole > 0 {
		b.emit(p[:whole])
	}
	b.n = copy(b.tail[:], p[whole:])
	if b.err != nil {
		return 0, b.err
	}
	return written, nil
}

// emit encodes src, whole groups, and writes the result a chunk at a time.
func (b *base64Writer) emit(src []byte) {
	const chunk = len(base64Writer{}.out) / 4 * 3
	for len(src) > 0 && b.err == nil {
		n := min(len(src), chunk)
		out := b.out[:n/3*4]
		encodeGroups(out, src[:n])
		_, b.err = b.w.Write(out)
		src = src[n:]
	}
}

// Close encodes the last partial group, padded.
func (b *base64Writer) Close() error {
	if b.err == nil && b.n > 0 {
		var out [4]byte
		base64.StdEncoding.Encode(out[:], b.tail[:b.n])
		_, b.err = b.w.Write(out[:])
		b.n = 0
	}
	return b.err
}
