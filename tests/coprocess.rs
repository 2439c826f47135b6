//! `passend eval --ndjson` as a co-process (issue 8): a service writes one
//! dossier line, waits for its decision line, and only then writes the next.
//! Each answer must come without more input; a hang fails the test (a reader
//! thread and `recv_timeout`) instead of blocking it. The bound is generous
//! (10 s): it tells a hang from an answer, it does not time passend (speed is
//! measured in benches, not asserted; under load a 1 s bound failed spuriously).

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::Duration;

const ANSWER_WITHIN: Duration = Duration::from_secs(10);

/// A running `passend eval --ndjson`, its stdin, and its stdout lines.
struct CoProcess {
    child: Child,
    input: Option<ChildStdin>,
    lines: Receiver<String>,
}

impl CoProcess {
    fn start(extra: &[&str]) -> CoProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_passend"))
            .args(["eval", "--ndjson"])
            .args(extra)
            .env_remove("PASSEND_REGIONS")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start passend: {e}"));
        let input = child.stdin.take();
        let output = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let (send, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(output).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        CoProcess { child, input, lines }
    }

    /// Writes one line and waits (at most a second) for one line back.
    fn ask(&mut self, dossier: &Value, round: usize) -> Value {
        let input = self.input.as_mut().unwrap_or_else(|| panic!("stdin closed"));
        writeln!(input, "{dossier}").unwrap_or_else(|e| panic!("round {round}: cannot write: {e}"));
        input.flush().unwrap_or_else(|e| panic!("round {round}: cannot flush: {e}"));
        let line = self
            .lines
            .recv_timeout(ANSWER_WITHIN)
            .unwrap_or_else(|e| panic!("round {round}: no answer within {ANSWER_WITHIN:?} ({e}): passend waits for more input"));
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("round {round}: not JSON ({e}): {line}"))
    }

    /// Closes stdin: passend must exit 0 with nothing more to say.
    fn close(mut self) {
        drop(self.input.take());
        let status = self.child.wait().unwrap_or_else(|e| panic!("passend did not exit: {e}"));
        assert!(status.success(), "passend exited with {status}");
        assert!(self.lines.recv_timeout(ANSWER_WITHIN).is_err(), "an extra output line after the last answer");
    }
}

/// Dossiers over several regions and kinds, and one broken line; round `i` gets `i % len`.
fn dossiers() -> Vec<Value> {
    vec![
        json!({"regio": "rijnstreek", "peildatum": "2026-01-26", "aanvraag": {"soort": "overbruggingsarrangement", "ingediend_op": "2026-01-19"}}),
        json!({"regio": "leiden", "peildatum": "2021-03-01", "aanvraag": {"soort": "tlv"}}),
        json!({"regio": "rijnstreek", "peildatum": "2026-03-02", "aanvraag": {"soort": "kansoverleg"}}),
        json!({"regio": "ijmond", "peildatum": "2023-02-01", "aanvraag": {"soort": "terugplaatsing"}}),
        json!({"aanvraag": {"soort": "tlv"}}),
    ]
}

fn hundred_rounds(extra: &[&str]) {
    let dossiers = dossiers();
    let mut passend = CoProcess::start(extra);
    for round in 0..100 {
        let dossier = &dossiers[round % dossiers.len()];
        let answer = passend.ask(dossier, round);
        match dossier.get("regio") {
            // A decision about this very dossier (order kept, nothing skipped).
            Some(regio) => {
                assert_eq!(answer.get("regio"), Some(regio), "round {round}: {answer}");
                assert_eq!(answer["aanvraag"], dossier["aanvraag"]["soort"], "round {round}");
                assert!(answer.get("in_aanmerking").is_some(), "round {round}: {answer}");
            }
            // The line without `regio` gets a `fout` naming the field and its line number.
            None => {
                assert_eq!(answer["fout"]["veld"], "regio", "round {round}: {answer}");
                assert_eq!(answer["regelnummer"], round + 1, "round {round}: {answer}");
            }
        }
    }
    passend.close();
}

#[test]
fn one_line_in_one_line_out_a_hundred_times() {
    hundred_rounds(&[]);
}

#[test]
fn one_line_in_one_line_out_with_two_jobs() {
    hundred_rounds(&["--jobs", "2"]);
}

#[test]
fn a_line_sent_in_pieces_is_answered_once_complete() {
    let mut passend = CoProcess::start(&[]);
    let text = dossiers()[1].to_string();
    let (head, tail) = text.split_at(text.len() / 2);
    let input = passend.input.as_mut().unwrap_or_else(|| panic!("stdin closed"));
    let _ = input.write_all(head.as_bytes()).and_then(|()| input.flush());
    assert!(passend.lines.recv_timeout(Duration::from_millis(200)).is_err(), "answered half a line");
    let input = passend.input.as_mut().unwrap_or_else(|| panic!("stdin closed"));
    let _ = writeln!(input, "{tail}").and_then(|()| input.flush());
    let line = passend.lines.recv_timeout(ANSWER_WITHIN).unwrap_or_else(|e| panic!("no answer: {e}"));
    let answer: Value = serde_json::from_str(&line).unwrap_or_default();
    assert_eq!(answer["regio"], "leiden");
    passend.close();
}
