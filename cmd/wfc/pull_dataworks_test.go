package main

import (
	"bytes"
	"testing"
)

func TestPulledStampTellsAnEditedFileFromAnUneditedOne(t *testing.T) {
	yaml := []byte("# Decompiled by wfc from DataWorks workflow 7 \"daily\"\nwfc: 1\nname: daily\n")
	pulled := stampPulled(yaml)
	if !bytes.HasPrefix(pulled, []byte("# Decompiled by wfc from DataWorks workflow 7 \"daily\" (pulled: sha256 ")) {
		t.Fatalf("the stamp is not on the decompiler's first line:\n%s", pulled)
	}
	hash, unedited := pulledStamp(pulled)
	if hash == "" || !unedited {
		t.Fatalf("pulledStamp(as written) = %q, %v; want its hash, unedited", hash, unedited)
	}
	edited := append(bytes.Clone(pulled), "description: mine\n"...)
	if h, unedited := pulledStamp(edited); h != hash || unedited {
		t.Errorf("pulledStamp(edited) = %q, %v; want %q, edited", h, unedited, hash)
	}
	if h, _ := pulledStamp(stampPulled(append(bytes.Clone(yaml), "description: new\n"...))); h == hash {
		t.Errorf("a changed workflow has the stamp of the old one, %s", h)
	}
	if h, unedited := pulledStamp(yaml); h != "" || unedited {
		t.Errorf("a file with no stamp: %q, %v", h, unedited)
	}
	if got := stampPulled([]byte("wfc: 1\n")); !bytes.HasPrefix(got, []byte("# Pulled by wfc (pulled: sha256 ")) {
		t.Errorf("YAML with no head comment gets no first line for the stamp:\n%s", got)
	}
}
