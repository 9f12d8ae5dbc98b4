#!/usr/bin/env bash
# Wall time of one sweep under several variants, interleaved (A B C A B C ...) so that a shared
# machine's load weighs on each alike; prints each variant's wall times and their median, and
# the median CPU time (user + system, worker processes included), which load disturbs less.
#
#   scripts/lab/time-variants.sh CONFIG REPEATS 'label=command prefix' ... -- [run flags]
#   e.g. scripts/lab/time-variants.sh configs/deep.json 3 'pinned=node bin/dead-neurons.js' \
#          'avx512=env ONEDNN_MAX_CPU_ISA=ALL node bin/dead-neurons.js' -- --jobs 2
set -euo pipefail
config=$1 repeats=$2
shift 2
variants=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do variants+=("$1"); shift; done
[ $# -gt 0 ] && shift
declare -A times cpu
out=$(mktemp -d)
for ((i = 0; i < repeats; i++)); do
  for variant in "${variants[@]}"; do
    label=${variant%%=*} command=${variant#*=}
    /usr/bin/time -f '%e %U %S' -o "$out/time" $command run "$config" --out "$out/$label-$i" -q "$@" >/dev/null 2>&1
    read -r wall user system <"$out/time"
    times[$label]+=" $wall"
    cpu[$label]+=" $(echo "$user + $system" | bc)"
  done
done
for variant in "${variants[@]}"; do
  label=${variant%%=*}
  median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  echo "$label: wall median $(echo "${times[$label]}" | median) s [${times[$label]# }]; CPU median $(echo "${cpu[$label]}" | median) s [${cpu[$label]# }]"
done
rm -rf "$out"
