"""The EPC QR code ("GiroCode", EPC069-12 version 002) that banking apps read to pay an invoice."""

from __future__ import annotations

import io

import segno

from harzportal.settings import Seller


def epc_payload(seller: Seller, amount_cents: int, reference: str) -> str:
    """The payload lines: service tag, version, UTF-8, SCT, BIC, name, IBAN, amount, purpose,
    structured reference (empty), remittance text (the invoice number)."""
    amount = f"EUR{amount_cents // 100}.{amount_cents % 100:02d}"
    return "\n".join(["BCD", "002", "1", "SCT", seller.bic, seller.legal_name[:70].rstrip(), seller.iban,
                      amount, "", "", reference[:140]])


def epc_qr_png(payload: str) -> bytes:
    """The QR code as PNG; error correction level M as the EPC guideline requires."""
    buffer = io.BytesIO()
    segno.make(payload, error="m", encoding="utf-8", boost_error=False).save(
        buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()
