"""C2PA Content Credentials for our MP4s, signed offline with `c2pa-python`.

Contract: `C2paSigner(cert_chain_pem=None, private_key_pem=None)` signs with the operator's ES256 certificate chain
and key when given (env via the app's config), else with a development credential generated once per process
(self-signed CA + signer; readers report it as "untrusted", and the caller logs that it is a dev credential).
`sign(path, record)` embeds a manifest (created by a trained algorithm, claim generator Sora Space, our provenance
id and tool) into the MP4 in place, atomically; `read(path)` returns a small summary or None. Raises
`SafetyLoadError` if the library or credential is unusable, so a configured C2PA step fails closed.
"""
from __future__ import annotations

import datetime
import json
import os
import threading
from pathlib import Path

from safety.errors import SafetyLoadError

CREATED_BY_AI = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"


def _dev_credential() -> tuple[bytes, bytes]:
    """An ES256 CA + end-entity chain made on the spot (for development; not trusted by any reader)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    def name(cn):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Sora Space (development)")])

    def usage(sign: bool, ca: bool):
        return x509.KeyUsage(digital_signature=sign, content_commitment=False, key_encipherment=False,
                             data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                             encipher_only=False, decipher_only=False)

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("Sora Space dev CA")).issuer_name(name("Sora Space dev CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(usage(False, True), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    leaf = (x509.CertificateBuilder().subject_name(name("Sora Space signer")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage(True, False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    chain = leaf.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM)
    return chain, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())


class C2paSigner:
    def __init__(self, cert_chain_pem: bytes | None = None, private_key_pem: bytes | None = None):
        self.uses_dev_credential = cert_chain_pem is None or private_key_pem is None
        self._credential = None if self.uses_dev_credential else (cert_chain_pem, private_key_pem)
        self._lock = threading.Lock()

    def load(self):
        with self._lock:
            if self._credential is None:
                try:
                    self._credential = _dev_credential()
                except Exception as exc:
                    raise SafetyLoadError(f"C2PA credential unavailable: {exc}") from exc
            try:
                import c2pa
            except ImportError as exc:
                raise SafetyLoadError("c2pa-python is not installed") from exc
            chain, key = self._credential
            return c2pa, c2pa.Signer.from_info(c2pa.C2paSignerInfo(alg=b"es256", sign_cert=chain, private_key=key,
                                                                   ta_url=None))

    def sign(self, path: str | os.PathLike, record: dict) -> None:
        c2pa, signer = self.load()
        manifest = {
            "claim_generator_info": [{"name": "Sora Space", "version": "0.1.0"}],
            "title": Path(path).name,
            "assertions": [
                {"label": "c2pa.actions", "data": {"actions": [
                    {"action": "c2pa.created", "digitalSourceType": CREATED_BY_AI,
                     "parameters": {"sora_space_id": f"{int(record['id']):08x}", "tool": str(record.get("tool")),
                                    "model": str(record.get("model"))}}]}},
            ],
        }
        path = Path(path)
        tmp = path.with_name(path.name + ".c2pa.mp4")
        try:
            builder = c2pa.Builder.from_json(json.dumps(manifest))
            with open(path, "rb") as source, open(tmp, "wb") as dest:
                builder.sign(signer, "video/mp4", source, dest)
            os.replace(tmp, path)
        except Exception as exc:
            tmp.unlink(missing_ok=True)
            raise SafetyLoadError(f"C2PA signing failed: {exc}") from exc
        finally:
            signer.close()

    @staticmethod
    def read(path: str | os.PathLike) -> dict | None:
        """Summary of the active C2PA manifest in a file, or None when there is none or the library is missing."""
        try:
            import c2pa

            data = json.loads(c2pa.Reader(str(path)).json())
        except Exception:
            return None
        manifest = data.get("manifests", {}).get(data.get("active_manifest"), {})
        actions = [a for assertion in manifest.get("assertions", []) if assertion.get("label", "").startswith(
            "c2pa.actions") for a in assertion.get("data", {}).get("actions", [])]
        return {"claim_generator": [g.get("name") for g in manifest.get("claim_generator_info", [])],
                "actions": [a.get("action") for a in actions],
                "parameters": next((a.get("parameters") for a in actions if a.get("parameters")), None),
                "validation_state": data.get("validation_state"),
                "trusted": not any(s.get("code") == "signingCredential.untrusted"
                                   for s in data.get("validation_status") or [])}
