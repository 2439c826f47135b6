//! Source text and locations: one `SourceFile` per rule file, spans as byte
//! offsets into its text. Every diagnostic hands miette the very text its
//! span indexes.

use std::sync::Arc;

/// A rule file (or vocabulary file) as read: its display name and full text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: Arc<str>,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        SourceFile { name: name.into(), text: text.into() }
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let upto = &self.text[..offset.min(self.text.len())];
        let line = upto.matches('\n').count() + 1;
        let col = upto.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
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
