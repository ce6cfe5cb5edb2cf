#!/usr/bin/env bash
# Reproduces every number of BENCHMARKS.md in one run: whole commands with hyperfine (medians)
# and /usr/bin/time -v (peak memory), the in-process transform with criterion, side by side.
#
#   benches/run.sh                         # everything (about 40 minutes on 2 cores)
#   QUESTIONS="build check" benches/run.sh # only some tables: machine build serve check search criterion
#
# Knobs (environment): REPORTS (100), RUNS_SMALL (10), RUNS_LARGE (3), MEM_RUNS (3),
# SERVE_EDITS (7), LYCHEE_TIMEOUT (300 s, lychee on the large site), OUT (target/bench-results/<UTC time>), MDBOOK (~/.cargo/bin/mdbook),
# BOOKS (target/bench-books; /dev/shm/… for a tmpfs),
# LYCHEE (target/bench-tools/bin/lychee).
#
# Needs: hyperfine (apt-get install hyperfine), GNU time (/usr/bin/time), jq, mdbook 0.5.4
# (cargo install mdbook --version 0.5.4 --locked), lychee for the link-check table
# (cargo install lychee --locked --root target/bench-tools). Keep the machine otherwise idle:
# the load average is recorded before and after each table.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

REPORTS=${REPORTS:-100}
RUNS_SMALL=${RUNS_SMALL:-10}
RUNS_LARGE=${RUNS_LARGE:-3}
MEM_RUNS=${MEM_RUNS:-3}
SERVE_EDITS=${SERVE_EDITS:-7}
QUESTIONS=${QUESTIONS:-"machine build serve check search criterion"}
OUT=${OUT:-target/bench-results/$(date -u +%Y%m%dT%H%M%SZ)}
MDBOOK=${MDBOOK:-$HOME/.cargo/bin/mdbook}
LYCHEE=${LYCHEE:-$REPO/target/bench-tools/bin/lychee}
LYCHEE_TIMEOUT=${LYCHEE_TIMEOUT:-300}
TOOLS=$REPO/target/bench-tools
BIN=$TOOLS/bin/mdbook-report
POSTBUILD=$TOOLS/bin/mdbook-report-postbuild
# book.toml names no command: mdBook runs `mdbook-report` and `mdbook-report-postbuild` from PATH.
# Commands measured with the installed binaries get this PATH (no spaces in it, for hyperfine -N).
TOOLS_PATH=PATH=$TOOLS/bin:$PATH
# The command path through cargo, for comparison (what book.toml used to name).
CARGO_RUN="cargo run --release --quiet --manifest-path $REPO/Cargo.toml --bin"
# Where the books are written and built: BOOKS=/dev/shm/bench-books (tmpfs) keeps the file
# system out of the comparison (BENCHMARKS.md: ext4 after mass deletions).
BOOKS=${BOOKS:-$REPO/target/bench-books}
GEN=gen-$REPORTS
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RESULTS=$OUT/results.md
: > "$RESULTS"

for tool in hyperfine jq /usr/bin/time "$MDBOOK"; do
  command -v "$tool" > /dev/null || { echo "missing: $tool (see the top of $0)" >&2; exit 2; }
done

say() { printf '\n== %s\n' "$*" >&2; }
md() { printf '%s\n' "$*" >> "$RESULTS"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
want() { [[ " $QUESTIONS " == *" $1 "* ]]; }

# hyperfine NAME RUNS COMMAND…: every command in one invocation (side by side), JSON kept.
hf() {
  local name=$1 runs=$2
  shift 2
  hyperfine -N --style basic --warmup 1 --runs "$runs" --ignore-failure \
    --export-json "$OUT/$name.json" "$@" >> "$OUT/hyperfine.log" 2>&1
}
# Median seconds of the command named (-n) N of hyperfine run NAME.
med() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median' "$OUT/$1.json"; }
# Median peak resident memory (MiB) of MEM_RUNS runs of a command.
peak() {
  local vals=() i
  for ((i = 0; i < MEM_RUNS; i++)); do
    /usr/bin/time -v "$@" > /dev/null 2> "$OUT/time.tmp" || true
    vals+=("$(awk '/Maximum resident set size/ {print $NF}' "$OUT/time.tmp")")
  done
  printf '%s\n' "${vals[@]}" | sort -n | awk '{a[NR] = $1} END {printf "%.0f", a[int((NR + 1) / 2)] / 1024}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
secs() { awk -v a="$1" 'BEGIN {printf (a < 1 ? "%.3f" : "%.2f"), a}'; }
meets() { awk -v a="$1" -v b="$2" 'BEGIN {print (a <= b ? "met" : "**missed**")}'; }

say "release binaries (installed into $TOOLS/bin for the command path)"
cargo build --release --quiet --bin mdbook-report --bin mdbook-report-postbuild
cargo build --release --quiet -p report-bench --bins
# Compiled now, so that no compilation runs between measurements.
if want criterion; then cargo bench --quiet -p report-bench --bench transform --no-run 2> /dev/null; fi
mkdir -p "$TOOLS/bin"
install -m 755 target/release/mdbook-report "$BIN"
install -m 755 target/release/mdbook-report-postbuild "$POSTBUILD"
GEN_BOOK=$REPO/target/release/gen-book
SERVE_LATENCY=$REPO/target/release/serve-latency
COMPARE=$REPO/target/release/compare-faults

say "books: the report and a $REPORTS-report book, each with its plain-mdBook copy"
"$GEN_BOOK" --reports "$REPORTS" --out "$BOOKS" | tee "$OUT/books.txt" >&2
for b in report "$GEN"; do
  # Strict build with the link check once: the books are valid before they are timed.
  "$BIN" build --book "$BOOKS/$b/full" > /dev/null 2> "$OUT/validate-$b.log" \
    || { cat "$OUT/validate-$b.log" >&2; exit 1; }
done
md_bytes() { awk -v b="$1" '$1 == b":" {gsub(/[(]/, "", $3); print $3}' "$OUT/books.txt"; }

md "# Benchmark results $(date -u +%Y-%m-%dT%H:%MZ)"
md ""
md "Commands: \`benches/run.sh\` (REPORTS=$REPORTS RUNS_SMALL=$RUNS_SMALL RUNS_LARGE=$RUNS_LARGE MEM_RUNS=$MEM_RUNS SERVE_EDITS=$SERVE_EDITS); raw data in \`$OUT\`."
md ""
md '```text'
cat "$OUT/books.txt" >> "$RESULTS"
md '```'

if want machine; then
  say machine
  md ""
  md "## Machine"
  md ""
  md "- CPU: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) cores"
  md "- RAM: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  md "- OS: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  md "- $(rustc --version); $("$MDBOOK" --version); $(hyperfine --version)$( [ -x "$LYCHEE" ] && echo "; $("$LYCHEE" --version)")"
  md "- load average at start: $(load)"
fi

# Whole builds, side by side in one hyperfine invocation per book: plain mdBook, our in-process
# build, and the mdBook CLI with our binaries (installed, found on PATH as book.toml has it;
# `cargo run` through MDBOOK_…_COMMAND, on the report only: its cost per spawn does not grow
# with the book). Each command runs under /usr/bin/time, so the same runs give the peak memory.
if want build; then
  say "(a)+(b) whole builds"
  # Count the command invocations of one CLI build: wrappers of the same names first on PATH.
  mkdir -p "$OUT/count-bin"
  for b in mdbook-report mdbook-report-postbuild; do
    cat > "$OUT/count-bin/$b" <<EOF
#!/bin/sh
echo "$b\${1:+ \$*}" >> "$OUT/invocations.log"
exec "$TOOLS/bin/$b" "\$@"
EOF
    chmod +x "$OUT/count-bin/$b"
  done
  : > "$OUT/invocations.log"
  PATH="$OUT/count-bin:$PATH" "$MDBOOK" build "$BOOKS/report/full" > /dev/null 2>&1
  spawns=$(wc -l < "$OUT/invocations.log")
  # Alternating rounds (benches/ab.sh: plain, expanded, ours, … then again), so every command
  # sees the same load; time and peak memory from the same runs.
  for b in report "$GEN"; do
    runs=$RUNS_SMALL warm=2
    [ "$b" = report ] || { runs=$RUNS_LARGE; warm=1; }
    cmds=(plain "$MDBOOK build $BOOKS/$b/plain"
      plain-no-search "MDBOOK_OUTPUT__HTML__SEARCH__ENABLE=false $MDBOOK build $BOOKS/$b/plain"
      expanded "$MDBOOK build $BOOKS/$b/expanded"
      in-process "$BIN build --book $BOOKS/$b/full"
      no-check "$BIN build --no-check --book $BOOKS/$b/full"
      installed "$TOOLS_PATH $MDBOOK build $BOOKS/$b/full")
    if [ "$b" = report ]; then
      cmds+=(cargo-run "MDBOOK_PREPROCESSOR__REPORT__COMMAND='$CARGO_RUN mdbook-report --' MDBOOK_OUTPUT__REPORT_POSTBUILD__COMMAND='$CARGO_RUN mdbook-report-postbuild' $MDBOOK build $BOOKS/$b/full")
    fi
    "$REPO/benches/ab.sh" "$runs" "$warm" "${cmds[@]}" > "$OUT/build-$b.tsv"
  done
  # Median seconds / peak MiB / load of command NAME in book B's alternating run.
  abm() { awk -F'\t' -v n="$2" '$1 == n {print $2}' "$OUT/build-$1.tsv"; }
  mem() { awk -F'\t' -v n="$2" '$1 == n {print $5}' "$OUT/build-$1.tsv"; }
  abload() { awk -F'\t' 'NR == 1 {print $6}' "$OUT/build-$1.tsv"; }
  md ""
  md "## (a) Full build (every feature, in-process, link check included) vs plain \`mdbook build\` of the same Markdown"
  md ""
  md "*plain*: \`mdbook build\` of the same source Markdown, our preprocessor and post-build step off, mdBook's own search index on (its default: mdBook doing the whole job). *plain, no search*: the same with mdBook's index off, for reference. *expanded*: \`mdbook build\` (mdBook's index on) of the Markdown our preprocessing produces, i.e. the same pages as a full build (\`gen-book\` writes it). *ours*: \`mdbook-report build\` (our search index, the print page, the link check). Alternating rounds (benches/ab.sh), medians."
  md ""
  md "| book | plain | plain, no search | expanded | ours | ours, no check | ours / plain (goal: report ≤ 2.5, gen ≤ 2.0) | ours / expanded (goal ≤ 0.8) | peak memory plain / expanded / ours | ours / plain peak (goal ≤ 1.2) | load before → after |"
  md "|---|---|---|---|---|---|---|---|---|---|---|"
  for b in report "$GEN"; do
    plain=$(abm "$b" plain)
    exp=$(abm "$b" expanded)
    ours=$(abm "$b" in-process)
    r=$(ratio "$ours" "$plain")
    goal=2.5
    [ "$b" = report ] || goal=2.0
    re=$(ratio "$ours" "$exp")
    rm_=$(ratio "$(mem "$b" in-process)" "$(mem "$b" plain)")
    md "| $b | $(secs "$plain") s | $(secs "$(abm "$b" plain-no-search)") s | $(secs "$exp") s | $(secs "$ours") s | $(secs "$(abm "$b" no-check)") s | **$r×** ($(meets "$r" "$goal")) | **$re×** ($(meets "$re" 0.8)) | $(mem "$b" plain) / $(mem "$b" expanded) / $(mem "$b" in-process) MiB | **$rm_×** ($(meets "$rm_" 1.2)) | $(abload "$b") |"
  done
  md ""
  md "## (b) The mdBook CLI path (our binaries as commands) vs in-process"
  md ""
  md "Same alternating run as (a); *in-process* is \`mdbook-report build --no-check\` (the CLI path does no link check). One \`mdbook build\` spawns our binary $spawns times: $(sort "$OUT/invocations.log" | uniq -c | awk '{n = $1; $1 = ""; printf "%s%s× `%s`", sep, n, substr($0, 2); sep = ", "}'). The peak memory of a CLI build is that of its largest process (GNU time reports the largest member of the process tree, not the sum)."
  md ""
  md "| book | in-process | \`mdbook build\`, installed binaries (on PATH, book.toml) | \`mdbook build\`, \`cargo run\` (MDBOOK_…_COMMAND) | installed / in-process | cargo run / in-process | peak memory in-process | peak memory CLI, installed |"
  md "|---|---|---|---|---|---|---|---|"
  for b in report "$GEN"; do
    inp=$(abm "$b" no-check)
    ins=$(abm "$b" installed)
    if [ "$b" = report ]; then
      car=$(abm "$b" cargo-run)
      c1="$(secs "$car") s"
      c2="$(ratio "$car" "$inp")×"
    else
      c1="not run"
      c2="—"
    fi
    md "| $b | $(secs "$inp") s | $(secs "$ins") s | $c1 | $(ratio "$ins" "$inp")× | $c2 | $(mem "$b" no-check) MiB | $(mem "$b" installed) MiB |"
  done
  # One process start, and one JSON round trip of the whole book through the preprocessor
  # (`mdbook-report` without arguments).
  for b in report "$GEN"; do
    cat > "$OUT/capture.sh" <<EOF
#!/bin/sh
if [ -z "\$1" ]; then tee "$OUT/input-$b.json" | "$BIN"; else exec "$BIN" "\$@"; fi
EOF
    chmod +x "$OUT/capture.sh"
    PATH="$TOOLS/bin:$PATH" MDBOOK_PREPROCESSOR__REPORT__COMMAND="$OUT/capture.sh" \
      "$MDBOOK" build "$BOOKS/$b/full" > /dev/null 2>&1
  done
  before=$(load)
  hf spawn "$RUNS_SMALL" \
    -n installed "$BIN supports html" \
    -n cargo-run "cargo run --release --quiet --bin mdbook-report -- supports html"
  hyperfine --style basic --warmup 1 --runs "$RUNS_SMALL" --export-json "$OUT/preprocess.json" \
    -n report "cd $BOOKS/report/full && $BIN < $OUT/input-report.json > /dev/null" \
    -n "$GEN" "cd $BOOKS/$GEN/full && $BIN < $OUT/input-$GEN.json > /dev/null" \
    >> "$OUT/hyperfine.log" 2>&1
  md ""
  md "| one command | median |"
  md "|---|---|"
  md "| process start: \`mdbook-report supports html\` (installed) | $(secs "$(med spawn installed)") s |"
  md "| process start: \`cargo run --release --quiet --bin mdbook-report -- supports html\` | $(secs "$(med spawn cargo-run)") s |"
  md "| \`mdbook-report\` (the preprocessor) on the report's JSON ($(wc -c < "$OUT/input-report.json") B in): start, JSON in, transform, JSON out | $(secs "$(med preprocess report)") s |"
  md "| \`mdbook-report\` on the $GEN book's JSON ($(wc -c < "$OUT/input-$GEN.json") B in) | $(secs "$(med preprocess "$GEN")") s |"
  md ""
  md "Load before → after: $before → $(load). Compare the last two rows with the criterion \`site\` row below (the same transform, in-process): the difference is the process start and the JSON."
fi

if want serve; then
  say "(c) rebuild under mdbook serve after editing one chapter"
  md ""
  md "## (c) \`mdbook serve\`: save one chapter of the report → rebuilt page on disk"
  md ""
  md "Median of $SERVE_EDITS edits of \`src/protect-human-rights.md\`. *total* = save → page rebuilt (and \`timeline.ics\`, the post-build step's last file, rewritten); *debounce* = save → mdBook's \"Files changed\" (its file-watcher debouncer, 1 s timeout fixed in mdBook 0.5.4: not our code); *rebuild* = that → page rebuilt."
  md ""
  md "| commands | total | debounce (mdBook) | rebuild (goal < 0.3 s) | load before → after |"
  md "|---|---|---|---|---|"
  serve() {
    local name=$1 dir=$2 page=$3 done=$4
    shift 4
    local before
    before=$(load)
    env "$@" "$SERVE_LATENCY" --book "$dir" --chapter src/protect-human-rights.md \
      --page "$page" ${done:+--done "$done"} --iterations "$SERVE_EDITS" \
      --mdbook "$MDBOOK" --port $((3900 + RANDOM % 90)) --json "$OUT/serve-$name.json" 2>> "$OUT/serve.log"
    local j=$OUT/serve-$name.json rb
    rb=$(jq -r .median_rebuild "$j")
    md "| $name | $(secs "$(jq -r .median_total "$j")") s | $(secs "$(jq -r .median_debounce "$j")") s | $(secs "$rb") s ($(meets "$rb" 0.3)) | $before → $(load) |"
  }
  serve "installed binaries (on PATH, book.toml as committed)" "$BOOKS/report/full" book/html/protect-human-rights.html book/html/timeline.ics \
    "$TOOLS_PATH"
  serve "cargo run (MDBOOK_…_COMMAND)" "$BOOKS/report/full" book/html/protect-human-rights.html book/html/timeline.ics \
    MDBOOK_PREPROCESSOR__REPORT__COMMAND="$CARGO_RUN mdbook-report --" \
    MDBOOK_OUTPUT__REPORT_POSTBUILD__COMMAND="$CARGO_RUN mdbook-report-postbuild"
  serve "plain mdBook (no preprocessor)" "$BOOKS/report/plain" book/protect-human-rights.html ""
fi

if want check; then
  say "(d) mdbook-report check vs lychee --offline --include-fragments"
  [ -x "$LYCHEE" ] || { echo "missing $LYCHEE: cargo install lychee --locked --root target/bench-tools" >&2; exit 2; }
  md ""
  md "## (d) Link check: \`mdbook-report check\` vs \`lychee --offline --include-fragments\` on the same built sites"
  md ""
  md "| site | pages | ours | lychee | time ratio (goal ≤ 0.1) | peak memory ours | peak memory lychee | memory ratio (goal ≤ 0.1) | problems ours / lychee | load before → after |"
  md "|---|---|---|---|---|---|---|---|---|---|"
  lychee_args() { echo "--offline --include-fragments --no-progress --root-dir $1"; }
  for b in report "$GEN"; do
    # The site the builds above wrote (the CLI and in-process builds write the same files).
    site=$BOOKS/$b/full/book/html
    [ -f "$site/timeline.ics" ] || "$BIN" build --no-check --book "$BOOKS/$b/full" 2> /dev/null
    pages=$(find "$site" -name '*.html' | wc -l)
    before=$(load)
    "$BIN" check --json --book "$BOOKS/$b/full" "$site" > "$OUT/ours-$b.json" || true
    if [ "$b" = report ]; then
      hf "check-$b" "$RUNS_SMALL" \
        -n ours "$BIN check --book $BOOKS/$b/full $site" \
        -n lychee "$LYCHEE $(lychee_args "$site") $site"
      o=$(med "check-$b" ours); l=$(med "check-$b" lychee)
      mo=$(peak "$BIN" check --book "$BOOKS/$b/full" "$site")
      # shellcheck disable=SC2046
      ml=$(peak "$LYCHEE" $(lychee_args "$site") "$site")
      # shellcheck disable=SC2046
      "$LYCHEE" $(lychee_args "$site") --format json --output "$OUT/lychee-$b.json" "$site" > /dev/null 2>&1 || true
      found=$("$COMPARE" --site "$site" --ours "$OUT/ours-$b.json" --lychee "$OUT/lychee-$b.json" --summary 2>> "$OUT/compare.log" || true)
      ltime="$(secs "$l") s"; lmem="$ml MiB"; r=$(ratio "$o" "$l"); rm=$(ratio "$mo" "$ml")
      rv="**$r×** ($(meets "$r" 0.1))"; rmv="**$rm×** ($(meets "$rm" 0.1))"
    else
      # lychee takes many minutes on the large site: one run, its time and peak memory from the
      # same run (GNU time over \`timeout\`: the largest process of the tree), stopped after
      # LYCHEE_TIMEOUT seconds, in which case both are lower bounds.
      hf "check-$b" "$RUNS_LARGE" -n ours "$BIN check --book $BOOKS/$b/full $site"
      o=$(med "check-$b" ours)
      mo=$(peak "$BIN" check --book "$BOOKS/$b/full" "$site")
      # shellcheck disable=SC2046
      /usr/bin/time -f '%e %M' -o "$OUT/lychee-$b.time" timeout "$LYCHEE_TIMEOUT" \
        "$LYCHEE" $(lychee_args "$site") --format json --output "$OUT/lychee-$b.json" "$site" > /dev/null 2>&1 && lrc=0 || lrc=$?
      read -r l lkb < <(tail -n 1 "$OUT/lychee-$b.time")
      ml=$(awk -v k="$lkb" 'BEGIN {printf "%.0f", k / 1024}')
      r=$(ratio "$o" "$l"); rm=$(ratio "$mo" "$ml")
      if [ "$lrc" = 124 ]; then
        ltime="> $(secs "$l") s (stopped)"; lmem="≥ $ml MiB (at stop)"
        rv="**< $r×** (met)"; rmv="**< $rm×** ($(meets "$rm" 0.1))"
        found="ours: $(jq '.problems | length' "$OUT/ours-$b.json") problems in $(jq .links "$OUT/ours-$b.json") links; lychee did not finish"
      else
        ltime="$(secs "$l") s (1 run)"; lmem="$ml MiB"
        rv="**$r×** ($(meets "$r" 0.1))"; rmv="**$rm×** ($(meets "$rm" 0.1))"
        found=$("$COMPARE" --site "$site" --ours "$OUT/ours-$b.json" --lychee "$OUT/lychee-$b.json" --summary 2>> "$OUT/compare.log" || true)
      fi
    fi
    md "| $b | $pages | $(secs "$o") s | $ltime | $rv | $mo MiB | $lmem | $rmv | $found | $before → $(load) |"
  done
  # Faults injected into a copy of the report's site: does each tool find them?
  faulty=$OUT/site-faulty
  rm -rf "$faulty"
  cp -r "$BOOKS/report/full/book/html" "$faulty"
  "$COMPARE" --inject "$faulty" > "$OUT/injected.txt"
  "$BIN" check --json --book "$BOOKS/report/full" "$faulty" > "$OUT/ours-faulty.json" || true
  "$LYCHEE" --offline --include-fragments --no-progress --root-dir "$faulty" --format json --output "$OUT/lychee-faulty.json" "$faulty" > /dev/null 2>&1 || true
  md ""
  md "Faults injected into a copy of the report's site ($(wc -l < "$OUT/injected.txt") of them, listed by \`compare-faults --inject\`):"
  md ""
  md '```text'
  cat "$OUT/injected.txt" >> "$RESULTS"
  "$COMPARE" --site "$faulty" --ours "$OUT/ours-faulty.json" --lychee "$OUT/lychee-faulty.json" >> "$RESULTS" 2>&1 \
    || echo "compare-faults: lychee found a fault that mdbook-report check did not" >> "$RESULTS"
  md '```'
fi

# Search and the print page: what a reader downloads for a query, and the sizes, ours against
# mdBook's own index (the expanded copy builds it for the same pages) and, when the probe is
# built (cargo build --release --manifest-path benches/pagefind-probe/Cargo.toml), Pagefind's
# crate as a library on the same built site.
if want search; then
  say "(e) search: bytes to the first result, index sizes; the print page"
  PROBE=$REPO/benches/pagefind-probe/target/release/pagefind-probe
  md ""
  md "## (e) Search: bytes from opening search to the first result for \"UNHCR\", and index sizes"
  md ""
  md "\`node benches/search-bytes.mjs SITE ours|pagefind UNHCR\`: headers and bodies, uncompressed, typed a key every 150 ms (every prefix searched, as a reader types); ours shows ten results, Pagefind's five (its UI's first page). Pagefind: \`pagefind-probe\` (its crate as a library, pages as they are) on a copy of the same built site, its own process, one run."
  md ""
  md "| book | ours: bytes, first result | Pagefind: bytes, first result | ours: index files (shards / records), bytes | mdBook's searchindex | Pagefind: build time, peak memory, bundle bytes | print.html before (expanded) → after | load before → after |"
  md "|---|---|---|---|---|---|---|---|"
  for b in report "$GEN"; do
    before=$(load)
    site=$BOOKS/$b/full/book/html
    [ -f "$site/search/meta.json" ] || "$BIN" build --no-check --book "$BOOKS/$b/full" 2> /dev/null
    [ -f "$BOOKS/$b/expanded/book/print.html" ] || "$MDBOOK" build "$BOOKS/$b/expanded" > /dev/null 2>&1
    node "$REPO/benches/search-bytes.mjs" "$site" ours UNHCR > "$OUT/search-ours-$b.json"
    ours="$(jq .bytes "$OUT/search-ours-$b.json") B, \`$(jq -r .first "$OUT/search-ours-$b.json")\`"
    shards=$(find "$site/search/t" -type f | wc -l)
    records=$(find "$site/search/r" -type f | wc -l)
    bytes=$(find "$site/search" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    mdidx=$(find "$BOOKS/$b/expanded/book" -maxdepth 1 -name 'searchindex*.js' -printf '%s\n' | head -n 1)
    pf="not measured (probe not built)"; pfb="—"
    if [ -x "$PROBE" ]; then
      copy=$OUT/pagefind-$b
      rm -rf "$copy"; cp -r "$site" "$copy"
      /usr/bin/time -f '%e %M' -o "$OUT/pagefind-$b.time" "$PROBE" "$copy" "$copy/pagefind" > "$OUT/pagefind-$b.txt"
      read -r pt pm < "$OUT/pagefind-$b.time"
      pbytes=$(find "$copy/pagefind" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
      pf="$pt s, $((pm / 1024)) MiB, $pbytes B"
      node "$REPO/benches/search-bytes.mjs" "$copy" pagefind UNHCR > "$OUT/search-pagefind-$b.json"
      pfb="$(jq .bytes "$OUT/search-pagefind-$b.json") B, \`$(jq -r .first "$OUT/search-pagefind-$b.json")\`"
      rm -rf "$copy"
    fi
    pexp=$(stat -c %s "$BOOKS/$b/expanded/book/print.html")
    pours=$(stat -c %s "$site/print.html")
    md "| $b | $ours | $pfb | $shards / $records, $bytes B | ${mdidx:-?} B | $pf | $pexp → $pours B | $before → $(load) |"
  done
fi

if want criterion; then
  say "transform throughput (criterion)"
  before=$(load)
  REPORT_BENCH_REPORTS="10,$REPORTS" cargo bench --quiet -p report-bench --bench transform > "$OUT/criterion.log" 2>&1
  md ""
  md "## Throughput of the in-process transform (criterion, median; MB = 10⁶ bytes of chapter Markdown)"
  md ""
  md "Load before → after: $before → $(load)."
  md ""
  sizes="report gen-10 $GEN"
  header="| feature |"; rule="|---|"
  for s in $sizes; do header="$header $s |"; rule="$rule---|"; done
  md "$header $GEN vs report (1.00 = linear) |"
  md "$rule---|"
  for f in all site none endnotes organisations agenda timeline; do
    row="| $f |"
    first=""; last=""
    for s in $sizes; do
      d=target/criterion/transform_${s}/$f
      [ -d "$d" ] || d=target/criterion/transform/${s}/$f
      ns=$(jq -r .median.point_estimate "$d/new/estimates.json")
      bytes=$(jq -r '.throughput.Bytes // .throughput.BytesDecimal' "$d/new/benchmark.json")
      mbs=$(awk -v b="$bytes" -v ns="$ns" 'BEGIN {printf "%.1f", b / ns * 1000}')
      ms=$(awk -v ns="$ns" 'BEGIN {printf "%.2f", ns / 1e6}')
      row="$row $ms ms, **$mbs MB/s** |"
      [ -n "$first" ] || first=$mbs
      last=$mbs
    done
    md "$row $(ratio "$last" "$first") |"
  done
fi

md ""
md "Load average at the end: $(load)."
say "results: $RESULTS"
cat "$RESULTS"
