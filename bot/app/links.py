"""Signed, expiring, single-use links: how a referrer answers by e-mail with one click.

A link names an answer: its *kind* (what is asked, e.g. ``satisfaction``), the *subject*
(the id the answer is about, e.g. a referral id), the *choice* (e.g. ``8``), the reader's
language, an expiry and a random nonce. It is signed with ``TERUGKOPPEL_LINK_SECRET``
(itsdangerous), so it cannot be made up or changed; it carries no personal data.

The page (adapters/http/links.py) shows the question and the chosen answer with a confirm
button on ``GET /l/{token}`` and records it on ``POST``: mail scanners open links to check
them, and such a visit must record nothing. Recording marks the nonce used (table
``link_uses``) and applies the answer in one transaction, so a link answers once.

The answer kinds are listed once by the composition root (bot/main/wiring.py,
``register_link_kinds``), which registers them all at start::

    links.register_kinds({
        "satisfaction": LinkKind(
            question_key="links.satisfaction.question",   # catalogue key; params from `params`
            choices=frozenset(str(n) for n in range(1, 11)),
            choice_key=lambda choice: "links.satisfaction.choice",  # params: choice=
            apply=record_satisfaction,                    # (uow, link, now) -> None
            params=lambda uow, subject: {"case_ref": ...},  # optional
        ),
    })

and an e-mail carries ``links.url_for(config, kind, subject, choice, language=..., now=...)``,
one link per choice (``config``: a ``LinkConfig``, built from the settings by bot/main). The
e-mail adapter does that by itself for a chat button that asks the same: the button's
Action id is the kind's name (or ``LinkKind.action``) and its value ``<subject>:<choice>``
(``url_for_action``, ``email_links``). ``apply`` may raise ``LinkRefused(key)`` to show a
catalogue sentence instead of the thanks (e.g. "already answered in chat"); the transaction
is then rolled back and the link stays unused.

A kind whose answer may carry a note (a professional's answer to a prompt, for the
referrer) says per subject whether its page offers the note field (``offers_note``); the
page then puts what was typed on the ``Link`` (``note``, never in the token) and ``apply``
passes it on. A note the privacy guard refuses raises ``LinkNoteRefused`` (422): the page
comes back with the note marked, and the link stays unused. ``covers`` names chat buttons
that an e-mail leaves out because the kind's pages already offer them (the "with a note"
button), ``texts`` replaces the page's sentences (``links.your_answer`` …) for a kind whose
readers are addressed with ``je``, and ``apply`` may return the sentence the page thanks
with (``Thanks``: catalogue key and parameters).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.exc import IntegrityError

from bot.app.tenants import DEFAULT_TENANT, current_tenant, valid_tenant
from bot.domain.model import parse_id, valid_id
from bot.domain.privacy_guard import Finding
from bot.messages import Action, Language, Message, language_of
from store.schema.idempotency import LinkUse

if TYPE_CHECKING:
    from store.uow import UnitOfWork

LINK_PATH = "/l/"
_SALT = "terugkoppel-link-v1"
# What a page says after an answer: a catalogue key and its parameters.
Thanks = tuple[str, Mapping[str, str]]


@dataclass(frozen=True)
class LinkConfig:
    """How links are signed and where they point: TERUGKOPPEL_LINK_SECRET (the same on every
    replica), TERUGKOPPEL_PUBLIC_URL and TERUGKOPPEL_LINK_DAYS."""

    secret: str = field(repr=False)
    public_url: str
    days: int


@dataclass(frozen=True)
class Link:
    """A verified link's content."""

    kind: str
    subject: int
    choice: str
    language: Language
    expires: datetime
    nonce: str
    tenant: str = DEFAULT_TENANT  # whose link: its answer is applied in that municipality
    # What the reader typed in the page's note field (never part of the token).
    note: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class LinkKind:
    """What a kind of link asks, which choices it has and how an answer is recorded."""

    question_key: str
    choices: frozenset[str]
    choice_key: Callable[[str], str]
    apply: Callable[[UnitOfWork, Link, datetime], Thanks | None]
    params: Callable[[UnitOfWork, int], Mapping[str, str]] = field(
        default=lambda _uow, _subject: {}
    )
    # The chat button that asks the same (its Action id), when it differs from the kind's
    # name. Its value is `<subject>:<choice>`, or `<subject>` for a kind with one choice.
    action: str | None = None
    # Whether the page for this subject offers a note field (None: never).
    offers_note: Callable[[UnitOfWork, int], bool] | None = None
    # Chat buttons the e-mail leaves out: this kind's pages offer what they do.
    covers: frozenset[str] = frozenset()
    # The page's sentences for this kind: generic key (``links.confirm`` …) → the kind's.
    texts: Mapping[str, str] = field(default_factory=dict)

    def text_key(self, key: str) -> str:
        return self.texts.get(key, key)


class LinkProblem(Exception):
    """A link that cannot be used; `key` is the catalogue sentence the page shows."""

    status = 400
    key = "links.invalid"

    def __init__(
        self,
        key: str | None = None,
        *,
        language: Language | None = None,
        kind: str | None = None,
        **params: str,
    ) -> None:
        super().__init__(key or self.key)
        self.key = key or self.key
        self.language = language  # the reader's, when the link could be read
        self.kind = kind  # the link's kind, when it could be read (for the kind's `texts`)
        self.params = params


class LinkInvalid(LinkProblem):
    status = 404
    key = "links.invalid"


class LinkExpired(LinkProblem):
    status = 410
    key = "links.expired"


class LinkUsed(LinkProblem):
    status = 409
    key = "links.used"


class LinkRefused(LinkProblem):
    """The answer kind refuses this answer (e.g. it was already given another way)."""

    status = 409


class LinkNoteRefused(LinkProblem):
    """The privacy guard refused the note typed on the page: nothing was recorded, the link
    stays unused; `findings` (kinds and spans in the note) let the page mark them."""

    status = 422
    key = "links.note_refused"

    def __init__(self, findings: tuple[Finding, ...]) -> None:
        super().__init__()
        self.findings = findings


_KINDS: dict[str, LinkKind] = {}


def register(kind: str, spec: LinkKind) -> None:
    """Registers an answer kind; registering the same kind again replaces it."""
    _KINDS[kind] = spec


def register_kinds(kinds: Mapping[str, LinkKind]) -> None:
    """Registers every kind of `kinds` (the composition root's list, see the module's text)."""
    for kind, spec in kinds.items():
        register(kind, spec)


def target_of(action: Action) -> tuple[str, int, str] | None:
    """(kind, subject, choice) of the e-mail link that answers like this chat button; None
    for a button no link kind answers."""
    for kind, spec in _KINDS.items():
        if action.id == (spec.action or kind):
            subject, colon, choice = action.value.partition(":")
            if not colon and len(spec.choices) == 1:
                [choice] = spec.choices
            number = parse_id(subject)
            if number is not None and choice in spec.choices:
                return kind, number, choice
    return None


def covered(action: Action) -> bool:
    """A chat button an e-mail leaves out: a link kind's pages offer what it does."""
    return any(action.id in spec.covers for spec in _KINDS.values())


def url_for_action(
    config: LinkConfig, action: Action, *, language: str | None, now: datetime
) -> str | None:
    """The signed link that answers like this chat button, or None."""
    target = target_of(action)
    if target is None:
        return None
    kind, subject, choice = target
    return url_for(config, kind, subject, choice, language=language, now=now)


def email_links(config: LinkConfig, message: Message, *, now: datetime) -> list[tuple[str, str]]:
    """(label, address) for each button of `message` that a link answers: what an e-mail
    shows instead of buttons."""
    found: list[tuple[str, str]] = []
    for action, label in zip(message.actions, message.labels(), strict=True):
        address = url_for_action(config, action, language=message.language, now=now)
        if address is not None:
            found.append((label, address))
    return found


def text_key(kind: str | None, key: str) -> str:
    """The page's sentence `key` as the link kind words it (``LinkKind.texts``)."""
    spec = _KINDS.get(kind or "")
    return spec.text_key(key) if spec is not None else key


def kind_of(link: Link) -> LinkKind:
    spec = _KINDS.get(link.kind)
    if spec is None:
        raise LinkInvalid()
    return spec


def _serializer(config: LinkConfig) -> URLSafeSerializer:
    return URLSafeSerializer(config.secret, salt=_SALT)


def make(
    config: LinkConfig,
    kind: str,
    subject: int,
    choice: str,
    *,
    language: str | None,
    now: datetime,
) -> str:
    """The signed token for one answer."""
    if kind not in _KINDS or choice not in _KINDS[kind].choices:
        raise ValueError(f"no link kind {kind!r} with choice {choice!r}")
    expires = now + timedelta(days=config.days)
    payload = {
        "k": kind,
        "s": subject,
        "c": choice,
        "l": language_of(language),
        "e": int(expires.timestamp()),
        "n": secrets.token_hex(12),
        "t": current_tenant(),
    }
    token = _serializer(config).dumps(payload)
    return token if isinstance(token, str) else token.decode()


def url_for(
    config: LinkConfig,
    kind: str,
    subject: int,
    choice: str,
    *,
    language: str | None,
    now: datetime,
) -> str:
    """The full address of a link, under TERUGKOPPEL_PUBLIC_URL."""
    token = make(config, kind, subject, choice, language=language, now=now)
    return config.public_url.rstrip("/") + LINK_PATH + token


def read(config: LinkConfig, token: str, *, now: datetime) -> Link:
    """Verifies a token: LinkInvalid when forged, changed or unknown, LinkExpired when late,
    LinkProblem (400) when signed but not readable as a link."""
    try:
        data = _serializer(config).loads(token)
    except BadSignature as exc:
        raise LinkInvalid() from exc
    try:
        link = Link(
            kind=str(data["k"]),
            subject=int(data["s"]),
            choice=str(data["c"]),
            language=language_of(str(data["l"])),
            expires=datetime.fromtimestamp(int(data["e"]), UTC),
            nonce=str(data["n"]),
            tenant=str(data.get("t", DEFAULT_TENANT)),  # links made before tenants: default
        )
    except (AttributeError, KeyError, TypeError, ValueError, OverflowError, OSError) as exc:
        # Signed, but not what `make` writes: a 400 with the page, never a 500 (an expiry of
        # 10**20 overflows a datetime). Only someone holding the secret, or a bug, gets here.
        raise LinkProblem() from exc
    if not valid_id(link.subject) or not valid_tenant(link.tenant):
        raise LinkProblem()
    spec = kind_of(link)
    if link.choice not in spec.choices or not link.nonce.isalnum() or len(link.nonce) > 32:
        raise LinkInvalid()
    if now >= link.expires:
        raise LinkExpired(language=link.language, kind=link.kind)
    return link


def used(uow: UnitOfWork, link: Link) -> bool:
    return uow.session.get(LinkUse, link.nonce) is not None


def use(uow: UnitOfWork, link: Link, *, now: datetime) -> Thanks | None:
    """Marks the link used and applies its answer, in the caller's transaction (commit is
    the caller's). LinkUsed when it was used before, also by a concurrent request."""
    if used(uow, link):
        raise LinkUsed()
    # No savepoint: on SQLite one outside a transaction would commit the row on release,
    # also when the answer is refused. A clash here spoils the transaction, which is fine:
    # nothing else has been done in it yet.
    uow.session.add(LinkUse(nonce=link.nonce, kind=link.kind, used_at=now))
    try:
        uow.session.flush()
    except IntegrityError as exc:
        raise LinkUsed() from exc
    return kind_of(link).apply(uow, link, now)


@dataclass(frozen=True)
class Asked:
    """What a link's page shows: the parameters of its question, and whether it offers a
    note field."""

    params: Mapping[str, str]
    note: bool


def asked(uow: UnitOfWork, link: Link) -> Asked:
    """What the link's page asks, in one read. LinkUsed when it was answered before."""
    with uow:
        if used(uow, link):
            raise LinkUsed()
        spec = kind_of(link)
        params = dict(spec.params(uow, link.subject))
        note = spec.offers_note is not None and spec.offers_note(uow, link.subject)
        return Asked(params, note)


def question(uow: UnitOfWork, link: Link) -> Mapping[str, str]:
    """The parameters of the link's question (``asked`` without the note field)."""
    return asked(uow, link).params


def answer(uow: UnitOfWork, link: Link, *, now: datetime) -> Thanks | None:
    """The link's answer applied and the link marked used, in one transaction; what the page
    thanks with, when the kind says."""
    with uow:
        thanks = use(uow, link, now=now)
        uow.commit()
        return thanks
