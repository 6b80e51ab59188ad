"""Business logic as plain functions; callers own the transaction (commit or roll back)."""
