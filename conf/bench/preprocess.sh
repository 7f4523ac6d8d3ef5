#!/usr/bin/env bash
# Preprocessing throughput (docs/benchmarks.md "Preprocessing throughput"): conf/bench/preprocess.yaml
# preprocessed from scratch (--force) on local[1], local[2] and a two-worker standalone cluster
# (bin/ptune-cluster: two Workers of one core, one one-core executor each), then the trials' side:
# bench-features for each task (tokenizing vs the stored shards just written, read from disk).
#   conf/bench/preprocess.sh OUT_DIR     # consoles go to OUT_DIR/*.txt
# Run it on a quiet machine: the numbers are wall times.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:?usage: conf/bench/preprocess.sh OUT_DIR}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cd "$ROOT"
WORK="$(mktemp -d)"
trap 'PTUNE_CLUSTER_DIR="$WORK/cluster" bin/ptune-cluster stop > /dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
{ date -u +%FT%TZ; lscpu | sed -n 's/^Model name: *//p' | head -1; echo "cores $(nproc --all)"; git rev-parse --short HEAD; } > "$OUT/machine.txt"

for master in 'local[1]' 'local[2]'; do
  bin/ptune preprocess conf/bench/preprocess.yaml --out "$WORK/runs" --force --master "$master" 2>&1 \
    | grep '^preprocess ' > "$OUT/preprocess-${master//[^a-z0-9]/}.txt"
done
PTUNE_CLUSTER_DIR="$WORK/cluster" bin/ptune-cluster start --workers 2 --cores 1 --executor-cores 1 --memory 6g > /dev/null
bin/ptune preprocess conf/bench/preprocess.yaml --out "$WORK/runs" --force --spark-profile "$WORK/cluster/cluster.conf" 2>&1 \
  | grep '^preprocess ' > "$OUT/preprocess-cluster.txt"
PTUNE_CLUSTER_DIR="$WORK/cluster" bin/ptune-cluster stop > /dev/null

for task in sst2 conll03 squad-devsplit; do
  len=128; [[ "$task" == squad-devsplit ]] && len=384
  bin/ptune bench-features "$task" --max-len "$len" --features "$WORK/runs/bench-preprocess/features" 2>&1 \
    | grep -v '^\[' > "$OUT/bench-features-$task.txt"
done
echo "conf/bench/preprocess.sh: results in $OUT"
