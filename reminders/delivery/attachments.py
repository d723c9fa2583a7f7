"""Images that travel with a message: drawn at send time from data the outbox row holds.

Only the digest has one (its trend chart, from `params["chart"]`); the PNG itself is never
stored, so the outbox keeps figures, not files.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.messages import Message
from bot.ports import Attachment, ChatAdapter, Delivery, Recipient, SendsAttachments

CHART = "chart"  # the params entry that carries a chart's data (bot.app.digest.render.chart_spec)


async def for_message(message: Message) -> Attachment | None:
    """The message's image, drawn in a worker thread (matplotlib takes ~0.1 s), or None."""
    spec: Any = message.params.get(CHART)
    if not isinstance(spec, dict):
        return None
    from bot.app.digest.chart import render_png  # matplotlib loads only when a chart is due

    data = await asyncio.to_thread(render_png, spec)
    return Attachment(
        filename="trend.png",
        media_type="image/png",
        data=data,
        title=str(spec.get("title") or ""),
        alt_text=str(spec.get("alt") or ""),
    )


async def send(
    adapter: ChatAdapter,
    to: Recipient,
    message: Message,
    attachment: Attachment | None,
    *,
    key: str,
) -> Delivery:
    """With the image where the adapter can carry one; otherwise the message alone."""
    if attachment is not None and isinstance(adapter, SendsAttachments):
        return await adapter.send_with_attachment(to, message, attachment, key=key)
    return await adapter.send(to, message, key=key)
