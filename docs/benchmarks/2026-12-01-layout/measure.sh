#!/usr/bin/env bash
# #17 §3: the quickstart on a one-Worker (2 cores) standalone cluster, 2 executors x 1 core vs 1 x 2 cores.
set -uo pipefail
cd /work/main
while ! grep -q "^published" /work/repro-out/grid.console; do sleep 10; done
OUT=/work/main/docs/benchmarks/2026-12-01-layout
mkdir -p "$OUT"
{ date -u +%FT%TZ; uptime; git rev-parse --short HEAD; lscpu | sed -n 's/^Model name: *//p'; nproc --all; } > "$OUT/session.txt"
for K in 1 2; do
  D="$OUT/executor-cores-$K"; mkdir -p "$D"
  export PTUNE_CLUSTER_DIR=/work/qsprobe/cluster-$K
  rm -rf "$PTUNE_CLUSTER_DIR" /work/qsprobe/layout-out-$K
  bin/ptune-cluster start --workers 1 --cores 2 --memory 12g --executor-cores $K > "$D/cluster.txt" 2>&1
  grep -v "extraClassPath" "$PTUNE_CLUSTER_DIR/cluster.conf" > "$D/cluster.conf"
  ( while sleep 30; do cut -d' ' -f1 /proc/loadavg; done ) > "$D/load.txt" &
  sampler=$!
  /usr/bin/time -f "%e s wall" -o "$D/time.txt" bin/ptune run conf/quickstart.yaml --out /work/qsprobe/layout-out-$K \
    --spark-profile "$PTUNE_CLUSTER_DIR/cluster.conf" > "$D/console.txt" 2>&1
  echo "exit $?" >> "$D/time.txt"
  kill $sampler
  cp /work/qsprobe/layout-out-$K/quickstart/trials/trials.csv "$D/"
  bin/ptune-cluster stop >> "$D/cluster.txt" 2>&1
done
echo done > "$OUT/.finished"
