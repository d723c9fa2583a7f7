"""What a REST client (an API key) may do with referrals: refer only for its organisation's
referrers, and read a referral as its referrer may see it. Every refusal and every
disclosure is an audit row."""

from __future__ import annotations

from datetime import datetime

from bot.app import notify
from bot.app.apikeys import Client
from bot.app.cases import load_referral
from bot.app.referrals import referrer_acts
from bot.app.referrals.view import ReferrerView, referrer_view
from bot.domain.consent import disclosure_basis
from bot.domain.errors import NotAllowed
from bot.domain.rules import Rules
from store.schema.cases import Referral
from store.uow import UnitOfWork

CHANNEL = "rest"
track_refusals = notify.track_refusals  # a request's audited refusals (bot/main/asgi.py)


def refuse(
    uow: UnitOfWork, *, name: str, what: str, now: datetime, case_ref: str | None = None
) -> None:
    """Audits a refused call of the key `name`, in its own transaction."""
    with uow:
        notify.refuse(
            uow, now=now, actor=f"api:{name}", case_ref=case_ref, what=what, channel=CHANNEL
        )


def refers_for_other_organisation(uow: UnitOfWork, client: Client, *, referrer: str) -> bool:
    """True when the key is bound to an organisation and the (known) referrer is not of it."""
    if client.organisation is None:
        return False
    with uow:
        sender = uow.directory.person(id=referrer)
    return sender is not None and sender.organisation_id != client.organisation


def may_read(
    client: Client, *, referrer_organisation: str | None, submitted_by: str | None
) -> bool:
    """Every key is scoped: a key bound to an organisation reads the referrals of that
    organisation's referrers; a key bound to none only the referrals it submitted."""
    if client.organisation is not None:
        return referrer_organisation == client.organisation
    return submitted_by is not None and submitted_by == client.name


def disclose(
    uow: UnitOfWork, rules: Rules, client: Client, *, public_id: str, now: datetime
) -> ReferrerView | None:
    """The referral with this public id as its referrer may see it, audited as a disclosure
    to the client; None when there is none or the key may not read it (that refusal is
    audited, and answered like a missing one so existence is not told)."""
    with uow:
        referral = uow.referrals.by_public_id(public_id=public_id)
        referrer = uow.directory.person(id=referral.referrer_id) if referral else None
        if referral is None or referrer is None:
            return None
        view = referrer_view(uow, rules, referral, now=now)
        if not may_read(
            client,
            referrer_organisation=referrer.organisation_id,
            submitted_by=referral.submitted_by,
        ):
            what = "api:other_organisation" if client.organisation else "api:not_submitter"
            notify.refuse(
                uow,
                now=now,
                actor=f"api:{client.name}",
                case_ref=view.case_ref,
                what=what,
                channel=CHANNEL,
            )
            return None
        basis = disclosure_basis(view.consent)
        notify.audit(
            uow,
            event="disclosed",
            now=now,
            actor="terugkoppel",
            case_ref=view.case_ref,
            on_behalf_of=referral.referrer_id,
            recipient=f"api:{client.name}",
            channel=CHANNEL,
            basis=basis,
            message_key="GET /api/v1/referrals/{id}",
        )
        uow.commit()
    return view


def _readable(
    uow: UnitOfWork, client: Client, *, public_id: str, now: datetime, what: str
) -> Referral | None:
    """Within an open unit of work: the referral the key may act on, locked; None (the
    refusal audited in its own transaction) when there is none or it is not the key's."""
    referral = uow.referrals.by_public_id(public_id=public_id)
    referrer = uow.directory.person(id=referral.referrer_id) if referral else None
    if referral is None or referrer is None:
        return None
    if not may_read(
        client, referrer_organisation=referrer.organisation_id, submitted_by=referral.submitted_by
    ):
        case = uow.cases.get(id=referral.case_id)
        notify.refuse(
            uow,
            now=now,
            actor=f"api:{client.name}",
            case_ref=case.ref if case else None,
            what=f"api:{what}:other_organisation",
            channel=CHANNEL,
        )
        return None
    return uow.referrals.get(id=referral.id or 0, lock=True)


def withdraw(
    uow: UnitOfWork, rules: Rules, client: Client, *, public_id: str, now: datetime
) -> tuple[ReferrerView, bool] | None:
    """The key's referral withdrawn (bot/app/referrals/referrer_acts.py): its view after,
    and whether it was withdrawn before. None: not the key's (or none such). ReferralEnded
    for one that had ended otherwise."""
    with uow:
        referral = _readable(uow, client, public_id=public_id, now=now, what="withdraw")
        if referral is None:
            return None
        _, case = load_referral(uow, referral.id or 0)
        done = referrer_acts.withdraw(
            uow, rules, referral, case, by=f"api:{client.name}", channel=CHANNEL, now=now
        )
        view = referrer_acts.status(
            uow, rules, referral, recipient=f"api:{client.name}", channel=CHANNEL, now=now
        )
        uow.commit()
    return view, done.already


def add_information(
    uow: UnitOfWork,
    rules: Rules,
    client: Client,
    *,
    public_id: str,
    information: str,
    now: datetime,
) -> str | None:
    """Information for the professionals, through the privacy guard (NoteRefused, audited);
    the case reference, or None when the referral is not the key's."""
    with uow:
        referral = _readable(uow, client, public_id=public_id, now=now, what="information")
        if referral is None:
            return None
        _, case = load_referral(uow, referral.id or 0)
        case_ref = referrer_acts.add_information(
            uow,
            rules,
            referral,
            case,
            information=information,
            by=f"api:{client.name}",
            language="nl",
            channel=CHANNEL,
            now=now,
        )
        uow.commit()
    return case_ref


def by_external_ref(
    uow: UnitOfWork, rules: Rules, client: Client, *, external_ref: str, now: datetime
) -> list[ReferrerView]:
    """The key's referrals with this external reference (its organisation's, or those it
    submitted), each audited as a disclosure; never another organisation's."""
    with uow:
        found = uow.referrals.by_external_ref_for(
            external_ref=external_ref, organisation=client.organisation, submitted_by=client.name
        )
        views = []
        for referral in found:
            view = referrer_view(uow, rules, referral, now=now)
            notify.audit(
                uow,
                event="disclosed",
                now=now,
                actor="terugkoppel",
                case_ref=view.case_ref,
                on_behalf_of=referral.referrer_id,
                recipient=f"api:{client.name}",
                channel=CHANNEL,
                basis=disclosure_basis(view.consent),
                message_key="GET /api/v1/referrals?external_ref",
            )
            views.append(view)
        uow.commit()
    return views


def case_ref_for_team_action(
    uow: UnitOfWork, client: Client, *, public_id: str, what: str, now: datetime
) -> str | None:
    """The case reference of the referral with this public id, for a team's action over
    REST (handover, decline, regisseur). Only a key bound to no organisation (a team's own
    system) acts for a team, and then only as far as the person in the body may: a
    referrer's key is refused and audited. None: no such referral."""
    with uow:
        referral = uow.referrals.by_public_id(public_id=public_id)
        case = uow.cases.get(id=referral.case_id) if referral else None
        if referral is None or case is None:
            return None
        if client.organisation is not None:
            notify.refuse(
                uow,
                now=now,
                actor=f"api:{client.name}",
                case_ref=case.ref,
                what=f"api:{what}",
                channel=CHANNEL,
            )
            raise NotAllowed(case_ref=case.ref)
        return case.ref
