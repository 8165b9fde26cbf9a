"""`harzportal backup` / `restore`: the demo network with fresh activity survives a round trip into
a second, empty installation row by row and file by file; damaged, altered, foreign or
path-tricking archives and non-empty targets are refused without changing anything.

Runs on SQLite, and on PostgreSQL when HARZPORTAL_TEST_DB_URL is set (the target is then a
second database created and dropped here)."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import os
import stat
import tarfile
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import create_engine, func, select, text
from sqlmodel import Session
from sqlmodel import select as sql_select

from harzportal import db, migrations, settings
from harzportal.accounts.models import User
from harzportal.all_models import metadata
from harzportal.audit import service as audit
from harzportal.audit.models import AuditEvent
from harzportal.cli import main
from harzportal.core import clock, private_files
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.core.roles import Role
from harzportal.demo import accounts
from harzportal.demo.seed import seed_demo
from harzportal.documents import service as documents
from harzportal.documents import storage
from harzportal.documents.models import Document
from harzportal.invoices import collection, issuing
from harzportal.invoices.amounts import LineInput
from harzportal.maintenance import backup
from harzportal.maintenance import restore as restoring
from harzportal.maintenance.backup_archive import DATABASE_MEMBERS, MANIFEST, BackupError
from harzportal.organizations import changes, logos
from harzportal.organizations.models import Organization
from harzportal.organizations.profile import live_values
from harzportal.seminars import registrations
from harzportal.seminars.models import Seminar
from tests.service_calls import run

pytestmark = pytest.mark.service


# Installations -----------------------------------------------------------------------------------

@pytest.fixture
def source_dir(engine, tmp_path, monkeypatch):
    """The source installation: the test database and its own data directory."""
    monkeypatch.setenv("HARZPORTAL_DATA_DIR", str(tmp_path / "source-data"))
    settings.reload()
    yield settings.get().data_dir
    monkeypatch.undo()
    settings.reload()


class Target:
    """A second installation: another database (migrated unless told otherwise) and data dir."""

    def __init__(self, url: str, data_dir: Path):
        self.url, self.data_dir = url, data_dir
        self.engine = db.make_engine(url)

    def restore(self, archive: Path) -> restoring.RestoreSummary:
        return restoring.restore_backup(archive, engine=self.engine, data_dir=self.data_dir)

    def is_empty(self) -> bool:
        return restoring.installation_contents(self.engine, self.data_dir) == []


@contextlib.contextmanager
def _target_factory(database_url: str, folder: Path):
    """Makes target installations; their PostgreSQL databases are dropped at the end."""
    made: list[tuple[Target, str | None]] = []

    def make(migrated: bool = True) -> Target:
        number = len(made) + 1
        if database_url.startswith("postgresql"):
            name = f"hp_restore_{uuid.uuid4().hex[:12]}"
            with _server(database_url) as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            url = _with_database(database_url, name)
        else:
            name, url = None, f"sqlite:///{folder / f'target-{number}' / 'harzportal.db'}"
        if migrated:
            migrations.upgrade(url)
        target = Target(url, folder / f"target-data-{number}")
        made.append((target, name))
        return target

    try:
        yield make
    finally:
        for target, name in made:
            target.engine.dispose()
            if name:
                with _server(database_url) as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def make_target(database_url, tmp_path):
    with _target_factory(database_url, tmp_path) as make:
        yield make


@pytest.fixture(scope="module")
def refusing_target(database_url, tmp_path_factory):
    """One migrated, empty target shared by the tests whose restores must all be refused (each
    checks that it is still empty afterwards, so a leak would also fail the next test)."""
    with _target_factory(database_url, tmp_path_factory.mktemp("refusing")) as make:
        yield make()


def _with_database(url: str, name: str) -> str:
    from sqlalchemy import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


class _server:
    def __init__(self, url: str):
        self.engine = create_engine(_with_database(url, "postgres"), isolation_level="AUTOCOMMIT")

    def __enter__(self):
        self.connection = self.engine.connect()
        return self.connection

    def __exit__(self, *exc):
        self.connection.close()
        self.engine.dispose()


# Activity ----------------------------------------------------------------------------------------


def _actor(email: str) -> Actor:
    with db.unit_of_work() as session:
        user = session.exec(sql_select(User).where(User.email == email)).one()
    return Actor(user_id=user.id, organization_id=user.organization_id, role=Role(user.role),
                 client_ip="192.0.2.7")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (11, 93, 86)).save(buffer, format="PNG")
    return buffer.getvalue()


def fill_demo_network_with_activity() -> None:
    """The demo network plus a change request with a new logo, a seminar registration, a new
    document version, an issued invoice with its PDF and a payment, and audit events."""
    assert run(seed_demo) == "seeded"
    staff, manager = _actor(accounts.ADMIN_EMAIL), _actor(accounts.HARZER_MANAGER_EMAIL)
    contact = _actor(accounts.HARZER_CONTACT_EMAIL)
    organization_id = manager.organization_id
    with db.unit_of_work() as session:
        form = {name: ", ".join(value) if name == "competences" else "" if value is None
                else str(value) for name, value in
                live_values(session.get(Organization, organization_id)).items()}
    form |= {"city": "Wernigerode", "logo": logos.store_logo(_png())}
    run(changes.propose_change, manager, organization_id, form)

    now = clock.now()
    with db.unit_of_work() as session:
        open_seminars = session.exec(sql_select(Seminar.id).where(
            Seminar.status == "published", Seminar.registration_opens_at <= now,
            Seminar.registration_deadline > now).order_by(Seminar.id)).all()
    registered = []
    for seminar_id in open_seminars:
        try:
            registered.append(run(registrations.register, contact, seminar_id, contact.user_id))
            break
        except DomainError:
            continue
    assert registered, "no demo seminar open for a new registration"

    with db.unit_of_work() as session:
        document_id = session.exec(sql_select(Document.id).where(
            Document.title == "Unfallmeldung: Ablauf und Fristen")).one()
    stored = storage.store_upload(io.BytesIO(
        "Unfallmeldung\n\nNeu: Meldung binnen drei Tagen, Ansprechpartner im Netzwerkbüro.\n"
        .encode()), "Unfallmeldung_2027.txt")
    run(documents.add_version, staff, document_id, stored, "Fristen ergänzt", notify=True)

    today = clock.today()
    invoice = run(issuing.issue_manual_invoice, staff, organization_id, [LineInput(
        description="Workshop IoT in der Prozessindustrie", quantity_milli=2000,
        unit_price_cents=45000, vat_rate_bp=1900)], today - timedelta(days=30), today)
    run(collection.record_payment, staff, invoice.id, today, 50000, "Teilzahlung")
    with db.unit_of_work() as session:
        audit.record(session, action="backup.test_marker", object_type="network",
                     actor_user_id=staff.user_id, after={"note": "vor der Sicherung"})


def small_activity() -> None:
    """A few rows and two stored files: enough for the refusal tests."""
    organization = Organization(name="Testwerk Backup GmbH", kind="chemical", city="Goslar",
                                postal_code="38640", federal_state="NI")
    with db.unit_of_work() as session:
        session.add(organization)
        session.flush()
        audit.record(session, action="test.small", object_type="organization",
                     object_id=organization.id, after={"name": organization.name})
    private_files.store("invoices", b"%PDF-1.7\n% a stored invoice\n", "pdf")
    private_files.store("logos", _png(), "png")


# Comparing ---------------------------------------------------------------------------------------

def table_rows(engine) -> dict[str, list[tuple]]:
    """Every table of the application, each ordered by its primary key."""
    with engine.connect() as connection:
        return {table.name: [tuple(row) for row in connection.execute(
            select(table).order_by(*table.primary_key.columns))]
            for table in metadata.sorted_tables}


def stored_files(data_dir: Path) -> dict[str, str]:
    root = data_dir / "private"
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


# The acceptance test -----------------------------------------------------------------------------

def test_the_demo_network_with_activity_survives_a_round_trip(source_dir, make_target, tmp_path,
                                                               engine):
    fill_demo_network_with_activity()
    archive = tmp_path / "backup.tar.gz"
    summary = backup.create_backup(archive)
    target = make_target()
    assert target.is_empty()  # a freshly migrated installation counts as empty

    restored = target.restore(archive)

    source_rows, target_rows = table_rows(engine), table_rows(target.engine)
    assert set(source_rows) == {table.name for table in metadata.sorted_tables}
    for name, rows in source_rows.items():
        assert target_rows[name] == rows, name
    rows_compared = sum(len(rows) for rows in source_rows.values())
    source_files, target_files = stored_files(source_dir), stored_files(target.data_dir)
    assert target_files == source_files
    for area in ("documents", "invoices", "logos"):
        assert any(name.startswith(f"{area}/") for name in source_files), area
    for name in ("changerequest", "registration", "documentversion", "invoice", "payment",
                 "auditevent", "outboxemail"):
        assert source_rows[name], f"{name} has no rows: the round trip would prove little"
    with engine.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert (summary.files, summary.schema_revision) == (len(source_files), revision)
    assert (restored.files, restored.schema_revision, restored.migrated_to) == \
        (len(source_files), revision, None)
    print(f"\nbackup round trip on {engine.dialect.name}: rows compared: {rows_compared} in "
          f"{len(source_rows)} tables, files compared: {len(target_files)}, archive "
          f"{archive.stat().st_size} bytes")

    # The restored installation works on: new rows get fresh ids (sequences restored), and on
    # PostgreSQL the audit log is append-only again (trigger of migration 0006 recreated).
    db.use_engine(target.engine)
    try:
        with db.unit_of_work() as session:
            event = audit.record(session, action="test.after_restore", object_type="network")
            session.flush()
            assert event.id > max(row[0] for row in source_rows["auditevent"])
    finally:
        db.use_engine(engine)
    if engine.dialect.name == "postgresql":
        with pytest.raises(Exception, match="append-only"), target.engine.begin() as connection:
            connection.execute(text("DELETE FROM auditevent"))


# Refusals ----------------------------------------------------------------------------------------

def read_members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as opened:
        return {member.name: opened.extractfile(member).read() for member in opened}


def write_archive(path: Path, members: dict[str, bytes], extra: list[tarfile.TarInfo] = (),
                  consistent_manifest: bool = False) -> Path:
    """An archive with these members (manifest last); `consistent_manifest` lists every member
    with its true hash, as someone who knows the format would."""
    members = dict(members)
    manifest = json.loads(members.pop(MANIFEST))
    if consistent_manifest:
        manifest["members"] = [{"name": name, "size": len(content),
                                "sha256": hashlib.sha256(content).hexdigest()}
                               for name, content in members.items()]
    members[MANIFEST] = json.dumps(manifest).encode()
    with tarfile.open(path, "w:gz") as archive:
        for info in extra:
            archive.addfile(info, io.BytesIO(b"x" * info.size) if info.isreg() else None)
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return path


@pytest.fixture
def small_archive(source_dir, tmp_path):
    small_activity()
    return backup.create_backup(tmp_path / "small.tar.gz").path


def refused(target: Target, archive: Path, message: str) -> None:
    with pytest.raises(BackupError, match=message):
        target.restore(archive)
    assert target.is_empty()
    assert not target.data_dir.exists() or list(target.data_dir.iterdir()) == []


def test_an_altered_archive_is_refused_and_changes_nothing(small_archive, make_target, tmp_path):
    target = make_target()
    members = read_members(small_archive)
    stored = next(name for name in members if name.startswith("files/invoices/"))

    altered = dict(members) | {stored: members[stored].replace(b"stored", b"forged")}
    refused(target, write_archive(tmp_path / "altered.tar.gz", altered),
            "does not match its SHA-256")
    database = DATABASE_MEMBERS[target.engine.dialect.name]
    dump = bytearray(members[database])
    dump[len(dump) // 2] ^= 0xFF  # one changed byte in the database dump
    flipped = dict(members) | {database: bytes(dump)}
    refused(target, write_archive(tmp_path / "flipped.tar.gz", flipped),
            "does not match its SHA-256")
    removed = {name: content for name, content in members.items() if name != stored}
    refused(target, write_archive(tmp_path / "removed.tar.gz", removed),
            "does not match its manifest")
    smuggled = dict(members) | {"files/logos/" + "0" * 64 + ".png": b"not listed"}
    refused(target, write_archive(tmp_path / "smuggled.tar.gz", smuggled),
            "does not match its manifest")

    assert target.restore(small_archive).files == 2  # the genuine archive is fine


def test_a_truncated_or_damaged_archive_is_refused(small_archive, refusing_target, tmp_path):
    target = refusing_target
    content = small_archive.read_bytes()
    for cut in (len(content) // 2, len(content) - 20, 100):
        truncated = tmp_path / f"cut-{cut}.tar.gz"
        truncated.write_bytes(content[:cut])
        refused(target, truncated, "damaged or truncated")
    wrong_crc = tmp_path / "crc.tar.gz"
    wrong_crc.write_bytes(content[:-8] + bytes([content[-8] ^ 0xFF]) + content[-7:])
    refused(target, wrong_crc, "damaged or truncated")
    # Every member and the tar's end mark are complete, but the gzip stream is cut short in the
    # padding behind them: refused too, the archive is not what `backup` wrote.
    padded = tmp_path / "padded.tar.gz"
    padded.write_bytes(gzip.compress(gzip.decompress(content) + bytes(4 << 20))[:-64])
    refused(target, padded, "damaged or truncated")
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(content[:200] + bytes(500) + content[700:])
    refused(target, garbage, "damaged or truncated")
    without_manifest = tmp_path / "no-manifest.tar"
    with tarfile.open(without_manifest, "w") as archive:
        for name, member in read_members(small_archive).items():
            if name != MANIFEST:
                info = tarfile.TarInfo(name)
                info.size = len(member)
                archive.addfile(info, io.BytesIO(member))
    refused(target, without_manifest, "has no manifest")


def _link(name: str, kind: bytes, to: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, to
    return info


TRICKS = [  # (member name, tar type, link target)
    ("files/../../escaped.txt", tarfile.REGTYPE, ""),
    ("files/documents/../../../escaped.txt", tarfile.REGTYPE, ""),
    ("/tmp/escaped.txt", tarfile.REGTYPE, ""),
    ("files/documents/.hidden", tarfile.REGTYPE, ""),
    ("files/escaped.txt", tarfile.REGTYPE, ""),
    ("files/documents\\..\\escaped.txt", tarfile.REGTYPE, ""),
    ("escaped.txt", tarfile.REGTYPE, ""),
    ("files/documents/link.pdf", tarfile.SYMTYPE, "/etc/passwd"),
    ("files/documents/hard.pdf", tarfile.LNKTYPE, "/etc/passwd"),
    ("files/documents/folder", tarfile.DIRTYPE, ""),
]


def test_members_with_paths_or_links_are_refused(small_archive, refusing_target, tmp_path):
    target = refusing_target
    for number, (name, kind, link) in enumerate(TRICKS):
        members = read_members(small_archive)
        if kind == tarfile.REGTYPE:
            members[name] = b"escaped"
            extra = []
        else:
            extra = [_link(name, kind, link)]
        archive = write_archive(tmp_path / f"tricky-{number}.tar.gz", members, extra,
                                consistent_manifest=True)
        refused(target, archive, "unexpected member|not a regular file")
    assert not list(tmp_path.rglob("escaped.txt")) and not list(Path("/tmp").glob("escaped.txt"))
    assert not list(tmp_path.rglob("link.pdf")) and not list(tmp_path.rglob("hard.pdf"))


def test_a_backup_of_the_other_database_kind_or_a_newer_schema_is_refused(
        small_archive, refusing_target, tmp_path):
    target = refusing_target
    kind = target.engine.dialect.name
    other = "postgresql" if kind == "sqlite" else "sqlite"
    members = read_members(small_archive)
    members[DATABASE_MEMBERS[other]] = members.pop(DATABASE_MEMBERS[kind])
    manifest = json.loads(members[MANIFEST]) | {"database_kind": other}
    members[MANIFEST] = json.dumps(manifest).encode()
    foreign = write_archive(tmp_path / "foreign.tar.gz", members, consistent_manifest=True)
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    refused(target, foreign, f"holds a {names[other]} database, but the target database is "
                             f"{names[kind]}")

    members = read_members(small_archive)
    manifest = json.loads(members[MANIFEST]) | {"schema_revision": "9999"}
    members[MANIFEST] = json.dumps(manifest).encode()
    refused(target, write_archive(tmp_path / "newer.tar.gz", members), "revision '9999' is unknown")


def test_restore_into_a_non_empty_installation_is_refused(small_archive, make_target):
    target = make_target()
    organization = metadata.tables["organization"]
    with Session(target.engine) as session:
        session.add(Organization(name="Schon da GmbH", kind="chemical", city="Goslar",
                                 postal_code="38640", federal_state="NI"))
        session.commit()
    with pytest.raises(BackupError, match="only into an empty installation.*table organization"):
        target.restore(small_archive)
    with target.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(organization)).scalar() == 1
    assert not target.data_dir.exists()

    with target.engine.begin() as connection:
        connection.execute(organization.delete())
        connection.execute(text("UPDATE documentcategory SET name_de = 'Umwelt' WHERE key = 'hse'"))
    with pytest.raises(BackupError, match="table documentcategory"):
        target.restore(small_archive)  # a renamed base category is data, too

    with target.engine.begin() as connection:
        connection.execute(text(
            "UPDATE documentcategory SET name_de = 'Arbeits- und Umweltschutz (HSE)' "
            "WHERE key = 'hse'"))
    (target.data_dir / "private" / "documents").mkdir(parents=True)
    existing = target.data_dir / "private" / "documents" / "old.pdf"
    existing.write_bytes(b"%PDF- an old file")
    assert restoring.installation_contents(target.engine, target.data_dir) == [
        f"files in {target.data_dir / 'private'}"]
    with pytest.raises(BackupError, match="files in"):
        target.restore(small_archive)
    assert existing.read_bytes() == b"%PDF- an old file"
    assert [p.name for p in target.data_dir.iterdir()] == ["private"]

    existing.unlink()  # now empty again (an empty folder is no data): restoring is allowed
    assert target.restore(small_archive).files == 2


def test_a_failed_backup_leaves_no_archive(source_dir, tmp_path, monkeypatch):
    small_activity()
    output = tmp_path / "out"
    output.mkdir()
    calls = []
    original = backup._add_file

    def fail_on_the_second_member(*args):
        calls.append(args[1])
        if len(calls) == 2:
            raise OSError("disk full")
        return original(*args)

    monkeypatch.setattr(backup, "_add_file", fail_on_the_second_member)
    with pytest.raises(OSError, match="disk full"):
        backup.create_backup(output / "backup.tar.gz")
    assert list(output.iterdir()) == []

    monkeypatch.undo()
    (output / "taken.tar.gz").write_bytes(b"an older backup")
    with pytest.raises(BackupError, match="exists already"):
        backup.create_backup(output / "taken.tar.gz")
    assert (output / "taken.tar.gz").read_bytes() == b"an older backup"


def test_the_cli_backs_up_and_restores_into_a_new_database(source_dir, make_target, engine,
                                                           tmp_path, monkeypatch, capsys):
    small_activity()
    monkeypatch.chdir(tmp_path)
    assert main(["backup"]) == 0
    out = capsys.readouterr().out
    [archive] = tmp_path.glob("harzportal-backup-*.tar.gz")
    assert f"Backup written to {archive}" in out and "2 file(s)" in out
    assert main(["backup", "--output", str(archive)]) == 1
    assert "exists already" in capsys.readouterr().err
    source_rows, source_files = table_rows(engine), stored_files(source_dir)

    target = make_target(migrated=False)  # a brand-new database: not even migrated
    monkeypatch.setenv("HARZPORTAL_DATA_DIR", str(target.data_dir))
    settings.reload()
    db.use_engine(target.engine)
    try:
        assert main(["restore", str(archive)]) == 0
        assert "and 2 file(s)" in capsys.readouterr().out
        assert table_rows(target.engine) == source_rows
        assert stored_files(target.data_dir) == source_files
        with db.unit_of_work() as session:
            assert session.exec(sql_select(func.count()).select_from(AuditEvent)).one() == 1

        assert main(["restore", str(archive)]) == 1  # now it has data
        assert "target has data" in capsys.readouterr().err
        damaged = tmp_path / "damaged.tar.gz"
        damaged.write_bytes(archive.read_bytes()[:-40])
        assert main(["restore", str(damaged)]) == 1
        assert "Restore refused" in capsys.readouterr().err
    finally:
        db.use_engine(engine)
    assert os.listdir(target.data_dir) != []


def test_the_backup_skips_links_and_uploads_in_progress(source_dir, tmp_path):
    small_activity()
    documents_dir = private_files.directory("documents")
    documents_dir.mkdir(parents=True, exist_ok=True)
    (documents_dir / "upload-abc.part").write_bytes(b"half an upload")
    outside = tmp_path / "outside-secret.txt"
    outside.write_bytes(b"not ours")
    (documents_dir / ("1" * 64 + ".txt")).symlink_to(outside)

    summary = backup.create_backup(tmp_path / "b.tar.gz")

    names = set(read_members(summary.path))
    assert summary.skipped == ["documents/" + "1" * 64 + ".txt"]
    assert not any("part" in name or "1" * 64 in name for name in names)
    assert summary.files == 2  # the two real stored files only


def test_a_restore_failing_at_the_database_takes_its_files_back(small_archive, refusing_target,
                                                               monkeypatch):
    def database_fails(*_args):
        raise BackupError("pg_restore failed: the server went away")

    monkeypatch.setattr(restoring, "_restore_database", database_fails)
    refused(refusing_target, small_archive, "the server went away")


def test_the_archive_and_the_restored_files_are_private_whatever_the_umask(source_dir,
                                                                          make_target, tmp_path):
    """Under umask 022: the archive 0600, every restored file 0600, every folder 0700."""
    previous = os.umask(0o022)
    try:
        small_activity()
        archive = backup.create_backup(tmp_path / "private.tar.gz").path
        target = make_target()
        target.restore(archive)
    finally:
        os.umask(previous)

    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    restored = [target.data_dir, *sorted(target.data_dir.rglob("*"))]
    assert any(path.is_file() for path in restored)
    for path in restored:
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path
