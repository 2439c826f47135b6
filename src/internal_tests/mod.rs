//! Tests of internal modules that used to live in `tests/` and reach past
//! the public API (issue 11 narrowed `lib.rs`).
//!
//! They name the crate `passend::…` (the alias in `lib.rs`), as they did in
//! `tests/`.

mod printer;
mod properties;
mod trace;
