#!/bin/sh
# Two copies of one project (file names without spaces) built or edited in lockstep by two builds (bench/build/edit.sh on
# each): every file beside the video byte for byte, the cache apart, B's folder path swapped
# for A's in text files; the report apart from each generationSeconds and the video's
# modification time. Prints each difference and the count.
#
#   bench/build/same-outputs.sh /abs/path/A /abs/path/B
a=$1; b=$2; n=0; bad=0
cd "$a"
for f in $(find . -path ./.animatic-cache -prune -o -type f ! -name '.edits' -print | sort); do
  n=$((n+1))
  case "$f" in
    *.report.json|*report*.json)
      python3 - "$a/$f" "$b/$f" "$a" "$b" <<'PY' || bad=$((bad+1))
import json,sys
x=json.load(open(sys.argv[1])); y=json.loads(open(sys.argv[2]).read().replace(sys.argv[4],sys.argv[3]))
def strip(r, top=True):
    if isinstance(r, dict):
        r.pop("generationSeconds",None)
        if top and isinstance(r.get("video"),dict): r["video"].pop("modified",None)
        for v in r.values(): strip(v, False)
    elif isinstance(r, list):
        for v in r: strip(v, False)
    return r
if strip(x)!=strip(y):
    for k in set(x)|set(y):
        if x.get(k)!=y.get(k): print("report differs at",k)
    sys.exit(1)
PY
      ;;
    *.mp4|*.png|*.wav|*.jpg) cmp -s "$f" "$b/$f" || { echo "differs: $f"; bad=$((bad+1)); } ;;
    *) sed "s#$b#$a#g" "$b/$f" | cmp -s "$f" - || { echo "differs: $f"; bad=$((bad+1)); } ;;
  esac
done
[ "$(cd "$b" && find . -path ./.animatic-cache -prune -o -type f ! -name '.edits' -print | wc -l)" = "$n" ] || { echo "file counts differ"; bad=$((bad+1)); }
echo "$n files, $bad differ"
[ "$bad" = 0 ]
