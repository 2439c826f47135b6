//! Tests of the tools for people who edit and read rule files (issue 5):
//! `passend test` and rule coverage, `passend explain`, `passend graph`,
//! `passend schema`. Small rule sets written for the test pin the exact
//! behaviour; the bundled regions and the contract examples check the tools
//! on real rules.

#[path = "../common/mod.rs"]
mod common;

mod explain;
mod fixture;
mod graph;
mod passend_test;
mod schema;
