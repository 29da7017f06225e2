package search

import (
	"hash/maphash"
	"slices"
)

// termTable numbers distinct byte strings 0, 1, 2, … in the order they
// are added. It holds no pointers but its four arrays: the bytes of every
// term one after another, where each term ends, each term's hash, and an
// open-addressed table of term numbers. A map[string]uint32 of a million
// terms is a million strings for the garbage collector to mark; this is
// four objects.
type termTable struct {
	seed   maphash.Seed
	bytes  []byte   // the terms, one after another
	ends   []uint32 // ends[id] is where term id ends in bytes
	hashes []uint32 // hashes[id] is term id's hash, which picks its slot
	slots  []uint32 // id+1 of the term in the slot; 0 for an empty slot
}

// newTermTable returns an empty table sized for about hint terms.
func newTermTable(hint int) *termTable {
	size := 1 << 10
	for size < 2*hint {
		size <<= 1
	}
	return &termTable{seed: maphash.MakeSeed(), slots: make([]uint32, size),
		ends: make([]uint32, 0, hint), hashes: make([]uint32, 0, hint), bytes: make([]byte, 0, 8*hint)}
}

// len returns the number of terms.
func (t *termTable) len() int { return len(t.ends) }

// term returns the bytes of term id.
func (t *termTable) term(id uint32) []byte {
	start := uint32(0)
	if id > 0 {
		start = t.ends[id-1]
	}
	return t.bytes[start:t.ends[id]]
}

// find returns the slot of key, hashed h: the slot holding it, or the
// empty slot where it would go.
func (t *termTable) find(key []byte, h uint32) (slot int, found bool) {
	mask := len(t.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		v := t.slots[i]
		if v == 0 {
			return i, false
		}
		if id := v - 1; t.hashes[id] == h && string(t.term(id)) == string(key) {
			return i, true
		}
	}
}

func (t *termTable) hash(key []byte) uint32 { return uint32(maphash.Bytes(t.seed, key)) }

// lookup returns the number of key, if it is in the table.
func (t *termTable) lookup(key []byte) (uint32, bool) {
	if t == nil || len(t.ends) == 0 {
		return 0, false
	}
	i, ok := t.find(key, t.hash(key))
	if !ok {
		return 0, false
	}
	return t.slots[i] - 1, true
}

// add returns the number of key, adding it when new; added says whether
// it was.
func (t *termTable) add(key []byte) (id uint32, added bool) {
	h := t.hash(key)
	i, ok := t.find(key, h)
	if ok {
		return t.slots[i] - 1, false
	}
	id = uint32(len(t.ends))
	t.bytes = append(t.bytes, key...)
	t.ends = append(t.ends, uint32(len(t.bytes)))
	t.hashes = append(t.hashes, h)
	t.slots[i] = id + 1
	if 2*len(t.ends) > len(t.slots) {
		t.grow()
	}
	return id, true
}

// grow doubles the slots and places every term again.
func (t *termTable) grow() {
	t.slots = make([]uint32, 2*len(t.slots))
	mask := len(t.slots) - 1
	for id, h := range t.hashes {
		i := int(h) & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = uint32(id) + 1
	}
}

// trim drops the spare capacity the arrays grew by while terms were
// added.
func (t *termTable) trim() {
	t.bytes, t.ends, t.hashes = slices.Clone(t.bytes), slices.Clone(t.ends), slices.Clone(t.hashes)
}
