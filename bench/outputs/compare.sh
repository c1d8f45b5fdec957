#!/usr/bin/env bash
# Byte-identical outputs, old front end against new: `parse --json`, `plan --json --audio none`
# and `check` (standard output, standard error and exit status) on every script in the
# repository and on N mutated slices of the corpus (bench/outputs/mutate.py, seeded).
#
#   bench/outputs/compare.sh OLD_ANIMATIC NEW_ANIMATIC [N]      (N: 300 slices by default)
#
# Prints each difference and a count; exits 1 when there is one.
set -uo pipefail
cd "$(dirname "$0")/../.."
old=$1 new=$2 count=${3:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/outputs/mutate.py Tests/Fixtures/corpus "$work/slices" "$count"
scripts=$(find Tests samples bench -name '*.fountain' | sort; ls "$work"/slices/*.fountain)
differences=0 compared=0
for script in $scripts; do
  for command in "parse --json" "plan --json --audio none" "check"; do
    # shellcheck disable=SC2086
    "$old" $command "$script" >"$work/old.out" 2>"$work/old.err"; echo $? >>"$work/old.out"
    # shellcheck disable=SC2086
    "$new" $command "$script" >"$work/new.out" 2>"$work/new.err"; echo $? >>"$work/new.out"
    compared=$((compared + 1))
    if ! cmp -s "$work/old.out" "$work/new.out" || ! cmp -s "$work/old.err" "$work/new.err"; then
      differences=$((differences + 1))
      echo "differs: $command $script"
    fi
  done
done
echo "$compared runs compared, $differences differ"
[ "$differences" -eq 0 ]
