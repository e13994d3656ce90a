"""Settings: TOML file, environment overrides, and error messages that name the key but not the value."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from bot.config import ENV_OVERRIDES, ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "config.example.toml"


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run where no developer's config.toml can be picked up."""
    monkeypatch.chdir(tmp_path)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _documented_keys(text: str) -> set[tuple[str, str]]:
    """(section, key) for every setting in the example, commented out or not."""
    keys, section = set(), ""
    for line in text.splitlines():
        if header := re.match(r"^\[(\w+)\]", line):
            section = header.group(1)
        elif key := re.match(r"^#?\s?(\w+)\s*=", line):
            keys.add((section, key.group(1)))
    return keys


def test_the_example_documents_every_setting_and_loads() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    fields = {(name, key) for name, section in Settings.model_fields.items()
              for key in section.annotation.model_fields}
    assert _documented_keys(text) == fields
    assert load_settings(EXAMPLE, {}) == Settings.model_validate(tomllib.loads(text))


@pytest.mark.parametrize(("text", "message"), [
    ('[telegram]\nrate_limiter = "maybe"\n', "config.toml: telegram.rate_limiter: Input should be a valid boolean"),
    ('[telegram]\ntokn = "1:a"\n', "config.toml: telegram.tokn: Extra inputs are not permitted"),
    ("[paths]\nindex = 3\n", "config.toml: paths.index: Input is not a valid path"),
    ('[admins]\nids = ["x"]\n', "config.toml: admins.ids.0: Input should be a valid integer"),
    ('[telegram]\nbase_url = "ftp://x"\n', "config.toml: telegram.base_url: must start with http:// or https://"),
    ("[limits]\nquestions = 0\n", "config.toml: limits.questions: Input should be greater than or equal to 1"),
    ("[answers]\nmin_coverage = 2\n", "config.toml: answers.min_coverage: Input should be less than or equal to 1"),
    ("[webhook]\nport = 70000\n", "config.toml: webhook.port: Input should be less than or equal to 65535"),
    ("[admins]\nmax_upload_bytes = 6000000\n",
     "config.toml: admins.max_upload_bytes: Input should be less than or equal to 5242880"),
    ("[nonsense]\nx = 1\n", "config.toml: nonsense: Extra inputs are not permitted"),
    ("[telegram\n", "config.toml: not valid TOML"),
])
def test_bad_values_are_named(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(_write(tmp_path, text), {})
    assert message in str(caught.value)


def test_environment_wins_over_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, '[telegram]\ntoken = "1:file"\nbase_url = "https://file.test/bot"\n'
                            '[paths]\nindex = "file.zip"\n[admins]\nids = [1]\n')
    env = {"TELEGRAM_BOT_TOKEN": "2:env", "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot/",
           "TELEGRAM_API_BASE_FILE_URL": "http://127.0.0.1:9/file/bot", "NQBOT_INDEX": "env.zip",
           "NQBOT_CORPUS": "a:b", "NQBOT_LEXICON": "lex.toml", "NQBOT_ADMINS": "5, 6",
           "NQBOT_WEBHOOK_SECRET": "s3cret_-"}
    settings = load_settings(path, env)
    assert settings.require_token() == "2:env"
    assert settings.telegram.base_url == "http://127.0.0.1:9/bot"  # no trailing slash: PTB appends the token
    assert settings.telegram.base_file_url == "http://127.0.0.1:9/file/bot"
    assert settings.paths.index == Path("env.zip") and settings.paths.corpus == [Path("a"), Path("b")]
    assert settings.paths.lexicon == Path("lex.toml")
    assert settings.admins.ids == [5, 6]
    assert settings.webhook.secret_token is not None
    assert settings.webhook.secret_token.get_secret_value() == "s3cret_-"
    assert set(ENV_OVERRIDES.values()) == set(env)


def test_errors_from_the_environment_name_the_variable_and_never_the_secret(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(None, {"NQBOT_CONFIG": str(_write(tmp_path, "")), "TELEGRAM_BOT_TOKEN": "not a token!"})
    assert str(caught.value).startswith("environment variable TELEGRAM_BOT_TOKEN: not a bot token")
    assert "not a token!" not in str(caught.value)
    with pytest.raises(ConfigError, match="environment variable NQBOT_ADMINS: Input should be a valid integer"):
        load_settings(None, {"NQBOT_ADMINS": "12,abc"})


def test_the_token_is_hidden_in_reprs(tmp_path: Path) -> None:
    settings = load_settings(_write(tmp_path, '[telegram]\ntoken = "123:SECRETVALUE"\n'), {})
    assert "SECRETVALUE" not in repr(settings) and "SECRETVALUE" not in str(settings.model_dump())


def test_config_file_lookup(tmp_path: Path) -> None:
    assert load_settings(None, {}) == Settings()  # no file anywhere: defaults
    _write(tmp_path, "[limits]\nquestions = 3\n")
    assert load_settings(None, {}).limits.questions == 3  # ./config.toml when present
    with pytest.raises(ConfigError, match="missing.toml: no such config file"):
        load_settings(Path("missing.toml"), {})
    with pytest.raises(ConfigError, match="elsewhere.toml: no such config file"):
        load_settings(None, {"NQBOT_CONFIG": "elsewhere.toml"})


def test_token_and_webhook_requirements() -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        Settings().require_token()
    with pytest.raises(ConfigError, match="webhook.url"):
        Settings().require_webhook()
    hook = Settings.model_validate({"webhook": {"url": "https://bot.example.org/tg/hook"}})
    with pytest.raises(ConfigError, match="webhook.secret_token"):
        hook.require_webhook()
    assert hook.webhook.url_path == "tg/hook"
    with pytest.raises(ConfigError, match="environment variable NQBOT_WEBHOOK_SECRET: must be 1-256 characters"):
        load_settings(None, {"NQBOT_WEBHOOK_SECRET": "has space"})
