//! Reading one dossier (`eval FILE`, `explain FILE`): bounded before it is
//! read, whatever FILE is (`/dev/zero`, a FIFO, standard input with `-` or
//! no FILE), with one exit code per kind of failure: 2 for a file that
//! cannot be read (missing, a folder), 1 for input that is not a dossier
//! (larger than the NDJSON line limit, 16 MiB).

use passend::engine::ndjson::MAX_LINE;
use passend::loader::{read_limited, ReadError};
use std::path::Path;

/// Exit code: the file could not be read (usage or file error, as the contract's 2).
pub const EXIT_FILE: i32 = 2;
/// Exit code: the input is not a valid dossier.
pub const EXIT_INPUT: i32 = 1;

/// Whether FILE means standard input.
pub fn is_stdin(file: Option<&Path>) -> bool {
    file.is_none_or(|p| p.as_os_str() == "-")
}

/// The bytes of one dossier, at most `MAX_LINE`; on failure the message is
/// printed and the exit code returned.
pub fn read_dossier(file: Option<&Path>) -> Result<Vec<u8>, i32> {
    let read = match file.filter(|_| !is_stdin(file)) {
        None => read_limited(std::io::stdin().lock(), MAX_LINE),
        Some(path) => {
            if path.is_dir() {
                eprintln!("fout: {} is een map, geen dossierbestand", path.display());
                return Err(EXIT_FILE);
            }
            match std::fs::File::open(path) {
                Ok(f) => read_limited(f, MAX_LINE),
                Err(e) => {
                    eprintln!("fout: kan {} niet openen: {e}", path.display());
                    return Err(EXIT_FILE);
                }
            }
        }
    };
    read.map_err(|e| match e {
        ReadError::TooLarge { limit, .. } => {
            eprintln!("fout [te_lang]: het dossier is groter dan {limit} bytes (16 MiB)");
            EXIT_INPUT
        }
        other => {
            eprintln!("fout: kan de invoer niet lezen: {other}");
            EXIT_FILE
        }
    })
}

/// An NDJSON reader for tools that read whole lines (`diff --dossiers`): a
/// line longer than `MAX_LINE` is a read error, found before it is in memory.
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
        if self.since_newline > MAX_LINE {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, format!("een regel is langer dan {MAX_LINE} bytes (16 MiB)")));
        }
        Ok(n)
    }
}
