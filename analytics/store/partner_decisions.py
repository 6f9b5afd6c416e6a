"""Staff decisions on partner institutions: two names merged into one partner, or kept apart.

Keyed by the partners' normalised keys (analytics.partners.partner_key), never by a version: a decision
applies to every version and programme, past and future. Each decision is written with its audit
entry in one transaction (who, when, which names). A later decision on the same pair replaces an
earlier one (a merge undone by "keep apart", and back).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa

from analytics.store.audit import write_audit
from analytics.store.engine import Store, read_transaction, utc_now, write_transaction
from analytics.store.schema import partner_decisions

DECISIONS = ("merge", "apart")
AUDIT_ACTIONS = {"merge": "partner_merge", "apart": "partner_keep_apart"}


@dataclass(frozen=True)
class PartnerDecision:
    id: int
    key_a: str
    key_b: str
    decision: str      # "merge": key_a is one partner with key_b; "apart": two partners
    user: str
    decided_at: datetime   # UTC


@dataclass(frozen=True)
class PartnerDecisions:
    """What staff decided, as analytics.partners' functions take it: merges (key -> key it joins) and
    pairs kept apart. `stamp` changes whenever a decision is added (caches key on it)."""

    merges: dict[str, str] = field(default_factory=dict)
    kept_apart: tuple[tuple[str, str], ...] = ()
    stamp: int = 0

    def __hash__(self) -> int:      # the dicts inside: one stamp per set of decisions
        return hash(self.stamp)


def record_partner_decision(store: Store, key_a: str, key_b: str, decision: str, user: str,
                            names: tuple[str, str] | None = None) -> int:
    """Store one decision on the pair (key_a, key_b) and its audit entry together; returns its id.
    `names`: the names shown to staff for the two keys, kept in the audit trail."""
    if decision not in DECISIONS:
        raise ValueError(f"unknown partner decision {decision!r}")
    if key_a == key_b:
        raise ValueError("a partner cannot be merged with or kept apart from itself")
    with write_transaction(store) as conn:
        new_id = conn.execute(partner_decisions.insert().values(
            key_a=key_a, key_b=key_b, decision=decision, user_name=user, decided_at=utc_now(),
        )).inserted_primary_key[0]
        shown = names or (key_a, key_b)
        write_audit(conn, AUDIT_ACTIONS[decision], user,
                    details={"partner_a": shown[0], "partner_b": shown[1], "key_a": key_a, "key_b": key_b})
    return int(new_id)


def partner_decision_list(store: Store) -> list[PartnerDecision]:
    """Every decision, oldest first."""
    query = sa.select(partner_decisions).order_by(partner_decisions.c.id)
    with read_transaction(store) as conn:
        return [PartnerDecision(row.id, row.key_a, row.key_b, row.decision, row.user_name,
                                row.decided_at.replace(tzinfo=UTC))
                for row in conn.execute(query)]


def current_partner_decisions(store: Store) -> PartnerDecisions:
    """The decisions in force: per pair of keys, the latest decision."""
    return decisions_in_force(partner_decision_list(store))


def decisions_in_force(decisions: list[PartnerDecision]) -> PartnerDecisions:
    """Per unordered pair, the latest of `decisions` (oldest first) wins."""
    latest: dict[frozenset[str], PartnerDecision] = {}
    for decision in decisions:
        latest[frozenset((decision.key_a, decision.key_b))] = decision
    merged = [(d.key_a, d.key_b) for d in latest.values() if d.decision == "merge"]
    apart = tuple((d.key_a, d.key_b) for d in latest.values() if d.decision == "apart")
    return PartnerDecisions(_joined(merged), apart, stamp=decisions[-1].id if decisions else 0)


def _joined(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Merged pairs as key -> the key of its group (the alphabetically first): A+B and B+C are one."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {key: root(key) for key in parent}
