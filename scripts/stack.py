"""Starts the whole product and stops all of it on Ctrl-C or SIGTERM.

    action server  127.0.0.1:ACTION_PORT (5055)
    Rasa server    127.0.0.1:RASA_PORT   (5005), REST channel + HTTP API (token: RASA_TOKEN or a random one)
    front door     FRONTDOOR_HOST:FRONTDOOR_PORT (localhost:8080)

Each runs in its own process group, so stopping the stack leaves nothing behind.
Tests, the soak and the bench use the same launcher on free ports (free_port).

    python -m scripts.stack     (make run)
"""
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from project import PROJECT_ROOT, process_env, setting
from scripts.private_files import UMASK, open_private, private_dir, private_file


@dataclass
class StackConfig:
    # One Rasa server and one action server by default; the production profile runs more.
    rasa_ports: List[int] = field(default_factory=lambda: [int(setting("RASA_PORT"))])
    action_ports: List[int] = field(default_factory=lambda: [int(setting("ACTION_PORT"))])
    frontdoor_port: int = field(default_factory=lambda: int(setting("FRONTDOOR_PORT")))
    frontdoor_host: str = field(default_factory=lambda: setting("FRONTDOOR_HOST"))
    tracker_db: str = field(default_factory=lambda: setting("TRACKER_DB"))
    model: str = field(default_factory=lambda: setting("RASA_MODEL"))
    endpoints: str = field(default_factory=lambda: setting("RASA_ENDPOINTS"))
    # Rasa's HTTP API always needs a token: the one given, or a fresh one per run.
    token: str = field(default_factory=lambda: os.environ.get("RASA_TOKEN") or secrets.token_urlsafe(24))
    log_dir: Optional[Path] = None  # None: output goes to this terminal
    root: Path = PROJECT_ROOT  # the project the processes run from (tests use a copy)
    extra_env: Dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://localhost:{self.frontdoor_port}"

    @property
    def rasa_port(self) -> int:
        return self.rasa_ports[0]

    @property
    def action_port(self) -> int:
        return self.action_ports[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, from /proc."""
    total = 0
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            total += rss_mb(int(child)) * 1024
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    except FileNotFoundError:
        pass
    return total / 1024


def process_name(base: str, index: int) -> str:
    return base if index == 0 else f"{base}-{index + 1}"


def base_env(config: StackConfig) -> Dict[str, str]:
    env = {**os.environ, **process_env(config.root)}
    env.update(
        {
            # Every process finds the tracker store in the same endpoints file (project.py).
            "RASA_ENDPOINTS": config.endpoints,
            "TRACKER_DB": config.tracker_db,
            "SANIC_HOST": "127.0.0.1",  # the action server listens on loopback only
            "RASA_URLS": ",".join(f"http://127.0.0.1:{port}" for port in config.rasa_ports),
            "ACTION_HEALTH_URLS": ",".join(f"http://127.0.0.1:{port}/health" for port in config.action_ports),
            "FRONTDOOR_HOST": config.frontdoor_host,
            "FRONTDOOR_PORT": str(config.frontdoor_port),
        }
    )
    env["RASA_TOKEN"] = config.token
    env.update(config.extra_env)
    return env


def commands(config: StackConfig) -> Dict[str, Tuple[List[str], Dict[str, str]]]:
    """Each process: its command and the environment it needs beyond base_env."""
    specs: Dict[str, Tuple[List[str], Dict[str, str]]] = {}
    for index, port in enumerate(config.action_ports):
        command = [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)]
        specs[process_name("actions", index)] = (command, {})
    for index, port in enumerate(config.rasa_ports):
        action_port = config.action_ports[index % len(config.action_ports)]
        command = [
            # `rasa run`, with the token from RASA_TOKEN (not on the command line) and warnings logged
            sys.executable, "-m", "addons.server", "run", "--enable-api",
            "--interface", "127.0.0.1", "--port", str(port),
            "--model", config.model, "--endpoints", config.endpoints,
            "--credentials", str(config.root / "credentials.yml"),
            "--logging-config-file", str(config.root / "logging.yml"),
        ]
        specs[process_name("rasa", index)] = (command, {"ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook"})
    specs["frontdoor"] = ([sys.executable, "-m", "frontdoor"], {})
    return specs


class Stack:
    def __init__(self, config: StackConfig):
        self.config = config
        self.processes: Dict[str, subprocess.Popen] = {}

    def start(self) -> None:
        private_dir(self.config.root / "var")
        Path(self.config.tracker_db).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        private_file(Path(self.config.tracker_db))
        for name in commands(self.config):
            self.start_one(name)

    def start_one(self, name: str) -> None:
        command, own_env = commands(self.config)[name]
        env = {**base_env(self.config), **own_env}
        output = None
        if self.config.log_dir:
            output = open_private(private_dir(self.config.log_dir) / f"{name}.log")
        self.processes[name] = subprocess.Popen(
            command, cwd=self.config.root, env=env, stdout=output, stderr=subprocess.STDOUT if output else None,
            start_new_session=True, umask=UMASK,
        )

    def restart(self, name: str) -> None:
        self.stop_one(name)
        self.start_one(name)

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.config.frontdoor_port}/healthz", timeout=3) as r:
                return r.status == 200
        except OSError:
            return False

    def wait_healthy(self, timeout_s: float = 180) -> bool:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            dead = [n for n, p in self.processes.items() if p.poll() is not None]
            if dead:
                raise RuntimeError(f"{', '.join(dead)} stopped while starting")
            if self.healthy():
                return True
            time.sleep(0.5)
        return False

    def stop_one(self, name: str, grace_s: float = 10) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(grace_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass

    def stop(self) -> None:
        # The front door first, so nothing new arrives while the rest stop.
        for name in sorted(self.processes, key=lambda n: n != "frontdoor"):
            self.stop_one(name)


def serve(stack: Stack, what: str, cleanup: Callable[[], None] = lambda: None) -> int:
    """Starts the stack, says when it is ready, and on Ctrl-C or SIGTERM (or if a
    process dies) stops all of it, then runs `cleanup`."""
    stopping = False

    def on_signal(_signum, _frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    print(f"==> Starting {what}...", flush=True)
    started = time.monotonic()
    try:
        stack.start()
        while not stopping and not stack.healthy():
            if any(p.poll() is not None for p in stack.processes.values()):
                print("A process stopped while starting; see the output above.", file=sys.stderr)
                return 1
            time.sleep(0.5)
        if not stopping:
            write_stack_file(stack.config)
            print(f"\n==> Ready in {time.monotonic() - started:.0f} s. Open {stack.config.url}  (Ctrl-C stops everything)\n", flush=True)
        while not stopping:
            if any(p.poll() is not None for p in stack.processes.values()):
                print("A process stopped unexpectedly; stopping the rest.", file=sys.stderr)
                return 1
            time.sleep(0.5)
        return 0
    finally:
        print("==> Stopping...", flush=True)
        stack_file(stack.config).unlink(missing_ok=True)
        stack.stop()
        cleanup()


def stack_file(config: StackConfig) -> Path:
    return config.root / "var" / "stack.json"


def write_stack_file(config: StackConfig) -> None:
    """Where the running Rasa servers are and their token (owner-only), so
    `make retrain` can have them load a promoted model."""
    path = stack_file(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump({"rasa_urls": [f"http://127.0.0.1:{port}" for port in config.rasa_ports], "token": config.token}, handle)


def main() -> int:
    return serve(Stack(StackConfig()), "the action server, the Rasa server (loading the model) and the front door")


if __name__ == "__main__":
    sys.exit(main())
