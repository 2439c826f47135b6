//! Reading one dossier (`eval FILE`, `explain FILE`): bounded before it is
//! read, whatever FILE is (`/dev/zero`, a FIFO, standard input with `-` or
//! no FILE), with one exit code per kind of failure: 2 for a file that
//! cannot be read (missing, a folder), 1 for input that is not a dossier
//! (larger than the NDJSON line limit, 16 MiB).

use passend::engine::ndjson::MAX_LINE;
use passend::{DossierError, Melding};
use passend::loader::{read_limited, ReadError};
use std::path::Path;

/// Exit code: the file could not be read (usage or file error, as the contract's 2).
pub const EXIT_FILE: i32 = 2;
/// Exit code: the input is not a valid dossier.
pub const EXIT_INPUT: i32 = 1;

/// The bytes of one dossier, at most `MAX_LINE`; on failure the message is
/// printed and the exit code returned.
pub fn read_dossier(file: Option<&Path>) -> Result<Vec<u8>, i32> {
    let input = match super::open_input(file) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("fout: {e}");
            return Err(EXIT_FILE);
        }
    };
    let read = read_limited(input, MAX_LINE);
    read.map_err(|e| match e {
        ReadError::TooLarge { limit, .. } => {
            super::output::refused(&DossierError::TeLang(Melding::new(format!("het dossier is groter dan {limit} bytes (16 MiB)"))));
            EXIT_INPUT
        }
        other => {
            eprintln!("fout: kan de invoer niet lezen: {other}");
            EXIT_FILE
        }
    })
}

