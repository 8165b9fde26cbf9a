"""Private data is private on the disk too: under a umask of 022 (files 0644, folders 0755 by
default) the SQLite database with its -wal and -shm files and every stored private file are
created 0600, the data folder and the private folders 0700. An existing database file or private
folder from before is tightened to the same."""

from __future__ import annotations

import io
import os
import stat

import pytest
from sqlalchemy import text

from harzportal import db
from harzportal.core import private_files
from harzportal.documents import storage
from tests.documents import files


@pytest.fixture(autouse=True)
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_sqlite_database_and_its_wal_files_are_0600_in_a_0700_folder(tmp_path):
    database = tmp_path / "data" / "harzportal.db"
    engine = db.make_engine(f"sqlite:///{database}")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (x INTEGER)"))
            connection.execute(text("INSERT INTO t VALUES (1)"))
        with engine.connect() as connection:  # WAL mode: the -wal and -shm files exist now
            connection.execute(text("SELECT x FROM t")).all()
            wal, shm = database.with_name("harzportal.db-wal"), database.with_name(
                "harzportal.db-shm")
            assert wal.exists() and shm.exists()
            assert (mode(database), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)
        assert mode(database.parent) == 0o700
    finally:
        engine.dispose()


def test_an_existing_world_readable_database_is_tightened(tmp_path):
    database = tmp_path / "harzportal.db"
    database.touch()
    os.chmod(database, 0o644)
    os.chmod(tmp_path, 0o755)
    engine = db.make_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1")).all()
        assert mode(database) == 0o600
        assert mode(tmp_path) == 0o755  # a folder that was there already is left as it was
    finally:
        engine.dispose()


def test_stored_private_files_are_0600_in_0700_folders(private_data_dir):
    name, _digest = private_files.store("invoices", b"%PDF-1.7\n", "pdf")
    stored = private_files.path_of("invoices", name)

    assert mode(stored) == 0o600
    for folder in (private_data_dir, private_data_dir / "private",
                   private_data_dir / "private" / "invoices"):
        assert mode(folder) == 0o700, folder


def test_an_uploaded_document_is_0600_in_a_0700_folder(private_data_dir):
    stored = storage.store_upload(io.BytesIO(files.pdf("Betriebsanweisung")), "anweisung.pdf")

    folder = private_files.directory(storage.AREA)
    assert mode(folder / stored.file_name) == 0o600
    assert mode(folder) == mode(folder.parent) == 0o700


def test_private_folders_from_before_are_tightened(private_data_dir):
    folder = private_files.directory("logos")
    folder.mkdir(parents=True, mode=0o755)
    os.chmod(folder.parent, 0o755)
    os.chmod(folder, 0o755)

    private_files.store("logos", b"\x89PNG", "png")

    assert mode(folder) == mode(folder.parent) == 0o700
