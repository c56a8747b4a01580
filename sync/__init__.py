"""Finance client and sync engine (the finance-sync-v1 contract)."""
