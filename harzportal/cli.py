"""`harzportal …`: commands for operators."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sys

from sqlmodel import select

from harzportal import db, migrations
from harzportal.core.errors import DomainError
from harzportal.core.i18n import translate
from harzportal.settings import settings


def _in_english(error: DomainError) -> str:
    """A refusal of a service as the operator reads it."""
    return translate(error.message_key, "en", **error.values)


def _archive_work(work, failed: str):
    """`work()` (writing or restoring a backup); a BackupError is printed after `failed` and
    gives None."""
    from harzportal.maintenance.backup_archive import BackupError

    try:
        return work()
    except BackupError as error:
        print(f"{failed}: {error}", file=sys.stderr)
        return None


def _migrate(_args) -> int:
    migrations.upgrade()
    print("Database is up to date.")
    return 0


def _seed_demo(args) -> int:
    from harzportal.demo.accounts import DEMO_LOGINS
    from harzportal.demo.seed import SeedOutcome, seed_demo

    try:
        with db.unit_of_work() as session:
            outcome = seed_demo(session)
    except DomainError as error:
        print(_in_english(error), file=sys.stderr)
        return 1
    print("Demo network created." if outcome == SeedOutcome.SEEDED
          else "Demo network is already there; nothing to do.")
    if args.show_logins:
        print("Demo logins (email / password / role):")
        for email, password, role, organization in DEMO_LOGINS:
            print(f"  {email:34} {password:24} {role}" + (f" of {organization}" if organization else ""))
    return 0


def _seed_scale(args) -> int:
    import time

    from harzportal.demo.scale import analyze, seed_scale

    began = time.perf_counter()
    try:
        with db.unit_of_work() as session:
            report = seed_scale(session, orgs=args.orgs, contacts=args.contacts,
                                invoices=args.invoices, seminars=args.seminars,
                                documents=args.documents, seed=args.seed)
        analyze(db.get_engine())
    except (DomainError, ValueError) as error:
        print(_in_english(error) if isinstance(error, DomainError) else error, file=sys.stderr)
        return 1
    print(f"Seeded {report.organizations} organizations, {report.users} users, "
          f"{report.invoices} invoices ({report.payments} payments), {report.seminars} seminars "
          f"({report.registrations} registrations), {report.documents} documents "
          f"({report.versions} versions) in {time.perf_counter() - began:.1f} s.")
    for email, password, role in report.logins:
        print(f"  {email:44} {password:24} {role}")
    return 0


def _create_admin(args) -> int:
    from harzportal.accounts import passwords
    from harzportal.accounts.emails import normalize_email
    from harzportal.accounts.models import User

    try:
        email = normalize_email(args.email or input("Email: "))
        name = args.name or input("Full name: ")
        password = getpass.getpass("Password (12 to 128 characters): ")
        passwords.validate_new_password(password, email=email, names=(name,))
        with db.unit_of_work() as session:
            if session.exec(select(User).where(User.email == email)).first() is not None:
                print("A user with this email exists already.", file=sys.stderr)
                return 1
            session.add(User(email=email, full_name=name.strip(), role="network_admin",
                             password_hash=passwords.hash_password(password)))
    except DomainError as error:
        print(_in_english(error), file=sys.stderr)
        return 1
    print(f"Network administrator {email} created.\n"
          "Staff need a second factor: sign in at /login with this address and password and "
          "set up an authenticator app under /account/security (save the recovery codes it "
          "shows); in production the portal holds you on that page until you have. While no "
          "staff account has one yet, production starts only with "
          "HARZPORTAL_ALLOW_STAFF_WITHOUT_MFA=1: set it for that first enrolment, then unset it.")
    return 0


def _send_mail(_args) -> int:
    from harzportal.mail.sender import deliver_due

    handled = asyncio.run(deliver_due())
    print(f"{handled} mail(s) handled.")
    return 0


def _send_reminders(_args) -> int:
    """Seminar reminders two days ahead; a scheduler calls this (e.g. hourly). Idempotent."""
    from harzportal.mail.sender import deliver_due
    from harzportal.seminars.participation import send_due_reminders

    with db.unit_of_work() as session:
        sent = send_due_reminders(session)
    asyncio.run(deliver_due())
    print(f"{sent} seminar reminder(s) queued.")
    return 0


def _send_digests(_args) -> int:
    """The exchange's weekly digest; a scheduler calls this (e.g. daily). Each person gets at
    most one digest a week."""
    from harzportal.exchange.digest import send_weekly_digests
    from harzportal.mail.sender import deliver_due

    with db.unit_of_work() as session:
        sent = send_weekly_digests(session)
    asyncio.run(deliver_due())
    print(f"{sent} exchange digest(s) queued.")
    return 0


def _propose_payment_reminders(_args) -> int:
    """Mail the staff who manage invoices today's payment reminder proposals (none: no mail)."""
    from harzportal.core import clock
    from harzportal.invoices.proposal_mails import mail_summary
    from harzportal.mail.sender import deliver_due

    with db.unit_of_work() as session:
        queued = mail_summary(session, clock.today())
    asyncio.run(deliver_due())
    print(f"{queued} payment reminder proposal mail(s) queued.")
    return 0


def _purge(_args) -> int:
    """Retention: delete ended sessions, old login failures and delivered mails."""
    from harzportal.maintenance.retention import purge_expired

    with db.unit_of_work() as session:
        purged = purge_expired(session)
    print(f"Deleted {purged.sessions} session(s), {purged.login_failures} login failure(s), "
          f"{purged.account_tokens} expired link token(s), {purged.mails} mail(s).")
    return 0


def _clean_files(_args) -> int:
    """Remove temporary and unreferenced private files older than a day (crashes, abandoned
    uploads, rolled back invoice runs)."""
    from harzportal.maintenance.files import remove_stale_files

    with db.unit_of_work() as session:
        removed = remove_stale_files(session)
    for name in removed:
        print(f"removed {name}")
    print(f"Removed {len(removed)} stale file(s).")
    return 0


def _create_database(_args) -> int:
    """Create the PostgreSQL database REFLEX_DB_URL names, unless it exists (`make run-scaled`)."""
    from sqlalchemy import create_engine, make_url, text

    url = make_url(settings.db_url)
    if url.get_backend_name() != "postgresql":
        print("REFLEX_DB_URL does not name a PostgreSQL database; nothing to create.")
        return 0
    name = url.database
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                        {"name": name}).first()
            if exists is None:
                quoted = server.dialect.identifier_preparer.quote(name)
                connection.execute(text(f"CREATE DATABASE {quoted}"))
    finally:
        server.dispose()
    print(f"Database {name} {'exists' if exists else 'created'}.")
    return 0


def _backup(args) -> int:
    """One archive with the database dump, every stored file and a manifest of SHA-256 sums."""
    from harzportal.maintenance.backup import create_backup

    summary = _archive_work(lambda: create_backup(args.output), "Backup failed")
    if summary is None:
        return 1
    for name in summary.skipped:
        print(f"skipped (not a regular stored file): {name}", file=sys.stderr)
    print(f"Backup written to {summary.path}: {summary.database_kind} database at schema "
          f"revision {summary.schema_revision}, {summary.files} file(s), "
          f"{summary.total_bytes} bytes before compression.")
    return 0


def _restore(args) -> int:
    """Restore a backup archive into an empty installation (checked completely first)."""
    from harzportal.maintenance.restore import restore_backup

    summary = _archive_work(lambda: restore_backup(args.archive), "Restore refused")
    if summary is None:
        return 1
    print(f"Restored {summary.database_kind} database (schema revision {summary.schema_revision})"
          f" and {summary.files} file(s) from {args.archive}.")
    if summary.migrated_to:
        print(f"Database migrated to revision {summary.migrated_to}.")
    return 0


def _worker(args) -> int:
    """Run jobs (rendering invoice documents) until stopped: on a machine of its own, or next to
    servers started with HARZPORTAL_JOB_THREADS=0."""
    from harzportal import jobs, tasks  # noqa: F401 - tasks: the worker knows every job
    from harzportal.job_child import become_child_of

    if args.child_of:
        become_child_of(args.child_of)
    jobs.run_worker(args.threads)
    return 0


def _check_production(_args) -> int:
    from harzportal.startup_checks import production_problems

    problems = production_problems(settings)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def _build(_args) -> int:
    from harzportal import serve

    return serve.build()


def _serve(args) -> int:
    from harzportal import serve

    workers = args.workers or serve.workers_from_environment()
    return serve.serve(workers, args.host, settings.port)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(prog="harzportal", description="HarzPortal operator commands")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply database migrations").set_defaults(run=_migrate)
    seed = commands.add_parser("seed-demo", help="create the demo network on an empty database")
    seed.add_argument("--show-logins", action="store_true", help="print the demo logins")
    seed.set_defaults(run=_seed_demo)
    scale = commands.add_parser("seed-scale", help="fill an empty database with a large network "
                                "(benchmarks)")
    for name, default in (("orgs", 2000), ("contacts", 20000), ("invoices", 200000),
                          ("seminars", 2000), ("documents", 5000), ("seed", 2026)):
        scale.add_argument(f"--{name}", type=int, default=default)
    scale.set_defaults(run=_seed_scale)
    admin = commands.add_parser("create-admin", help="create a network administrator account")
    admin.add_argument("--email")
    admin.add_argument("--name")
    admin.set_defaults(run=_create_admin)
    commands.add_parser("send-mail", help="deliver due mails from the outbox once"
                        ).set_defaults(run=_send_mail)
    commands.add_parser("send-reminders", help="queue the seminar reminders due (2 days ahead)"
                        ).set_defaults(run=_send_reminders)
    commands.add_parser("send-digests", help="queue the exchange's weekly digests (opt-in)"
                        ).set_defaults(run=_send_digests)
    commands.add_parser("propose-payment-reminders", help="mail the staff the payment "
                        "reminders due (Mahnvorschläge)"
                        ).set_defaults(run=_propose_payment_reminders)
    commands.add_parser("purge", help="delete data past its retention period"
                        ).set_defaults(run=_purge)
    commands.add_parser("clean-files", help="remove stale temporary and unreferenced files"
                        ).set_defaults(run=_clean_files)
    commands.add_parser("create-database", help="create the PostgreSQL database if missing"
                        ).set_defaults(run=_create_database)
    backup = commands.add_parser("backup", help="write one archive: database, files, manifest")
    backup.add_argument("--output", help="archive path (default: a timestamped name here)")
    backup.set_defaults(run=_backup)
    restore = commands.add_parser("restore", help="restore a backup into an empty installation")
    restore.add_argument("archive", help="the archive `harzportal backup` wrote")
    restore.set_defaults(run=_restore)
    worker = commands.add_parser("worker", help="run queued jobs (invoice documents) until "
                                 "stopped; the server runs them too unless HARZPORTAL_JOB_THREADS=0")
    worker.add_argument("--threads", type=int, default=2, choices=range(1, 17), metavar="1-16")
    worker.add_argument("--child-of", type=int, metavar="PID",
                        help="the server process that started it (it ends with that process)")
    worker.set_defaults(run=_worker)
    commands.add_parser("check-production", help="list what blocks a production start"
                        ).set_defaults(run=_check_production)
    commands.add_parser("build", help="compile the app and export the frontend (for `serve`)"
                        ).set_defaults(run=_build)
    serve = commands.add_parser("serve", help="serve the built app on PORT with Granian, no "
                                "build parent (WORKERS processes, default 1: one process)")
    serve.add_argument("--workers", type=int, choices=range(1, 65), metavar="1-64")
    serve.add_argument("--host", default="0.0.0.0")
    serve.set_defaults(run=_serve)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
