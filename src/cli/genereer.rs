//! `passend genereer --seed S --aantal N`: deterministic example dossiers as
//! NDJSON (from `passend::generate`), to reproduce benchmarks and impact runs.

use clap::Args;
use std::io::{self, BufWriter, Write};

#[derive(Args)]
pub struct GenereerArgs {
    /// Seed of the generator; the same seed gives the same dossiers.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How many dossiers.
    #[arg(long, default_value_t = 1000)]
    aantal: usize,
}

pub fn run(args: GenereerArgs) -> i32 {
    let mut out = BufWriter::new(io::stdout().lock());
    for i in 0..args.aantal {
        let line = passend::generate::dossier(args.seed, i).to_string();
        if let Err(e) = writeln!(out, "{line}") {
            super::output::failed(&e);
            return 0;
        }
    }
    if let Err(e) = out.flush() {
        super::output::failed(&e);
    }
    0
}
