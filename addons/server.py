"""`python -m addons.server run ...`: Rasa's own command line, with the same arguments,
as scripts/stack.py starts every Rasa server, adding what its options cannot do safely:

- our patch to Rasa (addons/fast_action_validation.py), installed first;
- the HTTP API token comes from RASA_TOKEN in the environment, not `--auth-token` on the
  command line, which every local user can read in /proc/<pid>/cmdline (a process's
  environment only its owner can read);
- Python warnings go through logging, so logging.yml's filter sees them: Rasa's
  "Failed to parse arguments in line '...'" warning quotes the user's message.
"""
import logging
import os
import sys

from addons import fast_action_validation


def main() -> None:
    fast_action_validation.install()
    logging.captureWarnings(True)
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"  # Rasa names itself in its help and errors
    token = os.environ.get("RASA_TOKEN")
    if token:
        # Changes this process's own argument list only: /proc shows what it was started with.
        sys.argv[2:2] = ["--auth-token", token]
    rasa_main()


if __name__ == "__main__":
    main()
