//! Benchmark: how fast `passend lsp` answers while someone types.
//!
//! - diagnostics (parse with recovery, check, lint) for the largest bundled
//!   rule set, `rijnstreek/2026` (7 files, 74 KB), after a one-character edit
//!   in one of its files: an edit that keeps it valid (lint runs too), a typo
//!   in a field name (check fails, no lint), and an edit that breaks a block
//!   (recovery);
//! - completion and hover in the largest file, `leiden/2019-2020/1-tlv.passend` (25 KB).
//!
//! The workspace is loaded outside the timed loop, as the server loads it
//! once; inside, the edited file is parsed again as the server would.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use passend::tools::lsp::diagnose_set;
use passend::tools::lsp::{SetId, Workspace};
use std::path::PathBuf;
use std::time::Duration;

const SET_FILE: &str = "rijnstreek/2026/10-tlv.passend";
const LARGEST_FILE: &str = "leiden/2019-2020/1-tlv.passend";

fn workspace() -> Workspace {
    Workspace::open(Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("regions")))
}

fn diagnostics(c: &mut Criterion) {
    let mut ws = workspace();
    let set = SetId { regio: "rijnstreek".into(), versie: "2026".into() };
    let text = ws.text(SET_FILE).map(|t| t.to_string()).unwrap_or_default();
    let edits = [
        ("geldig (één spatie erbij, lint loopt)", text.replacen("waarde als leerling.emb", "waarde  als leerling.emb", 1)),
        ("tikfout in een veldnaam", text.replacen("leerling.emb", "leerling.emd", 1)),
        ("een blok kapot (herstel)", text.replacen("waarde als leerling.emb", "waarde als als leerling.emb", 1)),
    ];
    let mut group = c.benchmark_group("lsp diagnostiek rijnstreek/2026 na één teken");
    group.measurement_time(Duration::from_secs(5)).sample_size(20);
    for (name, edited) in &edits {
        assert_ne!(edited, &text, "{name}: the edit must change the text");
        let mut flip = false;
        group.bench_function(*name, |b| {
            b.iter(|| {
                // Alternate so that every iteration sees a fresh text to parse.
                flip = !flip;
                ws.set_text(SET_FILE, if flip { edited } else { &text }, true);
                black_box(diagnose_set(&ws, &set))
            })
        });
    }
    group.finish();
}

fn completion_and_hover(c: &mut Criterion) {
    let mut ws = workspace();
    let text = ws.text(LARGEST_FILE).map(|t| t.to_string()).unwrap_or_default();
    let expr_at = text.match_indices("  waarde ").nth(3).map(|(i, _)| i + 9).unwrap_or(0);
    let field_at = text.find("voorwaarde leerling.setting").map(|i| i + 20).unwrap_or(0);
    assert!(passend::tools::lsp::hover(&ws, LARGEST_FILE, field_at).is_some(), "the hover position is on a field");
    let mut group = c.benchmark_group("lsp in leiden/2019-2020/1-tlv.passend");
    group.measurement_time(Duration::from_secs(5)).sample_size(30);
    group.bench_function("aanvulling in een uitdrukking", |b| {
        b.iter(|| black_box(passend::tools::lsp::complete(&ws, LARGEST_FILE, expr_at)))
    });
    group.bench_function("aanvulling na `leerling.`", |b| b.iter(|| black_box(passend::tools::lsp::complete(&ws, LARGEST_FILE, field_at))));
    group.bench_function("hover op een veld", |b| b.iter(|| black_box(passend::tools::lsp::hover(&ws, LARGEST_FILE, field_at))));
    // After an edit the file is parsed again before the answer.
    let edited = text.replacen("voorwaarde leerling.setting", "voorwaarde  leerling.setting", 1);
    let mut flip = false;
    group.bench_function("aanvulling na een bewerking (opnieuw ontleden)", |b| {
        b.iter(|| {
            flip = !flip;
            ws.set_text(LARGEST_FILE, if flip { &edited } else { &text }, true);
            black_box(passend::tools::lsp::complete(&ws, LARGEST_FILE, expr_at))
        })
    });
    group.finish();
}

criterion_group!(benches, diagnostics, completion_and_hover);
criterion_main!(benches);
