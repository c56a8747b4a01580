"""The local ledger: SQLAlchemy 2 models, the engine with its pragmas, repositories."""
