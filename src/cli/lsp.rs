//! `passend lsp`: the language server for editors, over stdin/stdout.
//! The rules folder is found as every command finds it (`cli::regels`),
//! else from the folder the editor opens.

use super::regels::RuleSource;
use clap::Args;
use passend::engine::VOCABULARY;
use std::path::PathBuf;

#[derive(Args)]
pub struct LspArgs {
    /// Map met regels (standaard: $PASSEND_REGIONS, ./regions, anders de map die de editor opent).
    #[arg(long = "regels", alias = "regions", value_name = "MAP")]
    regels: Option<PathBuf>,
    /// Voor editors die dit meegeven; de server praat altijd over standaardinvoer en -uitvoer.
    #[arg(long, hide = true)]
    stdio: bool,
}

pub fn run(args: LspArgs) -> i32 {
    let _ = args.stdio;
    let root = match RuleSource::resolve(args.regels.as_deref()) {
        // A region, version or file inside the regions folder: the folder above it with the vocabulary.
        RuleSource::Folder(dir) => {
            let full = dir.canonicalize().unwrap_or(dir);
            Some(full.ancestors().find(|d| d.join(VOCABULARY).is_file()).map(PathBuf::from).unwrap_or(full))
        }
        RuleSource::Ingebouwd => None,
    };
    match passend::lsp::run_stdio(root) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("fout: de taalserver stopt: {e}");
            1
        }
    }
}
