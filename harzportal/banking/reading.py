"""Which reader a bank statement file needs, decided by its content, never by its name: XML is
read as camt.052/053/054, a file starting with `:20:` as MT940; anything else is refused by the
camt reader with its message (not readable XML)."""

from __future__ import annotations

from harzportal.banking import camt, mt940


def read(content: object) -> camt.Statement:
    if isinstance(content, bytes | bytearray) and 0 < len(content) <= camt.MAX_BYTES \
            and mt940.looks_like_mt940(bytes(content)):
        return mt940.parse(content)
    return camt.parse(content)
