//! Benchmarks 3 and 4, the stream: NDJSON text in -> decision lines out
//! through the very code `passend eval --ndjson` runs
//! (`passend::engine::ndjson::run`), on generated dossiers over all regions
//! and kinds (`passend::generate`, fixed seed), single thread and `--jobs 2`;
//! and the floor: serde_json parsing the same lines into a `Value` and
//! serializing a decision of the same size (the line's real decision,
//! computed beforehand) without evaluating anything.
//!
//! `PASSEND_BENCH_DOSSIERS` sets the number of dossiers (default 100,000);
//! `PASSEND_BENCH_WRITE=FILE` also writes the generated NDJSON to FILE (for
//! hyperfine and the memory measurement with `/usr/bin/time -v`).
//! At the end a summary prints dossiers/s and the ratio end to end / floor.

mod support;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use passend::engine::ndjson::{self, Options};
use passend::{Decision, Engine};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::time::{Duration, Instant};

const SEED: u64 = 2026;

fn count() -> usize {
    std::env::var("PASSEND_BENCH_DOSSIERS").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000)
}

/// What a line's output is: a decision, or a `fout` object.
enum Answer {
    Decision(Box<Decision>),
    Fout(Value),
}

impl serde::Serialize for Answer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Decision(d) => d.serialize(s),
            Answer::Fout(v) => v.serialize(s),
        }
    }
}

/// Every line's answer, computed before the floor is timed.
fn answers(engine: &Engine, input: &[u8]) -> Vec<Answer> {
    input
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|line| {
            let json: Value = serde_json::from_slice(line).unwrap_or(Value::Null);
            match engine.evaluate_json(&json, support::today()) {
                Ok(d) => Answer::Decision(Box::new(d)),
                Err(e) => Answer::Fout(serde_json::json!({"regelnummer": 0, "fout": e})),
            }
        })
        .collect()
}

/// The floor: read lines, parse each into a `serde_json::Value`, serialize an
/// answer of the same size, write. No decoding, no evaluation.
fn floor(input: &[u8], answers: &[Answer]) -> usize {
    let mut reader = BufReader::with_capacity(1 << 18, input);
    let mut sink = std::io::sink();
    let mut line = Vec::new();
    let mut out = Vec::with_capacity(1 << 16);
    let mut n = 0;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let parsed: Result<Value, _> = serde_json::from_slice(&line);
        criterion::black_box(&parsed);
        if let Some(answer) = answers.get(n) {
            let _ = serde_json::to_writer(&mut out, answer);
        }
        out.push(b'\n');
        n += 1;
        if out.len() >= 1 << 16 {
            let _ = sink.write_all(&out);
            out.clear();
        }
    }
    let _ = sink.write_all(&out);
    n
}

fn end_to_end(engine: &Engine, input: &[u8], jobs: usize) {
    let options = Options { versie: None, jobs, today: Some(support::today()) };
    if let Err(e) = ndjson::run(engine, input, std::io::sink(), &options) {
        panic!("stream failed: {e}");
    }
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn stream(c: &mut Criterion) {
    let n = count();
    let engine = support::engine();
    let started = Instant::now();
    let input = support::ndjson(SEED, n);
    if let Some(path) = std::env::var_os("PASSEND_BENCH_WRITE") {
        if let Err(e) = std::fs::write(&path, &input) {
            panic!("cannot write {}: {e}", std::path::Path::new(&path).display());
        }
    }
    let answers = answers(&engine, &input);
    let refused = answers.iter().filter(|a| matches!(a, Answer::Fout(_))).count();
    let output_bytes: usize = answers.iter().map(|a| serde_json::to_vec(a).map(|v| v.len() + 1).unwrap_or(0)).sum();
    println!(
        "stream input: {n} dossiers, {:.1} MB NDJSON in, {:.1} MB out, {refused} refused (fout lines), generated in {:.1?}",
        input.len() as f64 / 1e6,
        output_bytes as f64 / 1e6,
        started.elapsed()
    );

    let mut group = c.benchmark_group("stream");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .throughput(Throughput::Elements(n as u64));
    group.bench_function("end_to_end_1_thread", |b| b.iter(|| end_to_end(&engine, &input, 1)));
    group.bench_function("floor_parse_and_serialize", |b| b.iter(|| floor(&input, &answers)));
    group.bench_function("end_to_end_jobs_2", |b| b.iter(|| end_to_end(&engine, &input, 2)));
    group.finish();

    // The ratio, measured side by side in one run (best of 3 each).
    let e2e = best_of(3, || end_to_end(&engine, &input, 1));
    let flo = best_of(3, || {
        floor(&input, &answers);
    });
    let par = best_of(3, || end_to_end(&engine, &input, 2));
    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    println!("summary: end to end 1 thread {:.0} dossiers/s ({:.2} µs/dossier)", rate(e2e), e2e.as_secs_f64() * 1e6 / n as f64);
    println!("summary: floor               {:.0} dossiers/s ({:.2} µs/dossier)", rate(flo), flo.as_secs_f64() * 1e6 / n as f64);
    println!("summary: ratio end to end / floor = {:.2} (target <= 2.0)", e2e.as_secs_f64() / flo.as_secs_f64());
    println!("summary: --jobs 2            {:.0} dossiers/s ({:.2}x one thread)", rate(par), e2e.as_secs_f64() / par.as_secs_f64());
}

criterion_group!(benches, stream);
criterion_main!(benches);
