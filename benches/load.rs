//! Benchmark 1, load: parse + check + compile all bundled regions (eagerly,
//! as `passend check` and `Engine::from_files_strict` do), each stage apart,
//! and the lazy start `passend eval` pays (vocabulary, then one region).
//! Allocations of one full load are counted with a counting allocator.

mod support;

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use passend::SourceFile;
use passend::Engine;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The system allocator, counting calls and bytes.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn count<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let (a, b) = (ALLOCATIONS.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
    let out = f();
    let (a2, b2) = (ALLOCATIONS.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
    println!("allocations {what}: {} calls, {} KiB requested", a2 - a, (b2 - b) / 1024);
    out
}

fn load(c: &mut Criterion) {
    let files = support::rule_files();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    println!("rule files: {} files, {} KiB", files.len(), bytes / 1024);
    count("eager load of all regions", || Engine::from_files_strict(files.clone()).is_ok());
    count("lazy start (vocabulary only)", || Engine::from_files_lazy(files.clone()).is_ok());
    count("lazy start + first use of rijnstreek", || {
        Engine::from_files_lazy(files.clone()).is_ok_and(|e| e.program_for("rijnstreek", support::today(), None).is_some())
    });

    let mut group = c.benchmark_group("load");
    group.sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    group.bench_function("all_regions_parse_check_compile", |b| {
        b.iter_batched(|| files.clone(), |f| black_box(Engine::from_files_strict(f).is_ok()), BatchSize::SmallInput)
    });
    let sources: Vec<SourceFile> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".passend"))
        .map(|(p, t)| SourceFile::new(format!("regions/{p}"), t.as_str()))
        .collect();
    group.bench_function("all_regions_parse_only", |b| {
        b.iter(|| sources.iter().filter(|s| passend::tools::fmt::parse(s).is_ok()).count())
    });
    group.bench_function("lazy_start_vocabulary_only", |b| {
        b.iter_batched(|| files.clone(), |f| black_box(Engine::from_files_lazy(f).is_ok()), BatchSize::SmallInput)
    });
    group.bench_function("lazy_start_then_rijnstreek", |b| {
        b.iter_batched(
            || files.clone(),
            |f| {
                let engine = Engine::from_files_lazy(f).ok();
                black_box(engine.map(|e| e.program_for("rijnstreek", support::today(), None).is_some()))
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
