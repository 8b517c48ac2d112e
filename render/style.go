package render

import "strings"

// style is the embedded stylesheet. Light colours are the default; prefers-color-scheme dark
// swaps them. Free-standing text (labels) gets a halo in the background colour, so it stays
// readable where a viewer shows the light drawing on a dark page or the other way round.
// Fonts are the viewer's own sans-serif faces: nothing is loaded.
const style = `<style>
text{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans","Helvetica Neue",Arial,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;text-anchor:middle;fill:#1f2328}
.shape{fill:#f6f8fa;stroke:#57606a;stroke-width:1.5}
.call{stroke-width:3.5}
.end .shape{stroke-width:3.5}
.ring{fill:none;stroke:#57606a;stroke-width:1.2}
.dashed{stroke-dasharray:4 2}
.icon{fill:none;stroke:#57606a;stroke-width:1.3;stroke-linejoin:round;stroke-linecap:round}
.bold{stroke-width:3.2}
.solid{fill:#57606a}
.hole{fill:#f6f8fa}
.cut{stroke:#f6f8fa}
.gear{fill:none;stroke:#57606a;stroke-width:3;stroke-dasharray:2.2 1.7}
.tag{font-size:9px;fill:#57606a;text-anchor:start}
.line{fill:none;stroke:#6e7781;stroke-width:1.5;stroke-linejoin:round}
.name{stroke:none}
.message .line{stroke-dasharray:6 4}
.association .line{stroke-dasharray:2 3}
.tick{stroke:#6e7781;stroke-width:1.5}
.tip{fill:#6e7781}
.open-tip{fill:#ffffff;stroke:#6e7781;stroke-width:1.2}
.label{stroke:#ffffff;stroke-width:3px;stroke-linejoin:round;paint-order:stroke}
.box-pool,.box-lane{fill:none;stroke:#8c959f;stroke-width:1.2}
.box-subprocess{fill:none;stroke:#57606a;stroke-width:1.5}
.box-group{fill:none;stroke:#8c959f;stroke-width:1.2;stroke-dasharray:8 4 1 4}
.mark-added .shape{fill:#dafbe1;stroke:#1a7f37;stroke-width:2.5}
.mark-removed .shape{fill:#ffebe9;stroke:#cf222e;stroke-width:2.5;stroke-dasharray:5 3}
.mark-changed .shape{fill:#fff8c5;stroke:#9a6700;stroke-width:2.5}
.mark-added .line{stroke:#1a7f37;stroke-width:2.5}
.mark-removed .line{stroke:#cf222e;stroke-width:2.5;stroke-dasharray:5 3}
.mark-changed .line{stroke:#9a6700;stroke-width:2.5}
.tip-added{fill:#1a7f37}
.tip-removed{fill:#cf222e}
.tip-changed{fill:#9a6700}
@media (prefers-color-scheme:dark){
text{fill:#e6edf3}
.shape{fill:#161b22;stroke:#9198a1}
.ring,.icon,.gear{stroke:#9198a1}
.solid{fill:#9198a1}
.hole{fill:#161b22}
.cut{stroke:#161b22}
.tag{fill:#9198a1}
.line,.tick{stroke:#8b949e}
.tip{fill:#8b949e}
.open-tip{fill:#0d1117;stroke:#8b949e}
.label{stroke:#0d1117}
.box-pool,.box-lane,.box-group{stroke:#6e7681}
.box-subprocess{stroke:#9198a1}
.mark-added .shape{fill:#12261e;stroke:#3fb950}
.mark-removed .shape{fill:#25171c;stroke:#f85149}
.mark-changed .shape{fill:#272115;stroke:#d29922}
.mark-added .line{stroke:#3fb950}
.mark-removed .line{stroke:#f85149}
.mark-changed .line{stroke:#d29922}
.tip-added{fill:#3fb950}
.tip-removed{fill:#f85149}
.tip-changed{fill:#d29922}
}
</style>
`

// externalStyle draws what only a graph with external upstreams has (dashed dependencies,
// dashed unfilled boxes); it is added to style only then, so other drawings do not change.
// It sets no colour, so it holds for both themes.
const externalStyle = `.dependency .line{stroke-dasharray:5 3}
.external .shape{fill:none;stroke-dasharray:5 3}
`

// stylesheet is style, with externalStyle when d has an external node or a dependency on one.
func stylesheet(d *Diagram) string {
	if hasExternal(d) {
		return strings.Replace(style, "@media", externalStyle+"@media", 1)
	}
	return style
}

func hasExternal(d *Diagram) bool {
	for _, n := range d.Nodes {
		if n.External {
			return true
		}
	}
	for _, e := range d.Edges {
		if e.Kind == EdgeDependency {
			return true
		}
	}
	return false
}

// defs holds the edge end markers: a filled arrowhead for each mark colour, an open one and a
// circle for message flows, and the diamond of a conditional flow. They are referenced by
// fragment (url(#...)) only.
const defs = `<defs>
<marker id="wfc-tip" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><path class="tip" d="M0,1L10,5L0,9z"/></marker>
<marker id="wfc-tip-added" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><path class="tip-added" d="M0,1L10,5L0,9z"/></marker>
<marker id="wfc-tip-removed" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><path class="tip-removed" d="M0,1L10,5L0,9z"/></marker>
<marker id="wfc-tip-changed" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><path class="tip-changed" d="M0,1L10,5L0,9z"/></marker>
<marker id="wfc-open-tip" viewBox="0 0 12 12" refX="11" refY="6" markerWidth="12" markerHeight="12" markerUnits="userSpaceOnUse" orient="auto"><path class="open-tip" d="M1,1L11,6L1,11z"/></marker>
<marker id="wfc-circle" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><circle class="open-tip" cx="5" cy="5" r="3.5"/></marker>
<marker id="wfc-diamond" viewBox="0 0 16 10" refX="1" refY="5" markerWidth="16" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><path class="open-tip" d="M1,5L8,1L15,5L8,9z"/></marker>
</defs>
`
