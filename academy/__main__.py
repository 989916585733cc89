"""Command line: `python -m academy upgrade | seed-demo | create-admin | worker`."""

from __future__ import annotations

import argparse
import getpass
import sys

from academy.db import make_engine, session_scope, upgrade
from academy.demo import seed_demo, seed_demo_operation
from academy.errors import AcademyError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m academy")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("upgrade", help="apply database migrations")
    sub.add_parser("seed-demo", help="create the demo accounts when the database is empty")
    admin = sub.add_parser("create-admin", help="create an admin account")
    admin.add_argument("--username", required=True)
    admin.add_argument("--name", default="Administrator")
    admin.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    work = sub.add_parser("worker", help="play queued calibration runs until stopped")
    work.add_argument("--lease", type=float, default=30.0,
                      help="seconds a claimed run stays this worker's without news")
    work.add_argument("--once", action="store_true", help="play one queued run and stop")
    args = parser.parse_args(argv)

    engine = make_engine()
    upgrade(engine)
    if args.command == "seed-demo":
        with session_scope(engine) as session:
            made = seed_demo(session)
            if made:
                seed_demo_operation(session)
        print("demo data created" if made else "database already has users: demo not created")
    elif args.command == "create-admin":
        from academy.accounts import create_user

        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
        try:
            with session_scope(engine) as session:
                create_user(
                    session,
                    username=args.username,
                    display_name=args.name,
                    role="admin",
                    password=password,
                )
        except AcademyError as error:
            print(f"error: {error.code} {error.params or ''}".strip(), file=sys.stderr)
            return 1
        print(f"admin {args.username} created")
    elif args.command == "worker":
        from datetime import timedelta

        from academy.worker import Worker

        worker = Worker(engine, lease=timedelta(seconds=args.lease))
        print(f"calibration worker {worker.name}", flush=True)
        try:
            if args.once:
                worker.run_once()
            else:
                worker.loop()
        except KeyboardInterrupt:
            pass
    else:
        print("database is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
