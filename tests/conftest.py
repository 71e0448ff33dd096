"""Shared fixtures: a subscription store on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import subprocess
import uuid

import asyncpg
import pytest
from cryptography.fernet import Fernet

from bot.store import Store

PG_URL = os.environ.get("STORE_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
_PG_DSN = PG_URL.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _pg_connect():
    try:
        return await asyncpg.connect(_PG_DSN, timeout=5)
    except (OSError, asyncpg.PostgresError, asyncio.TimeoutError):
        return None


async def _postgres() -> asyncpg.Connection:
    """A connection to the test server, starting the local cluster if it is down."""
    conn = await _pg_connect()
    if conn is None and os.path.isdir("/etc/postgresql"):
        for version in sorted(os.listdir("/etc/postgresql")):
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
                           capture_output=True, check=False)
        for _ in range(40):
            conn = await _pg_connect()
            if conn is not None:
                break
            await asyncio.sleep(0.5)
    if conn is None:
        pytest.fail(f"PostgreSQL is not reachable at {_PG_DSN}")
    return conn


@pytest.fixture
def data_key() -> bytes:
    """A fresh Fernet key, so tests never depend on BOT_DATA_KEY or var/."""
    return Fernet.generate_key()


@pytest.fixture(params=["sqlite", "postgresql"])
async def store(request, tmp_path, data_key):
    """An initialised Store; on PostgreSQL each test gets its own schema, dropped afterwards."""
    if request.param == "sqlite":
        store = Store.from_url(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", key=data_key)
        await store.init()
        yield store
        await store.close()
        return
    admin = await _postgres()
    schema = f"store_test_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE SCHEMA "{schema}"')
    store = Store.from_url(PG_URL, key=data_key,
                           connect_args={"server_settings": {"search_path": schema}})
    try:
        await store.init()
        yield store
    finally:
        await store.close()
        await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.close()


@pytest.fixture
async def sqlite_store(tmp_path):
    """An initialised SQLite store with a fresh key (for tests that need just one database)."""
    opened = Store.from_url(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", key=Fernet.generate_key())
    await opened.init()
    yield opened
    await opened.close()
