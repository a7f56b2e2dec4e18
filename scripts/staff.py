"""Staff accounts for the console (/console). There is no default account.

    python -m scripts.staff add NAME        asks for the password twice (12+ characters)
    python -m scripts.staff add NAME --password-stdin
    python -m scripts.staff remove NAME
    python -m scripts.staff list

The accounts file is CONSOLE_ACCOUNTS_FILE (default var/console_accounts.json), owner-only,
holding bcrypt hashes. The front door reads it at each sign-in: no restart needed.
"""
import argparse
import getpass
import sys
from pathlib import Path

from frontdoor.staff import AccountError, Accounts
from project import setting


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add an account, or set a new password")
    add.add_argument("name")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    commands.add_parser("remove", help="remove an account").add_argument("name")
    commands.add_parser("list", help="list account names")
    args = parser.parse_args(argv)
    accounts = Accounts(Path(setting("CONSOLE_ACCOUNTS_FILE")))

    if args.command == "list":
        print("\n".join(accounts.names()) or "No accounts: the console is off.")
        return 0
    if args.command == "remove":
        removed = accounts.remove(args.name)
        print(f"Removed {args.name}." if removed else f"No account {args.name}.")
        return 0 if removed else 1
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"Password for {args.name}: ")
        if getpass.getpass("Same again: ") != password:
            print("The passwords differ; nothing changed.", file=sys.stderr)
            return 1
    try:
        accounts.add(args.name, password)
    except AccountError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{args.name} can sign in at /console.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
