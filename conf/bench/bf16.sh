#!/usr/bin/env bash
# A bf16 frozen backbone (docs/benchmarks.md "A bf16 frozen backbone", issue 17 section 2):
#   conf/bench/bf16.sh OUT_DIR
# 1. step speed: `bin/ptune bench` in fp32 and in bf16 beside the PyTorch eager anchor
#    (../shared/anchors/torch_ptv2_cpu.py, Debian's python3-torch), all with dropout 0.1, at the
#    shapes of the 2026-12-01 runs (MiniLM-L6, batch 32, sequence 128, prefix 16, 2 threads),
#    alternating, each pair twice;
# 2. accuracy and trial time: conf/bench/bf16.yaml (PT-2 on SST-2, fp32 and bf16, 3 seeds) on a
#    one-Worker standalone cluster of two one-core executors (the CPU default), results in
#    OUT_DIR/sweep/bench-bf16/.
# Run it on a quiet machine: the numbers of part 1 are step times.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:?usage: conf/bench/bf16.sh OUT_DIR}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cd "$ROOT"
WORK="$(mktemp -d)"
trap 'PTUNE_CLUSTER_DIR="$WORK/cluster" bin/ptune-cluster stop > /dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
{ date -u +%FT%TZ; lscpu | sed -n 's/^Model name: *//p' | head -1; echo "cores $(nproc --all)"; git rev-parse --short HEAD;
  grep -o -w -m1 'avx512_bf16\|amx_bf16' /proc/cpuinfo || echo "no bf16 flag"; } > "$OUT/machine.txt"

SHAPE=(--threads 2 --batch 32 --seq 128 --prefix 16 --steps 5 --warmup 1 --dropout 0.1)
anchor() {
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 ../shared/anchors/torch_ptv2_cpu.py \
    --threads 2 --layers 6 --hidden 384 --heads 12 --ffn 1536 --bs 32 --seq 128 --prefix 16 --dropout 0.1 > "$1"
}
for run in 1 2; do
  bin/ptune bench --methods ft,pt,pt2 --precision fp32 "${SHAPE[@]}" --json "$OUT/ptune-fp32-run$run.json" > "$OUT/ptune-fp32-run$run.txt" 2>&1
  bin/ptune bench --methods pt,pt2 --precision bf16 "${SHAPE[@]}" --json "$OUT/ptune-bf16-run$run.json" > "$OUT/ptune-bf16-run$run.txt" 2>&1
  anchor "$OUT/anchor-run$run.jsonl"
done

PTUNE_CLUSTER_DIR="$WORK/cluster" bin/ptune-cluster start --workers 1 --cores 2 --executor-cores 1 --memory 12g > /dev/null
( while sleep 60; do cut -d' ' -f1 /proc/loadavg; done ) > "$OUT/sweep-load.txt" &
sampler=$!
/usr/bin/time -f "%e s wall" -o "$OUT/sweep-time.txt" \
  bin/ptune run conf/bench/bf16.yaml --out "$OUT/sweep" --spark-profile "$WORK/cluster/cluster.conf" > "$OUT/sweep-console.txt" 2>&1
kill "$sampler"
# Only the trials are results here: the sweep's tables select the best of fp32 and bf16 per cell
# (precision is a grid axis), which is not the comparison; docs/benchmarks.md reads trials.csv.
S="$OUT/sweep/bench-bf16"
rm -rf "$S/checkpoints" "$S/features" "$S/logs" "$S/state" "$S/history" "$S/tables" "$S/plots"
find "$OUT/sweep" -name '.*.crc' -delete
echo "conf/bench/bf16.sh: results in $OUT"
