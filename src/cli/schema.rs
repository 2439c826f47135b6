//! `passend schema`: placeholder until its issue is done.

use clap::Args;

#[derive(Args)]
pub struct SchemaArgs {
    /// Arguments (not yet interpreted).
    rest: Vec<String>,
}

pub fn run(_args: SchemaArgs) -> i32 {
    eprintln!("passend schema: nog niet beschikbaar");
    super::EXIT_RULES
}
