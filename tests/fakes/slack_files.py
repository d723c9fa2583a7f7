"""Slack's file upload (what slack_sdk's files_upload_v2 calls) for the fake Slack server.

1. `files.getUploadURLExternal` (filename, length) answers a file id and an upload URL on
   this server; 2. the client POSTs the bytes there; 3. `files.completeUploadExternal`
   (files JSON, channel_id, blocks or initial_comment) shares them as one message in the
   channel, which `conversations.history` then returns with its `files`.
Mounted by tests/fakes/slack_server.py; a test reads `slack.files.shared`.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from tests.fakes.slack_server import FakeSlack, Reply


@dataclass(frozen=True)
class SharedFile:
    id: str
    name: str
    title: str
    alt_txt: str
    data: bytes
    channel: str
    ts: str


class FakeSlackFiles:
    def __init__(self, slack: FakeSlack) -> None:
        self.slack = slack
        self._lock = threading.Lock()
        self._next = 0
        self._pending: dict[str, dict[str, Any]] = {}
        self._shared: list[SharedFile] = []
        self.refuse: str | None = None  # an error code every upload answers (missing_scope)

    def methods(self) -> dict[str, Any]:
        return {
            "files.getUploadURLExternal": self._get_upload_url,
            "files.completeUploadExternal": self._complete,
        }

    def mount(self, app: web.Application) -> None:
        app.router.add_post("/_upload/{file_id}", self._upload)

    @property
    def shared(self) -> list[SharedFile]:
        with self._lock:
            return list(self._shared)

    def _get_upload_url(self, arguments: dict[str, Any], arrival: float) -> Reply:
        if self.refuse:
            return {"ok": False, "error": self.refuse}
        filename = str(arguments.get("filename") or "")
        length = str(arguments.get("length") or "")
        if not filename or not length.isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        with self._lock:
            self._next += 1
            file_id = f"F0FAKE{self._next:04d}"
            self._pending[file_id] = {
                "name": filename,
                "length": int(length),
                "alt_txt": str(arguments.get("alt_txt") or ""),
                "data": None,
            }
        upload_url = self.slack.url.replace("/api/", f"/_upload/{file_id}")
        return {"ok": True, "upload_url": upload_url, "file_id": file_id}

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        data = await request.read()
        with self._lock:
            pending = self._pending.get(file_id)
            if pending is None:
                return web.Response(status=404, text="unknown upload")
            if len(data) != pending["length"]:
                return web.Response(status=400, text="length does not match")
            pending["data"] = data
        return web.Response(text=f"OK - {len(data)}")

    def _post(
        self, channel: str, text: str, blocks: list[Any], files: list[Any], arrival: float
    ) -> str:
        """The share as a message in the fake's channel history, paced like chat.postMessage."""
        from tests.fakes.slack_server import Posted

        slack = self.slack
        with slack._lock:
            ts = slack._next_ts()
            last = slack._last_arrival.get(channel)
            if last is not None and arrival - last < slack.min_interval:
                slack._breaches += 1
            slack._last_arrival[channel] = arrival if last is None else max(last, arrival)
            posted = Posted(channel, ts, text, blocks, None, arrival, None, files)
            slack._where[(channel, ts)] = len(slack._messages)
            slack._channels.setdefault(channel, []).append(len(slack._messages))
            slack._messages.append(posted)
        return ts

    def _complete(self, arguments: dict[str, Any], arrival: float) -> Reply:
        try:
            files = json.loads(str(arguments.get("files") or ""))
        except json.JSONDecodeError:
            return {"ok": False, "error": "invalid_arguments"}
        channel = str(arguments.get("channel_id") or "")
        if not channel:
            return {"ok": False, "error": "fake_needs_channel_id"}
        with self.slack._lock:
            error = self.slack._failing.get(channel)
        if error:
            return {"ok": False, "error": error}
        with self._lock:
            uploads = [(item, self._pending.get(str(item.get("id")))) for item in files]
            if not uploads or any(p is None or p["data"] is None for _, p in uploads):
                return {"ok": False, "error": "file_uploads_incomplete"}
        comment = str(arguments.get("initial_comment") or "")
        raw_blocks = arguments.get("blocks")
        blocks = json.loads(raw_blocks) if isinstance(raw_blocks, str) and raw_blocks else []
        shown = [
            {
                "id": str(item["id"]),
                "name": pending["name"],
                "title": str(item.get("title") or pending["name"]),
                "mimetype": "image/png" if pending["name"].endswith(".png") else "",
            }
            for item, pending in uploads
            if pending is not None
        ]
        ts = self._post(channel, comment, [] if comment else blocks, shown, arrival)
        with self._lock:
            for item, pending in uploads:
                assert pending is not None
                self._shared.append(
                    SharedFile(
                        id=str(item["id"]),
                        name=pending["name"],
                        title=str(item.get("title") or ""),
                        alt_txt=pending["alt_txt"],
                        data=pending["data"],
                        channel=channel,
                        ts=ts,
                    )
                )
        return {"ok": True, "files": [{"id": f["id"], "title": f["title"]} for f in shown]}
