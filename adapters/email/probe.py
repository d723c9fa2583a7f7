"""The e-mail connectivity probe for `terugkoppel check`: the SMTP relay of
TERUGKOPPEL_SMTP_URL, reached the way the e-mail adapter reaches it; sends no message."""

from __future__ import annotations

from pathlib import Path

import aiosmtplib

from adapters.email.smtp import (
    SmtpTarget,
    StartTlsMissing,
    certificate_problem,
    open_session,
    parse_smtp_url,
    tls_context,
)
from bot.ports import Probe

__all__ = ["SmtpTarget", "parse_smtp_url", "smtp_relay"]  # check and its tests import these here


async def smtp_relay(target: SmtpTarget, *, seconds: float, ca_file: Path | None = None) -> Probe:
    """Connect, EHLO, STARTTLS (or TLS from the start), verify the certificate against the
    system's trust store (SSL_CERT_FILE where set) and TERUGKOPPEL_SMTP_CA_FILE, log in when
    a user is given, QUIT: the e-mail adapter's own session (adapters/email/smtp.py), no message.
    Never falls back to an unencrypted or unverified connection."""
    where = f"{target.host}:{target.port}"
    client: aiosmtplib.SMTP | None = None
    try:
        client = await open_session(target, tls_context(ca_file), seconds=seconds)
        await client.quit()
    except StartTlsMissing:
        return Probe.problem("check.smtp_no_tls", host=where)
    except aiosmtplib.SMTPAuthenticationError as exc:
        return Probe.problem("check.smtp_login", host=where, error=f"{exc.code}")
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        problem = certificate_problem(exc)
        if problem is not None:
            return Probe.problem("check.smtp_certificate", host=where, error=problem.verify_message)
        return Probe.unreachable(where, exc, variable="TERUGKOPPEL_SMTP_URL")
    finally:
        if client is not None and client.is_connected:
            client.close()
    tls = "TLS" if target.implicit_tls else "STARTTLS"
    params = {"host": target.host, "port": target.port, "tls": tls, "login": bool(target.user)}
    return Probe(True, "smtp", params)
