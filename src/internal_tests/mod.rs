//! Tests of internal modules that used to live in `tests/` and reach past
//! the public API (issue 11 narrowed `lib.rs`).
