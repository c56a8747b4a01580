"""Use cases: plain service objects, one method per use case, each returning a result dataclass."""
