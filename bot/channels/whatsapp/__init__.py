"""WhatsApp: Cloud API notifications in, reply buttons and list messages out, via the Graph API."""

CHANNEL = "whatsapp"
