"""Vote counting: greedy, greedy without skipping and Equal Shares with Add1 completion."""
