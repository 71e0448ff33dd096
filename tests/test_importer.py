"""The feed import: same validation as the intake, duplicates recognised, a summary that names the
line and the field of every rejected line (never its value)."""

from __future__ import annotations

import json

import pytest
from cryptography.fernet import Fernet

from bot.events.importer import import_file, main
from bot.store import Contact, OffenderDetails


@pytest.fixture
def store(sqlite_store):
    return sqlite_store


CSV = """id,program,type,occurred_at,offender_id,offender_name,offender_dob,text,facility,court,date
r1,vine,release,2026-11-29T15:12:00Z,A123456,,,,Harris County Jail,,
r2,vine,transfer,2026-11-29T16:00:00Z,B1,,,,,,
r1,vine,release,2026-11-29T15:12:00Z,A123456,,,,Harris County Jail,,
r3,vine,releasd,2026-11-29T16:00:00Z,C1,,,,,,
r4,vine,release,not a date,Zed Secretname,,,,,,
r5,vine,other,2026-11-29T16:00:00Z,D1,,,,,,
"""


async def test_csv_feed(tmp_path, store):
    await store.create_subscription("web:a", "vine", OffenderDetails(number="A123456"), Contact("web"), "en", None,
                                    "America/Chicago", verify=False, conversation="a")
    feed = tmp_path / "feed.csv"
    feed.write_text(CSV)
    summary = await import_file(feed, "county-jail", store, progress=False)
    assert (summary.accepted, summary.duplicate, summary.matched) == (2, 1, 1)
    assert [n for n, _ in summary.rejected] == [5, 6, 7]
    assert [r.split(":")[0] for _, r in summary.rejected] == ["type", "occurred_at", "text"]
    assert "Secretname" not in "\n".join(summary.lines())
    assert await store.event_count() == 2


async def test_json_lines_feed(tmp_path, store):
    feed = tmp_path / "feed.jsonl"
    good = {"id": "j1", "program": "vnp", "offender": {"name": "Ana Ruiz", "dob": "1980-02-03"}, "type": "removed",
            "occurred_at": "2026-11-29T10:00:00Z"}
    feed.write_text(json.dumps(good) + "\n{broken\n\n" + json.dumps({**good, "source": "someone-else"}) + "\n")
    summary = await import_file(feed, "ice-feed", store, progress=False)
    assert summary.accepted == 1 and [n for n, _ in summary.rejected] == [2, 4]


async def test_command_line_exit_codes(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("BOT_DATA_KEY", Fernet.generate_key().decode())
    from bot.settings import settings

    settings.cache_clear()
    feed = tmp_path / "ok.csv"
    feed.write_text(CSV.splitlines()[0] + "\n" + CSV.splitlines()[1] + "\n")
    assert await main([str(feed), "--source", "county-jail", "--quiet"]) == 0
    assert "accepted 1" in capsys.readouterr().out
    assert await main([str(tmp_path / "missing.csv"), "--source", "x"]) == 2
    settings.cache_clear()
