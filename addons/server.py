"""`python -m addons.server run ...`: Rasa's own command line, with our patch to Rasa
(addons/fast_action_validation.py) installed first. scripts/stack.py starts every Rasa
server this way."""
import sys

from addons import fast_action_validation


def main() -> None:
    fast_action_validation.install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"  # Rasa names itself in its help and errors
    rasa_main()


if __name__ == "__main__":
    main()
