"""Settings from the environment (prefix PBCHAT_); read only by the composition root."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every setting pbchat reads, with defaults that work on a developer's machine."""

    model_config = SettingsConfigDict(env_prefix="PBCHAT_", env_file=".env", extra="ignore")

    database_url: str = f"sqlite:///{REPO / 'pbchat.db'}"
    secret_key: SecretStr = SecretStr("dev-only-secret-change-me")
    nlu_interpreter: str = "builtin"
    rasa_url: str = "http://127.0.0.1:5005"
    data_dir: Path = REPO / "data"
    public_url: str = "http://127.0.0.1:8000"

    telegram_token: SecretStr | None = None
    telegram_secret_token: SecretStr | None = None
    telegram_api_base: str = "https://api.telegram.org/bot"
    telegram_messages_per_second: float = 30.0  # Telegram's limit per bot (raised for paid bots)

    whatsapp_token: SecretStr | None = None
    whatsapp_app_secret: SecretStr | None = None
    whatsapp_verify_token: SecretStr | None = None
    whatsapp_phone_number_id: str | None = None
    whatsapp_api_base: str = "https://graph.facebook.com/v21.0"
    whatsapp_notice_template: str | None = None  # an approved template with one body parameter
