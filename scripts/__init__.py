"""Helpers for developers, tests and CI (not part of the dashboard)."""
