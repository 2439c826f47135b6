//! `passend graph`: a region's workflows as a diagram, in Mermaid
//! (`flowchart`) or Graphviz DOT. Statuses show their text and who sets
//! them; transitions show who acts, the condition (as the rule file writes
//! it) and the toelichting. A status no transition leaves is drawn as an end
//! state; statuses are coloured by who sets them.

use crate::check::model::{StatusId, Workflow, WorkflowId};
use crate::compile::Program;
use crate::explain::print::expr_text;
use std::fmt::Write;

/// Diagram languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Mermaid,
    Dot,
}

/// Fill colours for the actors, in order of first appearance (then repeated).
const PALETTE: [&str; 8] = ["#fff2b3", "#cfe3ff", "#d4f0d0", "#ffd9b3", "#ead5f5", "#f9d0d0", "#d0f0f0", "#e8e8e8"];

/// Longest line in a label before it wraps.
const WRAP: usize = 38;

/// The diagram of every workflow of a rule set, or `None` when it has none.
pub fn graph(program: &Program, format: Format) -> Option<String> {
    if program.workflows().is_empty() {
        return None;
    }
    let views: Vec<View> = program.workflows().iter().enumerate().map(|(i, wf)| View::new(program, WorkflowId::new(i), wf)).collect();
    Some(match format {
        Format::Mermaid => mermaid(program, &views),
        Format::Dot => dot(program, &views),
    })
}

/// A workflow prepared for drawing.
struct View<'p> {
    wf: &'p Workflow,
    /// The aanvragen that report this workflow's next statuses.
    gebruikt_door: Vec<&'p str>,
    /// Per status: the palette index of its actor, whether it is an end state.
    colour: Vec<usize>,
    end: Vec<bool>,
    /// Per transition: the lines of its label.
    edge_lines: Vec<Vec<String>>,
}

impl<'p> View<'p> {
    fn new(program: &'p Program, id: WorkflowId, wf: &'p Workflow) -> Self {
        let gebruikt_door = program.aanvragen().iter().filter(|a| a.workflow == Some(id)).map(|a| &*a.soort).collect();
        let mut actors: Vec<&str> = Vec::new();
        let colour = wf
            .statuses
            .iter()
            .map(|s| match actors.iter().position(|a| *a == &*s.door) {
                Some(i) => i % PALETTE.len(),
                None => {
                    actors.push(&s.door);
                    (actors.len() - 1) % PALETTE.len()
                }
            })
            .collect();
        let end = (0..wf.statuses.len()).map(|i| !wf.transitions.iter().any(|t| t.van == Some(StatusId::new(i)))).collect();
        let edge_lines = wf
            .transitions
            .iter()
            .map(|t| {
                let mut lines = Vec::new();
                if let Some(d) = &t.door {
                    lines.extend(wrap(&format!("door: {d}"), WRAP));
                }
                if let Some(v) = &t.voorwaarde {
                    lines.extend(wrap(&format!("als: {}", expr_text(program, v)), WRAP));
                }
                if let Some(x) = &t.toelichting {
                    lines.extend(wrap(x, WRAP));
                }
                lines
            })
            .collect();
        View { wf, gebruikt_door, colour, end, edge_lines }
    }
}

/// Splits text into lines of at most `width` characters, at spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn field_name<'a>(program: &'a Program, wf: &Workflow) -> &'a str {
    program.field_name(wf.volgt).map_or("?", |n| n)
}

fn heading(program: &Program, v: &View) -> String {
    let mut h = format!("workflow {} (volgt {})", v.wf.name, field_name(program, v.wf));
    if !v.gebruikt_door.is_empty() {
        let _ = write!(h, "; aanvraag {}", v.gebruikt_door.join(", "));
    }
    h
}

/// Text inside a Mermaid quoted label: entities for the characters Mermaid reads itself.
fn mermaid_text(s: &str) -> String {
    s.replace('#', "#35;").replace('"', "#quot;").replace('<', "#lt;").replace('>', "#gt;")
}

fn mermaid(program: &Program, views: &[View]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "%% {}: {} (versie {})", program.header().naam, program.header().handboek, program.header().versie);
    let _ = writeln!(s, "flowchart TD");
    for v in views {
        let w = &v.wf.name;
        let _ = writeln!(s, "  subgraph {w}[\"{}\"]", mermaid_text(&heading(program, v)));
        let _ = writeln!(s, "    direction TB");
        let _ = writeln!(s, "    {w}__0start((start))");
        for (i, st) in v.wf.statuses.iter().enumerate() {
            let mut lines: Vec<String> = wrap(&st.tekst, WRAP).iter().map(|l| mermaid_text(l)).collect();
            lines.push(format!("<i>{}</i>", mermaid_text(&st.door)));
            let (open, close) = if v.end.get(i).copied().unwrap_or(false) { ("([", "])") } else { ("(", ")") };
            let _ = writeln!(s, "    {w}__{}{open}\"{}\"{close}", st.id, lines.join("<br/>"));
        }
        for (t, lines) in v.wf.transitions.iter().zip(&v.edge_lines) {
            let from = match t.van.and_then(|i| v.wf.status(i)) {
                Some(st) => format!("{w}__{}", st.id),
                None => format!("{w}__0start"),
            };
            let Some(to) = v.wf.status(t.naar) else { continue };
            let label: Vec<String> = lines.iter().map(|l| mermaid_text(l)).collect();
            if label.is_empty() {
                let _ = writeln!(s, "    {from} --> {w}__{}", to.id);
            } else {
                let _ = writeln!(s, "    {from} -->|\"{}\"| {w}__{}", label.join("<br/>"), to.id);
            }
        }
        let _ = writeln!(s, "  end");
    }
    for (i, c) in PALETTE.iter().enumerate() {
        let members: Vec<String> = views
            .iter()
            .flat_map(|v| v.wf.statuses.iter().zip(&v.colour).filter(|(_, k)| **k == i).map(move |(st, _)| format!("{}__{}", v.wf.name, st.id)))
            .collect();
        if !members.is_empty() {
            let _ = writeln!(s, "  classDef actor{i} fill:{c},stroke:#555");
            let _ = writeln!(s, "  class {} actor{i}", members.join(","));
        }
    }
    s
}

/// Text inside a DOT double-quoted string; `\n` separates lines.
fn dot_text(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn dot_lines(lines: &[String]) -> String {
    lines.iter().map(|l| dot_text(l)).collect::<Vec<_>>().join("\\n")
}

fn dot(program: &Program, views: &[View]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "// {}: {} (versie {})", program.header().naam, program.header().handboek, program.header().versie);
    let _ = writeln!(s, "digraph \"{}\" {{", dot_text(&program.header().regio));
    let _ = writeln!(
        s,
        "  rankdir=TB; labelloc=t; fontname=\"Helvetica\"; fontsize=14; label=\"{}\";",
        dot_text(&format!("{}: {} (versie {})", program.header().naam, program.header().handboek, program.header().versie))
    );
    let _ = writeln!(s, "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];");
    let _ = writeln!(s, "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];");
    for v in views {
        let w = &v.wf.name;
        let _ = writeln!(s, "  subgraph \"cluster_{w}\" {{");
        let _ = writeln!(s, "    label=\"{}\"; labeljust=l; fontname=\"Helvetica\"; fontsize=12; color=\"#999999\";", dot_text(&heading(program, v)));
        let _ = writeln!(s, "    \"{w}__0start\" [label=\"\", shape=circle, width=0.2, style=filled, fillcolor=black];");
        for (i, st) in v.wf.statuses.iter().enumerate() {
            let mut lines = wrap(&st.tekst, WRAP);
            lines.push(format!("({})", st.door));
            let colour = PALETTE.get(v.colour.get(i).copied().unwrap_or(0)).copied().unwrap_or("#ffffff");
            let end = if v.end.get(i).copied().unwrap_or(false) { ", peripheries=2" } else { "" };
            let _ = writeln!(s, "    \"{w}__{}\" [label=\"{}\", fillcolor=\"{colour}\"{end}];", st.id, dot_lines(&lines));
        }
        for (t, lines) in v.wf.transitions.iter().zip(&v.edge_lines) {
            let from = match t.van.and_then(|i| v.wf.status(i)) {
                Some(st) => format!("{w}__{}", st.id),
                None => format!("{w}__0start"),
            };
            let Some(to) = v.wf.status(t.naar) else { continue };
            let _ = writeln!(s, "    \"{from}\" -> \"{w}__{}\" [label=\"{}\"];", to.id, dot_lines(lines));
        }
        let _ = writeln!(s, "  }}");
    }
    let _ = writeln!(s, "}}");
    s
}
