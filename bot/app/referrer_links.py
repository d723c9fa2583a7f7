"""A referrer without chat acts on their referral by e-mail: the links under each message
(bot/app/referrals/act_links.py) open a page (adapters/http/links.py) that asks to
confirm — ask the status, withdraw — or offers a text field — add information, through the
privacy guard. The signed single-use link is the referrer's credential, so the form needs
no session and no CSRF token: a forged POST would need the link itself. Everything runs
in the link's transaction and is audited as in chat and REST
(bot/app/referrals/referrer_acts.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from bot.app import links
from bot.app.cases import load_referral
from bot.app.referrals import act_links, referrer_acts
from bot.domain.errors import NoteRefused, UnknownCase
from bot.domain.model import TERMINAL, ReferralStatus
from bot.domain.rules import Rules
from bot.messages import language_of
from store.schema.cases import Case, Referral
from store.uow import UnitOfWork

CHANNEL = "email"
CHOICE = "yes"  # each kind has one choice: the button's value is the referral id alone
Apply = Callable[[UnitOfWork, links.Link, datetime], links.Thanks]
# The page's sentences for a referrer's information (``u``; links.note.* speak to a
# professional about a note for the referrer).
_TEXTS = {
    "links.note.label": "links.acts.note.label",
    "links.note.refused": "links.acts.note.refused",
    "links.note.marked": "links.acts.note.marked",
    "links.note.too_long": "links.acts.note.too_long",
}


def link_kinds(rules: Rules) -> dict[str, links.LinkKind]:
    """The three kinds, registered by the composition root (bot/main/wiring.py)."""

    def params(uow: UnitOfWork, subject: int) -> Mapping[str, str]:
        _, case = _referral(uow, subject)
        return {"case_ref": case.ref}

    def ask_status(uow: UnitOfWork, link: links.Link, now: datetime) -> links.Thanks:
        referral, _ = _referral(uow, link.subject)
        view = referrer_acts.status(
            uow, rules, referral, recipient=referral.referrer_id, channel=CHANNEL, now=now
        )
        said = referrer_acts.status_message(view, language_of(link.language))
        return said.key, {k: str(v) for k, v in said.params.items()}

    def withdraw(uow: UnitOfWork, link: links.Link, now: datetime) -> links.Thanks:
        referral, case = _open(uow, link.subject)
        done = referrer_acts.withdraw(
            uow, rules, referral, case, by=referral.referrer_id, channel=CHANNEL, now=now
        )
        key = "acts.withdrawn_before" if done.already else "acts.withdrawn"
        return key, {"case_ref": done.case_ref}

    def add(uow: UnitOfWork, link: links.Link, now: datetime) -> links.Thanks:
        referral, case = _open(uow, link.subject)
        information = (link.note or "").strip()
        if not information:
            raise links.LinkRefused("links.acts.note_needed")
        try:
            referrer_acts.add_information(
                uow,
                rules,
                referral,
                case,
                information=information,
                by=referral.referrer_id,
                language=link.language,
                channel=CHANNEL,
                now=now,
            )
        except NoteRefused as exc:  # audited by add_information, with the kinds found
            raise links.LinkNoteRefused(exc.findings) from exc
        return "acts.information_sent", {"case_ref": case.ref}

    def one(question: str, apply: Apply, *, note: bool) -> links.LinkKind:
        return links.LinkKind(
            question_key=question,
            choices=frozenset({CHOICE}),
            choice_key=lambda _choice: question + "_choice",
            apply=apply,
            params=params,
            offers_note=_always if note else None,
            texts=_TEXTS,
        )

    return {
        act_links.STATUS: one("links.acts.status", ask_status, note=False),
        act_links.WITHDRAW: one("links.acts.withdraw", withdraw, note=False),
        act_links.ADD: one("links.acts.add", add, note=True),
    }


def _always(_uow: UnitOfWork, _subject: int) -> bool:
    return True


def _referral(uow: UnitOfWork, subject: int) -> tuple[Referral, Case]:
    try:
        return load_referral(uow, subject)
    except UnknownCase as exc:
        raise links.LinkInvalid() from exc


def _open(uow: UnitOfWork, subject: int) -> tuple[Referral, Case]:
    referral, case = _referral(uow, subject)
    if ReferralStatus(referral.status) in TERMINAL and referral.status != "withdrawn":
        raise links.LinkRefused("links.acts.ended", case_ref=case.ref)
    return referral, case
