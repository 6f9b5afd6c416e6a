"""Single sign-on's settings and role mapping (analytics.accounts), without a provider: what the
secrets must hold for the button to show, and which role the provider's claims give."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from analytics import accounts
from analytics import store as store_api

EXAMPLE = Path(__file__).resolve().parent.parent / ".streamlit" / "secrets.toml.example"


def secrets(**ours: object) -> dict:
    return {
        "auth": {"redirect_uri": "https://d.example/oauth2callback", "cookie_secret": "s" * 32,
                 "client_id": "id", "client_secret": "secret", "server_metadata_url": "https://idp/.well-known"},
        "pup_sso": {"roles": {"admin": ["IT@pup.example.pl"], "staff": ["PUP-Pracownicy"],
                              "viewer": ["dyrektor@pup.example.pl"]}, **ours},
    }


def test_the_documented_example_is_a_valid_configuration():
    settings = accounts.sso_settings(tomllib.loads(EXAMPLE.read_text(encoding="utf-8")))
    assert settings is not None and settings.provider is None
    assert settings.label == "Zaloguj przez konto urzędu"
    assert "pup-partnerstwo-pracownicy" in settings.roles["staff"]


@pytest.mark.parametrize("broken", [
    {},                                                        # no secrets at all
    {"auth": secrets()["auth"]},                                # no role mapping: nobody would get in
    {"pup_sso": secrets()["pup_sso"]},                          # no provider
    {**secrets(), "auth": {**secrets()["auth"], "cookie_secret": ""}},
    {**secrets(), "auth": {k: v for k, v in secrets()["auth"].items() if k != "client_id"}},
    secrets(provider="entra"),                                  # a named provider that is not there
    {**secrets(), "pup_sso": {"roles": {"admin": []}}},
])
def test_no_button_unless_the_provider_and_a_role_mapping_are_both_configured(broken):
    assert accounts.sso_settings(broken) is None


def test_a_named_provider_section_is_used():
    config = secrets(provider="entra")
    config["auth"]["entra"] = {"client_id": "id", "client_secret": "x", "server_metadata_url": "https://i"}
    assert accounts.sso_settings(config).provider == "entra"


@pytest.mark.parametrize(("claims", "role"), [
    ({"email": "it@PUP.example.pl", "groups": ["PUP-Pracownicy"]}, "admin"),      # the highest wins
    ({"email": "kasia@pup.example.pl", "groups": ["pup-pracownicy", "Wszyscy"]}, "staff"),
    ({"preferred_username": "Dyrektor@pup.example.pl"}, "viewer"),
    ({"email": "obcy@example.com", "groups": ["Wszyscy"]}, None),                  # not mapped: refused
    ({"email": "kasia@pup.example.pl", "groups": "PUP-Pracownicy"}, "staff"),       # one group as text
    ({}, None),
])
def test_claims_map_to_the_highest_role_named_or_to_none(claims, role):
    assert accounts.sso_role(claims, accounts.sso_settings(secrets())) == role


def test_groups_come_from_the_configured_claim():
    settings = accounts.sso_settings(secrets(groups_claim="roles"))
    assert accounts.sso_role({"email": "x@y", "roles": ["PUP-Pracownicy"]}, settings) == "staff"
    assert accounts.sso_role({"email": "x@y", "groups": ["PUP-Pracownicy"]}, settings) is None


def test_sign_on_and_its_refusal_are_in_the_audit_trail(tmp_path):
    store = store_api.open_store(f"sqlite:///{tmp_path / 'sso.db'}")
    identity = accounts.sso_identity({"sub": "123", "email": "kasia@pup.example.pl"})
    accounts.record_sso_login(store, identity, "staff")
    accounts.record_sso_login(store, "obcy@example.com", None)
    entries = [(e.action, e.user, e.details) for e in store_api.audit_log(store, 5)]
    assert entries == [("login_failed", "obcy@example.com", {"reason": "sso_no_role"}),
                       ("login", "kasia@pup.example.pl", {"role": "staff", "sso": True})]
