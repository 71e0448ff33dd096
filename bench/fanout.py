"""Fan-out benchmark: one burst of custody events to thousands of subscribers on Telegram, SMS and
the web chat, through the real dispatcher (bot/push/worker.py, its own process) against fake channel
APIs on loopback that enforce the same rate limits and fail 5% of requests with 500 (bench/fakes.py).

    .venv/bin/python -m bench.fanout                # all three runs, a few minutes each
    .venv/bin/python -m bench.fanout --runs limits  # one of: limits, crash, ratio
    .venv/bin/python -m bench.fanout --store sqlite # the embedded default instead of PostgreSQL

Runs:
  limits  no crash: sustained send rate per channel as a fraction of its limit, event-to-first-delivery
          p50/p95 (and per message), lost (must be 0), duplicates (must be 0), 429s, dead rows.
  crash   the same burst, with kill -9 of the dispatcher part-way and a restart: lost (must be 0),
          duplicates (at most the rows in flight, i.e. in "sending" when it was killed).
  ratio   no limits and no errors: the dispatcher's messages per second, and a plain aiohttp loop
          sending the same requests with the same concurrency, as a ratio.

The events are recorded through the store's intake method (the same matching the signed HTTP intake
uses); the clock starts when each event is accepted. "Sustained" is measured between the sends at 10%
and 90% of a channel's units (messages; SMS: segments), which leaves out the start and the tail of
retries; the whole-run rate is printed next to it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import signal
import statistics
import sys
import tempfile
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import AUTH, SID, TOKEN  # noqa: E402
from bot.channels.segments import segments  # noqa: E402
from bot.events.templates import render_status  # noqa: E402
from bot.launcher import free_port  # noqa: E402
from bot.store import Contact, OffenderDetails, Store  # noqa: E402

PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
EVENT_TYPES = ["release"] * 5 + ["escape", "transfer", "court_hearing_scheduled", "ice_custody", "sentencing"]
NAME = re.compile(r"Bench(\d{4})")


@dataclass
class Plan:
    telegram: int
    sms: int
    web: int
    offenders: int
    second: float  # share of subscribers who follow a second offender
    seed: int = 11
    subs: List[Tuple[str, str, int, str]] = field(default_factory=list)  # channel, address, offender, language

    def build(self) -> None:
        rng = random.Random(self.seed)
        people = ([("telegram", str(700000000 + i)) for i in range(self.telegram)]
                  + [("sms", f"+1214{300 + i // 10000:03d}{i % 10000:04d}") for i in range(self.sms)]
                  + [("web", f"bench{i:06d}") for i in range(self.web)])
        for channel, address in people:
            language = rng.choice(["en", "es"])
            first = rng.randrange(self.offenders)
            self.subs.append((channel, address, first, language))
            if rng.random() < self.second:
                other = (first + 1 + rng.randrange(self.offenders - 1)) % self.offenders
                self.subs.append((channel, address, other, language))

    def expected(self) -> Counter:
        return Counter(channel for channel, _, _, _ in self.subs)


def name(offender: int) -> str:
    return f"Alex Bench{offender:04d}"


def owner(channel: str, address: str) -> str:
    return {"telegram": "tg:", "sms": "sms:", "web": "web:"}[channel] + address


# --- the store -----------------------------------------------------------------------------------------

async def fresh_store(kind: str, key: bytes, tmp: Path) -> Tuple[str, Store]:
    if kind == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
        if (tmp / "bench.db").exists():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{tmp / 'bench.db'}{suffix}").unlink(missing_ok=True)
    else:
        import asyncpg

        admin = await asyncpg.connect(PG_ADMIN)
        await admin.execute("DROP DATABASE IF EXISTS bench_fanout")
        await admin.execute("CREATE DATABASE bench_fanout")
        await admin.close()
        url = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1) + "/bench_fanout"
    store = Store.from_url(url, key=key)
    await store.init()
    return url, store


async def populate(store: Store, plan: Plan) -> None:
    semaphore = asyncio.Semaphore(16)

    async def one(sub: Tuple[str, str, int, str]) -> None:
        channel, address, offender, language = sub
        async with semaphore:
            await store.create_subscription(
                owner(channel, address), "vine", OffenderDetails(name=name(offender), number=f"TX{offender:06d}"),
                Contact(channel, None if channel == "web" else address), language, None, "America/Chicago",
                verify=False, conversation=owner(channel, address))

    await asyncio.gather(*(one(sub) for sub in plan.subs))


async def burst(store: Store, plan: Plan) -> Dict[int, float]:
    """All events at once; returns offender → time the event was accepted."""
    accepted: Dict[int, float] = {}
    rng = random.Random(plan.seed + 1)
    types = [rng.choice(EVENT_TYPES) for _ in range(plan.offenders)]

    async def one(offender: int) -> None:
        event = {"source": "bench-feed", "id": f"ev-{offender}", "program": "vine",
                 "offender": {"id": f"TX{offender:06d}"}, "type": types[offender],
                 "occurred_at": "2026-11-30T02:00:00Z",
                 "details": {"facility": "Dallas County Jail", "court": "Dallas County Court", "date": "2026-12-14"}}
        await store.record_event(event, secrets.token_hex(16))
        accepted[offender] = time.time()

    await asyncio.gather(*(one(o) for o in range(plan.offenders)))
    return accepted


async def states(store: Store) -> Dict[str, int]:
    return await store.delivery_states()


# --- processes -----------------------------------------------------------------------------------------

def python() -> str:
    return str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable


async def start_fakes(port: int, secret: str, limited: bool, args: argparse.Namespace) -> asyncio.subprocess.Process:
    rates = (["--telegram-rate", str(args.telegram_rate), "--telegram-chat-rate", "1", "--sms-rate", "1",
              "--error-rate", str(args.error_rate)] if limited else
             ["--telegram-rate", "0", "--telegram-chat-rate", "0", "--sms-rate", "0", "--error-rate", "0"])
    process = await asyncio.create_subprocess_exec(
        python(), "-m", "bench.fakes", "--port", str(port), "--jwt-secret", secret, *rates, cwd=str(ROOT),
        env=dict(os.environ, PYTHONPATH=str(ROOT)))
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_records", timeout=1).read()
            return process
        except OSError:
            await asyncio.sleep(0.1)
    raise RuntimeError("the fake APIs did not start")


def worker_env(url: str, key: bytes, fake_port: int, secret: str, pool: List[str], limited: bool,
               args: argparse.Namespace, tmp: Path) -> Dict[str, str]:
    base = f"http://127.0.0.1:{fake_port}"
    env = dict(os.environ, PYTHONPATH=str(ROOT), DATABASE_URL=url, BOT_DATA_KEY=key.decode(), BOT_VAR_DIR=str(tmp),
               RASA_URL=base, RASA_JWT_SECRET=secret, TELEGRAM_TOKEN=TOKEN, TELEGRAM_API_URL=f"{base}/bot",
               TWILIO_ACCOUNT_SID=SID, TWILIO_AUTH_TOKEN=AUTH, TWILIO_API_URL=base, PUSH_SMS_FROM=",".join(pool),
               PUSH_LEASE_SECONDS=str(args.lease), PUSH_BACKOFF_SECONDS="1", LOG_LEVEL=os.environ.get("BENCH_LOG_LEVEL", "ERROR"))
    if limited:
        env.update(PUSH_TELEGRAM_RATE=str(args.telegram_rate), PUSH_TELEGRAM_CHAT_RATE="1", PUSH_SMS_RATE="1",
                   PUSH_WEB_RATE=str(args.web_rate))
    else:
        env.update(PUSH_TELEGRAM_RATE="1000000", PUSH_TELEGRAM_CHAT_RATE="0", PUSH_SMS_RATE="1000000",
                   PUSH_WEB_RATE="1000000")
    return env


async def start_worker(env: Dict[str, str]) -> asyncio.subprocess.Process:
    profile = ["-m", "cProfile", "-o", os.environ["BENCH_PROFILE"]] if os.environ.get("BENCH_PROFILE") else []
    process = await asyncio.create_subprocess_exec(python(), *profile, "-m", "bot.push.worker", cwd=str(ROOT), env=env,
                                                   stdout=asyncio.subprocess.PIPE)
    line = await asyncio.wait_for(process.stdout.readline(), 60)
    if not line.startswith(b"dispatcher running"):
        raise RuntimeError("the dispatcher did not start")
    return process


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def postgres_cpu() -> float:
    """CPU time of all PostgreSQL server processes so far."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip().startswith("postgres"):
                    total += cpu_seconds(int(entry.name))
            except OSError:
                pass
    return total


def records(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_records", timeout=60) as response:
        return json.load(response)


async def wait_finished(store: Store, total: int, timeout: float, on_progress=None) -> Dict[str, int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counts = await states(store)
        if on_progress is not None:
            await on_progress(counts)
        if counts.get("sent", 0) + counts.get("dead", 0) >= total:
            return counts
        await asyncio.sleep(0.5)
    return await states(store)


# --- figures ---------------------------------------------------------------------------------------------

def pct(values: List[float], q: float) -> Optional[float]:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))]


def sustained(times_costs: List[Tuple[float, float]]) -> Tuple[float, float]:
    """(units/s between the sends at 10% and 90% of the units, units/s over the whole run)."""
    if len(times_costs) < 10:
        return 0.0, 0.0
    ordered = sorted(times_costs)
    total = sum(c for _, c in ordered)
    cumulative, lo, hi = 0.0, None, None
    for t, c in ordered:
        cumulative += c
        if lo is None and cumulative >= 0.1 * total:
            lo, lo_units = t, cumulative
        if hi is None and cumulative >= 0.9 * total:
            hi, hi_units = t, cumulative
    middle = (hi_units - lo_units) / (hi - lo) if hi > lo else 0.0
    whole = total / (ordered[-1][0] - ordered[0][0]) if ordered[-1][0] > ordered[0][0] else 0.0
    return middle, whole


def analyse(plan: Plan, data: dict, accepted: Dict[int, float]) -> dict:
    """Delivered keys (channel, recipient, offender) from the fakes' records, against the plan."""
    delivered: Dict[str, List[Tuple[float, str, int, float]]] = defaultdict(list)  # t, recipient, offender, cost
    for t, chat, text in data["telegram"]:
        delivered["telegram"].append((t, str(chat), int(NAME.search(text).group(1)), 1.0))
    for t, to, _from, body in data["sms"]:
        delivered["sms"].append((t, to, int(NAME.search(body).group(1)), float(segments(body))))
    updates = Counter()
    for t, conversation, text, output in data["rasa"]:
        if output == "socketio":
            delivered["web"].append((t, conversation.split(":", 1)[1], int(NAME.search(text).group(1)), 1.0))
        else:
            updates[conversation.split(":", 1)[0]] += 1
    # What each channel admitted within its limit: delivered, plus the requests it then failed with 500
    admitted: Dict[str, List[Tuple[float, float]]] = {
        "telegram": [(t, 1.0) for t, *_ in data["telegram"] + data["telegram_failed"]],
        "sms": [(t, float(segments(body))) for t, _, _, body in data["sms"] + data["sms_failed"]],
        "web": [(t, 1.0) for t, _, _, output in data["rasa"] + data["rasa_failed"] if output == "socketio"],
    }
    expected = {(c, a, o) for c, a, o, _ in plan.subs}
    seen = Counter((channel, r, o) for channel, rows in delivered.items() for _, r, o, _ in rows)
    first: Dict[int, float] = {}
    per_message: List[float] = []
    for rows in delivered.values():
        for t, _, offender, _ in rows:
            first[offender] = min(first.get(offender, t), t)
            per_message.append(t - accepted[offender])
    to_first = [first[o] - accepted[o] for o in first]
    return {
        "delivered": {c: len(rows) for c, rows in delivered.items()},
        "lost": len(expected - set(seen)),
        "duplicates": sum(n - 1 for n in seen.values() if n > 1),
        "wrong": len(set(seen) - expected),
        "rates": {c: sustained(rows) for c, rows in admitted.items()},
        "delivered_rates": {c: sustained([(t, cost) for t, _, _, cost in rows]) for c, rows in delivered.items()},
        "first_p50": pct(to_first, 0.5), "first_p95": pct(to_first, 0.95),
        "msg_p50": pct(per_message, 0.5), "msg_p95": pct(per_message, 0.95),
        "conversation_updates": dict(updates),
        "counts": {"telegram": data["telegram_counts"], "sms": data["sms_counts"], "rasa": data["rasa_counts"]},
    }


# --- the runs ------------------------------------------------------------------------------------------------

async def run_burst(args: argparse.Namespace, plan: Plan, crash: bool) -> dict:
    key, secret = Fernet.generate_key(), secrets.token_urlsafe(24)
    pool = [f"+1972555{n:04d}" for n in range(args.sms_numbers)]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        url, store = await fresh_store(args.store, key, tmp)
        fake_port = free_port()
        fakes = await start_fakes(fake_port, secret, True, args)
        worker = None
        try:
            await populate(store, plan)
            total = len(plan.subs)
            env = worker_env(url, key, fake_port, secret, pool, True, args, tmp)
            worker = await start_worker(env)
            started = time.time()
            accepted = await burst(store, plan)
            matched = sum((await states(store)).values())
            killed: dict = {}

            async def maybe_kill(counts: Dict[str, int]) -> None:
                nonlocal worker
                if crash and not killed and counts.get("sent", 0) >= args.kill_at * total:
                    worker.send_signal(signal.SIGKILL)
                    await worker.wait()
                    killed["in_flight"] = (await states(store)).get("sending", 0)
                    killed["at_sent"] = counts.get("sent", 0)
                    killed["at"] = time.time() - started
                    worker = await start_worker(env)

            final = await wait_finished(store, total, args.timeout, maybe_kill)
            await asyncio.sleep(2.0)  # conversation updates that follow the last sends
            elapsed = time.time() - started
            result = analyse(plan, records(fake_port), accepted)
            result.update(matched=matched, total=total, final=final, elapsed=elapsed, killed=killed,
                          limits={"telegram": args.telegram_rate, "sms": float(args.sms_numbers),
                                  "web": args.web_rate})
            stats = await store.delivery_stats()
            result["store_latency"] = stats["latency_seconds"]
            return result
        finally:
            for process in (worker, fakes):
                if process is not None and process.returncode is None:
                    process.terminate()
                    try:
                        await asyncio.wait_for(process.wait(), 20)
                    except asyncio.TimeoutError:
                        process.kill()
            await store.close()


async def reset_deliveries(store: Store) -> None:
    """Back to "queued", as if the burst had just been matched (for the next round)."""
    from sqlalchemy import delete, update

    from bot.store.models import deliveries, status_events

    async with store.engine.begin() as conn:
        await conn.execute(update(deliveries).values(state="queued", attempts=0, lease_until=None, sent_at=None,
                                                     last_error=None))
        await conn.execute(delete(status_events))


async def dispatcher_round(args, store, url, key, secret, tmp, total) -> Tuple[float, Dict[str, float]]:
    fake_port = free_port()
    fakes = await start_fakes(fake_port, secret, False, args)
    worker = None
    try:
        await reset_deliveries(store)
        pg_before = postgres_cpu()
        worker = await start_worker(worker_env(url, key, fake_port, secret, ["+19725550000"], False, args, tmp))
        worker_start_cpu, fake_start_cpu = cpu_seconds(worker.pid), cpu_seconds(fakes.pid)
        await wait_finished(store, total, args.timeout)
        await asyncio.sleep(1.0)
        cpu = {"dispatcher": cpu_seconds(worker.pid) - worker_start_cpu, "PostgreSQL": postgres_cpu() - pg_before,
               "fake": cpu_seconds(fakes.pid) - fake_start_cpu}
        data = records(fake_port)
    finally:
        for process in (worker, fakes):
            if process is not None and process.returncode is None:
                process.terminate()
                await process.wait()
    # from the first request to the last one (the conversation update after the last send)
    times = [row[0] for row in data["telegram"] + data["sms"] + data["rasa"]]
    sends = len(data["telegram"]) + len(data["sms"]) + sum(1 for row in data["rasa"] if row[3] == "socketio")
    if sends != total:
        raise RuntimeError(f"the dispatcher sent {sends} of {total}")
    return sends / (max(times) - min(times)), cpu


async def plain_round(args, secret, messages: List[dict]) -> Tuple[float, Dict[str, float]]:
    """bench/plain_loop.py in its own process, against fresh fakes."""
    fake_port = free_port()
    fakes = await start_fakes(fake_port, secret, False, args)
    try:
        fake_before = cpu_seconds(fakes.pid)
        command = [python(), "-m", "bench.plain_loop", "--port", str(fake_port), "--jwt-secret", secret,
                   "--concurrency", str(args.concurrency)] + (["--uvloop"] if uvloop_on() else [])
        process = await asyncio.create_subprocess_exec(*command, cwd=str(ROOT), env=dict(os.environ, PYTHONPATH=str(ROOT)),
                                                       stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        out, _ = await process.communicate("".join(json.dumps(m) + "\n" for m in messages).encode())
        result = json.loads(out)
        cpu = {"plain loop": result["cpu"], "fake": cpu_seconds(fakes.pid) - fake_before}
    finally:
        fakes.terminate()
        await fakes.wait()
    return result["rate"], cpu


def uvloop_on() -> bool:
    """The worker runs on uvloop unless PUSH_UVLOOP=0 (bot/push/worker.py); the baseline does the same."""
    if os.environ.get("PUSH_UVLOOP", "1") == "0":
        return False
    try:
        import uvloop  # noqa: F401
    except ImportError:
        return False
    return True


async def run_ratio(args: argparse.Namespace, plan: Plan) -> dict:
    """Rounds of (plain loop, dispatcher) on the same messages; the median of each, and their ratio."""
    key, secret = Fernet.generate_key(), secrets.token_urlsafe(24)
    rng = random.Random(plan.seed + 1)
    types = [rng.choice(EVENT_TYPES) for _ in range(plan.offenders)]
    details = {"facility": "Dallas County Jail", "court": "Dallas County Court", "date": "2026-12-14"}
    messages = [{"channel": channel, "address": address, "conversation": owner(channel, address),
                 "text": render_status(types[offender], language, name=name(offender), details=details,
                                       sms=channel == "sms"),
                 "slot": {"type": types[offender], "subscription_id": n + 1, "program": "vine", "details": details,
                          "occurred_at": "2026-11-30T02:00:00+00:00", "text": ""}}
                for n, (channel, address, offender, language) in enumerate(plan.subs)]
    rounds = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        url, store = await fresh_store(args.store, key, tmp)
        try:
            await populate(store, plan)
            await burst(store, plan)  # matched before the dispatcher starts: only its own speed counts
            total = len(plan.subs)
            for _ in range(args.rounds):
                plain = await plain_round(args, secret, messages)
                dispatched = await dispatcher_round(args, store, url, key, secret, tmp, total)
                rounds.append((dispatched, plain))
        finally:
            await store.close()
    dispatcher_rates = [d[0] for d, _ in rounds]
    plain_rates = [p[0] for _, p in rounds]
    ratios = [d / p for d, p in zip(dispatcher_rates, plain_rates)]
    return {"dispatcher": statistics.median(dispatcher_rates), "plain": statistics.median(plain_rates),
            "ratio": statistics.median(dispatcher_rates) / statistics.median(plain_rates), "ratios": ratios,
            "messages": total, "rounds": rounds}


def fmt(value: Optional[float], digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def report_burst(title: str, result: dict) -> None:
    print(f"\n== {title} ==")
    print(f"deliveries: {result['total']} matched from one burst; finished in {result['elapsed']:.0f} s; "
          f"final states {result['final']}")
    for channel in ("telegram", "sms", "web"):
        middle, whole = result["rates"].get(channel, (0.0, 0.0))
        limit = result["limits"][channel]
        unit = "segments" if channel == "sms" else "messages"
        counts = result["counts"]["rasa" if channel == "web" else channel]
        delivered = result["delivered_rates"].get(channel, (0.0, 0.0))[0]
        print(f"  {channel:9s} {result['delivered'].get(channel, 0):5d} delivered; sent (admitted by the API) "
              f"{middle:6.2f} {unit}/s of {limit:g} = {middle / limit:.3f} of the limit (whole run "
              f"{whole / limit:.3f}); delivered {delivered / limit:.3f} of it; API answers {counts}")
    print(f"  event → first delivery: p50 {fmt(result['first_p50'])} s, p95 {fmt(result['first_p95'])} s; "
          f"event → each message: p50 {fmt(result['msg_p50'])} s, p95 {fmt(result['msg_p95'])} s")
    print(f"  lost {result['lost']}, duplicates {result['duplicates']}, wrong recipient {result['wrong']}, "
          f"dead rows {result['final'].get('dead', 0)}; conversation updates {result['conversation_updates']}")
    if result["killed"]:
        k = result["killed"]
        print(f"  kill -9 at {k['at']:.0f} s ({k['at_sent']} sent); rows in flight (\"sending\") at the kill: "
              f"{k['in_flight']}; duplicates {result['duplicates']} (must be ≤ {k['in_flight']})")


async def main_async(args: argparse.Namespace) -> int:
    plan = Plan(args.telegram, args.sms, args.web, args.offenders, args.second)
    plan.build()
    print(f"plan: {len(plan.subs)} subscriptions ({dict(plan.expected())}) of "
          f"{args.telegram + args.sms + args.web} subscribers, {args.offenders} events in one burst; store "
          f"{args.store}; limits: Telegram {args.telegram_rate:g}/s overall and 1/s per chat, SMS "
          f"{args.sms_numbers} numbers × 1 segment/s, web {args.web_rate:g}/s; {args.error_rate:.0%} of requests "
          f"fail with 500", flush=True)
    ok = True
    if "limits" in args.runs:
        result = await run_burst(args, plan, crash=False)
        report_burst("limits, no crash", result)
        ok &= result["lost"] == 0 and result["duplicates"] == 0 and result["wrong"] == 0
    if "crash" in args.runs:
        result = await run_burst(args, plan, crash=True)
        report_burst("limits, kill -9 of the dispatcher part-way", result)
        ok &= result["lost"] == 0 and result["duplicates"] <= result["killed"].get("in_flight", 0)
    if "ratio" in args.runs:
        ratio_plan = Plan(args.ratio_telegram, args.ratio_sms, args.ratio_web, args.offenders, 0.0)
        ratio_plan.build()
        result = await run_ratio(args, ratio_plan)
        print(f"\n== throughput with no limits ({result['messages']} messages, {args.rounds} rounds, "
              f"concurrency {args.concurrency}) ==")
        for n, ((d_rate, d_cpu), (p_rate, p_cpu)) in enumerate(result["rounds"], 1):
            print(f"  round {n}: dispatcher {d_rate:5.0f} messages/s (CPU s: "
                  + ", ".join(f"{k} {v:.1f}" for k, v in d_cpu.items())
                  + f"); plain loop {p_rate:5.0f} messages/s (CPU s: "
                  + ", ".join(f"{k} {v:.1f}" for k, v in p_cpu.items()) + ")")
        print(f"  median: dispatcher {result['dispatcher']:.0f} messages/s; plain aiohttp loop {result['plain']:.0f} "
              f"messages/s; ratio {result['ratio']:.2f} (per round: "
              + ", ".join(f"{r:.2f}" for r in result["ratios"]) + ")")
    sys.stdout.flush()
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", default="limits,crash,ratio")
    parser.add_argument("--store", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--telegram", type=int, default=3000, help="Telegram subscribers")
    parser.add_argument("--sms", type=int, default=700, help="SMS subscribers")
    parser.add_argument("--web", type=int, default=1500, help="web-chat subscribers")
    parser.add_argument("--offenders", type=int, default=400, help="events in the burst (one per offender)")
    parser.add_argument("--second", type=float, default=0.1, help="share of subscribers following two offenders")
    parser.add_argument("--telegram-rate", type=float, default=30.0)
    parser.add_argument("--sms-numbers", type=int, default=8, help="sender numbers, 1 segment/s each")
    parser.add_argument("--web-rate", type=float, default=15.0)
    parser.add_argument("--error-rate", type=float, default=0.05)
    parser.add_argument("--lease", type=float, default=15.0, help="seconds before a dead dispatcher's rows are retried")
    parser.add_argument("--kill-at", type=float, default=0.4, help="share of deliveries sent when the kill comes")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--ratio-telegram", type=int, default=6000)
    parser.add_argument("--ratio-sms", type=int, default=2000)
    parser.add_argument("--ratio-web", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
