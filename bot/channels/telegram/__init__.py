"""Telegram: Bot API updates in, inline keyboards out, through python-telegram-bot."""

CHANNEL = "telegram"
