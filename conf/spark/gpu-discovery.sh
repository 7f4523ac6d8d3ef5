#!/usr/bin/env bash
# Spark resource discovery for GPUs: prints {"name":"gpu","addresses":["0","1",...]}.
# PTUNE_EMULATED_GPUS (e.g. "0" or "0,1") emulates GPUs on machines without any (tests, laptops);
# otherwise the addresses are the indexes nvidia-smi reports.
set -euo pipefail
if [[ -n "${PTUNE_EMULATED_GPUS:-}" ]]; then
  addresses="${PTUNE_EMULATED_GPUS}"
else
  addresses=$(nvidia-smi --query-gpu=index --format=csv,noheader | tr -d ' ' | paste -sd, -)
fi
printf '{"name":"gpu","addresses":[%s]}\n' "$(echo "$addresses" | sed -E 's/([^,]+)/"\1"/g')"
