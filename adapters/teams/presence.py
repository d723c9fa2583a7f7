"""Contact persons' Teams presence for "wie" answers (TERUGKOPPEL_GRAPH_PRESENCE): one
batched Graph call per answer, in the Microsoft 365 tenant of the asker's municipality;
when Graph cannot answer the answer goes without."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Collection, Mapping

from adapters.teams.auth import TenantRefused
from adapters.teams.graph import GraphDirectory
from bot.app.chat import people
from bot.app.data import Data
from bot.domain.errors import DeliveryFailed, RateLimited

log = logging.getLogger(__name__)
# Graph's availability -> what a person reads (bot/app/chat/who.py PRESENCE_STATES). Unknown and
# anything new is left out rather than guessed.
STATES = {
    "available": "available",
    "availableidle": "available",
    "busy": "busy",
    "busyidle": "busy",
    "donotdisturb": "busy",
    "away": "away",
    "berightback": "away",
    "offline": "offline",
}
# After Graph refused (no Presence.Read.All, say) or was unreachable: ask again this much
# later, so every "wie" does not wait for a call that fails.
QUIET_AFTER_REFUSAL = 3600.0
QUIET_AFTER_FAILURE = 60.0


class TeamsPresence:
    """A PresenceSource (bot/app/chat/who.py) backed by Graph."""

    def __init__(
        self,
        data: Data,
        graph: GraphDirectory,
        m365_tenant: Callable[[], Awaitable[str]],
        *,
        timeout: float = 5.0,
    ) -> None:
        self.data = data
        self.graph = graph
        self.m365_tenant = m365_tenant  # the current municipality's Microsoft 365 tenant
        self.timeout = timeout
        self._quiet_until: dict[str, float] = {}  # per Microsoft 365 tenant

    async def states(self, person_ids: Collection[str]) -> Mapping[str, str]:
        if not person_ids:
            return {}
        tenant = await self.m365_tenant()
        if time.monotonic() < self._quiet_until.get(tenant, 0.0):
            return {}
        people = await asyncio.to_thread(self._teams_ids, set(person_ids))
        if not people:
            return {}
        try:
            async with asyncio.timeout(self.timeout):
                found = await self.graph.presences(sorted(people), tenant=tenant)
        except TenantRefused as exc:  # logged where the token was refused, with the tenant
            self._quiet_until[tenant] = time.monotonic() + max(exc.retry_after, 1.0)
            return {}
        except RateLimited as exc:
            self._quiet(tenant, max(exc.retry_after, 1.0), f"Graph is busy ({exc})")
            return {}
        except DeliveryFailed as exc:
            reason = str(exc.params.get("reason") or exc)
            if reason.startswith(("http_401", "http_403")):
                self._quiet(
                    tenant,
                    QUIET_AFTER_REFUSAL,
                    f"Graph refused ({reason}); is Presence.Read.All granted with admin consent?",
                )
            else:
                self._quiet(tenant, QUIET_AFTER_FAILURE, f"Graph did not answer ({reason})")
            return {}
        except TimeoutError:
            self._quiet(
                tenant, QUIET_AFTER_FAILURE, f"Graph did not answer within {self.timeout:g} s"
            )
            return {}
        result: dict[str, str] = {}
        for teams_id, availability in found.items():
            state = STATES.get(availability.lower())
            if state is not None and teams_id in people:
                result[people[teams_id]] = state
        return result

    def _quiet(self, tenant: str, seconds: float, why: str) -> None:
        self._quiet_until[tenant] = time.monotonic() + seconds
        log.warning(
            "Teams presence not shown for Microsoft 365 tenant %s: %s; not asked again for %.0f s",
            tenant,
            why,
            seconds,
        )

    def _teams_ids(self, person_ids: set[str]) -> dict[str, str]:
        """Teams (Entra object) id -> person id, for active people who have one."""
        return people.chat_ids(self.data, platform="teams", person_ids=person_ids)
