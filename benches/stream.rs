//! Benchmark placeholder, filled by the performance work (issue 6).
fn main() {}
