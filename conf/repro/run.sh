#!/usr/bin/env bash
# Runs one reproduction sweep (conf/repro/<name>.yaml) to completion and publishes its result files
# under docs/reproduction/<name>/ (docs/reproduction.md is rendered from them):
#   conf/repro/run.sh conll03            # run (resumes: finished trials are kept) and publish
#   conf/repro/run.sh conll03 --publish  # publish what the output directory holds, run nothing
#   conf/repro/run.sh conll03 --spark-profile runs/cluster/cluster.conf   # options go to bin/ptune run
#   conf/repro/run.sh conll03 --carry    # keep an unfinished sweep's finished trials in the repo
#   conf/repro/run.sh conll03 --restore  # put carried trials into the output directory, run nothing
#   conf/repro/run.sh conll03 --retable  # remake a published sweep's tables/ and plots/ from its
#                                        # committed trials with this checkout's code, run nothing
# A sweep longer than one working session on a machine that does not outlive it is carried: stop it
# (Ctrl-C, or kill -INT / -TERM its bin/ptune java process: the session is recorded with that exit
# code), `--carry` copies its finished trial rows (trials/parts/*.json; no checkpoints, no saved
# states), its sessions and its console to docs/reproduction-unfinished/<name>/ (commit that), and
# the next `run.sh <name>` on any machine restores them first, so only the unfinished trials run.
# Publishing removes the carried directory (its contents are in the published one). PTUNE_REPRO_CARRY
# moves docs/reproduction-unfinished elsewhere.
# Each invocation appends to <out>/<sweep>/repro-sessions.jsonl: start, end, seconds, exit code, the
# git commit it ran, the options passed on to bin/ptune run (args),
# PTUNE_JAVA_OPTS (e.g. -Dai.djl.pytorch.num_threads=1 for one intra-op thread: on a machine shared
# with other work, two torch threads that wait for each other run several times slower than one) and
# the load average sampled every minute (other work on the machine shows there); its console is
# appended to <out>/<sweep>/console.txt. publish copies trials/trials.{csv,parquet}, tables/,
# plots/ and console.txt (no checkpoints, no logs) and writes run.json:
# the command, the machine (all its cores: `nproc` alone honours OMP_NUM_THREADS), the commit
# publishing, and every session. --retable is for a change to how tables are made (PublishedTablesTest
# fails until every published sweep is re-tabled): the run keeps its id, and each re-tabling appends
# when, the commit and the command to docs/reproduction/<name>/retabled.jsonl (commit the code first).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NAME="${1:?usage: conf/repro/run.sh NAME [--publish | --carry | --restore | bin/ptune run options, e.g. --spark-profile FILE]}"
shift
PUBLISH_ONLY=false
CARRY_ONLY=false
RESTORE_ONLY=false
RETABLE_ONLY=false
case "${1:-}" in
  --publish) PUBLISH_ONLY=true; shift ;;
  --carry) CARRY_ONLY=true; shift ;;
  --restore) RESTORE_ONLY=true; shift ;;
  --retable) RETABLE_ONLY=true; shift ;;
esac
CONFIG="conf/repro/$NAME.yaml"
OUT="${PTUNE_REPRO_OUT:-$ROOT/runs/repro}"
SWEEP="$(sed -n 's/^name: *//p' "$ROOT/$CONFIG")"
DIR="$OUT/$SWEEP"
DEST="$ROOT/docs/reproduction/$NAME"
CARRIED="${PTUNE_REPRO_CARRY:-$ROOT/docs/reproduction-unfinished}/$NAME"
cd "$ROOT"

if [[ "$CARRY_ONLY" == true ]]; then
  [[ -d "$DIR/trials/parts" ]] || { echo "run.sh: $DIR has no trial results to carry" >&2; exit 2; }
  mkdir -p "$CARRIED/parts"
  cp "$CONFIG" "$CARRIED/config.yaml"
  find "$DIR/trials/parts" -maxdepth 1 -name '*.json' -exec cp {} "$CARRIED/parts/" \;
  for f in repro-sessions.jsonl console.txt; do
    if [[ -f "$DIR/$f" ]]; then cp "$DIR/$f" "$CARRIED/$f"; fi
  done
  echo "carried $(find "$CARRIED/parts" -name '*.json' | wc -l) trial result(s) of $DIR -> $CARRIED (commit it)"
  exit 0
fi

if [[ "$RETABLE_ONLY" == true ]]; then
  [[ -e "$DEST/trials/trials.parquet" ]] || { echo "run.sh: $DEST has no published trials to re-table" >&2; exit 2; }
  cmp -s "$CONFIG" "$DEST/config.yaml" || { echo "run.sh: $DEST was published from another version of $CONFIG" >&2; exit 2; }
  work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
  # The aggregation is of the run that made the trials: RunHistory's marker keeps its id.
  run_id="$(sed -n 's/^ *"run" *: *"\([^"]*\)".*/\1/p' "$DEST/tables/comparison.json")"
  [[ -n "$run_id" ]] || { echo "run.sh: no run id in $DEST/tables/comparison.json" >&2; exit 2; }
  mkdir -p "$work/$SWEEP"; printf '{"id":"%s","rerun":false}' "$run_id" > "$work/$SWEEP/RUN"
  bin/ptune aggregate "$CONFIG" --out "$work" --from "$DEST" "$@"
  rm -rf "$DEST/tables" "$DEST/plots"
  cp -r "$work/$SWEEP/tables" "$work/$SWEEP/plots" "$DEST/"
  find "$DEST" -name '.*.crc' -delete
  printf '{"retabled":"%s","commit":"%s","command":"conf/repro/run.sh %s --retable"}\n' \
    "$(date -u +%FT%TZ)" "$(git describe --always --dirty)" "$NAME" >> "$DEST/retabled.jsonl"
  echo "re-tabled $DEST from its committed trials (run $run_id)"
  exit 0
fi

if [[ -d "$CARRIED" ]]; then
  # Restore a sweep carried from another machine: its finished trials are skipped by the sweep, its
  # sessions count in run.json. Lines already here (the same machine) are not repeated.
  cmp -s "$CONFIG" "$CARRIED/config.yaml" || {
    echo "run.sh: $CARRIED was carried from another version of $CONFIG (diff them); delete it to start over" >&2
    exit 2
  }
  mkdir -p "$DIR/trials/parts"
  find "$CARRIED/parts" -maxdepth 1 -name '*.json' -exec cp -n {} "$DIR/trials/parts/" \;
  if [[ -f "$CARRIED/repro-sessions.jsonl" ]]; then
    merged="$(mktemp)"
    cat "$CARRIED/repro-sessions.jsonl" > "$merged"
    if [[ -f "$DIR/repro-sessions.jsonl" ]]; then grep -vxF -f "$CARRIED/repro-sessions.jsonl" "$DIR/repro-sessions.jsonl" >> "$merged" || [[ $? -eq 1 ]]; fi   # 1: no line of its own
    mv "$merged" "$DIR/repro-sessions.jsonl"
  fi
  if [[ -f "$CARRIED/console.txt" && ! -f "$DIR/console.txt" ]]; then cp "$CARRIED/console.txt" "$DIR/console.txt"; fi
  echo "restored $(find "$CARRIED/parts" -name '*.json' | wc -l) carried trial result(s) from $CARRIED into $DIR"
fi
if [[ "$RESTORE_ONLY" == true ]]; then exit 0; fi

if [[ "$PUBLISH_ONLY" != true ]]; then
  mkdir -p "$DIR"
  started="$(date -u +%FT%TZ)"; t0="$(date +%s)"
  ( while sleep 60; do cut -d' ' -f1 /proc/loadavg; done ) > "$DIR/.load-$t0" &
  sampler=$!
  rc=0
  trap 'true' INT TERM   # a stopped sweep still records its session below (bin/ptune exits 130 / 143)
  bin/ptune run "$CONFIG" --out "$OUT" "$@" 2>&1 | tee -a "$DIR/console.txt" || rc=$?
  kill "$sampler" 2>/dev/null || true
  load="$(paste -sd, "$DIR/.load-$t0")"; rm -f "$DIR/.load-$t0"
  printf '{"started":"%s","finished":"%s","seconds":%d,"exit_code":%d,"commit":"%s","java_opts":"%s","args":"%s","load_average_per_minute":[%s]}\n' \
    "$started" "$(date -u +%FT%TZ)" "$(( $(date +%s) - t0 ))" "$rc" "$(git rev-parse --short HEAD)" "${PTUNE_JAVA_OPTS:-}" \
    "$(printf '%s' "$*" | sed 's/\\/\\\\/g; s/"/\\"/g')" "$load" >> "$DIR/repro-sessions.jsonl"
  [[ $rc -eq 0 ]] || { echo "run.sh: bin/ptune run exited $rc; results so far are kept in $DIR" >&2; exit "$rc"; }
fi

rm -rf "$DEST"; mkdir -p "$DEST/trials"
cp "$CONFIG" "$DEST/config.yaml"
cp "$DIR/trials/trials.csv" "$DEST/trials/"
cp -r "$DIR/trials/trials.parquet" "$DEST/trials/"
cp -r "$DIR/tables" "$DIR/plots" "$DEST/"
if [[ -f "$DIR/console.txt" ]]; then cp "$DIR/console.txt" "$DEST/"; fi   # every session's console, appended
find "$DEST" -name '.*.crc' -delete   # Hadoop's local checksum files: not results
{
  printf '{"command":"conf/repro/run.sh %s","config":"%s","commit":"%s",' "$NAME" "$CONFIG" "$(git rev-parse --short HEAD)"
  printf '"machine":{"cpu":"%s","cores":%d,"memory_gib":%d,"java":"%s"},' \
    "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" "$(nproc --all)" \
    "$(( $(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo) / 1048576 ))" \
    "$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')"
  printf '"sessions":[%s]}\n' "$(paste -sd, "$DIR/repro-sessions.jsonl")"
} > "$DEST/run.json"
if [[ -d "$CARRIED" ]]; then rm -rf "$CARRIED"; echo "removed $CARRIED: the published directory holds it (commit the removal)"; fi
echo "published $DIR -> $DEST"
