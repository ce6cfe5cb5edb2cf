#!/usr/bin/env bash
# A registry at scale (issue 29): the report's chapters with a registry of ENTRIES organisations,
# the report's own followed by synthetic ones that no chapter names (a registry shared by many
# books), built by `mdbook-report build` (link check included) on a tmpfs.
#
#   benches/registry-scale.sh [ENTRIES]     # default 10000; goal: at most 10 s
#
# Knobs (environment): RUNS (3, alternating with the report's own registry), BOOKS
# (/dev/shm/registry-scale), PAGES ("named", the default, or "all": every entry gets a page).
# Prints the medians (wall, CPU = user + system), the pages built and the messages printed.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
ENTRIES=${1:-10000}
RUNS=${RUNS:-3}
BOOKS=${BOOKS:-/dev/shm/registry-scale}
PAGES=${PAGES:-named}
cargo build --release --quiet --bin mdbook-report
BIN=$REPO/target/release/mdbook-report

# Two copies of the report: `small` with its registry, `large` with ENTRIES entries.
rm -rf "$BOOKS"
for b in small large; do
  mkdir -p "$BOOKS/$b"
  cp -r src theme data book.toml "$BOOKS/$b/"
  printf '/book\n' > "$BOOKS/$b/.gitignore"
  # The key after the table's header (kept out of the registry's own comments).
  sed -i "s/^\[preprocessor.report.organisations\]$/&\npages = \"$PAGES\"/" "$BOOKS/$b/book.toml"
done
registry=$(awk -F'"' '/^registry = / {print $2; exit}' book.toml)
python3 - "$BOOKS/large/$registry" "$ENTRIES" <<'EOF'
import sys
path, entries = sys.argv[1], int(sys.argv[2])
text = open(path, encoding="utf-8").read().rstrip("\n")
have = text.count("\n  - id: ")
letters = "bcdfghjklmnpqrstvwxz"
def word(n):
    # A made-up word per number: forms no text has and no other entry claims.
    out = ""
    for _ in range(4):
        out += letters[n % 20] + "aeiou"[n // 20 % 5]
        n //= 100
    return out.capitalize()
lines = [text, ""]
for i in range(max(0, entries - have)):
    w = word(i)
    lines.append(f"  - id: synthetic-{i}")
    lines.append(f"    name: {w} Synthetic Council")
    if i % 10:
        # Nine in ten are units of another synthetic entry: parents resolved at scale.
        lines.append(f"    parent: synthetic-{i - i % 10}")
open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
EOF
echo "registry: $(grep -c '^  - id: ' "$BOOKS/large/$registry") entries (small: $(grep -c '^  - id: ' "$BOOKS/small/$registry"))" >&2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One round: small, large; the first round is a warm-up. GNU time: wall, user, system.
for ((round = 0; round <= RUNS; round++)); do
  for b in small large; do
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/one" \
      "$BIN" build --allow-warnings --book "$BOOKS/$b" > /dev/null 2> "$tmp/err-$b" \
      || { cat "$tmp/err-$b" >&2; exit 1; }
    ((round == 0)) || tail -n 1 "$tmp/one" >> "$tmp/$b"
  done
done
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
printf 'book\tentries\twall s\tCPU s\tpeak MiB\tpages\tmessages\n'
for b in small large; do
  wall=$(cut -d' ' -f1 "$tmp/$b" | median)
  cpu=$(awk '{print $2 + $3}' "$tmp/$b" | median)
  mem=$(cut -d' ' -f4 "$tmp/$b" | median)
  pages=$(find "$BOOKS/$b/book/html" -name '*.html' | wc -l)
  # What the last build printed: one line per message (the summary and "built" lines aside).
  msgs=$(grep -c -E '^[^ ].*: (warning|error): ' "$tmp/err-$b" || true)
  printf '%s\t%s\t%s\t%s\t%.0f\t%s\t%s\n' "$b" "$(grep -c '^  - id: ' "$BOOKS/$b/$registry")" \
    "$wall" "$cpu" "$(awk -v k="$mem" 'BEGIN {print k / 1024}')" "$pages" "$msgs"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); messages of the large build:" >&2
grep -E ': (warning|error): |more like|^[0-9]+ errors' "$tmp/err-large" | head -n 5 >&2
