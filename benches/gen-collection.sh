#!/usr/bin/env bash
# A collection ten times the size of examples/ga-80 (BENCHMARKS.md, "A collection ten times
# larger"): `benches/gen-collection.sh OUT [COPIES]` writes OUT/full (the plugin set installed,
# every document imported) and OUT/plain (the same Markdown, mdBook alone, its own search on).
#
# Copy k (0 … COPIES-1) of each source of examples/ga-80/sources is the same text as a
# resolution of session 80+k: its symbol A/RES/(80+k)/N, its heading (80+k)/N, and, from the
# second copy on, every "resolution 79/" it recalls becomes the previous copy's session's
# ("resolution (79+k)/…"), so the collection cites its own documents (those numbered up to 55)
# as well as documents outside it. The words are the resolutions' otherwise; the book is for
# measuring, not reading.
set -euo pipefail
out=$1 copies=${2:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$here/target/release/mdbook-report}
rm -rf "$out" && mkdir -p "$out/full/sources"
for ((k = 0; k < copies; k++)); do
  session=$((80 + k)) previous=$((79 + k))
  for f in "$here"/examples/ga-80/sources/A_RES_80_*.md; do
    n=${f##*_}; n=${n%.md}
    sed -e "s|A/RES/80/$n\\b|A/RES/$session/$n|g" \
        -e "s|^80/$n\\. |$session/$n. |" \
        -e "s|resolution 79/|resolution $previous/|g" \
        "$f" > "$out/full/sources/A_RES_${session}_$n.md"
  done
done
sed -e 's/^title = .*/title = "A generated collection"/' "$here/examples/ga-80/book.toml" > "$out/full/book.toml"
cp -r "$here/examples/ga-80/data" "$out/full/"
(cd "$out/full" && "$bin" install > /dev/null 2>&1 \
  && "$bin" import $(ls sources/*.md | sort -t_ -k3,3n -k4,4n) > /dev/null 2>&1)
# The plain copy: the same Markdown, without the plugin set's tables (mdBook's search on).
mkdir -p "$out/plain"
cp -r "$out/full/src" "$out/plain/"
printf '[book]\ntitle = "A generated collection"\n\n[build]\ncreate-missing = false\n' > "$out/plain/book.toml"
echo "$out: $(ls "$out/full/src" | grep -c '^a-res-') documents"
