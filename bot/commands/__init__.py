"""Command groups of the `pbchat` CLI; each module exposes `register(app)`."""
