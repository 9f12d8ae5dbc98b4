#!/bin/bash
# A sweep on a Slurm cluster: one array task per shard, then a merge job that Slurm starts once
# every task has succeeded (and cancels if one fails). Run it from the project folder, where
# `npx dead-neurons` works; jobs start in the folder they were submitted from.
#
#   examples/slurm/submit.sh CONFIG DIR [TASKS]
#   examples/slurm/submit.sh configs/born-dead.yaml results/born-dead 16
#
# leaves DIR/shards/1..TASKS (one results folder per task), DIR/logs/ and the merged DIR/merged/;
# prints the two job ids.
set -euo pipefail
config=${1:?usage: submit.sh CONFIG DIR [TASKS]}
dir=${2:?usage: submit.sh CONFIG DIR [TASKS]}
tasks=${3:-16}
here=$(dirname "$0")
mkdir -p "$dir/logs"
sweep=$(sbatch --parsable --array="1-$tasks" --output="$dir/logs/sweep-%a.out" "$here/sweep.sbatch" "$config" "$dir/shards")
merge=$(sbatch --parsable --dependency="afterok:$sweep" --kill-on-invalid-dep=yes --output="$dir/logs/merge.out" \
  "$here/merge.sbatch" "$dir")
echo "sweep $sweep merge $merge"
