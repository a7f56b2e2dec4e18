"""make bench: our bot against a stock `rasa init` bot, measured in the same run.

Both are built in temporary folders with the same venv, then measured over loopback,
alternating between the two bots round by round so machine noise hits both alike:
latency p50/p95/p99 for 1 conversation and for 20 concurrent ones (ours also through
the front door), messages per second, errors, Rasa server RSS, cold start (process
start to first answered message), full training time, and retrain time after adding
ten examples; and what the pretrained word vectors cost: two NLU models trained on the
same data with and without them, each in its own process, median parse time and memory.
Prints a markdown table and writes it to results/bench.md.
Bounded: a fixed number of messages per round; everything stops by itself.
"""
import asyncio
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

import aiohttp
import yaml

from project import PROJECT_ROOT, process_env
from scripts.stack import Stack, StackConfig, free_port, rss_mb

RASA = str(Path(sys.executable).parent / "rasa")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
SINGLE_MESSAGES = int(os.environ.get("BENCH_SINGLE_MESSAGES", "100"))
CONCURRENT = 20
CONCURRENT_MESSAGES = int(os.environ.get("BENCH_CONCURRENT_MESSAGES", "10"))  # per conversation per round
OURS_MESSAGES = ["hi", "man said carry this to the station", "they say i owe them", "i live in hinckley",
                 "will i get in trouble", "who can i talk to", "they want me to go OT", "thanks"]
STOCK_MESSAGES = ["hi", "i am sad", "yes", "are you a bot", "great", "no", "bye", "good morning"]
ENV = {**os.environ, **process_env()}


def timed_run(command: List[str], cwd: Path, env=None) -> float:
    started = time.monotonic()
    subprocess.run(command, cwd=cwd, env=env or ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def copy_project(dest: Path) -> None:
    for name in ("config.yml", "domain.yml", "endpoints.yml", "credentials.yml", "project.py", "data", "addons",
                 "safeguarding", "actions"):
        source = PROJECT_ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, dest / name)
    (dest / "build").symlink_to(PROJECT_ROOT / "build")


def add_ten_examples(project: Path) -> None:
    extra = "\n".join(f"      - some older lad asked me to drop a parcel off number {i}" for i in range(10))
    path = project / "data" / "nlu" / "exploitation.yml"
    text = path.read_text().replace("  - intent: asked_to_carry\n    examples: |\n",
                                    "  - intent: asked_to_carry\n    examples: |\n" + extra + "\n", 1)
    path.write_text(text)


# The components the word-vector pipeline adds (issue 18): the bench removes them to
# measure today's pipeline against it.
WORD_VECTOR_COMPONENTS = ("addons.word_vector_featurizer.WordVectorFeaturizer", "addons.context_padding.ContextPadding")


def word_vector_cost(project: Path, env: dict) -> Dict[str, str]:
    """Median parse time and resident memory of the NLU with and without the word vectors."""
    config = yaml.safe_load((project / "config.yml").read_text())
    config["pipeline"] = [c for c in config["pipeline"] if c["name"] not in WORD_VECTOR_COMPONENTS]
    (project / "config-without-vectors.yml").write_text(yaml.safe_dump(config))
    probes = {}
    for name, config_file in (("without", "config-without-vectors.yml"), ("with", "config.yml")):
        subprocess.run([RASA, "train", "nlu", "--config", config_file, "--out", "nlu-models", "--fixed-model-name", name],
                       cwd=project, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        probe = subprocess.run([sys.executable, "-m", "scripts.parse_probe", str(project / "nlu-models" / f"{name}.tar.gz"),
                                json.dumps(OURS_MESSAGES)],
                               cwd=PROJECT_ROOT, env=env, check=True, capture_output=True, text=True)
        probes[name] = json.loads(probe.stdout.strip().splitlines()[-1])
    without, with_ = probes["without"], probes["with"]
    return {
        "NLU parse p50 without -> with word vectors (ms)": f"{without['p50_ms']:.1f} -> {with_['p50_ms']:.1f}",
        "NLU process RSS without -> with word vectors (MB)": f"{without['rss_mb']:.0f} -> {with_['rss_mb']:.0f}",
    }


def wait_answer(url: str, payload: dict, timeout_s: float = 300) -> None:
    import urllib.request
    import json

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, json.dumps(payload).encode(), {"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status == 200 and json.loads(response.read()):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"no answer from {url}")


class Target:
    def __init__(self, name: str, url: str, body, messages: List[str]):
        self.name, self.url, self.body, self.messages = name, url, body, messages
        self.single: List[float] = []
        self.concurrent: List[float] = []
        self.concurrent_seconds = 0.0
        self.errors = 0


async def one_conversation(http, target: Target, count: int, sink: List[float]) -> None:
    sender = secrets.token_hex(16)
    for i in range(count):
        started = time.perf_counter()
        try:
            async with http.post(target.url, json=target.body(sender, target.messages[i % len(target.messages)]),
                                 timeout=aiohttp.ClientTimeout(total=30)) as response:
                await response.read()
                if response.status != 200:
                    target.errors += 1
        except (aiohttp.ClientError, asyncio.TimeoutError):
            target.errors += 1
        sink.append(time.perf_counter() - started)


async def measure(targets: List[Target]) -> None:
    async with aiohttp.ClientSession() as http:
        for target in targets:  # warm up
            await one_conversation(http, target, 10, [])
        for _ in range(ROUNDS):
            for target in targets:
                await one_conversation(http, target, SINGLE_MESSAGES, target.single)
            for target in targets:
                started = time.perf_counter()
                await asyncio.gather(*(one_conversation(http, target, CONCURRENT_MESSAGES, target.concurrent)
                                       for _ in range(CONCURRENT)))
                target.concurrent_seconds += time.perf_counter() - started


def pct(values: List[float], p: int) -> str:
    return f"{statistics.quantiles(values, n=100)[p - 1] * 1000:.0f}" if len(values) > 1 else "-"


def start_stock(project: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen([RASA, "run", "--interface", "127.0.0.1", "--port", str(port), "--model", "models"],
                            cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    stock_dir, ours_dir = work / "stock", work / "ours"
    stock_dir.mkdir()
    ours_dir.mkdir()
    figures: Dict[str, Dict[str, str]] = {"stock rasa init": {}, "ours": {}}
    stack: Optional[Stack] = None
    stock: Optional[subprocess.Popen] = None
    try:
        print("==> Training the stock bot (rasa init) and ours, from scratch", flush=True)
        subprocess.run([RASA, "init", "--no-prompt", "--init-dir", str(stock_dir)], cwd=work, env=ENV, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # rasa init has trained once already: drop its model and its training cache.
        shutil.rmtree(stock_dir / "models")
        shutil.rmtree(stock_dir / ".rasa", ignore_errors=True)
        figures["stock rasa init"]["full training (s)"] = f"{timed_run([RASA, 'train', '--out', 'models'], stock_dir):.0f}"
        copy_project(ours_dir)
        env = {**ENV, "PYTHONPATH": str(ours_dir)}
        figures["ours"]["full training (s)"] = f"{timed_run([RASA, 'train', '--out', 'models'], ours_dir, env):.0f}"
        add_ten_examples(ours_dir)
        add_ten_examples_stock = stock_dir / "data" / "nlu.yml"
        add_ten_examples_stock.write_text(add_ten_examples_stock.read_text().replace(
            "- intent: greet\n  examples: |\n", "- intent: greet\n  examples: |\n"
            + "\n".join(f"    - hello there friend {i}" for i in range(10)) + "\n", 1))
        figures["ours"]["retrain +10 examples (s)"] = f"{timed_run([RASA, 'train', '--out', 'models'], ours_dir, env):.0f}"
        figures["stock rasa init"]["retrain +10 examples (s)"] = f"{timed_run([RASA, 'train', '--out', 'models'], stock_dir):.0f}"
        print("==> What the word vectors cost", flush=True)
        figures["ours"].update(word_vector_cost(ours_dir, env))

        print("==> Cold starts", flush=True)
        stock_port = free_port()
        started = time.monotonic()
        stock = start_stock(stock_dir, stock_port)
        wait_answer(f"http://127.0.0.1:{stock_port}/webhooks/rest/webhook", {"sender": "cold", "message": "hi"})
        figures["stock rasa init"]["cold start (s)"] = f"{time.monotonic() - started:.1f}"

        config = StackConfig(rasa_ports=[free_port()], action_ports=[free_port()], frontdoor_port=free_port(),
                             tracker_db=str(work / "tracker.db"), model=str(PROJECT_ROOT / "models"), log_dir=work / "logs")
        config.extra_env.update({"RATE_PER_CLIENT_PER_MINUTE": "100000000", "RATE_PER_SESSION_PER_MINUTE": "100000",
                                 "RATE_OVERALL_PER_MINUTE": "100000000"})
        started = time.monotonic()
        stack = Stack(config)
        stack.start()
        wait_answer(f"http://127.0.0.1:{config.rasa_port}/webhooks/rest/webhook", {"sender": "cold", "message": "hi"})
        figures["ours"]["cold start (s)"] = f"{time.monotonic() - started:.1f}"
        stack.wait_healthy(120)

        print(f"==> Load: {ROUNDS} rounds, alternating bots; {SINGLE_MESSAGES} messages in 1 conversation, "
              f"then {CONCURRENT} conversations x {CONCURRENT_MESSAGES} messages", flush=True)
        rasa_body = lambda sender, text: {"sender": sender, "message": text}  # noqa: E731
        door_body = lambda sender, text: {"session_id": sender, "message": text}  # noqa: E731
        ours_rasa = Target("ours", f"http://127.0.0.1:{config.rasa_port}/webhooks/rest/webhook", rasa_body, OURS_MESSAGES)
        stock_rasa = Target("stock", f"http://127.0.0.1:{stock_port}/webhooks/rest/webhook", rasa_body, STOCK_MESSAGES)
        ours_door = Target("door", f"http://127.0.0.1:{config.frontdoor_port}/api/chat", door_body, OURS_MESSAGES)
        asyncio.run(measure([ours_rasa, stock_rasa, ours_door]))

        for name, target in (("ours", ours_rasa), ("stock rasa init", stock_rasa)):
            f = figures[name]
            f["1 conv p50/p95/p99 (ms)"] = f"{pct(target.single, 50)} / {pct(target.single, 95)} / {pct(target.single, 99)}"
            f["20 conv p50/p95/p99 (ms)"] = f"{pct(target.concurrent, 50)} / {pct(target.concurrent, 95)} / {pct(target.concurrent, 99)}"
            f["20 conv messages/s"] = f"{len(target.concurrent) / target.concurrent_seconds:.1f}"
            f["errors"] = str(target.errors)
        figures["ours"]["front door 1 conv p50/p95/p99 (ms)"] = (
            f"{pct(ours_door.single, 50)} / {pct(ours_door.single, 95)} / {pct(ours_door.single, 99)}")
        figures["ours"]["front door 20 conv messages/s"] = f"{len(ours_door.concurrent) / ours_door.concurrent_seconds:.1f}"
        figures["ours"]["errors"] = str(ours_rasa.errors + ours_door.errors)
        figures["ours"]["Rasa server RSS (MB)"] = f"{rss_mb(stack.processes['rasa'].pid):.0f}"
        figures["stock rasa init"]["Rasa server RSS (MB)"] = f"{rss_mb(stock.pid):.0f}"
    finally:
        if stack:
            stack.stop()
        if stock and stock.poll() is None:
            os.killpg(stock.pid, 15)
            stock.wait(20)
        shutil.rmtree(work, ignore_errors=True)

    rows = sorted({key for f in figures.values() for key in f}, key=list(figures["ours"]).index)
    table = ["| measure | ours | stock rasa init |", "|---|---|---|"]
    table += [f"| {row} | {figures['ours'].get(row, '-')} | {figures['stock rasa init'].get(row, '-')} |" for row in rows]
    machine = f"{os.cpu_count()} cores, {round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB, Python {sys.version.split()[0]}"
    report = f"# Benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {machine})\n\n" + "\n".join(table) + "\n"
    out = PROJECT_ROOT / "results"
    out.mkdir(exist_ok=True)
    (out / "bench.md").write_text(report)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
