//! Standard output for every command: a write error is an error.
//!
//! Everything a command prints goes through `out` (or `say!`); the first
//! failed write is remembered, later writes are skipped, and `finish` turns
//! it into exit code `EXIT_WRITE` (3) with a message on stderr. A reader
//! that went away (`EPIPE`, e.g. `| head`) has read all it wanted: that is
//! not an error (the command's own exit code stands, nothing on stderr).
//! A standard output that was closed (`>&-`) is an error too: it is noted
//! before the Rust runtime starts (which puts `/dev/null` in its place) and
//! refused before anything is computed (Linux).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

/// Exit code: the output could not be written (full disk, closed stdout, I/O error).
pub const EXIT_WRITE: i32 = 3;

const OK: u8 = 0;
const READER_GONE: u8 = 1;
const FAILED: u8 = 2;

static STATE: AtomicU8 = AtomicU8::new(OK);

/// Prints a line to standard output (checked: see the module doc).
macro_rules! say {
    ($($t:tt)*) => {{
        $crate::cli::output::out(format!("{}\n", format_args!($($t)*)).as_bytes());
    }};
}
pub(crate) use say;

/// Says on standard error why a dossier was refused: `fout [code]: bericht
/// (veld `…`)`, the code from the error's one table (`DossierError::code`).
pub fn refused(e: &passend::DossierError) {
    eprintln!("fout [{}]: {e}", e.code());
}

/// An error of the command itself, not of a dossier; each has one code,
/// printed as `fout [code]: …` (dossier refusals: `refused`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommandError {
    /// The output could not be written (exit 3, `EXIT_WRITE`).
    Schrijven,
    /// An `explain --antwoord veld=waarde` that cannot be filled in (exit 2).
    Antwoord,
}

impl CommandError {
    /// Every code, for the documentation test.
    #[cfg(test)]
    pub const ALL: &'static [CommandError] = &[CommandError::Schrijven, CommandError::Antwoord];

    /// The code as printed (the one place it is written).
    pub const fn code(self) -> &'static str {
        match self {
            CommandError::Schrijven => "schrijven",
            CommandError::Antwoord => "antwoord",
        }
    }

    /// Says on standard error: `fout [code]: message`.
    pub fn report(self, message: impl std::fmt::Display) {
        eprintln!("fout [{}]: {message}", self.code());
    }
}

/// Records a write error; prints the message once.
pub fn failed(e: &io::Error) {
    if e.kind() == io::ErrorKind::BrokenPipe {
        let _ = STATE.compare_exchange(OK, READER_GONE, Ordering::SeqCst, Ordering::SeqCst);
        return;
    }
    if STATE.swap(FAILED, Ordering::SeqCst) != FAILED {
        CommandError::Schrijven.report(format_args!("kan de uitvoer niet schrijven: {e}"));
    }
}

/// Whether output still goes somewhere (no error, reader still there).
pub fn writable() -> bool {
    STATE.load(Ordering::SeqCst) == OK
}

/// Writes `bytes` to standard output and flushes; an error is recorded.
pub fn out(bytes: &[u8]) {
    if !writable() {
        return;
    }
    let mut stdout = io::stdout().lock();
    if let Err(e) = stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        failed(&e);
    }
}

/// The exit code after a command returned `code`: `EXIT_WRITE` when a write failed.
pub fn finish(code: i32) -> i32 {
    if writable() {
        if let Err(e) = io::stdout().lock().flush() {
            failed(&e);
        }
    }
    if STATE.load(Ordering::SeqCst) == FAILED {
        EXIT_WRITE
    } else {
        code
    }
}

/// Refuses a closed standard output (see the module doc) before any work is done.
pub fn check_stdout_open() -> Result<(), i32> {
    if STDOUT_CLOSED.load(Ordering::SeqCst) {
        CommandError::Schrijven.report("de standaarduitvoer is gesloten; er kan niets geschreven worden");
        return Err(EXIT_WRITE);
    }
    Ok(())
}

/// Set when fd 1 was closed when the process started.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Runs before `main` and before the Rust runtime's start-up, which puts
/// `/dev/null` in the place of a closed standard output (so it cannot be
/// recognised afterwards): notes whether fd 1 is open.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static NOTE_CLOSED_STDOUT: extern "C" fn() = {
    extern "C" fn note() {
        // SAFETY: F_GETFD only asks whether fd 1 is open.
        if unsafe { libc::fcntl(1, libc::F_GETFD) } == -1 {
            STDOUT_CLOSED.store(true, Ordering::SeqCst);
        }
    }
    note
};

/// Standard output for the NDJSON stream, unbuffered (the stream writes
/// whole batches), which knows how much of an unfinished line it wrote: after
/// a write error into a regular file (a full disk) `repair` cuts that part
/// off again, so the last line in the file is a complete one.
#[derive(Default)]
pub struct StreamOut {
    partial: usize,
}

impl StreamOut {

    /// Removes the unfinished line a failed write left in a regular file.
    pub fn repair(&self) {
        #[cfg(unix)]
        if self.partial > 0 {
            // SAFETY: fstat/lseek/ftruncate on fd 1 with a zeroed stat buffer.
            unsafe {
                let mut stat: libc::stat = std::mem::zeroed();
                if libc::fstat(1, &mut stat) == 0 && stat.st_mode & libc::S_IFMT == libc::S_IFREG {
                    let end = libc::lseek(1, 0, libc::SEEK_END);
                    if end >= self.partial as libc::off_t {
                        libc::ftruncate(1, end - self.partial as libc::off_t);
                    }
                }
            }
        }
    }
}

impl Write for StreamOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        #[cfg(unix)]
        let n = {
            // SAFETY: writes from a valid buffer of `buf.len()` bytes to fd 1.
            let n = unsafe { libc::write(1, buf.as_ptr().cast(), buf.len()) };
            if n < 0 {
                return Err(io::Error::last_os_error());
            }
            n as usize
        };
        #[cfg(not(unix))]
        let n = io::stdout().lock().write(buf)?;
        let written = buf.get(..n).unwrap_or(buf);
        match written.iter().rposition(|b| *b == b'\n') {
            Some(last) => self.partial = n - last - 1,
            None => self.partial += n,
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::CommandError;

    /// docs/foutcodes.md lists exactly the command's own codes.
    #[test]
    fn the_command_codes_are_documented() {
        let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/foutcodes.md")).unwrap_or_default();
        let section = docs.split("\n## ").find(|s| s.starts_with("Opdrachtfouten")).unwrap_or_default();
        let listed: Vec<&str> = section.lines().filter_map(|l| l.strip_prefix("| `")?.split_once('`').map(|(c, _)| c)).collect();
        let codes: Vec<&str> = CommandError::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(listed, codes);
    }
}
