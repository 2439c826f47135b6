#!/usr/bin/env python3
"""Calling passend from a service: one long-lived `passend eval --ndjson`.

The co-process pattern: start passend once, then for each dossier write one
line of JSON, read one line back (its decision, or a `fout` object), and only
then send the next. Close stdin to stop passend. Standard library only.

    python3 examples/client.py [PATH_TO_PASSEND]

The binary is the argument, else $PASSEND_BIN, else target/release/passend.
Exits non-zero on any problem (passend missing, no answer, a wrong answer).
"""

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOSSIERS = ["rijnstreek-overbrugging.json", "leiden-tlv.json", "ijmond-terugplaatsing.json"]
ANSWER_WITHIN = 10  # seconds; a decision takes microseconds, loading a region milliseconds


class Passend:
    """One running `passend eval --ndjson`: ask(dossier) -> decision."""

    def __init__(self, binary):
        self.proc = subprocess.Popen(
            [binary, "eval", "--ndjson"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,  # line buffered: each line goes out at once
        )
        # Lines are read on a thread, so a passend that does not answer is a
        # timeout here instead of a hang.
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)  # end of output

    def ask(self, dossier):
        self.proc.stdin.write(json.dumps(dossier, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        try:
            line = self.lines.get(timeout=ANSWER_WITHIN)
        except queue.Empty:
            raise RuntimeError(f"no answer within {ANSWER_WITHIN} s") from None
        if line is None:
            raise RuntimeError("passend stopped without an answer")
        answer = json.loads(line)
        if "fout" in answer:
            raise ValueError("dossier refused: {code}: {bericht}".format(**answer["fout"]))
        return answer

    def close(self):
        self.proc.stdin.close()
        code = self.proc.wait(timeout=ANSWER_WITHIN)
        rest = self.lines.get(timeout=ANSWER_WITHIN)
        if code != 0 or rest is not None:
            raise RuntimeError(f"passend ended with exit code {code}" + ("" if rest is None else " and an unexpected extra line"))


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PASSEND_BIN", "target/release/passend")
    if not Path(binary).is_file():
        print(f"client.py: no passend binary at {binary} (give a path or set PASSEND_BIN)", file=sys.stderr)
        return 2
    passend = Passend(binary)
    try:
        for name in DOSSIERS:
            dossier = json.loads((HERE / name).read_text(encoding="utf-8"))
            decision = passend.ask(dossier)
            if decision.get("regio") != dossier["regio"] or decision.get("aanvraag") != dossier["aanvraag"]["soort"]:
                raise RuntimeError(f"{name}: the answer is about another dossier: {decision.get('regio')}/{decision.get('aanvraag')}")
            regelset = decision["regelset"]
            print(
                f"{name}: in_aanmerking={json.dumps(decision['in_aanmerking'])}"
                f" ({regelset['regio']} {regelset['versie']}, {len(decision['redenen'])} redenen,"
                f" {len(decision['ontbreekt'])} ontbreekt, {len(decision['onbekend'])} onbekend)"
            )
    except Exception as e:  # report any problem and fail
        passend.proc.kill()
        print(f"client.py: {e}", file=sys.stderr)
        return 1
    try:
        passend.close()
    except Exception as e:
        print(f"client.py: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
