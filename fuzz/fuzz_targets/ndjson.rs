//! Fuzz target 3: NDJSON framing. Arbitrary bytes go through
//! `passend::tools::ndjson::run`, the very function behind
//! `passend eval --ndjson` (line splitting, `\r\n`, blank lines, the 16 MiB
//! line limit, decode + evaluate per line, batching). Checked: it returns
//! without error and writes exactly one line per input line, each valid JSON;
//! with `jobs > 1` (one input in 16: a thread pool is slow to start) the output is the same, in order.

#![no_main]

use libfuzzer_sys::fuzz_target;
use passend::tools::ndjson::{run, Options};
use std::sync::OnceLock;

fn engine() -> Option<&'static passend::Engine> {
    static ENGINE: OnceLock<Option<passend::Engine>> = OnceLock::new();
    ENGINE.get_or_init(|| passend::Engine::embedded().ok()).as_ref()
}

fn stream(engine: &passend::Engine, data: &[u8], jobs: usize) -> Vec<u8> {
    let options = Options { versie: None, jobs, today: chrono::NaiveDate::from_ymd_opt(2025, 1, 15) };
    let mut out = Vec::new();
    if let Err(e) = run(engine, data, &mut out, &options) {
        panic!("the stream stopped: {e}");
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some(engine) = engine() else { return };
    let out = stream(engine, data, 1);
    let input_lines = data.split_inclusive(|b| *b == b'\n').count();
    let output_lines: Vec<&[u8]> = out.split_inclusive(|b| *b == b'\n').collect();
    assert_eq!(output_lines.len(), input_lines, "one output line per input line");
    for line in &output_lines {
        assert_eq!(line.last(), Some(&b'\n'), "every output line is complete");
        assert!(serde_json::from_slice::<serde_json::Value>(line).is_ok(), "an output line is not JSON");
    }
    if data.first().is_some_and(|b| b % 16 == 1) {
        assert_eq!(stream(engine, data, 2), out, "jobs=2 gives the same output");
    }
});
