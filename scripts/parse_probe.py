"""One NLU model in a process of its own, for make bench: its resident memory once loaded
and the median time to parse a message (what /model/parse does, without the HTTP).
Prints one JSON line."""
import asyncio
import json
import os
import statistics
import sys
import time

from rasa.core.agent import Agent

from scripts.stack import rss_mb

ROUNDS = 25


async def probe(model: str, messages: list) -> dict:
    agent = Agent.load(model)
    await agent.parse_message("warm up")
    times = []
    for _ in range(ROUNDS):
        for text in messages:
            started = time.perf_counter()
            await agent.parse_message(text)
            times.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": statistics.median(times), "rss_mb": rss_mb(os.getpid())}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(probe(sys.argv[1], json.loads(sys.argv[2])))))
