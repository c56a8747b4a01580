"""Demo data: a club of 20 children, their cards, 16 products and two staff, as a contract snapshot.

Every product carries a built-in ``icon`` name (contract 1.1 rule 6), so the demo shows the icon
path of the picture resolution (the pasta salad's icon is ``pasta``, not its id).
"""

from __future__ import annotations

import hashlib
from typing import Any

DEMO_CLUB = "demo-klub"
DEMO_KIOSK = "kiosk-1"

# (child_id, display name, friplads %, mode, balance øre, daily limit, credit limit, restrictions, blocked)
_CHILDREN: list[tuple[str, str, int, str, int, int | None, int, list[str], bool]] = [
    ("c-01", "Alma H.", 0, "prepaid", 5000, None, 0, [], False),
    ("c-02", "Noah P.", 50, "prepaid", 4000, None, 0, [], False),
    ("c-03", "Freja K.", 100, "prepaid", 1000, None, 0, [], False),
    ("c-04", "Oscar L.", 0, "prepaid", 300, None, 0, [], False),
    ("c-05", "Ida M.", 0, "prepaid", 6000, 2000, 0, [], False),
    ("c-06", "William S.", 0, "prepaid", 5000, None, 0, ["sugar"], False),
    ("c-07", "Ella J.", 0, "account", 0, None, 10000, [], False),
    ("c-08", "Karl B.", 0, "prepaid", 5000, None, 0, [], True),
    ("c-09", "Clara N.", 50, "prepaid", 2500, None, 0, [], False),
    ("c-10", "Lucas A.", 0, "prepaid", 7500, None, 0, [], False),
    ("c-11", "Sofie R.", 0, "prepaid", 1200, None, 0, [], False),
    ("c-12", "Emil T.", 100, "prepaid", 0, None, 0, [], False),
    ("c-13", "Agnes V.", 0, "prepaid", 3000, None, 0, [], False),
    ("c-14", "Malthe D.", 50, "prepaid", 8000, None, 0, [], False),
    ("c-15", "Olivia G.", 0, "prepaid", 4500, None, 0, [], False),
    ("c-16", "Aksel F.", 0, "prepaid", 900, None, 0, [], False),
    ("c-17", "Laura C.", 25, "prepaid", 3500, None, 0, [], False),
    ("c-18", "Victor E.", 0, "prepaid", 10000, None, 0, [], False),
    ("c-19", "Nora Ø.", 0, "prepaid", 2000, None, 0, [], False),
    ("c-20", "Bertram Å.", 0, "prepaid", 1500, None, 0, [], False),
]

# The built-in icon of a demo product when it is not the product id.
_ICONS = {"salad": "pasta"}

# (product_id, name, price øre, friplads eligible, category, barcode, tags, active)
_PRODUCTS: list[tuple[str, str, int, bool, str, str | None, list[str], bool]] = [
    ("toast", "Toast", 1500, True, "food", "5701234567899", [], True),
    ("bun", "Bolle", 800, True, "food", "5701234000013", [], True),
    ("pizza", "Pizza", 2000, True, "food", None, [], True),
    ("salad", "Pastasalat", 2500, True, "food", None, [], True),
    ("apple", "Æble", 300, True, "food", "20123451", [], True),
    ("banana", "Banan", 300, True, "food", None, [], True),
    ("carrot", "Gulerod", 200, True, "food", None, [], True),
    ("juice", "Saft", 500, False, "drink", "5701234000020", ["sugar"], True),
    ("milk", "Mælk", 600, True, "drink", None, [], True),
    ("water", "Vand", 200, False, "drink", None, [], True),
    ("cocoa", "Kakao", 800, False, "drink", None, ["sugar"], True),
    ("cookie", "Småkage", 500, False, "snack", None, ["sugar"], True),
    ("popcorn", "Popcorn", 700, False, "snack", None, [], True),
    ("icelolly", "Is", 1000, False, "snack", None, ["sugar"], False),
    ("swim", "Svømmehal", 5000, True, "trip", None, [], True),
    ("cinema", "Biograf", 7500, True, "trip", None, [], True),
]

# Staff PINs in the demo: Mette (superuser) 1234, Jonas (staff) 4321.
_STAFF = [("s-1", "Mette", "superuser", "04AABBCCDD0001", "1234"), ("s-2", "Jonas", "staff", "04AABBCCDD0002", "4321")]


def pin_hash(pin: str, salt: bytes, n: int = 2**14, r: int = 8, p: int = 1) -> str:
    """The contract's ``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>``."""
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def nfc_uid(i: int) -> str:
    return f"04A1B2C3D4{i:04X}"


def card_code(i: int) -> str:
    return f"BARN{i:02d}"


def demo_snapshot() -> dict[str, Any]:
    children = [
        {"child_id": cid, "display_name": name, "friplads_pct": pct, "payment_mode": mode,
         "balance_ore": bal, "balance_applied_seq": 0, "daily_limit_ore": limit,
         "credit_limit_ore": credit, "restrictions": restr, "blocked": blocked, "deleted": False}
        for cid, name, pct, mode, bal, limit, credit, restr, blocked in _CHILDREN
    ]  # fmt: skip
    cards: list[dict[str, Any]] = []
    for i, (cid, *_rest) in enumerate(_CHILDREN, start=1):
        cards.append({"card_uid": nfc_uid(i), "child_id": cid, "status": "active", "deleted": False})
        cards.append({"card_uid": card_code(i), "child_id": cid, "status": "active", "deleted": False})
    cards.append({"card_uid": "BARN99", "child_id": "c-13", "status": "lost", "deleted": False})
    cards.append({"card_uid": "BARN98", "child_id": "c-15", "status": "blocked", "deleted": False})
    products = [
        {"product_id": pid, "name": name, "price_ore": price, "friplads_eligible": elig, "category": cat,
         "barcode": barcode, "tags": tags, "active": active, "deleted": False, "icon": _ICONS.get(pid, pid),
         "image_sha256": None}
        for pid, name, price, elig, cat, barcode, tags, active in _PRODUCTS
    ]  # fmt: skip
    staff = [
        {"staff_id": sid, "display_name": name, "role": role, "card_uid": uid,
         "pin_hash": pin_hash(pin, hashlib.sha256(sid.encode()).digest()[:16]), "deleted": False}
        for sid, name, role, uid, pin in _STAFF
    ]  # fmt: skip
    return {"club_id": DEMO_CLUB, "kiosk_id": DEMO_KIOSK, "cursor": "demo-0", "more": False,
            "kiosk_applied_seq": 0, "children": children, "cards": cards, "products": products,
            "staff": staff}  # fmt: skip


DEMO_GUIDE = """Demo: type (or scan) one of these card codes and press Enter.
  BARN01 Alma (50,00 kr)            BARN02 Noah (friplads 50 %)     BARN03 Freja (friplads 100 %)
  BARN04 Oscar (3,00 kr only)       BARN05 Ida (daily limit 20 kr)  BARN06 William (no sugar)
  BARN07 Ella (account, credit 100 kr)  BARN08 Karl (blocked)       BARN99 a lost card
Product barcodes: 5701234567899 Toast, 5701234000020 Saft, 20123451 Æble.
Staff: 04AABBCCDD0001 (Mette, superuser, PIN 1234), 04AABBCCDD0002 (Jonas, staff, PIN 4321)."""
