//! Benchmark 2, evaluate: one pre-decoded dossier per region and request
//! kind (ns/dossier, no parsing), and the stages of one line apart (JSON
//! parse, decode a parsed `Value` into slots, or decode the text straight
//! into slots; evaluate; serialize the decision).

mod support;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::time::Duration;

fn evaluate(c: &mut Criterion) {
    let engine = support::engine();
    let cases = support::representative(&engine);
    let mut group = c.benchmark_group("evaluate");
    group.sample_size(10).warm_up_time(Duration::from_millis(200)).measurement_time(Duration::from_millis(600));
    for (regio, soort, json) in &cases {
        let dossier = match engine.decode(json, support::today()) {
            Ok(d) => d,
            Err(e) => panic!("{regio}/{soort}: example does not decode: {e}"),
        };
        group.bench_function(format!("{regio}/{soort}"), |b| b.iter(|| black_box(engine.evaluate(black_box(&dossier)).is_ok())));
    }
    group.finish();
}

fn stages(c: &mut Criterion) {
    let engine = support::engine();
    let cases = support::representative(&engine);
    let Some((_, _, json)) = cases.iter().find(|(r, s, _)| r == "leiden" && s == "tlv") else { return };
    let text = json.to_string();
    let dossier = match engine.decode(json, support::today()) {
        Ok(d) => d,
        Err(e) => panic!("leiden/tlv does not decode: {e}"),
    };
    let decision = match engine.evaluate(&dossier) {
        Ok(d) => d,
        Err(e) => panic!("leiden/tlv does not evaluate: {e}"),
    };
    let mut group = c.benchmark_group("stages_leiden_tlv");
    group.sample_size(10).warm_up_time(Duration::from_millis(200)).measurement_time(Duration::from_millis(600));
    group.bench_function("json_parse", |b| b.iter(|| black_box(serde_json::from_str::<serde_json::Value>(black_box(&text)).is_ok())));
    group.bench_function("decode", |b| b.iter(|| black_box(engine.decode(black_box(json), support::today()).is_ok())));
    group.bench_function("json_parse_then_decode", |b| {
        b.iter(|| {
            let json: Result<serde_json::Value, _> = serde_json::from_str(black_box(&text));
            black_box(json.map(|j| engine.decode(&j, support::today()).is_ok()).is_ok())
        })
    });
    group.bench_function("decode_slice_from_text", |b| {
        b.iter(|| black_box(engine.decode_slice(black_box(text.as_bytes()), support::today()).is_ok()))
    });
    group.bench_function("evaluate", |b| b.iter(|| black_box(engine.evaluate(black_box(&dossier)).is_ok())));
    let mut out = Vec::with_capacity(8192);
    group.bench_function("serialize_decision", |b| {
        b.iter(|| {
            out.clear();
            black_box(serde_json::to_writer(&mut out, black_box(&decision)).is_ok())
        })
    });
    group.bench_function("whole_line", |b| {
        b.iter(|| {
            out.clear();
            black_box(passend::tools::ndjson::decide_into(&engine, text.as_bytes(), None, support::today(), &mut out).is_ok())
        })
    });
    group.finish();
}

criterion_group!(benches, evaluate, stages);
criterion_main!(benches);
