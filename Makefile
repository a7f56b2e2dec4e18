# Two commands are the contract: `make run` and `make test` (README). Each does the
# set-up it needs and skips what is already done: the venv is rebuilt only when a
# requirements file changes, the model only when training data or config changes.

SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
SPACY_PIPELINE := build/spacy/en_llr/meta.json
WORD_VECTORS := build/wordllama/l2_supercat_256.safetensors
MODEL := models/llr-helper.tar.gz
# What a model is trained from, listed once in training/inputs.txt (the retrain reads it too).
TRAIN_INPUTS := $(wildcard $(shell sed 's/\#.*//' training/inputs.txt))

# The environment every process runs with, written once in process.env (project.py
# reads the same file for the processes the scripts start).
include process.env
export $(shell sed -n 's/^\([A-Z_][A-Z0-9_]*\)=.*/\1/p' process.env)
export PYTHONPATH := $(CURDIR)

.PHONY: help install model retrain run run-production test check lint unit validate pytest story-test evaluate soak audit bench screenshots

help:
	@echo "make run    set up (venv, spaCy pipeline, model) and start the bot at http://localhost:8080"
	@echo "make test   set up and run every test (lint, data validation, pytest, Rasa story tests)"
	@echo "make check  lint and the unit tests only: no model, servers or browser (under a minute)"

$(VENV)/.runtime-installed: requirements.txt
	@echo "==> [1/3] Installing the runtime into $(VENV) (first time: about 3 minutes)"
	@test -x $(PY) || { python=$$(scripts/find_python.sh) && $$python -m venv $(VENV); }
	@$(PY) -m pip install --quiet --upgrade pip wheel
	@$(PY) -m pip install --progress-bar on -r requirements.txt
	@touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.runtime-installed
	@echo "==> Installing test tools"
	@$(PY) -m pip install --quiet -r requirements-test.txt
	@touch $@

# Browser tests: Debian's Chromium (no browser download works here) and axe-core.
CHROMIUM := /usr/bin/chromium
AXE_VERSION := 4.11.0
AXE := build/npm/node_modules/axe-core/axe.min.js

$(CHROMIUM):
	@echo "==> Installing Debian's chromium for the browser tests"
	@apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null

# Fonts for every script of data/i18n (Gujarati, Gurmukhi, Bengali, Arabic, Urdu's Nastaliq):
# the browser tests check each language is drawn with a font that has its letters.
NOTO := /usr/share/fonts/truetype/noto/NotoSansGujarati-Regular.ttf
$(NOTO):
	@echo "==> Installing Debian's Noto fonts for the languages' browser tests"
	@apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core > /dev/null

$(AXE):
	@echo "==> Installing axe-core $(AXE_VERSION) for the accessibility tests"
	@npm install --prefix build/npm --no-audit --no-fund --no-package-lock --silent axe-core@$(AXE_VERSION)

$(SPACY_PIPELINE): scripts/build_spacy.py $(VENV)/.runtime-installed
	@echo "==> [2/3] Building the spaCy pipeline from spacy.blank('en')"
	@$(PY) -m scripts.build_spacy

# Pretrained word vectors (addons/word_vectors.py), from the pinned, hash-checked wheel.
$(WORD_VECTORS): requirements-vectors.txt scripts/word_vectors.py $(VENV)/.runtime-installed
	@echo "==> [2/3] Extracting the pretrained word vectors (WordLlama) from their pinned wheel"
	@$(PY) -m scripts.word_vectors

# Every model goes through the gate in scripts/retrain.py: it reaches models/ only if
# every danger/self-harm test message gets its safety reply and accuracy holds up.
# A refusal never stops `make run`: it serves the last promoted model and says why in one
# line (--keep-serving). `make test` fails on it.
KEEP_SERVING := $(if $(filter run run-production,$(MAKECMDGOALS)),--keep-serving)
$(MODEL): $(TRAIN_INPUTS) $(SPACY_PIPELINE) $(WORD_VECTORS)
	@echo "==> [3/3] Training the Rasa model (training data or config changed), then checking it"
	@$(PY) -m scripts.retrain $(KEEP_SERVING)

install: $(VENV)/.runtime-installed $(SPACY_PIPELINE) $(WORD_VECTORS)

model: $(MODEL)

# After accepting flagged messages (scripts/review.py): train, check, promote, reload.
retrain: $(SPACY_PIPELINE) $(WORD_VECTORS)
	@$(PY) -m scripts.retrain

run: $(MODEL)
	@exec $(PY) -m scripts.stack

run-production: $(MODEL)
	@exec $(PY) -m scripts.production

validate: $(VENV)/.runtime-installed
	@echo "==> rasa data validate (warnings fail)"
	@$(RASA) data validate --fail-on-warnings --quiet

pytest: $(MODEL) $(VENV)/.test-installed $(CHROMIUM) $(NOTO) $(AXE)
	@echo "==> pytest (unit, end-to-end, browser, production profile)"
	@$(PY) -m coverage run --branch --source=safeguarding -m pytest
	@echo "==> Every branch of the signposting, cards and two-situations logic is covered"
	@$(PY) -m coverage report -m --fail-under=100 --include="safeguarding/signposts.py,safeguarding/cards.py,safeguarding/opening_hours.py,safeguarding/contacts.py,safeguarding/two_situations.py"

story-test: $(MODEL)
	@echo "==> rasa test --e2e: conversation stories in tests/ (typed text through the NLU; any wrong intent or action fails)"
	@$(RASA) test core --stories tests --e2e --fail-on-prediction-errors --out results/stories

test: lint validate pytest story-test

# The README's pictures (docs/*.png), taken again by the browser tests at phone and desktop size.
screenshots: $(MODEL) $(VENV)/.test-installed $(CHROMIUM) $(NOTO) $(AXE)
	@echo "==> Browser tests, replacing the README's screenshots in docs/"
	@UPDATE_SCREENSHOTS=1 $(PY) -m pytest tests/browser -q

# The quick loop while working: lint and the unit tests, nothing started, no model.
check: lint unit

lint: $(VENV)/.test-installed
	@echo "==> ruff check (lint)"
	@$(VENV)/bin/ruff check .

unit: $(VENV)/.test-installed $(WORD_VECTORS)
	@echo "==> unit tests"
	@$(PY) -m pytest tests/unit -q

evaluate: $(SPACY_PIPELINE) $(WORD_VECTORS)
	@echo "==> 5-fold cross-validation of the NLU (per-intent table, fallback threshold, images in results/cv), and the independent set by voice"
	@$(PY) -m scripts.evaluate

soak: $(MODEL)
	@echo "==> Soak test with faults (SOAK_SECONDS=$${SOAK_SECONDS:-300}, SOAK_CONVERSATIONS=$${SOAK_CONVERSATIONS:-20})"
	@$(PY) -m scripts.soak

# pip-audit has its own venv: its dependencies conflict with Rasa's pins. --strict fails
# when a package cannot be checked, rather than reporting "no known vulnerabilities".
audit:
	@test -x build/audit/bin/pip-audit || { python=$$(scripts/find_python.sh) && $$python -m venv build/audit && build/audit/bin/pip install --quiet pip-audit==2.10.1; }
	@echo "==> pip-audit over the pinned runtime (requirements.txt)"
	@build/audit/bin/pip-audit -r requirements.txt --strict --progress-spinner off --desc on

bench: $(MODEL)
	@echo "==> Benchmark: our bot and a stock rasa init bot, same run, alternating (about 10 minutes)"
	@$(PY) -m scripts.bench
