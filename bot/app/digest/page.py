"""The digest as an e-mail-safe HTML document: a doctype, inline styles only (mail clients drop
<style> blocks and classes), a layout table, and the chart by the `src` the caller gives
(`cid:…` for an e-mail that carries the PNG as an inline part, a file name for a browser)."""

from __future__ import annotations

import html

from bot.app.digest.figures import Digest
from bot.app.digest.render import chart_spec, lines
from bot.messages import text

_FONT = "font-family:Arial,Helvetica,sans-serif;color:#1a1a1a"
_CELL = f"{_FONT};font-size:15px;line-height:1.4;padding:4px 0"
_SUB = f"{_FONT};font-size:15px;line-height:1.4;padding:2px 0 2px 24px;color:#333333"


def as_html(digest: Digest, language: str = "nl", *, image: str | None = None) -> str:
    body = lines(digest, language)
    title, audience, figures = body[0], body[1], body[2:]
    rows = []
    for line in figures:
        sub = line.startswith("  ")
        style = _SUB if sub else _CELL
        rows.append(f'<tr><td style="{style}">{html.escape(line.strip())}</td></tr>')
    picture = ""
    if image is not None:
        alt = html.escape(chart_spec(digest, language)["alt"], quote=True)
        picture = (
            f'<tr><td style="padding:16px 0">'
            f'<img src="{html.escape(image, quote=True)}" alt="{alt}" width="600" '
            f'style="display:block;width:100%;max-width:600px;height:auto;border:0"></td></tr>\n'
        )
    footer = html.escape(text("digest.html_footer", language))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n"
        f'<body style="margin:0;padding:0;background-color:#f4f4f4">\n'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
        'style="background-color:#f4f4f4">\n<tr><td align="center" style="padding:16px">\n'
        '<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" '
        'style="width:100%;max-width:600px;background-color:#ffffff;padding:24px">\n'
        f'<tr><td style="{_FONT};font-size:22px;font-weight:bold;padding:0 0 8px">'
        f'<h1 style="{_FONT};font-size:22px;margin:0">{html.escape(title)}</h1></td></tr>\n'
        f'<tr><td style="{_FONT};font-size:15px;padding:0 0 16px;color:#555555">'
        f"{html.escape(audience)}</td></tr>\n"
        + "\n".join(rows)
        + "\n"
        + picture
        + f'<tr><td style="{_FONT};font-size:12px;color:#666666;padding:16px 0 0">'
        f"{footer}</td></tr>\n</table>\n</td></tr>\n</table>\n</body>\n</html>\n"
    )
