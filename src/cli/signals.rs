//! SIGINT / SIGTERM never cut an NDJSON output line in half.
//!
//! While `passend eval --ndjson` decides and writes, the two signals are
//! blocked (held pending); they are let through only while the stream waits
//! for input. So a signal ends the process with its default action (as
//! before: killed by SIGINT / SIGTERM), but only between whole batches of
//! output: every line it wrote is complete. Threads started while the signals
//! are blocked (the `--jobs` pool) inherit the block, so the kernel delivers
//! them to the reading thread only.

use std::io::{self, Read};

#[cfg(unix)]
fn mask(how: libc::c_int) {
    // SAFETY: `set` is initialised by sigemptyset before use, and
    // pthread_sigmask only changes the calling thread's signal mask.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        libc::pthread_sigmask(how, &set, std::ptr::null_mut());
    }
}

/// Hold SIGINT / SIGTERM pending on this thread (and threads it starts).
pub fn hold() {
    #[cfg(unix)]
    mask(libc::SIG_BLOCK);
}

fn release() {
    #[cfg(unix)]
    mask(libc::SIG_UNBLOCK);
}

/// Input during whose reads a pending or new signal may end the process.
pub struct Interruptible<R>(pub R);

impl<R: Read> Read for Interruptible<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        release();
        let n = self.0.read(buf);
        hold();
        n
    }
}
