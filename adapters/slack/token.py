"""Where the bot token comes from: the environment, or a file re-read when it changes."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

log = logging.getLogger(__name__)


class TokenSource:
    """The current Slack bot token. With a file (a mounted Kubernetes or Docker secret, a
    file a rotation job rewrites) the token is re-read whenever the file's modification
    time or size changes, so a rotated token is used from the next call on, without a
    restart. Without a file the token is the fixed value from SLACK_BOT_TOKEN."""

    def __init__(self, token: str | None = None, *, path: Path | None = None) -> None:
        if token is None and path is None:
            raise ValueError("a token or a token file is needed")
        self._fixed = token
        self._path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._current = token or ""

    @property
    def from_file(self) -> bool:
        return self._path is not None

    def get(self) -> str:
        """The token to use now; a stat() per call, a read only when the file changed."""
        if self._path is None:
            return self._current
        try:
            info = os.stat(self._path)
        except OSError as exc:
            if self._current:
                log.error(
                    "Slack token file %s unreadable (%s); using the last token", self._path, exc
                )
                return self._current
            raise
        stamp = (info.st_mtime_ns, info.st_size)
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    token = self._path.read_text("utf-8").strip()
                    if token and token != self._current:
                        if self._current:
                            log.warning(
                                "Slack bot token changed in %s; using the new one", self._path
                            )
                        self._current = token
                    self._stamp = stamp
        return self._current

    def refresh(self) -> bool:
        """Re-reads the file now (after the provider refused the token); True when the token
        changed, so the refused call is worth one more try."""
        if self._path is None:
            return False
        before = self._current
        self._stamp = None
        try:
            return self.get() != before
        except OSError:
            return False
