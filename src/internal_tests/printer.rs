//! Issue 11: one expression printer and one escaping function. `value::quote`
//! and `fmt` escaped a new line differently; explain and diff printed checked
//! expressions with two copies of the precedence table.

use passend::value::{literal, quote, Value};
use std::sync::Arc;

/// Finding: `value::quote` left a new line raw, `fmt` wrote `\n`.
#[test]
fn a_text_literal_is_escaped_the_same_everywhere() {
    assert_eq!(quote("regel 1\nregel \"2\" \\ eind"), "\"regel 1\\nregel \\\"2\\\" \\\\ eind\"");
    assert_eq!(literal(&Value::Text(Arc::from("a\nb"))), "\"a\\nb\"");
}

/// The printer explain and diff share writes every bundled rule expression so
/// that it checks again to the same comparison key (`diff`'s `canon`).
#[test]
fn explain_and_diff_print_with_one_printer() {
    let engine = passend::Engine::embedded().unwrap_or_else(|e| panic!("{e}"));
    let mut seen = 0;
    for region in engine.regions() {
        for program in region.versions() {
            let names = passend::diff::normal::Names::new(program);
            for aanvraag in program.aanvragen() {
                for rule in &aanvraag.rules {
                    for e in passend::eval::trace::rule_exprs(rule) {
                        assert_eq!(names.show(e), passend::explain::print::expr_text(program, e));
                        seen += 1;
                    }
                }
            }
        }
    }
    assert!(seen > 1000, "only {seen} expressions");
}
