"""The domain core: money, pricing, checkout rules and the journal's hash chain.

Standard library only (checked by import-linter).
"""
