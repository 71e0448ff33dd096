"""Settings read once from the environment. Every component reads its configuration here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    var_dir: Path
    database_url: str
    dev_mode: bool
    default_phone_region: str

    @classmethod
    def from_env(cls) -> "Settings":
        var_dir = Path(os.environ.get("BOT_VAR_DIR", ROOT / "var"))
        return cls(
            var_dir=var_dir,
            database_url=os.environ.get("DATABASE_URL") or f"sqlite+aiosqlite:///{var_dir / 'bot.db'}",
            # Development mode shows verification codes in the chat (labelled as such). Never in production.
            dev_mode=_flag("BOT_DEV_MODE"),
            default_phone_region=os.environ.get("BOT_PHONE_REGION", "US"),
        )


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings.from_env()
