"""A person's connection to a team's server keeps what their URL says about TLS (#20, 1):
``sslmode`` and the certificate files reach the driver as given."""

from __future__ import annotations

from licenseapp.store.engine import make_engine, resolve


def test_sslmode_and_certificates_reach_the_driver() -> None:
    location = resolve("postgresql://megan@db.example.com/licenseapp?sslmode=verify-full"
                       "&sslrootcert=/etc/ssl/team-ca.pem&sslcert=/home/megan/.pg/megan.crt")
    engine = make_engine(location)
    try:
        _args, kwargs = engine.dialect.create_connect_args(engine.url)
    finally:
        engine.dispose()
    assert kwargs["sslmode"] == "verify-full"
    assert kwargs["sslrootcert"] == "/etc/ssl/team-ca.pem"
    assert kwargs["sslcert"] == "/home/megan/.pg/megan.crt"
    assert kwargs["user"] == "megan" and "password" not in kwargs
