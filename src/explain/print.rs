//! Writes a checked expression back in the rule language, so an explanation
//! or a diagram can show a condition as the rule file says it: the one
//! printer of `crate::print`.

pub use crate::print::expr_text;
