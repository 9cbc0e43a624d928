"""Natural-language understanding: language identification, intents and entities."""
