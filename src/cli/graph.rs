//! `passend graph`: placeholder until its issue is done.

use clap::Args;

#[derive(Args)]
pub struct GraphArgs {
    /// Arguments (not yet interpreted).
    rest: Vec<String>,
}

pub fn run(_args: GraphArgs) -> i32 {
    eprintln!("passend graph: nog niet beschikbaar");
    super::EXIT_RULES
}
