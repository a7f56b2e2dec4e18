"""Owner-only files and folders. The tracker database and the logs hold young people's
words, and the tokens and passwords open them: other local users get none of it."""
import os
import stat
from pathlib import Path

# For every process the launcher starts: what they create is 0600 (files) or 0700 (folders).
UMASK = 0o077


def private_dir(path: Path) -> Path:
    """Creates `path` owner-only, or takes reading and writing from group and others
    when it exists. Their search bit stays if set: it lets a process that knows a name
    inside reach it (PostgreSQL's own user, when run as root), never list or read."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o066 | 0o700)
    return path


def private_file(path: Path) -> None:
    """Makes an existing file owner-only (files made before this was in place are 0644)."""
    if path.exists():
        path.chmod(0o600)


def open_private(path: Path, flags: int = os.O_APPEND):
    """Opens `path` for writing (appending, unless flags say otherwise), owner-only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | flags, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "ab" if flags & os.O_APPEND else "w")
