"""Safeguarding: what enters the queue on submission, the queue itself, and the alert outbox."""
