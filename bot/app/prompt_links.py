"""A professional without Slack or Teams answers a feedback prompt by e-mail: the prompt's
answer buttons become signed single-use links (bot/app/links.py), kind ``prompt``, subject
the prompt's id, choice the answer. The link's page asks for a confirmation and, when the
case's consent allows notes, offers a note for the referrer; the answer goes through
``answer_prompt`` (the privacy guard, the referrer's status message, the audit) in the
link's transaction, so a refused note leaves the link unused and stores nothing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from bot.app import links, notify
from bot.app.cases import load_referral, referrer_organisation_name
from bot.app.prompts import answer_prompt
from bot.domain.consent import may_share_notes
from bot.domain.errors import AlreadyAnswered, NoteRefused, TerugkoppelError
from bot.domain.model import Answer, PromptKind, PromptState
from bot.domain.rules import Rules
from bot.messages import text
from store.schema.cases import Prompt
from store.uow import UnitOfWork

KIND = "prompt"
ANSWER = "answer"  # the chat button's Action id (bot/app/prompts.py answer_actions)
NOTE = "note"  # "with a note…": on e-mail the note field of every answer's page
# The page's sentences addressed with "je" (links.* addresses the referrer with "u").
_TEXTS = {
    "links.your_answer": "links.prompt.your_answer",
    "links.thanks": "links.prompt.thanks",
    "links.used": "links.prompt.used",
    "links.expired": "links.prompt.expired",
}


def link_kind(rules: Rules) -> links.LinkKind:
    """The ``prompt`` kind with the rules answers are recorded under (registered by the
    composition root, bot/main/wiring.py)."""

    def apply(uow: UnitOfWork, link: links.Link, now: datetime) -> links.Thanks:
        prompt = _prompt(uow, link.subject)
        try:
            outcome = answer_prompt(
                uow,
                rules,
                prompt_id=link.subject,
                answer=Answer(link.choice),
                by=_answerer(uow, rules, prompt, now),
                now=now,
                note=link.note,
                channel="email",
                confirm=False,  # the page shows the confirmation
                in_transaction=True,
            )
        except NoteRefused as exc:  # audited by answer_prompt, with the kinds found
            raise links.LinkNoteRefused(exc.findings) from exc
        except AlreadyAnswered as exc:
            raise _answered_before(exc) from exc
        except TerugkoppelError as exc:
            raise links.LinkRefused("links.invalid") from exc
        return outcome.reply_key, outcome.reply_params

    def params(uow: UnitOfWork, subject: int) -> Mapping[str, str]:
        prompt = _prompt(uow, subject)
        referral, case = load_referral(uow, prompt.referral_id)
        if prompt.state in (PromptState.ANSWERED, PromptState.CANCELLED):
            earlier = uow.directory.person(id=prompt.answered_by or "")
            raise _answered_before(
                AlreadyAnswered(
                    case_ref=case.ref,
                    by=earlier.name if earlier else "terugkoppel",
                    at=rules.moment_text(
                        prompt.answered_at or prompt.closed_at or prompt.created_at
                    ),
                )
            )
        holder = uow.directory.person(id=prompt.person_id or "")
        return {
            "case_ref": case.ref,
            "organisation": referrer_organisation_name(uow, referral),
            "status": text(f"status.{referral.status}", holder.language if holder else None),
        }

    return links.LinkKind(
        question_key="links.prompt.question",
        choices=frozenset(answer.value for answer in Answer),
        choice_key=lambda choice: f"action.{choice}",
        apply=apply,
        params=params,
        action=ANSWER,
        offers_note=_offers_note,
        covers=frozenset({NOTE}),
        texts=_TEXTS,
    )


def _prompt(uow: UnitOfWork, prompt_id: int) -> Prompt:
    prompt = uow.prompts.get(id=prompt_id)
    if prompt is None or prompt.kind != PromptKind.FEEDBACK:
        raise links.LinkInvalid()
    return prompt


def _offers_note(uow: UnitOfWork, subject: int) -> bool:
    """The note field only where the chat offers "with a note": consent for notes."""
    prompt = _prompt(uow, subject)
    referral = uow.referrals.get(id=prompt.referral_id)
    return referral is not None and may_share_notes(referral.consent)


def _answerer(uow: UnitOfWork, rules: Rules, prompt: Prompt, now: datetime) -> str:
    """Whom the prompt's e-mail went to: its holder, or the stand-in while the holder is
    away (as bot/app/prompts.py sends it). The link names no person: it is the prompt's."""
    holder = uow.directory.person(id=prompt.person_id or "")
    if holder is None or notify.is_reachable(uow, rules, holder, now):
        return prompt.person_id or ""
    referral = uow.referrals.get(id=prompt.referral_id)
    if referral is None:
        return holder.id
    stand_in = notify.substitute_for(uow, rules, person=holder, referral=referral, now=now)
    return stand_in.id if stand_in is not None else holder.id


def _answered_before(exc: AlreadyAnswered) -> links.LinkRefused:
    given = {key: str(value) for key, value in exc.params.items()}
    return links.LinkRefused(
        "links.answered_before",
        case_ref=given.get("case_ref", ""),
        by=given.get("by", ""),
        at=given.get("at", ""),
    )
