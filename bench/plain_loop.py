"""The baseline of the fan-out benchmark's throughput run: a plain aiohttp loop, in a process of its
own that loads nothing else, sending the requests the dispatcher sends for the same messages (the
channel's API call, then the conversation update; for the web chat the update alone), with a fixed
number of concurrent workers. Reads the messages as JSON lines on stdin; prints messages/s and CPU s.

    python -m bench.plain_loop --port P --jwt-secret S --concurrency 200 < messages.jsonl
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time

import aiohttp
import jwt

from bench import AUTH, SID, TOKEN


async def run(port: int, secret: str, messages: list, concurrency: int) -> float:
    base = f"http://127.0.0.1:{port}"
    token = jwt.encode({"user": {"username": "dispatcher", "role": "admin"}, "exp": int(time.time()) + 600},
                       secret, algorithm="HS256")
    headers = {"Authorization": f"Bearer {token}"}
    auth = aiohttp.BasicAuth(SID, AUTH)
    queue = list(reversed(messages))

    async def append(session, message, output=None):
        now = time.time()
        events = [{"event": "bot", "text": message["text"], "timestamp": now},
                  {"event": "slot", "name": "last_status", "value": message["slot"]["type"], "timestamp": now},
                  {"event": "slot", "name": "last_event", "value": message["slot"], "timestamp": now}]
        params = {"output_channel": output, "execute_side_effects": "true"} if output else {}
        async with session.post(f"{base}/conversations/{message['conversation']}/tracker/events", json=events,
                                params=params, headers=headers) as response:
            await response.read()

    async def worker(session):
        while queue:
            message = queue.pop()
            if message["channel"] == "telegram":
                async with session.post(f"{base}/bot{TOKEN}/sendMessage",
                                        json={"chat_id": int(message["address"]), "text": message["text"]}) as response:
                    await response.read()
                await append(session, message)
            elif message["channel"] == "sms":
                async with session.post(f"{base}/2010-04-01/Accounts/{SID}/Messages.json", auth=auth,
                                        data={"To": message["address"], "From": "+19725550000",
                                              "Body": message["text"]}) as response:
                    await response.read()
                await append(session, message)
            else:
                await append(session, message, "socketio")

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=200)) as session:
        started = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
        return len(messages) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--jwt-secret", required=True)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--uvloop", action="store_true", help="on uvloop, as the dispatcher")
    args = parser.parse_args()
    messages = [json.loads(line) for line in sys.stdin if line.strip()]
    if args.uvloop:
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    started = time.process_time()
    rate = asyncio.run(run(args.port, args.jwt_secret, messages, args.concurrency))
    print(json.dumps({"rate": rate, "cpu": time.process_time() - started}))


if __name__ == "__main__":
    main()
