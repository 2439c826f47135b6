//! The walkthrough in docs/handleiding.md, executed: its steps are applied to a
//! copy of regions/ in a temporary folder, its commands run there, and the
//! output lines it shows must appear in what passend prints.
//!
//! The manual's conventions, read here:
//! - a ```console block: `$ command` lines are run (`sh -c`, with passend on
//!   PATH); the lines after a command are expected in its output (stdout and
//!   stderr), in order; `…` stands for any text;
//! - `<!-- stap: eindcode N -->` before a console block: its commands exit N (else 0);
//! - `<!-- stap: vervang in PAD de regel "X" door het blok hieronder -->`,
//!   `<!-- stap: voeg het blok hieronder in PAD in, voor de regel "X" -->`,
//!   `<!-- stap: maak PAD met het blok hieronder -->`: the next fenced block;
//! - `<!-- stap: vervang in PAD "X" door "Y" -->`: a text replacement
//!   (`\n` and `\"` as in JSON).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// One thing the walkthrough does.
#[derive(Debug)]
enum Step {
    Run { command: String, expected: Vec<String>, code: i32 },
    ReplaceLine { path: String, line: String, block: String },
    InsertBefore { path: String, line: String, block: String },
    Create { path: String, block: String },
    Replace { path: String, from: String, to: String },
}

fn json_string(text: &str) -> String {
    serde_json::from_str::<String>(&format!("\"{text}\"")).unwrap_or_else(|e| panic!("bad string {text}: {e}"))
}

/// The quoted strings of a directive, in order (with `\"` inside).
fn quoted(directive: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = directive.chars();
    while let Some(c) = chars.next() {
        if c == '"' {
            let mut raw = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        raw.push('\\');
                        raw.extend(chars.next());
                    }
                    '"' => break,
                    c => raw.push(c),
                }
            }
            out.push(json_string(&raw));
        }
    }
    out
}

fn path_after<'a>(directive: &'a str, word: &str) -> &'a str {
    directive.split_once(word).map(|(_, rest)| rest.split_whitespace().next().unwrap_or("")).unwrap_or("").trim_end_matches(',')
}

fn steps(manual: &str) -> Vec<Step> {
    let walkthrough = manual.split("## Rondleiding").nth(1).and_then(|s| s.split("\n## ").next()).unwrap_or_else(|| panic!("no walkthrough"));
    let lines: Vec<&str> = walkthrough.lines().collect();
    let mut out = Vec::new();
    let mut pending: Option<String> = None;
    let mut code = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(d) = line.strip_prefix("<!-- stap:").and_then(|d| d.strip_suffix("-->")) {
            let d = d.trim();
            if let Some(n) = d.strip_prefix("eindcode") {
                code = n.trim().parse().unwrap_or_else(|_| panic!("bad {d}"));
            } else if d.contains("het blok hieronder") {
                pending = Some(d.to_string());
            } else {
                let q = quoted(d);
                assert_eq!(q.len(), 2, "{d}");
                out.push(Step::Replace { path: path_after(d, "vervang in").to_string(), from: q[0].clone(), to: q[1].clone() });
            }
        } else if let Some(info) = line.strip_prefix("```").filter(|s| !s.is_empty()) {
            let start = i + 1;
            let end = start + lines[start..].iter().position(|l| *l == "```").unwrap_or_else(|| panic!("unclosed block at {line}"));
            let body = &lines[start..end];
            if info == "console" {
                let mut k = 0;
                while k < body.len() {
                    let Some(command) = body[k].strip_prefix("$ ") else { panic!("console line without $: {}", body[k]) };
                    let mut expected = Vec::new();
                    k += 1;
                    while k < body.len() && !body[k].starts_with("$ ") {
                        expected.push(body[k].trim().to_string());
                        k += 1;
                    }
                    out.push(Step::Run { command: command.to_string(), expected, code });
                }
                code = 0;
            } else if let Some(d) = pending.take() {
                let block = body.join("\n") + "\n";
                let q = quoted(&d);
                if d.starts_with("vervang in") {
                    out.push(Step::ReplaceLine { path: path_after(&d, "vervang in").to_string(), line: q[0].clone(), block });
                } else if d.starts_with("voeg het blok hieronder in") {
                    out.push(Step::InsertBefore { path: path_after(&d, "hieronder in").to_string(), line: q[0].clone(), block });
                } else if d.starts_with("maak") {
                    out.push(Step::Create { path: path_after(&d, "maak").to_string(), block });
                } else {
                    panic!("unknown step {d}");
                }
            }
            i = end;
        }
        i += 1;
    }
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Whether `expected` (with `…` for any text) occurs in `line`.
fn matches(line: &str, expected: &str) -> bool {
    let mut rest = line;
    for part in expected.split('…').map(str::trim).filter(|p| !p.is_empty()) {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

#[test]
fn the_walkthrough_in_the_manual_runs() {
    let manual = read(&common::root().join("docs/handleiding.md"));
    let steps = steps(&manual);
    assert!(steps.iter().filter(|s| matches!(s, Step::Run { .. })).count() >= 6, "{steps:#?}");
    let dir = std::env::temp_dir().join(format!("passend-handleiding-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(&common::root().join("regions"), &dir.join("regions"));
    let bin: PathBuf = PathBuf::from(env!("CARGO_BIN_EXE_passend"));
    let path = format!("{}:{}", bin.parent().map(|p| p.display().to_string()).unwrap_or_default(), std::env::var("PATH").unwrap_or_default());
    for step in &steps {
        match step {
            Step::Run { command, expected, code } => {
                let out = Command::new("sh")
                    .args(["-c", command])
                    .current_dir(&dir)
                    .env("PATH", &path)
                    .env_remove("PASSEND_REGIONS")
                    .env("NO_COLOR", "1")
                    .output()
                    .unwrap_or_else(|e| panic!("{command}: {e}"));
                let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
                assert_eq!(out.status.code(), Some(*code), "`{command}`:\n{text}");
                let mut lines = text.lines();
                for want in expected.iter().filter(|w| !w.is_empty()) {
                    assert!(lines.any(|l| matches(l, want)), "`{command}`: no line `{want}` (in order) in:\n{text}");
                }
            }
            Step::ReplaceLine { path, line, block } => {
                let file = dir.join(path);
                let text = read(&file);
                let old = format!("{line}\n");
                assert!(text.contains(&old), "{path} has no line `{line}`");
                write(&file, &text.replacen(&old, block, 1));
            }
            Step::InsertBefore { path, line, block } => {
                let file = dir.join(path);
                let text = read(&file);
                let old = format!("{line}\n");
                assert!(text.contains(&old), "{path} has no line `{line}`");
                write(&file, &text.replacen(&old, &format!("{block}{old}"), 1));
            }
            Step::Create { path, block } => write(&dir.join(path), block),
            Step::Replace { path, from, to } => {
                let file = dir.join(path);
                let text = read(&file);
                assert!(text.contains(from.as_str()), "{path} has no `{from}`");
                write(&file, &text.replacen(from.as_str(), to, 1));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
