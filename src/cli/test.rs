//! `passend test`: placeholder until its issue is done.

use clap::Args;

#[derive(Args)]
pub struct TestArgs {
    /// Arguments (not yet interpreted).
    rest: Vec<String>,
}

pub fn run(_args: TestArgs) -> i32 {
    eprintln!("passend test: nog niet beschikbaar");
    super::EXIT_RULES
}
