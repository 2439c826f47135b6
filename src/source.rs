//! Source text and locations: one `SourceFile` per rule file, spans as byte
//! offsets into its text. Every diagnostic hands miette the very text its
//! span indexes.

use std::sync::{Arc, OnceLock};

/// A rule file (or vocabulary file) as read: its display name and full text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: Arc<str>,
    pub text: Arc<str>,
    /// Byte offsets where lines start, computed on first use (shared by clones),
    /// so locating many problems in one large file stays linear.
    line_starts: Arc<OnceLock<Vec<usize>>>,
}

impl SourceFile {
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        SourceFile { name: name.into(), text: text.into(), line_starts: Arc::default() }
    }

    /// The same text under another name (its line index shared).
    pub fn renamed(&self, name: impl Into<Arc<str>>) -> Self {
        SourceFile { name: name.into(), text: self.text.clone(), line_starts: self.line_starts.clone() }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect()
        });
        let line = starts.partition_point(|s| *s <= offset).max(1);
        let start = starts.get(line - 1).copied().unwrap_or(0);
        let col = self.text.get(start..offset).map(|l| l.chars().count()).unwrap_or(0) + 1;
        (line, col)
    }

    /// The miette view of this file.
    pub fn named(&self) -> miette::NamedSource<Arc<str>> {
        miette::NamedSource::new(&self.name, self.text.clone())
    }
}

/// Byte range `start..end` in one source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start: start as u32, end: end as u32 }
    }
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
    pub fn to_miette(self) -> miette::SourceSpan {
        (self.start as usize, self.len()).into()
    }
}
