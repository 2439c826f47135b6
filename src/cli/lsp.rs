//! `passend lsp`: the language server for editors, over stdin/stdout.

use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct LspArgs {
    /// The regions folder (default: $PASSEND_REGIONS, ./regions, or the folder the editor opened).
    #[arg(long = "regions")]
    regions: Option<PathBuf>,
    /// Accepted for editors that pass it; stdin/stdout is the only transport.
    #[arg(long, hide = true)]
    stdio: bool,
}

pub fn run(args: LspArgs) -> i32 {
    let _ = args.stdio;
    match passend::lsp::run_stdio(args.regions) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("fout: de taalserver stopt: {e}");
            1
        }
    }
}
