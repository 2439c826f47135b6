//! `passend diff`: placeholder until its issue is done.

use clap::Args;

#[derive(Args)]
pub struct DiffArgs {
    /// Arguments (not yet interpreted).
    rest: Vec<String>,
}

pub fn run(_args: DiffArgs) -> i32 {
    eprintln!("passend diff: nog niet beschikbaar");
    super::EXIT_RULES
}
