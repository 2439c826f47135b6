//! Termination signals never cut an NDJSON output line, and never keep a
//! process alive that is blocked writing to a reader that stopped reading.
//!
//! While `passend eval --ndjson` runs, the termination signals (`SIGNALS`:
//! SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM, SIGVTALRM,
//! SIGPROF) are blocked in every thread and taken by one signal thread
//! (`sigwait`). The stream is *idle* while it waits for input (all its output
//! written) and *busy* while it decides and writes a batch. A signal ends the
//! process at once when the stream is idle, otherwise as soon as the batch is
//! written, and at the latest after `GRACE`: a write that is blocked because
//! nobody reads the output does not keep a terminated process alive (only
//! then can the last line in the pipe be incomplete). The process ends by the
//! signal itself (default action), as a shell expects.

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::time::{Duration, Instant};

/// How long a batch in progress may still be decided and written after a signal.
pub const GRACE: Duration = Duration::from_secs(2);

const IDLE: u8 = 0;
const BUSY: u8 = 1;
const ENDING: u8 = 2;

static STATE: AtomicU8 = AtomicU8::new(BUSY);
/// A signal arrived: the stream stops at its next idle moment.
static SIGNALLED: AtomicBool = AtomicBool::new(false);

#[cfg(unix)]
const SIGNALS: [libc::c_int; 9] = [
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGTERM,
    libc::SIGVTALRM,
    libc::SIGPROF,
];

#[cfg(unix)]
fn signal_set() -> libc::sigset_t {
    // SAFETY: `set` is initialised by sigemptyset before it is used.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for s in SIGNALS {
            libc::sigaddset(&mut set, s);
        }
        set
    }
}

/// Blocks the termination signals in this thread (and the threads it starts
/// afterwards) and starts the thread that takes them. Call before any
/// worker thread is started.
pub fn hold() {
    STATE.store(BUSY, Ordering::SeqCst);
    #[cfg(unix)]
    {
        let set = signal_set();
        // SAFETY: pthread_sigmask only changes the calling thread's mask.
        unsafe {
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        }
        let _ = std::thread::Builder::new().name("passend-signalen".into()).spawn(move || wait_for_signal(set));
    }
}

#[cfg(unix)]
fn wait_for_signal(set: libc::sigset_t) {
    let mut signal: libc::c_int = 0;
    // SAFETY: `set` is a valid, initialised set; `signal` receives the number.
    while unsafe { libc::sigwait(&set, &mut signal) } != 0 {}
    SIGNALLED.store(true, Ordering::SeqCst);
    let deadline = Instant::now() + GRACE;
    while STATE.compare_exchange(IDLE, ENDING, Ordering::SeqCst, Ordering::SeqCst).is_err() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    STATE.store(ENDING, Ordering::SeqCst);
    end_by(signal);
}

/// Ends the process by `signal`'s default action.
#[cfg(unix)]
fn end_by(signal: libc::c_int) {
    // SAFETY: resets one signal's disposition, unblocks it in this thread
    // only and sends it to this thread; `_exit` is the fallback.
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
        let mut one: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut one);
        libc::sigaddset(&mut one, signal);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &one, std::ptr::null_mut());
        libc::raise(signal);
        libc::_exit(128 + signal);
    }
}

/// All output is written; a signal may end the process now.
fn idle() {
    let _ = STATE.compare_exchange(BUSY, IDLE, Ordering::SeqCst, Ordering::SeqCst);
    if SIGNALLED.load(Ordering::SeqCst) {
        wait_for_the_end();
    }
}

fn busy() {
    if STATE.compare_exchange(IDLE, BUSY, Ordering::SeqCst, Ordering::SeqCst).is_err() {
        wait_for_the_end();
    }
}

/// A signal is ending the process (the signal thread does it): start nothing new.
fn wait_for_the_end() -> ! {
    loop {
        std::thread::park();
    }
}

/// Input during whose reads (all output written) a signal ends the process at once.
pub struct Interruptible<R>(pub R);

impl<R: Read> Read for Interruptible<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        idle();
        let n = self.0.read(buf);
        busy();
        n
    }
}
