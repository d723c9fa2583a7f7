"""English texts, for people whose language is en. Keys and parameters must match bot/messages/nl/ (tests check it)."""

from __future__ import annotations

from bot.messages.en import (
    acts,
    api_problems,
    caseforms,
    chat,
    cli,
    core,
    demo_guide,
    digest,
    digest_forms,
    dry_run,
    handover,
    operator,
    overview,
    referrer,
    teamsui,
    tenants,
    waits,
)

TEXTS: dict[str, str] = {
    **core.TEXTS,
    **chat.TEXTS,
    **operator.TEXTS,
    **digest.TEXTS,
    **digest_forms.TEXTS,
    **dry_run.TEXTS,
    **demo_guide.TEXTS,
    **api_problems.TEXTS,
    **referrer.TEXTS,
    **handover.TEXTS,
    **teamsui.TEXTS,
    **waits.TEXTS,
    **cli.TEXTS,
    **overview.TEXTS,
    **acts.TEXTS,
    **caseforms.TEXTS,
    **tenants.TEXTS,
}
