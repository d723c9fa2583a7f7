"""Which bot token a Slack call uses: one Slack app installed in several workspaces (one per
municipality) has a token per workspace.

The default token (SLACK_BOT_TOKEN or its file) serves the `default` municipality and every
municipality without a token of its own. A workspace's own token comes from
TERUGKOPPEL_SLACK_BOT_TOKENS (`T…:xoxb-…`) or from a file named by its id in
TERUGKOPPEL_SLACK_BOT_TOKENS_DIR, re-read when it changes (like TokenSource), and the folder
looked at again when a file comes or goes (a mounted Kubernetes secret).

A call made while handling a Slack request uses the token of the request's workspace; any
other call (the outbox, the daily upkeep) the token of the current municipality's workspace
(`tenant create/link --slack T…`). Each token is a lane: a rate limit or a refused token
holds back that workspace's sending only.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from adapters.slack.token import TokenSource
from bot.app.tenants import IdentityKinds, TenantFinder, current_tenant
from bot.domain.slack_token_setting import is_workspace

log = logging.getLogger(__name__)

DEFAULT_LANE = ""  # the lane of the default token
# The folder is listed again when its modification time changes, and at least this often
# (a file added within the file system's timestamp granularity leaves the time unchanged).
RELIST_SECONDS = 30.0
# The workspace of the Slack request being handled, with the tenant it was found to be.
_REQUEST: ContextVar[tuple[str, str] | None] = ContextVar("slack_request_workspace", default=None)


@dataclass(frozen=True)
class Lane:
    """A token and the name of its lane: the workspace id, or "" for the default token."""

    name: str
    source: TokenSource

    def describe(self) -> str:
        """For a log line (never the token): which workspace, or the default token."""
        return f"workspace {self.name}" if self.name else "the default workspace"


class SlackTokens:
    """The default token and the workspaces' own. Without any workspace token every call
    uses the default one and nothing else is looked up."""

    def __init__(
        self,
        default: TokenSource,
        fixed: Mapping[str, str] | None = None,
        *,
        folder: Path | None = None,
        finder: TenantFinder | None = None,
    ) -> None:
        self.default = Lane(DEFAULT_LANE, default)
        self._fixed = {workspace: TokenSource(token) for workspace, token in (fixed or {}).items()}
        self._folder = folder
        self._finder = finder
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None  # the folder's mtime; the period
        self._files: dict[str, TokenSource] = {}

    @property
    def several(self) -> bool:
        """True when any workspace may have a token of its own."""
        return bool(self._fixed) or self._folder is not None

    def workspaces(self) -> dict[str, TokenSource]:
        """Every workspace with a token of its own: the folder's files, then the setting's
        (which goes first for a workspace named in both)."""
        return {**self._from_folder(), **self._fixed}

    def for_workspace(self, workspace: str | None) -> Lane:
        """The workspace's own token, or the default one."""
        if workspace and self.several:
            source = self._fixed.get(workspace) or self._from_folder().get(workspace)
            if source is not None:
                return Lane(workspace, source)
        return self.default

    async def current(self) -> Lane:
        """The lane of the work in progress: the Slack request's workspace, else the first
        workspace of the current municipality that has a token, else the default."""
        if not self.several:
            return self.default
        tenant = current_tenant()
        request = _REQUEST.get()
        if request is not None and request[1] == tenant:
            return self.for_workspace(request[0])
        if self._finder is None:
            return self.default
        for workspace in await self._finder.identities_soon(IdentityKinds.SLACK, tenant):
            lane = self.for_workspace(workspace)
            if lane.name:
                return lane
        return self.default

    @staticmethod
    def enter_request(workspace: str | None, tenant: str) -> None:
        """From now on this context handles a request of `workspace` (Bolt's middleware)."""
        _REQUEST.set((workspace, tenant) if workspace else None)

    def _from_folder(self) -> dict[str, TokenSource]:
        """The folder's files; listed again when the folder changed (a stat per call)."""
        folder = self._folder
        if folder is None:
            return {}
        try:
            stamp = (os.stat(folder).st_mtime_ns, int(time.monotonic() // RELIST_SECONDS))
        except OSError as exc:
            if self._stamp is not None:
                log.error("Slack token folder %s unreadable (%s); using the last list", folder, exc)
            return self._files
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    self._files = self._listed(folder, self._files)
                    self._stamp = stamp
        return self._files

    @staticmethod
    def _listed(folder: Path, known: Mapping[str, TokenSource]) -> dict[str, TokenSource]:
        files: dict[str, TokenSource] = {}
        for entry in sorted(os.listdir(folder)):
            if entry.startswith("."):  # a Kubernetes secret's ..data and its timestamped folder
                continue
            if not is_workspace(entry):
                log.warning("Slack token folder %s: %r is no workspace id; ignored", folder, entry)
                continue
            # a file seen before keeps its source (and the token it last read)
            files[entry] = known.get(entry) or TokenSource(path=folder / entry)
        added = files.keys() - known.keys()
        if added and known:
            log.warning(
                "Slack token folder %s: new workspaces %s", folder, ", ".join(sorted(added))
            )
        return files
