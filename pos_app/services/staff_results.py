"""What the staff use cases answer: typed results the staff screen draws from.

Each result that the simulator prints has ``event`` and ``as_event()`` (exactly the documented JSON);
the other fields are for the screen (names, local times, what may still be done).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from pos_app.domain.returns import ReturnRefusal


class Refusal(StrEnum):
    """Why a staff request changed nothing (the simulator's ``declined`` reasons)."""

    NOT_ALLOWED = "not_allowed"
    UNKNOWN_TXN = ReturnRefusal.UNKNOWN_TXN.value
    NOT_A_SALE = ReturnRefusal.NOT_A_SALE.value
    ALREADY_VOIDED = ReturnRefusal.ALREADY_VOIDED.value
    ALREADY_REFUNDED = ReturnRefusal.ALREADY_REFUNDED.value
    LINE_NOT_IN_SALE = ReturnRefusal.LINE_NOT_IN_SALE.value
    BAD_LINES = ReturnRefusal.BAD_LINES.value
    INVALID_AMOUNT = "invalid_amount"
    UNKNOWN_CHILD = "unknown_child"
    DAY_ALREADY_OPEN = "day_already_open"
    FLOAT_LOCKED = "float_locked"  # the day has had a cash top-up: its opening float is fixed
    INVALID_CARD = "invalid_card"
    STAFF_CARD = "staff_card"
    CARD_OF_ANOTHER_CHILD = "card_of_another_child"  # moving it needs the other child named (from_child_id)
    UNKNOWN_CARD = "unknown_card"
    INVALID_STATUS = "invalid_status"
    REASON_NEEDED = "reason_needed"
    INVALID_SETTING = "invalid_setting"


class LoginDenial(StrEnum):
    WRONG_PIN = "wrong_pin"
    LOCKED = "locked"
    UNKNOWN_CARD = "unknown_card"


@dataclass(frozen=True, slots=True)
class Refused:
    event: ClassVar[str] = "declined"
    reason: Refusal
    message: str | None = None  # a sentence for the screen, when the reason alone says too little

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "reason": self.reason.value}


@dataclass(frozen=True, slots=True)
class StaffDenied:
    event: ClassVar[str] = "staff_denied"
    reason: LoginDenial
    display_name: str | None = None
    attempts_left: int | None = None  # after a wrong PIN: how many more before the card is locked
    locked_until: datetime | None = None  # local time

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "reason": self.reason.value}


@dataclass(frozen=True, slots=True)
class StaffMode:
    event: ClassVar[str] = "staff_mode"
    staff_id: str
    role: str
    display_name: str

    @property
    def superuser(self) -> bool:
        return self.role == "superuser"

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "staff_id": self.staff_id, "role": self.role}


@dataclass(frozen=True, slots=True)
class ChildMode:
    event: ClassVar[str] = "child_mode"

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event}


@dataclass(frozen=True, slots=True)
class Voided:
    event: ClassVar[str] = "voided"
    txn_id: str
    refers_to: str
    net_ore: int

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "txn_id": self.txn_id, "refers_to": self.refers_to}


@dataclass(frozen=True, slots=True)
class Refunded:
    event: ClassVar[str] = "refunded"
    txn_id: str
    refers_to: str
    net_ore: int

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "txn_id": self.txn_id, "refers_to": self.refers_to, "net_ore": self.net_ore}


@dataclass(frozen=True, slots=True)
class ToppedUp:
    event: ClassVar[str] = "topped_up"
    txn_id: str
    balance_ore: int
    amount_ore: int

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "txn_id": self.txn_id, "balance_ore": self.balance_ore}


@dataclass(frozen=True, slots=True)
class Adjusted:
    event: ClassVar[str] = "adjusted"
    txn_id: str
    balance_ore: int

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "txn_id": self.txn_id, "balance_ore": self.balance_ore}


@dataclass(frozen=True, slots=True)
class DayOpened:
    event: ClassVar[str] = "day_opened"
    business_date: str

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "business_date": self.business_date}


@dataclass(frozen=True, slots=True)
class FloatSet:
    """The opening float of a day that is already open (a sale opened it) was set."""

    event: ClassVar[str] = "float_set"
    business_date: str
    opening_float_ore: int

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "business_date": self.business_date, "opening_float_ore": self.opening_float_ore}


@dataclass(frozen=True, slots=True)
class DayReport:
    """An X report (the day so far) or a Z report (the day closed). ``report`` is the contract's day closing."""

    z: bool
    report: dict[str, Any]
    by_product: dict[str, Any]
    by_category: dict[str, Any]

    @property
    def event(self) -> str:
        return "z_report" if self.z else "x_report"

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "report": self.report, "by_product": self.by_product,
                "by_category": self.by_category}  # fmt: skip


@dataclass(frozen=True, slots=True)
class CardAssigned:
    event: ClassVar[str] = "card_assigned"
    card_uid: str
    child_id: str

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "card_uid": self.card_uid, "child_id": self.child_id}


@dataclass(frozen=True, slots=True)
class CardChanged:
    event: ClassVar[str] = "card_changed"
    card_uid: str
    status: str

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "card_uid": self.card_uid, "status": self.status}


@dataclass(frozen=True, slots=True)
class RejectionResolved:
    event: ClassVar[str] = "rejection_resolved"
    seq: int

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "seq": self.seq}


@dataclass(frozen=True, slots=True)
class SyncResumed:
    event: ClassVar[str] = "sync_resumed"

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event}


@dataclass(frozen=True, slots=True)
class SettingsChanged:
    event: ClassVar[str] = "settings_changed"
    changes: dict[str, Any]

    def as_event(self) -> dict[str, Any]:
        return {"event": self.event, "changes": self.changes}


StaffResult = (Refused | StaffDenied | StaffMode | ChildMode | Voided | Refunded | ToppedUp | Adjusted | DayOpened
               | FloatSet | DayReport | CardAssigned | CardChanged | RejectionResolved | SyncResumed
               | SettingsChanged)  # fmt: skip


# --- what the staff screen reads --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StaffCard:
    """A staff card as the PIN pad shows it: whose it is and, if locked, until when (local time)."""

    staff_id: str
    display_name: str
    locked_until: datetime | None


@dataclass(frozen=True, slots=True)
class CardOwner:
    """Whose a card is, read before staff give it to a child, so the confirmation can name them."""

    card_uid: str  # normalised
    staff: bool  # a staff card: never a child's
    child_id: str | None  # the child it belongs to now (None: an unknown card, or a card given to no child)
    child_name: str | None
    status: str | None  # active, blocked, lost (None: an unknown card)


@dataclass(frozen=True, slots=True)
class DayState:
    """The business day as the "Dagen" tab shows it (``open`` False: no day is open; the rest is None)."""

    open: bool
    business_date: str | None = None
    opened_at: datetime | None = None  # local time
    opening_float_ore: int | None = None
    float_locked: bool = False  # the day has had a cash top-up: its float can no longer change
    cash_expected_ore: int | None = None  # the float plus the day's cash top-ups


@dataclass(frozen=True, slots=True)
class ChildSummary:
    child_id: str
    display_name: str
    balance_ore: int
    blocked: bool
    friplads_pct: int


@dataclass(frozen=True, slots=True)
class CardInfo:
    card_uid: str
    status: str  # active, blocked, lost


@dataclass(frozen=True, slots=True)
class LineInfo:
    product_id: str
    name: str  # the product's name (the id when the product has left the catalogue)
    qty: int
    net_ore: int
    refundable: bool


@dataclass(frozen=True, slots=True)
class TxnInfo:
    txn_id: str
    seq: int
    kind: str  # sale, refund, void, topup_cash, adjustment
    occurred_at: datetime  # local time
    net_ore: int
    balance_delta_ore: int
    lines: tuple[LineInfo, ...]
    refers_to: str | None
    voidable: bool  # a sale with no void or refund yet

    @property
    def refundable(self) -> bool:
        return any(line.refundable for line in self.lines)


@dataclass(frozen=True, slots=True)
class ChildDetails:
    child: ChildSummary
    cards: tuple[CardInfo, ...]
    recent: tuple[TxnInfo, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime  # local time
    staff_id: str
    staff_name: str  # the staff member's display name ("" for what the kiosk did by itself)
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class RejectionInfo:
    seq: int
    txn_id: str
    reason: str
