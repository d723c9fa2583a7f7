"""The local mail catcher's certificate for deploy/docker-compose.yml, made by the one-shot
`certs` service (no manual step): terugkoppel only speaks TLS to a mail server whose
certificate it trusts, also on a test bench. Writes mailpit.crt, mailpit.key and bundle.pem
(the system's CAs plus this one) into the folder given, unless they are there already.

    python deploy/dev_certs.py deploy/dev-certs      # by hand, outside compose
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

NAMES = ("mailpit", "localhost")
SYSTEM_BUNDLES = (
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/cert.pem",
)


def make(folder: Path) -> bool:
    """Writes the three files; False (nothing written) when all three exist."""
    crt, key, bundle = folder / "mailpit.crt", folder / "mailpit.key", folder / "bundle.pem"
    if crt.exists() and key.exists() and bundle.exists():
        return False
    folder.mkdir(parents=True, exist_ok=True)
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, NAMES[0])])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in NAMES]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(private, hashes.SHA256())
    )
    pem = certificate.public_bytes(serialization.Encoding.PEM)
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    crt.write_bytes(pem)
    system = next((Path(p) for p in SYSTEM_BUNDLES if Path(p).is_file()), None)
    bundle.write_bytes((system.read_bytes() if system else b"") + pem)
    # Mailpit and terugkoppel run as other users than this one: the files must be readable.
    for path in (crt, key, bundle):
        path.chmod(0o644)
    return True


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "deploy/dev-certs")
    made = make(folder)
    print(f"{folder}: mailpit.crt, mailpit.key, bundle.pem ({'made' if made else 'there'})")


if __name__ == "__main__":
    main()
