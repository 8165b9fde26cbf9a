"""Create or drop a throwaway PostgreSQL database for the CI run: pg_database.py create|drop NAME."""

import re
import sys

import psycopg

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def main() -> int:
    action, name = sys.argv[1], sys.argv[2]
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise SystemExit(f"unsafe database name: {name}")
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        if action == "create":
            connection.execute(f'CREATE DATABASE "{name}"')
        elif action == "drop":
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            raise SystemExit("usage: pg_database.py create|drop NAME")
    print(f"database {name}: {action} done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
