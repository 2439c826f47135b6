//! `passend fmt`: the canonical layout of rule files. Formatting keeps the
//! meaning (the re-parsed tree is the same, checked on every run), every
//! comment and every string literal exactly as written, and is idempotent.
//!
//! ```
//! use passend::source::SourceFile;
//! let messy = "parameter  plafond{waarde EUR 50000,00 # per jaar\nbron \"Vangnet\"}";
//! let text = passend::fmt::format_source(&SourceFile::new("x.passend", messy)).map_err(|p| p.len())?;
//! assert_eq!(text, "parameter plafond {\n  waarde € 50.000  # per jaar\n  bron \"Vangnet\"\n}\n");
//! # Ok::<(), usize>(())
//! ```

pub mod comments;
pub mod expr;
pub mod shape;
mod writer;

use crate::diagnostics::{Code, Problem};
use crate::source::{SourceFile, Span};
use crate::syntax::parse_file;
use crate::loader::find::{find, Found};
use std::path::Path;

/// The canonical text of one rule file, or its syntax problems.
pub fn format_source(source: &SourceFile) -> Result<String, Vec<Problem>> {
    let file = parse_file(source)?;
    let text = writer::write(&source.text, &file);
    // Guard: never hand back a text that means something else or lost a comment.
    let again = SourceFile::new(source.name.clone(), text.as_str());
    let same = match parse_file(&again) {
        Ok(reparsed) => shape::same_file(&file, &reparsed),
        Err(_) => false,
    };
    if !same || comments::scan(&text).len() != comments::scan(&source.text).len() {
        return Err(vec![Problem::new(Code::FmtIntern, source, Span::new(0, 0), "de opmaak van dit bestand zou de betekenis of een opmerking veranderen")
            .help("dit is een fout in `passend fmt`; het bestand is niet veranderd. Meld het met dit bestand erbij.")]);
    }
    Ok(text)
}

/// The rule files below `path`: the file itself, or every `*.passend` in the
/// folder and its subfolders, sorted, found with the loader's policy (no
/// linked folders, no links out of the folder; see `crate::loader::find`).
pub fn rule_files(path: &Path) -> std::io::Result<Vec<Found>> {
    if !path.is_dir() {
        let rel = path.display().to_string();
        return Ok(vec![Found { rel, path: path.to_path_buf(), refused: None }]);
    }
    let mut found = find(path, false)?;
    for f in &mut found {
        f.rel = path.join(&f.rel).display().to_string();
    }
    Ok(found)
}
