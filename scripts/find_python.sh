#!/usr/bin/env bash
# Prints a Python 3.10 interpreter (Rasa 3.6 runs on 3.8-3.10 only), or says what to install.
set -u
cd "$(dirname "$0")/.."
for candidate in "$(command -v pyenv >/dev/null 2>&1 && pyenv which python 2>/dev/null)" python3.10 python3 python; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if "$path" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
echo "Python 3.10 not found. Rasa 3.6 needs Python 3.8-3.10: install it (for example 'pyenv install 3.10.13', which .python-version then selects) and run make again." >&2
exit 1
