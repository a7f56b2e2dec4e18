"""`python -m addons.rasa_server run ...`: the `rasa` command line, with the same
arguments, as scripts/stack.py starts the Rasa server, adding what its options cannot
do safely:

- the HTTP API token comes from RASA_TOKEN in the environment, not `--auth-token` on the
  command line, which every local user can read in /proc/<pid>/cmdline (a process's
  environment only its owner can read);
- Python warnings go through logging, so logging.yml's filter sees them: Rasa's
  "Failed to parse arguments in line '...'" warning quotes the user's message.
"""
import logging
import os
import sys

from rasa.__main__ import main

if __name__ == "__main__":
    logging.captureWarnings(True)
    token = os.environ.get("RASA_TOKEN")
    if token:
        # Changes this process's own argument list only: /proc shows what it was started with.
        sys.argv[2:2] = ["--auth-token", token]
    main()
