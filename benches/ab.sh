#!/usr/bin/env bash
# Side-by-side timing with alternation: `benches/ab.sh RUNS WARMUP NAME 'COMMAND' [NAME 'COMMAND' …]`.
#
# Runs every command once per round, in order, for WARMUP + RUNS rounds (A B C, A B C, …), so
# each command sees the same machine state as the others; the warm-up rounds are not counted.
# Each run: wall-clock seconds (bash's EPOCHREALTIME, microseconds), peak resident memory (GNU
# time, the largest process of the tree) and CPU seconds (user + system, the whole tree) from the
# same run.
# Prints one line per command: NAME, median seconds, min, max, median peak MiB, the load
# average before and after, median CPU seconds. A command that fails stops the script (the books must be valid).
set -euo pipefail
runs=$1 warm=$2
shift 2
names=() cmds=()
while (($#)); do
  names+=("$1") cmds+=("$2")
  shift 2
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 0; round < warm + runs; round++)); do
  for i in "${!cmds[@]}"; do
    start=$EPOCHREALTIME
    /usr/bin/time -f '%M %U %S' -o "$tmp/one" bash -c "${cmds[$i]}" > /dev/null 2> "$tmp/err" \
      || { echo "failed: ${names[$i]}: ${cmds[$i]}" >&2; cat "$tmp/err" >&2; exit 1; }
    end=$EPOCHREALTIME
    if ((round >= warm)); then
      echo "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}') $(tail -n 1 "$tmp/one" | awk '{printf "%s %.2f", $1, $2 + $3}')" >> "$tmp/$i"
    fi
  done
done
after=$(cut -d' ' -f1-3 /proc/loadavg)
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
for i in "${!cmds[@]}"; do
  t=$(cut -d' ' -f1 "$tmp/$i" | median)
  lo=$(cut -d' ' -f1 "$tmp/$i" | sort -n | head -n 1)
  hi=$(cut -d' ' -f1 "$tmp/$i" | sort -n | tail -n 1)
  m=$(cut -d' ' -f2 "$tmp/$i" | median)
  c=$(cut -d' ' -f3 "$tmp/$i" | median)
  printf '%s\t%s\t%s\t%s\t%.0f\t%s -> %s\t%s\n' "${names[$i]}" "$t" "$lo" "$hi" "$(awk -v k="$m" 'BEGIN {print k / 1024}')" "$before" "$after" "$c"
done
