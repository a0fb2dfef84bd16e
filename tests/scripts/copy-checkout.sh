# Sourced by scripts that work on a throwaway copy of the checkout (its tracked
# and untracked, not ignored, files as they are now): sets `root` and `copy`,
# and removes the copy on exit.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
# One tar reads the whole list from stdin: through xargs, a long list became
# several archives in a row, and the reader stopped at the end of the first.
(cd "$root" && git ls-files -z --cached --others --exclude-standard |
  tar --null --files-from=- -cf -) | tar xf - -C "$copy"
