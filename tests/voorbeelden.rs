//! The example dossiers beside each region's rule files
//! (`regions/<regio>/voorbeelden/*.json`), each citing the handbook sentence
//! it checks, and the public contract examples in ../shared/contract/examples.

mod common;

use common::*;

fn region(regio: &str, minimum: usize) {
    let engine = engine();
    let (count, failures) = run_cases(&engine, &root().join("regions").join(regio).join("voorbeelden"));
    assert!(failures.is_empty(), "{} of {count} {regio} cases fail:\n{}", failures.len(), failures.join("\n"));
    assert!(count >= minimum, "{regio} has {count} example dossiers; at least {minimum} are required");
}

#[test]
fn rijnstreek() {
    region("rijnstreek", 30);
}

#[test]
fn stromenland() {
    region("stromenland", 20);
}

#[test]
fn ijmond() {
    region("ijmond", 20);
}

#[test]
fn leiden() {
    region("leiden", 20);
}

#[test]
fn helmond_peelland() {
    region("helmond-peelland", 20);
}

/// The contract's own examples: `<slug>.dossier.json` + `<slug>.verwacht.json`.
#[test]
fn contract_examples_skipped_without_shared() {
    let dir = root().join("../shared/contract/examples");
    if !dir.is_dir() {
        eprintln!("../shared/contract/examples not found; skipped");
        return;
    }
    let engine = engine();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in case_files(&dir) {
        let name = path.to_string_lossy().to_string();
        let Some(slug) = name.strip_suffix(".dossier.json") else { continue };
        count += 1;
        let read = |p: String| std::fs::read_to_string(p).ok().and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok());
        let (Some(dossier), Some(verwacht)) = (read(name.clone()), read(format!("{slug}.verwacht.json"))) else {
            failures.push(format!("{name}: unreadable"));
            continue;
        };
        match engine.evaluate_json(&dossier, date("2026-11-23")) {
            Ok(d) => {
                let reasons = check(&verwacht, &serde_json::to_value(&d).unwrap_or_default());
                if !reasons.is_empty() {
                    failures.push(format!("{slug}: {}", reasons.join("; ")));
                }
            }
            Err(e) => failures.push(format!("{slug}: refused: {e}")),
        }
    }
    assert!(count >= 5, "expected the five contract examples, found {count}");
    assert!(failures.is_empty(), "contract examples fail:\n{}", failures.join("\n"));
}
