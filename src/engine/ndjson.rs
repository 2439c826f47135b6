//! NDJSON streaming: one dossier per line in, one decision (or a `fout`
//! object) per line out, in input order, as the contract says.
//!
//! Built for both callers of `passend eval --ndjson`:
//! - a batch file: lines are read in batches of what is already buffered and
//!   decided on one thread or, with `jobs > 1`, on a rayon pool; output is
//!   written batch by batch, so memory stays bounded by one batch
//!   (`MAX_BATCH_LINES` lines / `MAX_BATCH_BYTES` bytes of input) however long
//!   the stream is;
//! - a co-process (a service that writes one line and waits): a batch ends
//!   as soon as no complete line is buffered, and the output is flushed
//!   before the next read, which is the only call that may block. So each
//!   answer is out before the next question is awaited, also with `jobs > 1`.

use super::Engine;
use crate::dossier::{DossierError, Melding};
use crate::decision::Decision;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::ops::Range;

/// Longest NDJSON line (bytes) that is parsed; a longer one gets a `fout` line
/// and is skipped without being kept in memory.
pub const MAX_LINE: usize = 16 * 1024 * 1024;
/// Most lines decided in one batch.
pub const MAX_BATCH_LINES: usize = 1024;
/// A batch ends once it holds this many bytes of input.
pub const MAX_BATCH_BYTES: usize = 1 << 20;
/// Most threads a stream decides on (`--jobs`); more is refused by the
/// command line and capped here: past the cores there is nothing to gain, and
/// thousands of threads exhaust the process (`--jobs 20000` aborted).
pub const MAX_JOBS: usize = 256;
/// Size of the input buffer.
const READ_BUFFER: usize = 1 << 18;

/// How to decide the lines of a stream.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Use this version of the region's rules instead of the one in force on the peildatum.
    pub versie: Option<String>,
    /// Threads that decide lines (1 or 0: the calling thread only).
    pub jobs: usize,
    /// The date used for a dossier without `peildatum` (default: today, local time).
    pub today: Option<NaiveDate>,
}

/// Why a stream stopped early.
#[derive(Debug)]
pub enum StreamError {
    /// The input could not be read.
    Read(io::Error),
    /// The output could not be written (for example the reader went away).
    Write(io::Error),
    /// The thread pool for `jobs > 1` could not be started.
    Threads(String),
}

impl std::fmt::Display for StreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StreamError::Read(e) => write!(f, "kan de invoer niet lezen: {e}"),
            StreamError::Write(e) => write!(f, "kan de uitvoer niet schrijven: {e}"),
            StreamError::Threads(e) => write!(f, "kan geen threads starten: {e}"),
        }
    }
}

impl std::error::Error for StreamError {}

/// Decides one dossier's JSON text and appends the decision's JSON (no
/// newline) to `out`. On error `out` is left as it was.
pub fn decide_into(engine: &Engine, text: &[u8], versie: Option<&str>, today: NaiveDate, out: &mut Vec<u8>) -> Result<(), DossierError> {
    let dossier = engine.decode_slice(text, today)?;
    let decision = engine.evaluate_version(&dossier, versie)?;
    write_decision(&decision, out)
}

/// Appends a decision's JSON (no newline) to `out`; on error `out` is left as it was.
pub fn write_decision(decision: &Decision, out: &mut Vec<u8>) -> Result<(), DossierError> {
    let start = out.len();
    serde_json::to_writer(&mut *out, decision).map_err(|e| {
        out.truncate(start);
        DossierError::Intern(Melding::new(e.to_string()))
    })
}

/// The framing verdict on one line before it is decoded: `te_lang` for a
/// line over `MAX_LINE` bytes, `leeg` for a blank one, `None` for a line to
/// decode. Shared with `passend diff --dossiers`, so both count alike.
pub fn frame_error(line: &Line, text: &[u8]) -> Option<DossierError> {
    if line.too_long {
        Some(DossierError::TeLang(Melding::new(format!("regel is langer dan {MAX_LINE} bytes"))))
    } else if text.iter().all(u8::is_ascii_whitespace) {
        Some(DossierError::Leeg(Melding::new("lege regel")))
    } else {
        None
    }
}

/// One NDJSON line -> one output line (with its newline) appended to `out`;
/// never a panic: bad input, and even a bug, becomes a `fout` line.
pub fn decide_line(engine: &Engine, line: &Line, text: &[u8], options: &Options, today: NaiveDate, out: &mut Vec<u8>) {
    let start = out.len();
    let result = if let Some(e) = frame_error(line, text) {
        Err(e)
    } else {
        let versie = options.versie.as_deref();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decide_into(engine, text, versie, today, out))).unwrap_or_else(|_| {
            Err(DossierError::Intern(Melding::new("interne fout bij deze regel (een bug in passend)")))
        })
    };
    if let Err(e) = result {
        out.truncate(start);
        let fout = serde_json::json!({"regelnummer": line.regelnummer, "fout": e});
        // Writing a json! value to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, &fout);
    }
    out.push(b'\n');
}

/// One input line of a batch: where its text lies in the batch buffer.
#[derive(Clone, Debug)]
pub struct Line {
    pub regelnummer: usize,
    pub range: Range<usize>,
    pub too_long: bool,
}

/// Lines read but not yet decided.
#[derive(Default)]
struct Batch {
    data: Vec<u8>,
    lines: Vec<Line>,
}

impl Batch {
    fn clear(&mut self) {
        self.data.clear();
        self.lines.clear();
    }
    fn full(&self) -> bool {
        self.lines.len() >= MAX_BATCH_LINES || self.data.len() >= MAX_BATCH_BYTES
    }
}

/// Reads one line into `batch` (without its `\n` / `\r\n`); `false` at end of input.
fn read_line<R: BufRead>(reader: &mut R, batch: &mut Batch, regelnummer: usize) -> io::Result<bool> {
    let start = batch.data.len();
    let n = reader.by_ref().take(MAX_LINE as u64 + 1).read_until(b'\n', &mut batch.data)?;
    if n == 0 {
        return Ok(false);
    }
    let mut too_long = false;
    if batch.data.last() == Some(&b'\n') {
        batch.data.pop();
        // Only this line's own `\r` (an empty line must not take the line before's).
        if batch.data.len() > start && batch.data.last() == Some(&b'\r') {
            batch.data.pop();
        }
    } else if n > MAX_LINE {
        too_long = true;
        batch.data.truncate(start);
        reader.skip_until(b'\n')?;
    }
    batch.lines.push(Line { regelnummer, range: start..batch.data.len(), too_long });
    Ok(true)
}

/// The lines of an NDJSON stream in bounded batches, framed exactly as
/// `run` frames them (line numbers from 1, `\n` or `\r\n`, over-long lines
/// marked and skipped): for readers that decide lines themselves.
pub struct Frames<R: Read> {
    reader: BufReader<R>,
    batch: Batch,
    regelnummer: usize,
}

impl<R: Read> Frames<R> {
    pub fn new(input: R) -> Self {
        Frames { reader: BufReader::with_capacity(READ_BUFFER, input), batch: Batch::default(), regelnummer: 0 }
    }

    /// The next batch (its buffer and lines, each line's `range` into the
    /// buffer); `None` at the end of the input.
    pub fn next_batch(&mut self) -> io::Result<Option<(&[u8], &[Line])>> {
        self.batch.clear();
        while !self.batch.full() && read_line(&mut self.reader, &mut self.batch, self.regelnummer + 1)? {
            self.regelnummer += 1;
        }
        if self.batch.lines.is_empty() {
            return Ok(None);
        }
        Ok(Some((&self.batch.data, &self.batch.lines)))
    }
}

/// Whether a whole further line is already buffered (reading it cannot block).
fn line_buffered<R: Read>(reader: &BufReader<R>) -> bool {
    reader.buffer().contains(&b'\n')
}

/// Gives back an output buffer that a batch of very long lines made large.
fn release_if_large(buffer: &mut Vec<u8>) {
    if buffer.capacity() > 4 * MAX_BATCH_BYTES {
        *buffer = Vec::new();
    }
}

/// Today's local date.
pub fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The threads that decide lines with `--jobs N` (none for one job).
fn thread_pool(jobs: usize) -> Result<Option<rayon::ThreadPool>, StreamError> {
    if jobs <= 1 {
        return Ok(None);
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("passend-eval-{i}"))
        .build()
        .map(Some)
        .map_err(|e| StreamError::Threads(e.to_string()))
}

/// Streams `input` to `output`: one output line per input line, in order.
pub fn run<R: Read, W: Write>(engine: &Engine, input: R, mut output: W, options: &Options) -> Result<(), StreamError> {
    let jobs = options.jobs.min(MAX_JOBS);
    let pool = thread_pool(jobs)?;
    let mut reader = BufReader::with_capacity(READ_BUFFER, input);
    let mut batch = Batch::default();
    let mut out = Vec::with_capacity(1 << 16);
    let mut parts: Vec<Vec<u8>> = Vec::new();
    let mut regelnummer = 0usize;
    let mut at_end = false;
    let mut read_error = None;
    while !at_end {
        batch.clear();
        // The first read may block; after it, only lines already buffered join the batch.
        loop {
            match read_line(&mut reader, &mut batch, regelnummer + 1) {
                Ok(true) => {}
                Ok(false) => at_end = true,
                Err(e) => {
                    // Answer the lines read so far, then report.
                    read_error = Some(e);
                    at_end = true;
                }
            }
            if at_end {
                break;
            }
            regelnummer += 1;
            if batch.full() || !line_buffered(&reader) {
                break;
            }
        }
        if batch.lines.is_empty() {
            break;
        }
        let today = options.today.unwrap_or_else(local_today);
        match &pool {
            None => {
                out.clear();
                for line in &batch.lines {
                    decide_line(engine, line, &batch.data[line.range.clone()], options, today, &mut out);
                }
                output.write_all(&out).map_err(StreamError::Write)?;
                release_if_large(&mut out);
            }
            Some(pool) => {
                // One output buffer per task, kept from batch to batch (no large allocations per batch).
                let per_task = batch.lines.len().div_ceil(jobs * 4).max(1);
                let tasks = batch.lines.len().div_ceil(per_task);
                if parts.len() < tasks {
                    parts.resize_with(tasks, Vec::new);
                }
                let data = &batch.data;
                pool.install(|| {
                    batch.lines.par_chunks(per_task).zip(parts.par_iter_mut()).for_each(|(lines, part)| {
                        part.clear();
                        for line in lines {
                            decide_line(engine, line, &data[line.range.clone()], options, today, part);
                        }
                    })
                });
                for part in parts.iter_mut().take(tasks) {
                    output.write_all(part).map_err(StreamError::Write)?;
                    release_if_large(part);
                }
            }
        }
        // Answer now unless the next line is already here (then it is batched too).
        if at_end || !line_buffered(&reader) {
            output.flush().map_err(StreamError::Write)?;
        }
    }
    output.flush().map_err(StreamError::Write)?;
    match read_error {
        Some(e) => Err(StreamError::Read(e)),
        None => Ok(()),
    }
}
