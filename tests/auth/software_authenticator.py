"""A WebAuthn authenticator in software for the service tests: an ES256 key pair per credential,
"none" attestation, user presence and verification flags, a sign counter. It answers the JSON
options the portal hands the browser and returns what assets/passkeys.js would send."""

from __future__ import annotations

import hashlib
import json
import secrets
import struct
from dataclasses import dataclass, field

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url


@dataclass
class Credential:
    id: bytes
    key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    sign_count: int = 0


def _cose_public_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    numbers = key.public_key().public_numbers()
    return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"),
                        -3: numbers.y.to_bytes(32, "big")})


@dataclass
class SoftwareAuthenticator:
    origin: str
    user_verified: bool = True
    credentials: list[Credential] = field(default_factory=list)

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge,
                           "origin": origin or self.origin, "crossOrigin": False}).encode()

    def _flags(self, attested: bool) -> int:
        return 0x01 | (0x04 if self.user_verified else 0) | (0x40 if attested else 0)

    def create(self, options_json: str, origin: str | None = None) -> str:
        options = json.loads(options_json)
        rp_id = options["rp"]["id"]
        credential = Credential(id=secrets.token_bytes(32), key=ec.generate_private_key(
            ec.SECP256R1()), rp_id=rp_id, user_handle=base64url_to_bytes(options["user"]["id"]))
        self.credentials.append(credential)
        attested = (b"\0" * 16 + struct.pack(">H", len(credential.id)) + credential.id
                    + _cose_public_key(credential.key))
        auth_data = (hashlib.sha256(rp_id.encode()).digest()
                     + bytes([self._flags(attested=True)]) + struct.pack(">I", 0) + attested)
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = self._client_data("webauthn.create", options["challenge"], origin)
        return json.dumps({
            "id": bytes_to_base64url(credential.id), "rawId": bytes_to_base64url(credential.id),
            "type": "public-key",
            "response": {"clientDataJSON": bytes_to_base64url(client_data),
                         "attestationObject": bytes_to_base64url(attestation),
                         "transports": ["internal"]},
            "clientExtensionResults": {}, "authenticatorAttachment": "platform"})

    def get(self, options_json: str, origin: str | None = None,
            credential: Credential | None = None, sign_count: int | None = None,
            user_handle: bytes | None = None) -> str:
        options = json.loads(options_json)
        credential = credential or self.credentials[-1]
        credential.sign_count = credential.sign_count + 1 if sign_count is None else sign_count
        auth_data = (hashlib.sha256(options["rpId"].encode()).digest()
                     + bytes([self._flags(attested=False)])
                     + struct.pack(">I", credential.sign_count))
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        signature = credential.key.sign(auth_data + hashlib.sha256(client_data).digest(),
                                        ec.ECDSA(hashes.SHA256()))
        return json.dumps({
            "id": bytes_to_base64url(credential.id), "rawId": bytes_to_base64url(credential.id),
            "type": "public-key",
            "response": {"clientDataJSON": bytes_to_base64url(client_data),
                         "authenticatorData": bytes_to_base64url(auth_data),
                         "signature": bytes_to_base64url(signature),
                         "userHandle": bytes_to_base64url(user_handle or credential.user_handle)},
            "clientExtensionResults": {}, "authenticatorAttachment": "platform"})
