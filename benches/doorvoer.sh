#!/usr/bin/env bash
# Throughput of `passend eval --ndjson` next to `cat` moving the same output
# through a pipe, measured side by side in one hyperfine run (issue 11).
#
#   benches/doorvoer.sh [BINARY...]        (default: target/release/passend)
#
# 1. The first binary generates the input: `genereer --seed 2026 --aantal N`.
# 2. Each binary writes its decisions once to a file; every file must be
#    byte-identical to the first binary's (cmp), or the script stops.
# 3. One hyperfine run times, with the same warm-up and number of runs:
#      cat   : cat decisions.ndjson | cat > /dev/null
#      BIN_i : BIN_i eval --ndjson dossiers.ndjson | cat > /dev/null
#    hyperfine counts the CPU time of the whole pipeline (both processes).
# 4. A table gives per command: wall time (mean ± sd, min), user and system
#    CPU time, dossiers/s, and the ratio to `cat` of wall time and of CPU
#    time (user + system). CPU time is steadier than wall time on a shared
#    machine.
#
# 5. With DOORVOER_INSTRUCTIONS=N (needs valgrind), the user-space instructions
#    each binary executes for the first N dossiers (cachegrind): a figure
#    that, unlike time, does not depend on what else the machine is doing.
#
# Environment: DOORVOER_AANTAL (100000), DOORVOER_RUNS (5),
# DOORVOER_DIR (/tmp/passend-doorvoer; about 1 GB for 100,000 dossiers),
# DOORVOER_INSTRUCTIONS (off).
set -eu

AANTAL=${DOORVOER_AANTAL:-100000}
RUNS=${DOORVOER_RUNS:-5}
DIR=${DOORVOER_DIR:-/tmp/passend-doorvoer}
[ $# -gt 0 ] || set -- target/release/passend
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
mkdir -p "$DIR"

first=$1
"$first" genereer --seed 2026 --aantal "$AANTAL" > "$DIR/dossiers.ndjson"
"$first" eval --ndjson "$DIR/dossiers.ndjson" > "$DIR/decisions.ndjson"
echo "input: $(wc -l < "$DIR/dossiers.ndjson") dossiers, $(wc -c < "$DIR/dossiers.ndjson") bytes; output: $(wc -c < "$DIR/decisions.ndjson") bytes"
for bin in "$@"; do
    "$bin" eval --ndjson "$DIR/dossiers.ndjson" > "$DIR/check.ndjson"
    cmp "$DIR/decisions.ndjson" "$DIR/check.ndjson"
    echo "output identical: $bin"
done
rm -f "$DIR/check.ndjson"

cmds=("cat $DIR/decisions.ndjson | cat > /dev/null")
for bin in "$@"; do
    cmds+=("$bin eval --ndjson $DIR/dossiers.ndjson | cat > /dev/null")
done
hyperfine --warmup 1 --runs "$RUNS" --export-json "$DIR/hyperfine.json" "${cmds[@]}"

python3 - "$DIR/hyperfine.json" "$AANTAL" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
n = int(sys.argv[2])
base = results[0]
print()
print("| pipeline into `cat > /dev/null` | wall s (mean ± sd, min) | user s | system s | dossiers/s | wall / cat | CPU / cat |")
print("|---|---|---|---|---|---|---|")
for r in results:
    c = r["user"] + r["system"]
    cb = base["user"] + base["system"]
    rate = "–" if r is base else f"{n / r['mean']:,.0f}"
    name = "cat" if r is base else r["command"].split(" eval ")[0]
    print(f"| {name} | {r['mean']:.3f} ± {r['stddev']:.3f}, {r['min']:.3f} | {r['user']:.3f} | {r['system']:.3f} | {rate} | {r['mean'] / base['mean']:.2f} | {c / cb:.2f} |")
EOF

if [ -n "${DOORVOER_INSTRUCTIONS:-}" ]; then
    head -n "$DOORVOER_INSTRUCTIONS" "$DIR/dossiers.ndjson" > "$DIR/part.ndjson"
    echo
    for bin in "$@"; do
        refs=$(valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$bin" eval --ndjson "$DIR/part.ndjson" 2>&1 >/dev/null | sed -n 's/.*I *refs: *//p')
        echo "instructions, first $DOORVOER_INSTRUCTIONS dossiers: $refs  $bin"
    done
fi
