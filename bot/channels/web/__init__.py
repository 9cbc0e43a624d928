"""The web widget: a chat on the city's website, talking JSON to /widget/api."""

CHANNEL = "web"
