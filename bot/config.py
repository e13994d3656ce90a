"""The bot's settings: a TOML file validated by pydantic, with environment variables on top.

Errors name the key (or the environment variable) and never echo a value, since values include secrets.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
)

from bot.corpus_admin import MAX_BULLETIN_BYTES
from index.errors import NqbotError

# An upload waits in memory until "Lưu" (up to 20 per admin): keep a bulletin file well below Telegram's 20 MB.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024

DEFAULT_CONFIG = Path("config.toml")
TELEGRAM_API = "https://api.telegram.org/bot"
TELEGRAM_FILES = "https://api.telegram.org/file/bot"
_TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what setWebhook accepts as secret_token


class ConfigError(NqbotError):
    """A config file or environment variable that cannot be used; names the key."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _http_base(value: str) -> str:
    if urlparse(value).scheme not in ("http", "https"):
        raise ValueError("must start with http:// or https://")
    return value.rstrip("/")  # PTB appends the token right after base_url


class TelegramSettings(_Section):
    token: SecretStr | None = None
    base_url: str = TELEGRAM_API
    base_file_url: str = TELEGRAM_FILES
    rate_limiter: bool = True
    concurrent_updates: int = Field(default=32, ge=1, le=512)
    connection_pool_size: int = Field(default=32, ge=1, le=256)

    @field_validator("token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _TOKEN_RE.match(value.get_secret_value()):
            raise ValueError("not a bot token (BotFather gives digits, a colon, then letters)")
        return value

    @field_validator("base_url", "base_file_url")
    @classmethod
    def _urls(cls, value: str) -> str:
        return _http_base(value)


class PathSettings(_Section):
    corpus: list[Path] = Field(default_factory=lambda: [Path("corpus")], min_length=1)
    index: Path = Path("var/index.zip")
    lexicon: Path | None = None
    # How often the bot checks whether `nqbot index` replaced the index file; 0 = never.
    reload_seconds: float = Field(default=5.0, ge=0.0, le=3600.0)


class AnswerSettings(_Section):
    max_question_chars: int = Field(default=1000, ge=20, le=4096)
    min_coverage: float = Field(default=0.0, ge=0.0, le=1.0)
    other_sources: int = Field(default=2, ge=0, le=2)
    typing_after: float = Field(default=0.3, ge=0.0, le=10.0)


class LimitSettings(_Section):
    # A busy official asking in earnest stays well below 20 a minute; a burst above it waits, it is not dropped.
    questions: int = Field(default=20, ge=1)
    inline_queries: int = Field(default=30, ge=1)
    per_seconds: float = Field(default=60.0, gt=0)
    queued: int = Field(default=5, ge=0, le=50)  # questions over the limit that wait their turn, per user
    # Button presses have their own, generous window: paging /nguon is quick, a flood of presses is not.
    buttons: int = Field(default=30, ge=1)
    buttons_per_seconds: float = Field(default=10.0, gt=0)


class ConversationSettings(_Section):
    # A follow-up ("còn năm 2045 thì sao?") is read against the same user's previous question in the same
    # chat for this long; kept in memory only, never written anywhere. 0 turns follow-ups off.
    memory_minutes: float = Field(default=5.0, ge=0.0, le=60.0)
    memory_chats: int = Field(default=10_000, ge=1, le=1_000_000)  # (chat, user) pairs remembered at most
    suggestions: int = Field(default=3, ge=0, le=3)  # nearby questions offered as buttons under a "no answer"


class WebhookSettings(_Section):
    listen: str = "127.0.0.1"
    port: int = Field(default=8443, ge=1, le=65535)
    url: str | None = None
    path: str | None = None
    secret_token: SecretStr | None = None

    @field_validator("url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        return None if value is None else _http_base(value)

    @field_validator("secret_token")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _SECRET_RE.match(value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @property
    def url_path(self) -> str:
        """The local path to serve; by default the public URL's path (the proxy passes it through)."""
        path = self.path if self.path is not None else urlparse(self.url or "").path
        return path.strip("/")


class AdminSettings(_Section):
    ids: list[int] = Field(default_factory=list)
    max_upload_bytes: int = Field(default=MAX_BULLETIN_BYTES, ge=1024, le=MAX_UPLOAD_BYTES)
    confirm_minutes: float = Field(default=15.0, gt=0.0, le=24 * 60.0)


class QuestionLogSettings(_Section):
    path: Path | None = None  # default: questions.sqlite next to the index
    retention_days: int = Field(default=180, ge=1, le=3650)


class Settings(_Section):
    telegram: TelegramSettings = Field(default_factory=TelegramSettings)
    paths: PathSettings = Field(default_factory=PathSettings)
    answers: AnswerSettings = Field(default_factory=AnswerSettings)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    conversation: ConversationSettings = Field(default_factory=ConversationSettings)
    webhook: WebhookSettings = Field(default_factory=WebhookSettings)
    admins: AdminSettings = Field(default_factory=AdminSettings)
    question_log: QuestionLogSettings = Field(default_factory=QuestionLogSettings)

    def require_token(self) -> str:
        if self.telegram.token is None:
            raise ConfigError("no bot token: set TELEGRAM_BOT_TOKEN (or telegram.token in the config file)")
        return self.telegram.token.get_secret_value()

    def require_webhook(self) -> tuple[str, str]:
        """The public URL and secret token, both needed to run behind a proxy safely."""
        hook = self.webhook
        if not hook.url:
            raise ConfigError("webhook mode needs webhook.url (the public HTTPS address Telegram posts to)")
        if hook.secret_token is None:
            raise ConfigError("webhook mode needs webhook.secret_token (or NQBOT_WEBHOOK_SECRET)")
        return hook.url, hook.secret_token.get_secret_value()


# (section, key) -> environment variable; a value read from the environment wins over the file.
ENV_OVERRIDES: dict[tuple[str, str], str] = {
    ("telegram", "token"): "TELEGRAM_BOT_TOKEN",
    ("telegram", "base_url"): "TELEGRAM_API_BASE_URL",
    ("telegram", "base_file_url"): "TELEGRAM_API_BASE_FILE_URL",
    ("paths", "index"): "NQBOT_INDEX",
    ("paths", "corpus"): "NQBOT_CORPUS",
    ("paths", "lexicon"): "NQBOT_LEXICON",
    ("admins", "ids"): "NQBOT_ADMINS",
    ("webhook", "secret_token"): "NQBOT_WEBHOOK_SECRET",
}


def _env_value(key: tuple[str, str], raw: str) -> Any:
    if key == ("admins", "ids"):
        return [part.strip() for part in raw.split(",") if part.strip()]
    if key == ("paths", "corpus"):
        return [part for part in raw.split(os.pathsep) if part]
    return raw


def _config_path(path: Path | None, environ: Mapping[str, str]) -> Path | None:
    if path is None and environ.get("NQBOT_CONFIG"):
        path = Path(environ["NQBOT_CONFIG"])
    if path is None:
        return DEFAULT_CONFIG if DEFAULT_CONFIG.is_file() else None
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file")
    return path


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _error_message(exc: ValidationError, source: str, from_env: dict[tuple[str, str], str]) -> str:
    lines = []
    for error in exc.errors():
        loc = tuple(str(part) for part in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        env = from_env.get((loc[0], loc[1])) if len(loc) >= 2 else None
        where = f"environment variable {env}" if env else f"{source}: {'.'.join(loc)}"
        lines.append(f"{where}: {message}")
    return "; ".join(lines)


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Read the config file (explicit path, $NQBOT_CONFIG or ./config.toml if present) plus the environment."""
    environ = os.environ if environ is None else environ
    file = _config_path(path, environ)
    data = _read_toml(file) if file else {}
    from_env: dict[tuple[str, str], str] = {}
    for key, name in ENV_OVERRIDES.items():
        if environ.get(name):
            section = data.setdefault(key[0], {})
            if not isinstance(section, dict):
                break  # the file's own error ("should be a valid dictionary") is reported below
            section[key[1]] = _env_value(key, environ[name])
            from_env[key] = name
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_error_message(exc, str(file or "config"), from_env)) from None
