//! `passend fmt`: placeholder until its issue is done.

use clap::Args;

#[derive(Args)]
pub struct FmtArgs {
    /// Arguments (not yet interpreted).
    rest: Vec<String>,
}

pub fn run(_args: FmtArgs) -> i32 {
    eprintln!("passend fmt: nog niet beschikbaar");
    super::EXIT_RULES
}
