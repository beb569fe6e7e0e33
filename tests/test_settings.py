from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings
from tests.conftest import ROOT


def test_shipped_config_loads_without_a_token() -> None:
    settings = load_settings(ROOT / "config" / "storybot.yaml", env={})
    assert settings.token is None
    assert settings.knowledge_path == ROOT / "knowledge"
    assert settings.moderator_permission == "manage_guild"


def test_token_comes_from_env_then_dotenv(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    config = tmp_path / "config" / "storybot.yaml"
    config.write_text("answer_channels: [123]\n")
    (tmp_path / ".env").write_text("# local secrets\nDISCORD_TOKEN='from-dotenv'\n")
    assert load_settings(config, env={}).token == "from-dotenv"
    assert load_settings(config, env={"DISCORD_TOKEN": "from-env"}).token == "from-env"
    assert load_settings(config, env={}).answer_channels == (123,)


def test_unknown_setting_is_named(tmp_path: Path) -> None:
    config = tmp_path / "storybot.yaml"
    config.write_text("knowlege_path: x\n")
    with pytest.raises(SettingsError, match="unknown setting\\(s\\) knowlege_path"):
        load_settings(config, env={})


def test_thresholds_override_and_reject_unknown_names(tmp_path: Path) -> None:
    config = tmp_path / "storybot.yaml"
    config.write_text("thresholds: {min_score: 0.7}\n")
    assert load_settings(config, env={}).thresholds.min_score == 0.7
    config.write_text("thresholds: {min_scor: 0.7}\n")
    with pytest.raises(SettingsError, match="thresholds: unknown name\\(s\\) min_scor; known: "):
        load_settings(config, env={})
