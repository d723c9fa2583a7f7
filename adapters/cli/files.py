"""Why a file could not be read or written, in the person's language: the system's own
reason (`strerror`) is English, so the error number picks a catalogue text."""

from __future__ import annotations

import errno

from bot.messages import text

_REASONS = {
    errno.ENOENT: "file.no_folder",
    errno.ENOTDIR: "file.no_folder",
    errno.EACCES: "file.not_allowed",
    errno.EPERM: "file.not_allowed",
    errno.EISDIR: "file.is_folder",
    errno.ENOSPC: "file.disk_full",
    errno.EROFS: "file.read_only",
}


def reason(problem: OSError, language: str) -> str:
    """A short phrase: "de map bestaat niet", "geen toegang", ..."""
    key = _REASONS.get(problem.errno or 0)
    if key is None:
        return text("file.other", language, number=problem.errno or 0)
    return text(key, language)
