//! `passend lint`: placeholder until its issue is done.

use clap::Args;

#[derive(Args)]
pub struct LintArgs {
    /// Arguments (not yet interpreted).
    rest: Vec<String>,
}

pub fn run(_args: LintArgs) -> i32 {
    eprintln!("passend lint: nog niet beschikbaar");
    super::EXIT_RULES
}
