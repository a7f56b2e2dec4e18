"""Staff accounts for the console (/console). There is no default account.

    python -m scripts.staff add NAME [--role worker|maintainer]   asks for the password twice (12+ characters)
    python -m scripts.staff add NAME --replace                    a new password (ends NAME's sign-ins)
    python -m scripts.staff add NAME --password-stdin             the password from standard input
    python -m scripts.staff role NAME maintainer                  another role, at once
    python -m scripts.staff remove NAME                           ends NAME's sign-ins too
    python -m scripts.staff unlock NAME                           clears the sign-in delays on NAME
    python -m scripts.staff list

Youth workers (the default) chat with the bot, flag replies and save test stories;
maintainers also review the queue and see the last retrain report in the console.
The accounts file is CONSOLE_ACCOUNTS_FILE (default var/console_accounts.json), owner-only,
holding bcrypt hashes. The front door reads it at every request: no restart needed.
Sign-in delays are kept in the tracker database (RASA_ENDPOINTS, as Rasa finds it).
"""
import argparse
import getpass
import sys
from pathlib import Path

import sqlalchemy

from frontdoor.sign_ins import SignInThrottle
from frontdoor.staff import ROLES, AccountError, Accounts
from project import setting, tracker_db_url


def read_password(name: str, from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass(f"Password for {name}: ")
    if getpass.getpass("Same again: ") != password:
        raise AccountError("The passwords differ; nothing changed.")
    return password


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add an account (--replace: set a new password)")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, help="worker (the default for a new account) or maintainer")
    add.add_argument("--replace", action="store_true", help="give an existing account a new password")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    role = commands.add_parser("role", help="give an account another role")
    role.add_argument("name")
    role.add_argument("role", choices=ROLES)
    commands.add_parser("remove", help="remove an account").add_argument("name")
    commands.add_parser("unlock", help="clear the sign-in delays on a name").add_argument("name")
    commands.add_parser("list", help="list accounts and their roles")
    args = parser.parse_args(argv)
    accounts = Accounts(Path(setting("CONSOLE_ACCOUNTS_FILE")))

    try:
        if args.command == "list":
            print("\n".join(f"{name}  {role}" for name, role in accounts.roles().items()) or "No accounts: the console is off.")
        elif args.command == "remove":
            if not accounts.remove(args.name):
                raise AccountError(f"No account {args.name}.")
            print(f"Removed {args.name}; their sign-ins have ended.")
        elif args.command == "role":
            accounts.set_role(args.name, args.role)
            print(f"{args.name} is a {args.role} now.")
        elif args.command == "unlock":
            cleared = SignInThrottle(sqlalchemy.create_engine(tracker_db_url())).clear(args.name)
            print(f"Cleared the sign-in delays on {args.name} ({cleared} client(s)).")
        else:
            existed = accounts.get(args.name) is not None
            if existed and not args.replace:  # said before asking for a password
                raise AccountError(f"{args.name} already has an account: add --replace to give it a new password.")
            accounts.add(args.name, read_password(args.name, args.password_stdin), args.role, args.replace)
            print(f"{args.name} has a new password; their sign-ins have ended." if existed
                  else f"{args.name} can sign in at /console as a {accounts.get(args.name).role}.")
    except AccountError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
