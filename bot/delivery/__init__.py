"""Delivery: the outbox, claimed by senders that retry with backoff and respect rate limits."""
