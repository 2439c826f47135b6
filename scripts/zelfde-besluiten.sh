#!/usr/bin/env bash
# Zelfde besluiten: beslissen twee builds van passend byte voor byte hetzelfde?
#
# Gebruik: scripts/zelfde-besluiten.sh OUD NIEUW [N]
#   OUD, NIEUW  twee passend-binaries (bijvoorbeeld de release van main en die van een tak)
#   N           aantal dossiers (standaard 100000)
#
# NIEUW maakt N dossiers (`genereer --seed 1 --aantal N`, reproduceerbaar); beide binaries
# beslissen ze met `eval --ndjson`, elk met zijn eigen ingebouwde regels (het script draait in
# een lege map en zet PASSEND_REGIONS uit; REGELS=map geeft beide dezelfde regelmap). De twee
# uitvoerstromen worden byte voor byte vergeleken (cmp). Afsluitcode 0: gelijk; 1: verschil
# (de eerste verschillende regels worden getoond); 2: fout in gebruik.
# Omgeving: TAKEN (threads voor eval, standaard 1), BEWAAR=map (bewaar invoer en uitvoer daar).
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    sed -n '4,7p' "$0" >&2
    exit 2
fi
oud=$(realpath "$1")
nieuw=$(realpath "$2")
n=${3:-100000}
taken=${TAKEN:-1}
for b in "$oud" "$nieuw"; do
    [ -x "$b" ] || { echo "geen uitvoerbaar bestand: $b" >&2; exit 2; }
done

werk=${BEWAAR:-$(mktemp -d)}
mkdir -p "$werk"
[ -n "${BEWAAR:-}" ] || trap 'rm -rf "$werk"' EXIT
cd "$werk"
unset PASSEND_REGIONS
regels=()
[ -z "${REGELS:-}" ] || regels=(--regels "$(realpath "$REGELS")")

"$nieuw" genereer --seed 1 --aantal "$n" "${regels[@]}" > dossiers.ndjson
tijd() { # naam binary: beslist, schrijft naam.ndjson, meldt de tijd
    local start eind
    start=$(date +%s.%N)
    "$2" eval --ndjson --taken "$taken" "${regels[@]}" < dossiers.ndjson > "$1.ndjson" || true
    eind=$(date +%s.%N)
    echo "$1: $(wc -l < "$1.ndjson") regels, $(grep -c '"regelnummer"' "$1.ndjson" || true) foutregels, $(echo "$eind - $start" | bc) s"
}
echo "dossiers: $(wc -l < dossiers.ndjson) (seed 1), $(wc -c < dossiers.ndjson) bytes"
tijd oud "$oud"
tijd nieuw "$nieuw"

if cmp -s oud.ndjson nieuw.ndjson; then
    echo "gelijk: $(wc -c < oud.ndjson) bytes, byte voor byte"
    exit 0
fi
verschil=$(paste -d '\n' oud.ndjson nieuw.ndjson | paste - - -d '\t' | awk -F'\t' '$1 != $2' | wc -l)
echo "VERSCHIL: $verschil van $(wc -l < oud.ndjson) beslissingen wijken af"
cmp oud.ndjson nieuw.ndjson || true
# The first three differing lines, around the first differing character.
paste -d '\n' oud.ndjson nieuw.ndjson | paste - - -d '\t' | awk -F'\t' '$1 != $2 {
    i = 1; while (substr($1, i, 1) == substr($2, i, 1)) i++
    from = i > 120 ? i - 120 : 1
    print "regel " NR ", teken " i ":\n  oud:   ..." substr($1, from, 240) "...\n  nieuw: ..." substr($2, from, 240) "..."
    if (++k == 3) exit
}'
exit 1
