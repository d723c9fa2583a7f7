"""The base of the repositories: each is bound to its unit of work's session."""

from __future__ import annotations

from sqlmodel import Session


class Repository:
    def __init__(self, session: Session) -> None:
        self.session = session
