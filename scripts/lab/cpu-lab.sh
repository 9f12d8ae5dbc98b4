#!/usr/bin/env bash
# The CPU lab: runs one sweep on this machine's CPU ("host") and under qemu-user's emulation of
# other x86-64 CPUs, and prints a hash of each results file that must not depend on the CPU
# (runs.csv without its seconds column). Identical hashes mean bit-identical results.
#
#   scripts/lab/cpu-lab.sh CONFIG OUTDIR "host Haswell EPYC-Rome ..." [run flags...]
#   e.g. scripts/lab/cpu-lab.sh configs/deep.json /tmp/lab/deep "host Haswell" --set training.epochs=2
#
# Needs `npm run build` and qemu-user (apt-get install qemu-user). Under qemu a sweep runs ~30x
# slower; --jobs 1 keeps it in one process (worker processes would run natively on the host:
# qemu-user does not follow exec). qemu-user passes the host's /proc/cpuinfo through, so the
# manifests of emulated runs name the host's CPU; only the kernels see the emulated one.
set -euo pipefail
config=$1 out=$2 cpus=$3
shift 3
root="$(cd "$(dirname "$0")/../.." && pwd)"
for cpu in $cpus; do
  dir="$out/$cpu"
  rm -rf "$dir"
  start=$(date +%s)
  if [ "$cpu" = host ]; then
    node "$root/bin/dead-neurons.js" run "$config" --out "$dir" --jobs 1 -q "$@" >/dev/null 2>&1
  else
    qemu-x86_64 -cpu "$cpu" "$(command -v node)" "$root/bin/dead-neurons.js" run "$config" --out "$dir" --jobs 1 -q "$@" \
      >/dev/null 2> >(grep -v -e "TCG doesn't support" -e '^results: ' >&2)
  fi
  hashes=""
  for file in metrics.csv epochs.csv summary.csv comparisons.csv; do
    hashes+=" $file $(sha256sum "$dir/$file" | cut -c1-12)"
  done
  runs=$(cut -d, -f1-"$(($(head -1 "$dir/runs.csv" | tr ',' '\n' | grep -n '^seconds$' | cut -d: -f1) - 1))" "$dir/runs.csv" | sha256sum | cut -c1-12)
  echo "$cpu:$hashes runs.csv-without-seconds $runs ($(($(date +%s) - start)) s)"
done
