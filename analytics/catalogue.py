"""Every user-visible string, in Polish (default) and English, looked up by key.

The strings live in gettext catalogues, one per language: locale/<lang>/LC_MESSAGES/messages.po, with
the key as msgid (monolingual catalogues: Poedit and Weblate edit them as they are). Each is compiled
with Babel into messages.mo beside it when that is missing or older than the .po (also by
`python3 tasks.py compile`), and read with the standard library's gettext:

- t("key", **params) is gettext: the text in the current language, its str.format fields filled in;
- tn("key", n, **params) is ngettext: the form that agrees with the count n, `{count}` filled with n
  written as "1 234". Polish has three forms (Plural-Forms: nplurals=3; plural=(n==1 ? 0 :
  n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)): 1 osoba; 2–4, 22–24… osoby (not 12–14);
  0, 5–21, 25… osób. English has two (n != 1). A plural entry's msgid_plural is its key + "_plural".

A key the catalogue lacks is shown as the key itself and logged once (logger "pup.catalogue"): a
page with one missing word is still a page. tests/test_catalogue.py keeps that from happening.
"""

from __future__ import annotations

import gettext
import io
import logging
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

from babel.numbers import format_decimal

LANGUAGES = ("pl", "en")
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
PLURAL_SUFFIX = "_plural"
COUNT_LOCALE = "pl"      # counts are written the same in both languages, as formatting.NUMBER_LOCALE
LOG = logging.getLogger("pup.catalogue")

_language: ContextVar[str] = ContextVar("language", default="pl")
_loaded: dict[str, gettext.GNUTranslations] = {}
_loading = threading.Lock()
_reported: set[tuple[str, str]] = set()


def current_language() -> str:
    return _language.get()


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Render every string inside the block in `lang` ("pl" or "en")."""
    token = _language.set(lang if lang in LANGUAGES else "pl")
    try:
        yield
    finally:
        _language.reset(token)


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The string `key` in the current language (or `lang`), with `params` filled in."""
    text = _catalogue(lang).gettext(key)
    return text.format(**params) if params else text


def tn(key: str, n: int, lang: str | None = None, **params: object) -> str:
    """The plural entry `key` in the form that agrees with the count `n` ("1 osoba", "2 osoby",
    "5 osób"), `{count}` filled with `n` written as "1 234" unless given, and `params` filled in."""
    text = _catalogue(lang).ngettext(key, key + PLURAL_SUFFIX, abs(int(n)))
    return text.format(**{"count": _count_text(n), **params})


def _count_text(n: int) -> str:
    """A count as formatting.format_int writes it ("1 234", a no-break space between thousands), from
    the same locale data: the catalogue stands below formatting, which looks its strings up here."""
    return format_decimal(int(n), format="#,##0", locale=COUNT_LOCALE)


# -- the compiled catalogues -------------------------------------------------------------------------


def catalogue_files(lang: str, locale_dir: Path = LOCALE_DIR) -> tuple[Path, Path]:
    """The catalogue of `lang` as edited (.po) and as read (.mo)."""
    folder = locale_dir / lang / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


def is_stale(po: Path, mo: Path) -> bool:
    """Whether `mo` must be compiled again: missing, or older than `po`."""
    return not mo.exists() or mo.stat().st_mtime_ns < po.stat().st_mtime_ns


def compiled_bytes(po: Path) -> bytes:
    """`po` compiled to the .mo format with Babel (what `pybabel compile` does); a malformed .po raises
    babel's PoFileError naming the line."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalog = read_po(source, domain=DOMAIN, abort_invalid=True)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    return compiled.getvalue()


def compile_catalogue(po: Path, mo: Path) -> None:
    """Compile `po` into `mo`. Written to a temporary file beside it and renamed over it, so that two
    processes starting at once, or one reading while another compiles, never see half a file."""
    data = compiled_bytes(po)
    edited = po.stat().st_mtime_ns
    handle, temporary = tempfile.mkstemp(dir=mo.parent, prefix=f".{DOMAIN}-", suffix=".mo.tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide it from a server running as another user
        written = os.stat(temporary).st_mtime_ns
        if written < edited:        # a .po dated in the future (another machine's clock): not stale forever
            os.utime(temporary, ns=(edited, edited))
        os.replace(temporary, mo)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def compile_catalogues(locale_dir: Path = LOCALE_DIR, force: bool = False) -> list[Path]:
    """Compile each language's catalogue whose .mo is missing or older than its .po (every one with
    `force`); the .mo files written."""
    written = []
    for lang in LANGUAGES:
        po, mo = catalogue_files(lang, locale_dir)
        if force or is_stale(po, mo):
            compile_catalogue(po, mo)
            written.append(mo)
    return written


def load_catalogue(lang: str, locale_dir: Path = LOCALE_DIR) -> gettext.GNUTranslations:
    """The catalogue of `lang`, compiled first if its .mo is missing or older than its .po."""
    po, mo = catalogue_files(lang, locale_dir)
    with _compiled(po, mo) as source:
        translations = gettext.GNUTranslations(source)
    translations.add_fallback(_MissingKey(lang))
    return translations


def _compiled(po: Path, mo: Path) -> BinaryIO:
    if not is_stale(po, mo):
        return mo.open("rb")
    try:
        compile_catalogue(po, mo)
    except OSError as error:        # e.g. installed read-only: compiled in memory at every start
        LOG.warning("cannot write %s (%s): the catalogue is compiled in memory", mo, error)
        return io.BytesIO(compiled_bytes(po))
    return mo.open("rb")


def _catalogue(lang: str | None) -> gettext.GNUTranslations:
    chosen = lang or _language.get()
    found = _loaded.get(chosen)
    if found is not None:
        return found
    if chosen not in LANGUAGES:
        return _catalogue("pl")
    with _loading:                  # Streamlit runs sessions in threads: each catalogue is read once
        if chosen not in _loaded:
            _loaded[chosen] = load_catalogue(chosen)
    return _loaded[chosen]


class _MissingKey(gettext.NullTranslations):
    """The last resort of a catalogue: a key it lacks comes back as the key itself, logged once."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def gettext(self, message: str) -> str:
        self._report(message)
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self._report(msgid1)
        return msgid1

    def _report(self, key: str) -> None:
        if (key, self.lang) not in _reported:
            _reported.add((key, self.lang))
            LOG.error("the %s catalogue has no key %r: the key is shown instead", self.lang, key)


if __name__ == "__main__":
    for path in compile_catalogues(force=True):
        print(f"compiled {path.relative_to(LOCALE_DIR.parent)}")
