#!/bin/sh
# A stand-in scraper: writes data/<source>/<season>/<game_id>.json, padded past the reconcile
# step's min_size, through a temporary file so a reader never sees half of it.
set -eu
source="${1:?usage: collect.sh SOURCE SEASON GAME_ID}"
season="${2:?usage: collect.sh SOURCE SEASON GAME_ID}"
game="${3:?usage: collect.sh SOURCE SEASON GAME_ID}"
dir="data/$source/$season"
mkdir -p "$dir"
tmp="$dir/.$game.json.tmp.$$"
{
  printf '{"source": "%s", "season": "%s", "game_id": "%s", "plays": [' "$source" "$season" "$game"
  i=0
  while [ "$i" -lt 40 ]; do
    [ "$i" -gt 0 ] && printf ', '
    printf '{"n": %d, "text": "sample play"}' "$i"
    i=$((i + 1))
  done
  printf ']}\n'
} > "$tmp"
mv "$tmp" "$dir/$game.json"
echo "collected $source $season $game: $(wc -c < "$dir/$game.json") bytes"
