//! Finding and reading rule files on disk, with one policy for every tool
//! (engine, fmt, lint, diff and `build.rs`, which includes this file as a
//! module, so it uses `std` only):
//!
//! - a link is followed only when it ends inside the rules folder and at a
//!   file; a linked folder is never followed (so no loops), and a link out of
//!   the folder is refused without reading it;
//! - only regular files are read: a FIFO, device or socket with a rule-file
//!   name is refused, never opened (opening a FIFO would block);
//! - every read is bounded before it starts (`read_bounded`);
//! - a file that cannot be read is returned as that file's problem, so the
//!   caller can make it the problem of its region only.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The name of the vocabulary file below `regions/`.
pub const VOCABULARY: &str = "vocabulaire.toml";
/// Largest rule file or vocabulary (bytes) that is read.
pub const MAX_RULE_FILE: usize = 1024 * 1024;
/// Deepest folder nesting below the rules folder that is searched.
pub const MAX_FOLDER_DEPTH: usize = 16;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system refused (missing, no permission, a dangling or looping link, ...).
    Io(io::Error),
    /// A FIFO, device, socket or folder where a file was expected.
    NotAFile,
    /// A link that leads out of the rules folder.
    LinkOutside,
    /// Larger than the limit: the size when known, and the limit (bytes).
    TooLarge { size: Option<u64>, limit: usize },
    /// Not UTF-8 text; the byte offset of the first bad byte.
    NotUtf8(usize),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::NotAFile => f.write_str("dit is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat)"),
            ReadError::LinkOutside => f.write_str("deze koppeling (symlink) wijst buiten de map met regels en wordt niet gevolgd"),
            ReadError::TooLarge { size: Some(size), limit } => {
                write!(f, "dit bestand is {size} bytes, meer dan de grens van {limit} bytes ({} MiB)", limit / (1024 * 1024))
            }
            ReadError::TooLarge { size: None, limit } => {
                write!(f, "dit bestand is groter dan de grens van {limit} bytes ({} MiB)", limit / (1024 * 1024))
            }
            ReadError::NotUtf8(at) => write!(f, "dit bestand is geen UTF-8-tekst (ongeldige byte op positie {at})"),
        }
    }
}

/// One file found: its path below the root (`/`-separated), where to read
/// it, and the refusal already known from finding it.
#[derive(Debug)]
pub struct Found {
    pub rel: String,
    pub path: PathBuf,
    pub refused: Option<ReadError>,
}

impl Found {
    /// Reads the file (bounded by `MAX_RULE_FILE`), or gives the refusal.
    pub fn read(&self) -> Result<String, ReadError> {
        match &self.refused {
            Some(ReadError::LinkOutside) => Err(ReadError::LinkOutside),
            Some(ReadError::NotAFile) => Err(ReadError::NotAFile),
            Some(ReadError::Io(e)) => Err(ReadError::Io(io::Error::new(e.kind(), e.to_string()))),
            Some(ReadError::TooLarge { size, limit }) => Err(ReadError::TooLarge { size: *size, limit: *limit }),
            Some(ReadError::NotUtf8(n)) => Err(ReadError::NotUtf8(*n)),
            None => read_text(&self.path, MAX_RULE_FILE),
        }
    }
}

/// Whether a file name is one the rules tools read.
pub fn is_rule_file(name: &str, with_vocabulary: bool) -> bool {
    name.ends_with(".passend") || (with_vocabulary && name == VOCABULARY)
}

/// Every `*.passend` (and, with `with_vocabulary`, `vocabulaire.toml`) below
/// `root`, sorted by path. An error only when `root` itself cannot be listed.
pub fn find(root: &Path, with_vocabulary: bool) -> io::Result<Vec<Found>> {
    let real_root = fs::canonicalize(root)?;
    let mut out = Vec::new();
    walk(root, &real_root, "", 0, with_vocabulary, &mut out)?;
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

fn walk(dir: &Path, real_root: &Path, rel: &str, depth: usize, with_vocabulary: bool, out: &mut Vec<Found>) -> io::Result<()> {
    let mut entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let here = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            // A folder we cannot list below the root is that folder's loss only.
            if depth < MAX_FOLDER_DEPTH {
                let _ = walk(&path, real_root, &here, depth + 1, with_vocabulary, out);
            }
            continue;
        }
        if !is_rule_file(&name, with_vocabulary) {
            continue;
        }
        let refused = if kind.is_symlink() {
            match fs::canonicalize(&path) {
                Err(e) => Some(ReadError::Io(e)),
                Ok(target) if !target.starts_with(real_root) => Some(ReadError::LinkOutside),
                Ok(target) if target.is_dir() => continue, // a linked folder is never followed
                Ok(_) => None,
            }
        } else if kind.is_file() {
            None
        } else {
            Some(ReadError::NotAFile)
        };
        out.push(Found { rel: here, path, refused });
    }
    Ok(())
}

/// Reads at most `limit` bytes of a regular file; more is `TooLarge`, and
/// nothing but a regular file is opened.
pub fn read_bounded(path: &Path, limit: usize) -> Result<Vec<u8>, ReadError> {
    let meta = fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > limit as u64 {
        return Err(ReadError::TooLarge { size: Some(meta.len()), limit });
    }
    let file = fs::File::open(path).map_err(ReadError::Io)?;
    // Checked again on the opened file: it may have been replaced meanwhile.
    if !file.metadata().map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::NotAFile);
    }
    read_limited(file, limit)
}

/// Reads at most `limit` bytes from any reader (a pipe, `/dev/stdin`, ...); more is `TooLarge`.
pub fn read_limited(reader: impl Read, limit: usize) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

/// `read_bounded` as UTF-8 text.
pub fn read_text(path: &Path, limit: usize) -> Result<String, ReadError> {
    let bytes = read_bounded(path, limit)?;
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8(e.utf8_error().valid_up_to()))
}
