"""The only way a model reaches models/: validate the data, train a candidate, check it
against the held-out sets, promote it only if it passes, and have running Rasa servers
load it (Rasa's PUT /model: conversations carry on, they live in the tracker store).

    python -m scripts.retrain [--reload URL ...] [--token TOKEN] [--keep-serving]

With no --reload, the servers of a running `make run`/`make run-production` are found in
var/stack.json. Works on the project this script lives in (tests run it in a copy).
Exit status: 0 promoted, 1 refused (the current model stays), 2 invalid data or failed training.

A refusal names what failed and the file that caused it: the files changed since the
last promoted model (whose fingerprints are kept beside it). With --keep-serving (make
run), a refusal or failure with a promoted model in place is said in one line and exits
0, so the last promoted model is served. A refusal is remembered (build/gate-refused.json)
with the files it was for: until they change, --keep-serving says the line again
without training again.
"""
import argparse
import asyncio
import json
import logging
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import List, Optional

from project import PROJECT_ROOT, process_env
from training import inputs, refusal, report
from training.gate import decide

MODEL = PROJECT_ROOT / "models" / "llr-helper.tar.gz"
MODEL_INPUTS = MODEL.with_name("llr-helper.inputs.json")  # fingerprints of what it was trained from
WORK = PROJECT_ROOT / "build" / "retrain"
STACK_FILE = PROJECT_ROOT / "var" / "stack.json"
# The last refusal: its line and the files it was for (--keep-serving).
REFUSED = PROJECT_ROOT / "build" / "gate-refused.json"
RASA = Path(sys.executable).parent / "rasa"


def step(text: str) -> None:
    print(f"==> {text}", flush=True)


def rasa(*arguments: str) -> bool:
    env = {**os.environ, **process_env(PROJECT_ROOT)}
    return subprocess.run([str(RASA), *arguments], cwd=PROJECT_ROOT, env=env).returncode == 0


async def evaluate_both(candidate: Path):
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    from training.model_check import evaluate

    # Rasa logs every parse at debug level; the report says what matters.
    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)

    new = await evaluate(candidate, PROJECT_ROOT)
    current = await evaluate(MODEL, PROJECT_ROOT) if MODEL.exists() else None
    return new, current


def running_servers(urls: List[str], token: Optional[str]):
    if urls:
        return urls, token
    if STACK_FILE.exists():
        running = json.loads(STACK_FILE.read_text())
        return running["rasa_urls"], running["token"]
    return [], None


def reload(urls: List[str], token: Optional[str]) -> bool:
    """One server after the other, so the others keep answering while one loads."""
    body = json.dumps({"model_file": str(MODEL)}).encode()
    ok = True
    for url in urls:
        request = urllib.request.Request(f"{url}/model?token={token}", data=body, method="PUT",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                print(f"    {url} loaded the new model ({response.status})")
        except OSError as error:
            ok = False
            print(f"    {url} did not load it ({error}); restart it to use the new model", file=sys.stderr)
    return ok


def serving(why: str) -> str:
    promoted = time.strftime("%Y-%m-%d %H:%M", time.localtime(MODEL.stat().st_mtime))
    return f"==> Retrain refused ({why}). Serving the last promoted model, {MODEL.relative_to(PROJECT_ROOT)} of {promoted}."


def refused(failed, trained_from, keep_serving: bool, code: int) -> int:
    """Says why in one line; with keep_serving and a promoted model, serves that one."""
    why = refusal.line(failed, inputs.changed(inputs.load(MODEL_INPUTS), trained_from))
    REFUSED.parent.mkdir(parents=True, exist_ok=True)
    REFUSED.write_text(json.dumps({"why": why, "inputs": trained_from}), encoding="utf-8")
    if not (keep_serving and MODEL.exists()):
        print(f"REFUSED: {why}. The current model stays." if MODEL.exists() else f"No model: {why}.", file=sys.stderr)
        return code
    print(serving(why), flush=True)
    return 0


def refused_before(trained_from) -> bool:
    """The same files were refused last time: say so again rather than train again."""
    try:
        last = json.loads(REFUSED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if last.get("inputs") != trained_from or not MODEL.exists():
        return False
    print(serving(last["why"]), flush=True)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reload", action="append", default=[], metavar="URL", help="a Rasa server to load the new model")
    parser.add_argument("--token", default=os.environ.get("RASA_TOKEN"), help="the Rasa servers' API token")
    parser.add_argument("--keep-serving", action="store_true",
                        help="on a refusal, exit 0 if there is a promoted model to serve (make run)")
    args = parser.parse_args()
    trained_from = inputs.fingerprints(PROJECT_ROOT)
    if args.keep_serving and refused_before(trained_from):
        return 0

    step("Validating the training data (warnings fail)")
    if not rasa("data", "validate", "--fail-on-warnings", "--quiet"):
        return refused([refusal.VALIDATE], trained_from, args.keep_serving, 2)
    step("Training a candidate model")
    shutil.rmtree(WORK, ignore_errors=True)
    if not rasa("train", "--fixed-model-name", "candidate", "--out", str(WORK)):
        return refused([refusal.TRAIN], trained_from, args.keep_serving, 2)
    candidate = WORK / "candidate.tar.gz"
    step("Checking it against the test set and the safety sets" + (" (and the current model)" if MODEL.exists() else ""))
    new, current = asyncio.run(evaluate_both(candidate))
    decision = decide(new, current)
    written = report.write(PROJECT_ROOT / "results" / "retrain" / time.strftime("%Y%m%d-%H%M%S"), new, current, decision)
    print(report.render(new, current, decision))
    print(f"Report: {written}")
    if not decision.promote:
        return refused(decision.failed, trained_from, args.keep_serving, 1)
    MODEL.parent.mkdir(exist_ok=True)
    os.replace(candidate, MODEL)
    inputs.save(MODEL_INPUTS, trained_from)
    REFUSED.unlink(missing_ok=True)
    step(f"Promoted to {MODEL.relative_to(PROJECT_ROOT)}")
    urls, token = running_servers(args.reload, args.token)
    if urls:
        step("Loading it into the running Rasa servers")
        reload(urls, token)
    return 0


if __name__ == "__main__":
    sys.exit(main())
