"""make soak: a bounded soak test with faults injected, over loopback only.

Starts its own stack on free ports, runs CONVERSATIONS concurrent conversations for
SOAK_SECONDS (default 300), and meanwhile kills and restarts the action server and
restarts Rasa. Every message must get an answer (the front door's safe reply while
parts are down) and no 5xx; the server's memory is sampled to show it does not grow
without bound. Prints its figures and exits non-zero if any message went unanswered.
"""
import asyncio
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from project import PROJECT_ROOT
from scripts.stack import Stack, StackConfig, free_port, rss_mb

SECONDS = float(os.environ.get("SOAK_SECONDS", "300"))
CONVERSATIONS = int(os.environ.get("SOAK_CONVERSATIONS", "20"))
MESSAGES = [
    "hi", "man said carry this to the station", "they say i owe them", "i live in hinckley",
    "will i get in trouble", "who can i talk to", "they want me to go OT", "i want out",
    "theyre outside my house", "my friend keeps going missing", "thanks", "bye",
]


class Tally:
    def __init__(self):
        self.latencies, self.statuses, self.unanswered, self.fallbacks = [], {}, 0, 0


async def conversation(http, url, tally, deadline):
    session_id = secrets.token_hex(16)
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            async with http.post(url, json={"session_id": session_id, "message": random.choice(MESSAGES)},
                                 timeout=aiohttp.ClientTimeout(total=15)) as response:
                body = await response.json()
                tally.statuses[response.status] = tally.statuses.get(response.status, 0) + 1
                if response.status != 200 or not body.get("messages"):
                    tally.unanswered += 1
                elif body["messages"][0]["text"].startswith("Sorry, I can't answer properly"):
                    tally.fallbacks += 1
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            tally.unanswered += 1
        tally.latencies.append(time.monotonic() - started)
        await asyncio.sleep(random.uniform(0.5, 1.5))


async def faults(stack, deadline, log):
    schedule = [(0.2, "kill the action server"), (0.35, "restart the action server"), (0.6, "restart Rasa")]
    start = time.monotonic()
    for fraction, what in schedule:
        await asyncio.sleep(max(0.0, start + fraction * SECONDS - time.monotonic()))
        log.append(f"{time.monotonic() - start:6.0f} s  {what}")
        if what == "kill the action server":
            stack.stop_one("actions")
        elif what == "restart the action server":
            stack.restart("actions")
        else:
            stack.restart("rasa")


async def memory(stack, deadline, samples):
    while time.monotonic() < deadline:
        process = stack.processes.get("rasa")
        if process and process.poll() is None:
            samples.append(rss_mb(process.pid))
        await asyncio.sleep(5)


async def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="soak-"))
    config = StackConfig(rasa_ports=[free_port()], action_ports=[free_port()], frontdoor_port=free_port(),
                         tracker_db=str(workdir / "tracker.db"), log_dir=PROJECT_ROOT / "results" / "soak-logs")
    # Faults are under test here, not the rate limits: all traffic comes from one address.
    config.extra_env["RATE_PER_CLIENT_PER_MINUTE"] = "1000000"
    config.extra_env["RATE_PER_SESSION_PER_MINUTE"] = "1000"
    config.extra_env["RATE_OVERALL_PER_MINUTE"] = "1000000"
    stack = Stack(config)
    stack.start()
    try:
        if not stack.wait_healthy(240):
            print("stack did not become healthy", file=sys.stderr)
            return 1
        print(f"==> Soak: {CONVERSATIONS} conversations for {SECONDS:.0f} s, with faults", flush=True)
        tally, fault_log, rss = Tally(), [], []
        deadline = time.monotonic() + SECONDS
        url = f"http://127.0.0.1:{config.frontdoor_port}/api/chat"
        async with aiohttp.ClientSession() as http:
            await asyncio.gather(
                *(conversation(http, url, tally, deadline) for _ in range(CONVERSATIONS)),
                faults(stack, deadline, fault_log),
                memory(stack, deadline, rss),
            )
    finally:
        stack.stop()
    sent = len(tally.latencies)
    fivexx = sum(n for status, n in tally.statuses.items() if status >= 500)
    quantiles = statistics.quantiles(tally.latencies, n=100) if sent > 1 else [0] * 99
    print("\n".join(fault_log))
    print(f"messages sent        {sent}")
    print(f"answered             {sent - tally.unanswered}  (safe fallback while parts were down: {tally.fallbacks})")
    print(f"unanswered           {tally.unanswered}")
    print(f"HTTP statuses        {dict(sorted(tally.statuses.items()))}")
    print(f"5xx                  {fivexx}")
    print(f"latency p50/p95/max  {quantiles[49] * 1000:.0f} / {quantiles[94] * 1000:.0f} / {max(tally.latencies) * 1000:.0f} ms")
    if rss:
        print(f"Rasa RSS MB first/last/max  {rss[0]:.0f} / {rss[-1]:.0f} / {max(rss):.0f}")
    return 0 if tally.unanswered == 0 and fivexx == 0 and sent > 0 else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
