//! `passend explain`: placeholder until its issue is done.

use clap::Args;

#[derive(Args)]
pub struct ExplainArgs {
    /// Arguments (not yet interpreted).
    rest: Vec<String>,
}

pub fn run(_args: ExplainArgs) -> i32 {
    eprintln!("passend explain: nog niet beschikbaar");
    super::EXIT_RULES
}
