"""camt.053.001.08 statements for the tests, written like a bank would (valid against the XSD)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

SCHEMA_FILE = (Path(__file__).resolve().parents[2] / "harzportal" / "banking" / "schemas"
               / "camt.053.001.08.xsd")
IBAN = "DE02120300000000202051"
NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"


@dataclass
class Tx:
    amount: str
    remittance: str = ""
    end_to_end: str = "NOTPROVIDED"
    debtor: str = "Harzer Chemiewerke GmbH"
    returned: bool = False
    reason: str = "MD06"
    fee: str = ""
    instructed: str = ""


@dataclass
class Entry:
    amount: str
    ref: str
    txs: list[Tx] = field(default_factory=list)
    debit: bool = False
    day: str = "2027-01-15"
    status: str = "BOOK"


def credit(amount: str, remittance: str = "", ref: str = "REF1", **tx) -> Entry:
    return Entry(amount=amount, ref=ref, txs=[Tx(amount=amount, remittance=remittance, **tx)])


def debit_return(amount: str, end_to_end: str, ref: str = "RET1", fee: str = "3.00",
                 reason: str = "MD06", instructed: str = "") -> Entry:
    return Entry(amount=amount, ref=ref, debit=True, txs=[Tx(
        amount=amount, end_to_end=end_to_end, returned=True, reason=reason, fee=fee,
        instructed=instructed)])


def _tx(tx: Tx, direction: str) -> str:
    details = ""
    if tx.instructed:
        details = (f'<AmtDtls><InstdAmt><Amt Ccy="EUR">{tx.instructed}</Amt></InstdAmt>'
                   f'<TxAmt><Amt Ccy="EUR">{tx.amount}</Amt></TxAmt></AmtDtls>')
    charges = ""
    if tx.fee:
        included = "true" if tx.instructed else "false"
        charges = (f'<Chrgs><Rcrd><Amt Ccy="EUR">{tx.fee}</Amt><CdtDbtInd>DBIT</CdtDbtInd>'
                   f'<ChrgInclInd>{included}</ChrgInclInd></Rcrd></Chrgs>')
    remittance = f"<RmtInf><Ustrd>{escape(tx.remittance)}</Ustrd></RmtInf>" if tx.remittance \
        else ""
    returned = f"<RtrInf><Rsn><Cd>{tx.reason}</Cd></Rsn></RtrInf>" if tx.returned else ""
    return (f"<TxDtls><Refs><EndToEndId>{escape(tx.end_to_end)}</EndToEndId></Refs>"
            f'<Amt Ccy="EUR">{tx.amount}</Amt><CdtDbtInd>{direction}</CdtDbtInd>{details}'
            f"{charges}<RltdPties><Dbtr><Pty><Nm>{escape(tx.debtor)}</Nm></Pty></Dbtr>"
            f"</RltdPties>{remittance}{returned}</TxDtls>")


def _entry(entry: Entry) -> str:
    direction = "DBIT" if entry.debit else "CRDT"
    family = ("<Cd>IDDT</Cd><SubFmlyCd>UPDD</SubFmlyCd>" if entry.debit
              else "<Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd>")
    txs = "".join(_tx(tx, direction) for tx in entry.txs)
    return (f'<Ntry><Amt Ccy="EUR">{entry.amount}</Amt><CdtDbtInd>{direction}</CdtDbtInd>'
            f"<Sts><Cd>{entry.status}</Cd></Sts><BookgDt><Dt>{entry.day}</Dt></BookgDt>"
            f"<ValDt><Dt>{entry.day}</Dt></ValDt><AcctSvcrRef>{entry.ref}</AcctSvcrRef>"
            f"<BkTxCd><Domn><Cd>PMNT</Cd><Fmly>{family}</Fmly></Domn></BkTxCd>"
            f"<NtryDtls>{txs}</NtryDtls></Ntry>")


def statement(*entries: Entry, statement_id: str = "2027-01-0001", times: int = 1,
              iban: str = IBAN) -> bytes:
    """A camt.053.001.08 document; `times` repeats the same Stmt (a duplicated statement id)."""
    body = "".join(_entry(entry) for entry in entries)
    stmt = (f"<Stmt><Id>{statement_id}</Id><CreDtTm>2027-01-15T18:00:00+01:00</CreDtTm>"
            f"<Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>"
            f'<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt>'
            f"<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2027-01-15</Dt></Dt></Bal>{body}</Stmt>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><Document xmlns="{NS}"><BkToCstmrStmt>'
            f"<GrpHdr><MsgId>MSG-{statement_id}</MsgId>"
            f"<CreDtTm>2027-01-15T18:00:00+01:00</CreDtTm></GrpHdr>{stmt * times}"
            f"</BkToCstmrStmt></Document>").encode()


_SCHEMA = None


def schema_errors(content: bytes) -> list[str]:
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))
    valid = _SCHEMA.validate(etree.fromstring(content))
    return [] if valid else [str(error) for error in _SCHEMA.error_log]
