//! Standard output for every command: a write error is an error.
//!
//! Everything a command prints goes through `out` (or `say!`); the first
//! failed write is remembered, later writes are skipped, and `finish` turns
//! it into exit code `EXIT_WRITE` (3) with a message on stderr. A reader
//! that went away (`EPIPE`, e.g. `| head`) has read all it wanted: that is
//! not an error (the command's own exit code stands, nothing on stderr).
//! A standard output that was closed (`>&-`) is an error too: the Rust
//! runtime puts `/dev/null` (opened read-write) in its place, which is
//! recognised and refused before anything is computed.

use std::io::{self, Write};
use std::sync::atomic::{AtomicU8, Ordering};

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

/// Records a write error; prints the message once.
pub fn failed(e: &io::Error) {
    if e.kind() == io::ErrorKind::BrokenPipe {
        let _ = STATE.compare_exchange(OK, READER_GONE, Ordering::SeqCst, Ordering::SeqCst);
        return;
    }
    if STATE.swap(FAILED, Ordering::SeqCst) != FAILED {
        eprintln!("fout [schrijven]: kan de uitvoer niet schrijven: {e}");
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
    if stdout_was_closed() {
        eprintln!("fout [schrijven]: de standaarduitvoer is gesloten; er kan niets geschreven worden");
        return Err(EXIT_WRITE);
    }
    Ok(())
}

#[cfg(unix)]
fn stdout_was_closed() -> bool {
    // SAFETY: fcntl and fstat on fd 1 only read its flags and status into `stat`.
    unsafe {
        let flags = libc::fcntl(1, libc::F_GETFL);
        if flags < 0 {
            return true;
        }
        let mut stat: libc::stat = std::mem::zeroed();
        if libc::fstat(1, &mut stat) != 0 {
            return true;
        }
        let is_char = stat.st_mode & libc::S_IFMT == libc::S_IFCHR;
        // /dev/null is character device 1:3 on Linux.
        let dev_null = is_char && libc::major(stat.st_rdev) == 1 && libc::minor(stat.st_rdev) == 3;
        dev_null && flags & libc::O_ACCMODE == libc::O_RDWR
    }
}

#[cfg(not(unix))]
fn stdout_was_closed() -> bool {
    false
}
