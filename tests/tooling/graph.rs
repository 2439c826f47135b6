//! `passend graph`: statuses with their texts and actors, transitions with
//! who acts, the condition and the toelichting; escaping; regions without
//! workflows; snapshots of a bundled region in both languages.

use super::common::root;
use super::fixture::{self, passend};
use passend::tools::graph::{graph, wrap, Format};

fn program_text(format: Format) -> String {
    let engine = fixture::engine();
    let program = engine.regions().first().copied().and_then(|r| r.versions().first()).unwrap_or_else(|| panic!("no program"));
    graph(program, format).unwrap_or_else(|| panic!("the test rules have a workflow"))
}

#[test]
fn mermaid_shows_statuses_actors_transitions_and_escapes_quotes() {
    let m = program_text(Format::Mermaid);
    assert!(m.starts_with("%% Proefregio: Proefhandboek (versie 2024)\nflowchart TD\n"), "{m}");
    assert!(m.contains("  subgraph stappen[\"workflow stappen (volgt aanvraag.status); aanvraag overbruggingsarrangement\"]"), "{m}");
    // Mermaid entities for the quotes and angle brackets of the status text; the actor in italics
    assert!(m.contains("    stappen__a(\"Status #quot;A#quot; #lt;ingediend#gt;<br/><i>school</i>\")"), "{m}");
    // a status no transition leaves is an end state (stadium shape)
    assert!(m.contains("    stappen__b([\"Besproken<br/><i>SWV</i>\"])"), "{m}");
    assert!(m.contains("    stappen__0start -->|\"door: school\"| stappen__a"), "{m}");
    assert!(m.contains("    stappen__a -->|\"door: SWV<br/>als: aanvraag.compleet<br/>als het dossier compleet is\"| stappen__b"), "{m}");
    // statuses coloured by actor
    assert!(m.contains("  class stappen__a actor0\n") && m.contains("  class stappen__b actor1\n"), "{m}");
}

#[test]
fn dot_is_a_digraph_with_a_cluster_per_workflow() {
    let d = program_text(Format::Dot);
    assert!(d.contains("digraph \"leiden\" {"), "{d}");
    assert!(d.contains("  subgraph \"cluster_stappen\" {"), "{d}");
    assert!(d.contains("    \"stappen__a\" [label=\"Status \\\"A\\\" <ingediend>\\n(school)\", fillcolor=\"#fff2b3\"];"), "{d}");
    assert!(d.contains("    \"stappen__b\" [label=\"Besproken\\n(SWV)\", fillcolor=\"#cfe3ff\", peripheries=2];"), "{d}");
    assert!(d.contains("    \"stappen__a\" -> \"stappen__b\" [label=\"door: SWV\\nals: aanvraag.compleet\\nals het dossier compleet is\"];"), "{d}");
    assert!(d.trim_end().ends_with('}'));
}

#[test]
fn labels_wrap_at_spaces() {
    assert_eq!(wrap("een twee drie vier", 9), ["een twee", "drie vier"]);
    assert_eq!(wrap("ongebroken_woord_langer_dan_de_breedte x", 5), ["ongebroken_woord_langer_dan_de_breedte", "x"]);
}

#[test]
fn a_region_without_workflows_says_so_and_an_unknown_region_is_an_error() {
    let regions = root().join("regions").to_string_lossy().to_string();
    let (code, out, err) = passend(&["graph", "leiden", "--regions", &regions], b"");
    assert_eq!(code, 0);
    assert!(out.is_empty());
    assert!(err.contains("Regio `leiden` (versie ") && err.contains("heeft geen workflows"), "{err}");
    let (code, _, err) = passend(&["graph", "utrecht", "--regions", &regions], b"");
    assert_eq!(code, 2);
    assert!(err.contains("onbekende regio `utrecht`; bekend zijn: helmond-peelland, ijmond, leiden, rijnstreek, stromenland"), "{err}");
}

#[test]
fn snapshot_stromenland() {
    let regions = root().join("regions").to_string_lossy().to_string();
    for (format, name) in [("mermaid", "graph_stromenland_mermaid"), ("dot", "graph_stromenland_dot")] {
        let (code, out, err) = passend(&["graph", "stromenland", "--format", format, "--regions", &regions], b"");
        assert_eq!(code, 0, "{err}");
        insta::assert_snapshot!(name, out);
    }
}
