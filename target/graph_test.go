package target

import "testing"

// graphArtifact is an artifact with a graph; plainArtifact one without.
type graphArtifact struct{ plainArtifact }

func (graphArtifact) Graph() *Graph { return &Graph{Name: "g"} }

type plainArtifact struct{}

func (plainArtifact) Forms() []string             { return []string{"x"} }
func (plainArtifact) Emit(string) ([]byte, error) { return []byte("x\n"), nil }

// TestGraphOf asks an artifact for its graph only when it is a Grapher.
func TestGraphOf(t *testing.T) {
	if g := GraphOf(graphArtifact{}); g == nil || g.Name != "g" {
		t.Errorf("GraphOf(a Grapher) = %+v, want its graph", g)
	}
	if g := GraphOf(plainArtifact{}); g != nil {
		t.Errorf("GraphOf(an artifact without a graph) = %+v, want nil", g)
	}
}
