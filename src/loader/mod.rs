//! Finding, reading and grouping rule files: the one place that does it, for
//! the engine, `fmt`, `lint`, `diff` and `build.rs` (see `find` for the
//! policy on links, FIFOs and sizes).
//!
//! A file that cannot be read becomes a located `Problem` of that file
//! (code `passend::onleesbaar`, or `passend::te_groot` past the size limit),
//! grouped with its region's files like a parse or check problem: one
//! unreadable file blocks its own region, never the others.

pub mod find;

pub use find::{read_bounded, read_limited, read_text, ReadError, MAX_RULE_FILE, VOCABULARY};

use crate::diagnostics::{Code, Problem};
use crate::source::{SourceFile, Span};
use std::collections::BTreeMap;
use std::path::Path;

/// A rule file (or the vocabulary) as read: its path below the rules
/// folder (`/`-separated) and its text, or why it could not be read.
#[derive(Debug)]
pub struct RuleFile {
    pub rel: String,
    pub text: Result<String, ReadError>,
}

impl RuleFile {
    /// A file whose text is already known (embedded, or from a test).
    pub fn known(rel: impl Into<String>, text: impl Into<String>) -> RuleFile {
        RuleFile { rel: rel.into(), text: Ok(text.into()) }
    }
}

/// Reads `vocabulaire.toml` and every `*.passend` below `root`, sorted by
/// path. An error only when `root` itself cannot be listed; unreadable
/// files are returned with their reason.
pub fn read_folder(root: &Path) -> std::io::Result<Vec<RuleFile>> {
    Ok(find::find(root, true)?.into_iter().map(|f| RuleFile { text: f.read(), rel: f.rel }).collect())
}

/// The located problem for a file that could not be read (at its start, no text shown).
pub fn unreadable(name: &str, err: &ReadError) -> Problem {
    let source = SourceFile::new(name, "");
    match err {
        ReadError::TooLarge { .. } => Problem::new(Code::TeGroot, &source, Span::default(), format!("{name}: {err}"))
            .label("dit bestand is te groot")
            .help("verdeel de regels over meerdere bestanden in dezelfde versiemap"),
        _ => Problem::new(Code::Onleesbaar, &source, Span::default(), format!("kan {name} niet lezen: {err}"))
            .label("onleesbaar")
            .help("alleen gewone UTF-8-bestanden binnen de map met regels worden gelezen; de andere regio's werken gewoon door"),
    }
}

/// The files of one version folder of a region, and the problems of the
/// ones that could not be read.
#[derive(Clone, Debug, Default)]
pub struct VersionFiles {
    pub files: Vec<SourceFile>,
    pub unreadable: Vec<Problem>,
}

/// The rule files sorted out: the vocabulary, and per region (sorted by
/// id) its version folders (in folder order).
#[derive(Debug)]
pub struct Grouped {
    pub vocabulary: Option<Result<SourceFile, Problem>>,
    pub regions: Vec<(String, Vec<VersionFiles>)>,
}

/// Groups files by `regio/versie/…`; shown names get the prefix `regions/`.
/// Files of other shapes (a rule file directly in the root) are left out.
pub fn group(files: Vec<RuleFile>) -> Grouped {
    let mut vocabulary = None;
    let mut sets: BTreeMap<String, BTreeMap<String, VersionFiles>> = BTreeMap::new();
    for file in files {
        let name = format!("regions/{}", file.rel);
        if file.rel == VOCABULARY {
            vocabulary = Some(file.text.map(|t| SourceFile::new(name.as_str(), t)).map_err(|e| unreadable(&name, &e)));
            continue;
        }
        let mut parts = file.rel.split('/');
        let (Some(regio), Some(versie)) = (parts.next(), parts.next()) else { continue };
        if !file.rel.ends_with(".passend") {
            continue;
        }
        let version = sets.entry(regio.to_string()).or_default().entry(versie.to_string()).or_default();
        match file.text {
            Ok(text) => version.files.push(SourceFile::new(name, text)),
            Err(e) => version.unreadable.push(unreadable(&name, &e)),
        }
    }
    let regions = sets
        .into_iter()
        .map(|(regio, versions)| {
            let versions = versions
                .into_values()
                .map(|mut v| {
                    v.files.sort_by(|a, b| a.name.cmp(&b.name));
                    v
                })
                .collect();
            (regio, versions)
        })
        .collect();
    Grouped { vocabulary, regions }
}

/// Longest NDJSON line read (bytes), as `crate::engine::ndjson::MAX_LINE`.
const MAX_LINE_BYTES: usize = crate::engine::ndjson::MAX_LINE;

/// An NDJSON reader for tools that read whole lines (`diff --dossiers`): a
/// line longer than `MAX_LINE_BYTES` is a read error, found before it is in memory.
pub struct LineLimit<R> {
    inner: R,
    since_newline: usize,
}

impl<R> LineLimit<R> {
    pub fn new(inner: R) -> Self {
        LineLimit { inner, since_newline: 0 }
    }
}

impl<R: std::io::Read> std::io::Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let got = buf.get(..n).unwrap_or_default();
        self.since_newline = match got.iter().rposition(|b| *b == b'\n') {
            Some(last) => n - last - 1,
            None => self.since_newline + n,
        };
        if self.since_newline > MAX_LINE_BYTES {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, format!("een regel is langer dan {MAX_LINE_BYTES} bytes (16 MiB)")));
        }
        Ok(n)
    }
}
