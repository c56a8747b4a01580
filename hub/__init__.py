"""The club hub (`club-hub`): the server side of the finance sync contract, as a Django project.

Apps by subject: ``hub.clubs`` (clubs, kiosks, children, cards, products, staff, pictures, users),
``hub.ledger`` (append-only money entries, per-child balances, the kiosks' booked transactions) and
``hub.api`` (the contract's JSON endpoints). Domain rules (pricing, the hash chain, money) come from
``pos_app.domain``; nothing else of the kiosk is imported.
"""
