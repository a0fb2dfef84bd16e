# Sourced by scripts that work on a throwaway copy of the checkout (its tracked
# and untracked, not ignored, files as they are now): sets `root` and `copy`,
# and removes the copy on exit.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
(cd "$root" && git ls-files -z --cached --others --exclude-standard) |
  (cd "$root" && xargs -0 tar cf - --) | tar xf - -C "$copy"
