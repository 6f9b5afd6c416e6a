"""The catalogue: gettext catalogues (locale/<lang>/LC_MESSAGES/messages.po, the key as msgid) that are
complete in both languages, compiled when their .mo is missing or stale, and plural forms that agree
with a count in Polish (one, few, many) and English (one, other)."""

from __future__ import annotations

import ast
import gettext
import io
import logging
import os
import shutil
import string
import subprocess
import threading
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from analytics import catalogue
from analytics.catalogue import LANGUAGES, LOCALE_DIR, language, t, tn
from analytics.formatting import format_int

POLISH_PLURAL_FORMS = "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
ENGLISH_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"
FORMS = {"pl": 3, "en": 2}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def read_catalogue(lang: str, locale_dir: Path = LOCALE_DIR) -> Catalog:
    po, _ = catalogue.catalogue_files(lang, locale_dir)
    with po.open("rb") as source:
        return read_po(source, domain=catalogue.DOMAIN, abort_invalid=True)


def entries(lang: str) -> dict[str, str | tuple[str, ...]]:
    """key -> msgstr (a plain entry) or its forms (a plural entry), as the .po file says."""
    return {message.id if isinstance(message.id, str) else message.id[0]: message.string
            for message in read_catalogue(lang) if message.id}


def header(lang: str) -> dict[str, str]:
    """The .po file's own header (msgid ""), field by field, as Poedit and Weblate read it."""
    lines = catalogue.catalogue_files(lang)[0].read_text(encoding="utf-8").splitlines()
    start = lines.index('msgid ""')
    assert lines[start + 1] == 'msgstr ""'
    text = ""
    for line in lines[start + 2:]:
        if not line.startswith('"'):
            break
        text += ast.literal_eval(line)
    return dict(field.split(": ", 1) for field in text.splitlines())


@pytest.mark.parametrize(("n", "expected"), [
    (1, "1 nowa osoba"), (2, "2 nowe osoby"), (5, "5 nowych osób"), (12, "12 nowych osób"),
    (22, "22 nowe osoby"), (25, "25 nowych osób"),
])
def test_polish_counts_take_the_one_few_or_many_form(n: int, expected: str) -> None:
    with language("pl"):
        assert f"{n} {tn('kpi_new_since', n)}" == expected


@pytest.mark.parametrize(("n", "expected"), [
    (1, "Certyfikat otrzyma 1 osoba (co najmniej 1 spotkanie)."),
    (2, "Certyfikaty otrzymają 2 osoby (co najmniej 2 spotkania)."),
    (5, "Certyfikaty otrzyma 5 osób (co najmniej 5 spotkań)."),
    (12, "Certyfikaty otrzyma 12 osób (co najmniej 12 spotkań)."),
    (22, "Certyfikaty otrzymają 22 osoby (co najmniej 22 spotkania)."),
    (25, "Certyfikaty otrzyma 25 osób (co najmniej 25 spotkań)."),
])
def test_the_certificates_sentence_agrees_with_its_counts_in_polish(n: int, expected: str) -> None:
    sentence = tn("certificates_count", n, "pl", at_least=tn("at_least_meetings", n, "pl"))
    assert sentence.startswith(expected)


@pytest.mark.parametrize(("n", "expected"), [
    (1, "1 person gets a certificate (at least 1 meeting)."),
    (2, "2 people get a certificate (at least 2 meetings)."),
])
def test_english_counts_take_the_one_or_other_form(n: int, expected: str) -> None:
    with language("en"):
        assert tn("certificates_count", n, at_least=tn("at_least_meetings", n)).startswith(expected)


def test_polish_plural_rule_is_gettexts_for_every_count_to_a_thousand() -> None:
    """tn picks its form by the catalogue's Plural-Forms: checked here against the rule written out."""
    polish, english = entries("pl")["for_minutes"], entries("en")["for_minutes"]
    for n in range(1001):
        form = 0 if n == 1 else 1 if n % 10 >= 2 and n % 10 <= 4 and (n % 100 < 10 or n % 100 >= 20) else 2
        assert tn("for_minutes", n, "pl", count="N") == polish[form].format(count="N"), n
        assert tn("for_minutes", n, "en", count="N") == english[0 if n == 1 else 1].format(count="N"), n


def test_the_count_is_written_with_the_thousands_separator() -> None:
    assert tn("of_people", 1234, "pl") == "z 1\u00a0234 osób"
    assert tn("rpt_retained_short", 3, "pl", threshold=3, of_meetings=tn("of_meetings", 6, "pl")) == (
        "3 osoby na ≥ 3 z 6 spotkań")


@pytest.mark.parametrize("n", [0, 1, 7, 999, 1000, 1234, -1234, 1_000_000])
def test_a_count_in_a_sentence_is_written_as_every_other_figure(n: int) -> None:
    # the catalogue writes its counts itself (it stands below formatting): the same digits either way
    for lang in LANGUAGES:
        assert f" {format_int(n)} " in tn("of_people", n, lang) + " ", lang


def test_every_plural_entry_has_three_polish_and_two_english_forms_with_the_same_placeholders() -> None:
    polish, english = entries("pl"), entries("en")
    plural = {key for key, text in polish.items() if not isinstance(text, str)}
    assert plural == {key for key, text in english.items() if not isinstance(text, str)}
    assert plural, "no plural entry at all"
    for key in plural:
        assert len(polish[key]) == 3 and len(english[key]) == 2, key
        fields = {frozenset(placeholders(form)) for form in (*polish[key], *english[key])}
        assert len(fields) == 1, (key, fields)


def test_a_plural_entrys_msgid_plural_is_its_key_with_the_plural_suffix() -> None:
    for lang in LANGUAGES:
        for message in read_catalogue(lang):
            if message.pluralizable:
                assert message.id[1] == message.id[0] + catalogue.PLURAL_SUFFIX, (lang, message.id)


def test_every_key_has_a_text_in_both_languages() -> None:
    polish, english = entries("pl"), entries("en")
    assert set(polish) == set(english)
    for lang, texts in (("pl", polish), ("en", english)):
        for key, text in texts.items():
            forms = (text,) if isinstance(text, str) else text
            assert all(form.strip() for form in forms), (lang, key)


def test_no_placeholder_is_missing_or_extra_in_either_language() -> None:
    polish, english = entries("pl"), entries("en")
    for key, text in polish.items():
        if isinstance(text, str):
            assert placeholders(text) == placeholders(english[key]), key
            text.format(**dict.fromkeys(placeholders(text), "x"))      # no stray brace either


def test_the_catalogues_carry_the_headers_poedit_and_weblate_need() -> None:
    polish, english = header("pl"), header("en")
    assert (polish["Language"], english["Language"]) == ("pl", "en")
    for fields in (polish, english):
        assert fields["Content-Type"].lower() == "text/plain; charset=utf-8"
        assert fields["MIME-Version"] == "1.0"
    assert polish["Plural-Forms"] == POLISH_PLURAL_FORMS
    assert english["Plural-Forms"] == ENGLISH_PLURAL_FORMS
    for lang in LANGUAGES:
        parsed = read_catalogue(lang)
        assert parsed.num_plurals == FORMS[lang]
        assert not [message.id for message in parsed if message.fuzzy and message.id], lang


def test_the_compiled_catalogue_says_what_the_po_says() -> None:
    for lang in LANGUAGES:
        po, _ = catalogue.catalogue_files(lang)
        compiled = gettext.GNUTranslations(io.BytesIO(catalogue.compiled_bytes(po)))
        assert compiled.info()["plural-forms"] == header(lang)["Plural-Forms"]
        counts = (1, 2, 5)[:FORMS[lang]]    # one count per form: Polish one, few, many; English one, other
        for key, text in entries(lang).items():
            if isinstance(text, str):
                assert t(key, lang) == text == compiled.gettext(key)
            else:
                assert tuple(compiled.ngettext(key, key + "_plural", n) for n in counts) == text, key


@pytest.fixture
def locale_copy(tmp_path: Path) -> Path:
    """The project's .po files in a folder of their own, without any .mo yet."""
    for lang in LANGUAGES:
        po, _ = catalogue.catalogue_files(lang)
        target, _ = catalogue.catalogue_files(lang, tmp_path)
        target.parent.mkdir(parents=True)
        shutil.copy(po, target)
    return tmp_path


def _edit(po: Path, key: str, old: str, new: str) -> None:
    text = po.read_text(encoding="utf-8")
    entry = f'msgid "{key}"\nmsgstr "{old}"'
    assert entry in text
    po.write_text(text.replace(entry, f'msgid "{key}"\nmsgstr "{new}"'), encoding="utf-8")


def test_a_missing_mo_is_compiled_at_start(locale_copy: Path) -> None:
    po, mo = catalogue.catalogue_files("pl", locale_copy)
    assert not mo.exists()
    assert catalogue.load_catalogue("pl", locale_copy).gettext("nav_overview") == "Przegląd"
    assert mo.exists() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns
    assert mo.stat().st_mode & 0o644 == 0o644              # readable by a server running as another user


def test_the_mo_is_compiled_again_when_the_po_is_newer(locale_copy: Path) -> None:
    po, mo = catalogue.catalogue_files("pl", locale_copy)
    catalogue.load_catalogue("pl", locale_copy)
    _edit(po, "nav_overview", "Przegląd", "Przegląd programu")
    stamp = mo.stat().st_mtime_ns
    os.utime(po, ns=(stamp + 10**9, stamp + 10**9))           # the .po edited a second after the .mo
    assert catalogue.is_stale(po, mo)
    assert catalogue.load_catalogue("pl", locale_copy).gettext("nav_overview") == "Przegląd programu"
    assert not catalogue.is_stale(po, mo)
    # a .mo newer than its .po is read as it is
    _edit(po, "nav_overview", "Przegląd programu", "Przegląd trzeci")
    os.utime(po, ns=(stamp, stamp))
    assert catalogue.load_catalogue("pl", locale_copy).gettext("nav_overview") == "Przegląd programu"


def test_tasks_compile_writes_every_catalogue_even_when_current(locale_copy: Path) -> None:
    assert catalogue.compile_catalogues(locale_copy) == [catalogue.catalogue_files(lang, locale_copy)[1]
                                                         for lang in LANGUAGES]
    assert catalogue.compile_catalogues(locale_copy) == []
    assert len(catalogue.compile_catalogues(locale_copy, force=True)) == len(LANGUAGES)


def test_processes_compiling_at_once_never_leave_half_a_catalogue(locale_copy: Path) -> None:
    """Many compilers and readers at once (as several server processes starting together): every
    reader finds a whole .mo, and no temporary file is left behind."""
    po, mo = catalogue.catalogue_files("pl", locale_copy)
    catalogue.compile_catalogue(po, mo)
    failures: list[BaseException] = []

    def compile_often() -> None:
        for _ in range(10):
            catalogue.compile_catalogue(po, mo)

    def read_often() -> None:
        for _ in range(50):
            try:
                with mo.open("rb") as source:
                    assert gettext.GNUTranslations(source).gettext("nav_overview") == "Przegląd"
            except BaseException as error:  # noqa: BLE001 - collected and reported below
                failures.append(error)

    threads = [threading.Thread(target=work) for work in (compile_often,) * 4 + (read_often,) * 4]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(path.name for path in mo.parent.iterdir()) == ["messages.mo", "messages.po"]


def test_a_locale_folder_that_cannot_be_written_is_compiled_in_memory(
        locale_copy: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(catalogue.tempfile, "mkstemp", refuse)    # as a read-only installation answers
    with caplog.at_level(logging.WARNING, logger="pup.catalogue"):
        loaded = catalogue.load_catalogue("en", locale_copy)
    assert loaded.gettext("nav_overview") == "Overview"
    assert not catalogue.catalogue_files("en", locale_copy)[1].exists()
    assert "compiled in memory" in caplog.text


@pytest.mark.missing_key
def test_a_missing_key_shows_the_key_and_is_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="pup.catalogue"):
        assert t("test_no_such_key_anywhere") == "test_no_such_key_anywhere"
        assert t("test_no_such_key_anywhere", value=1) == "test_no_such_key_anywhere"
        assert tn("test_no_such_plural_anywhere", 5) == "test_no_such_plural_anywhere"
    messages = [record.getMessage() for record in caplog.records]
    assert len([m for m in messages if "test_no_such_key_anywhere" in m]) == 1
    assert len([m for m in messages if "test_no_such_plural_anywhere" in m]) == 1


def test_an_unknown_language_falls_back_to_polish() -> None:
    assert t("nav_overview", "de") == "Przegląd"
    with language("de"):
        assert t("nav_overview") == "Przegląd"


@pytest.mark.parametrize(("key", "n", "lang", "expected"), [
    ("unit_people", 1, "pl", "1\u00a0osoba"), ("unit_people", 3, "pl", "3\u00a0osoby"),
    ("unit_people", 13, "pl", "13\u00a0osób"), ("unit_people", 1, "en", "1\u00a0person"),
    ("unit_people", 0, "en", "0\u00a0people"),
    ("unit_jobs", 24, "pl", "24\u00a0miejsca pracy"), ("unit_jobs", 25, "pl", "25\u00a0miejsc pracy"),
    ("noun_projects_acc", 2, "pl", "projekty"), ("noun_projects_acc", 5, "pl", "projektów"),
    ("noun_attendances", 1, "en", "attendance"), ("noun_attendances", 95, "en", "attendances"),
    ("password_too_short", 10, "pl", "Hasło musi mieć co najmniej 10 znaków."),
    ("password_too_short", 2, "pl", "Hasło musi mieć co najmniej 2 znaki."),
    ("password_too_short", 1, "en", "The password must be at least 1 character long."),
    ("audit_intro", 200, "pl", "Ostatnie 200 zdarzeń, od najnowszego."),
    ("audit_intro", 22, "pl", "Ostatnie 22 zdarzenia, od najnowszego."),
    ("rpt_gminy_note", 16, "pl", "z 16 gmin, które obsługuje PUP w Płocku"),
    ("rpt_gminy_note", 1, "pl", "z 1 gminy, którą obsługuje PUP w Płocku"),
    ("rpt_gminy_note", 1, "en", "of the 1 gmina PUP Płock serves"),
])
def test_a_count_meets_its_noun_in_the_form_that_agrees(key: str, n: int, lang: str, expected: str) -> None:
    assert tn(key, n, lang) == expected


# -- the keys the code uses ------------------------------------------------------------------------------
# Every key appears literally in the source: as the first argument of t()/tn(), or as a value of an
# explicit mapping (a dict named *_KEYS, or COUNTED_NOTES), or passed on as a literal to a function
# that hands it to t(). Never built at run time (t(f"kind_label_{kind}")), so that a search
# finds every use of a key and these tests can prove that none is missing and none is unused.

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted({*REPO_ROOT.glob("analytics/**/*.py"), *REPO_ROOT.glob("pages/*.py"),
                  REPO_ROOT / "dashboard.py"})


def _trees() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"), str(path))) for path in SOURCES]


def _catalogue_calls(tree: ast.AST) -> list[tuple[str, ast.expr]]:
    """(t or tn, the key argument) of every call in `tree`."""
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name in ("t", "tn"):
                calls.append((name, node.args[0]))
    return calls


def _literal_choices(node: ast.expr) -> list[str] | None:
    """The literal keys `node` can be ("a", "a" if x else "b", x or "a" counts its literals); None when
    it is no literal at all (a name, a lookup in a mapping)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return (_literal_choices(node.body) or []) + (_literal_choices(node.orelse) or [])
    if isinstance(node, ast.BoolOp):
        return [key for value in node.values for key in (_literal_choices(value) or [])]
    return None


def _mapping_keys(tree: ast.Module) -> set[str]:
    """The string values of the explicit key mappings (dicts named *_KEYS, and COUNTED_NOTES)."""
    found = set()
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) else []
        for target in targets:
            name = target.id if isinstance(target, ast.Name) else ""
            if (name.endswith("_KEYS") and isinstance(node.value, ast.Dict)) or name == "COUNTED_NOTES":
                found |= _values(node.value)
    return found


def _values(node: ast.expr) -> set[str]:
    """The strings a mapping maps to: its values, inside nested mappings, tuples and calls too."""
    if isinstance(node, ast.Constant):
        return {node.value} if isinstance(node.value, str) else set()
    if isinstance(node, ast.Dict):
        parts = node.values
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        parts = node.elts
    elif isinstance(node, ast.Call):
        parts = [*node.args, *(keyword.value for keyword in node.keywords)]
    else:
        return set()
    return set().union(*(_values(part) for part in parts))


def _string_literals(tree: ast.Module) -> set[str]:
    """Every string constant of the code, docstrings left out (a key named in a comment is not a use)."""
    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings}


def test_no_key_is_built_at_run_time() -> None:
    built = []
    for path, tree in _trees():
        for _, key in _catalogue_calls(tree):
            parts = [key] if not isinstance(key, ast.IfExp | ast.BoolOp) else list(ast.walk(key))
            if any(isinstance(part, ast.JoinedStr | ast.BinOp) or (
                    isinstance(part, ast.Call) and getattr(part.func, "attr", None) in ("format", "join"))
                   for part in parts):
                built.append(f"{path.relative_to(REPO_ROOT)}:{key.lineno}: {ast.unparse(key)}")
    assert built == [], "keys built at run time: use an explicit mapping (value -> key literal)"


def test_every_key_the_code_names_is_in_the_catalogue_as_the_right_kind_of_entry() -> None:
    polish = entries("pl")
    plain = {key for key, text in polish.items() if isinstance(text, str)}
    plural = set(polish) - plain
    named: dict[str, set[str]] = {"t": set(), "tn": set()}
    for _, tree in _trees():
        for function, key in _catalogue_calls(tree):
            named[function] |= set(_literal_choices(key) or [])
    mapped = set().union(*(_mapping_keys(tree) for _, tree in _trees()))
    assert named["t"] and named["tn"] and mapped
    assert sorted(named["t"] - plain) == [], "t() of a key that is no plain entry"
    assert sorted(named["tn"] - plural) == [], "tn() of a key that is no plural entry"
    assert sorted(mapped - set(polish)) == [], "a key mapping names a key the catalogue lacks"


def test_every_key_in_the_catalogue_is_used_by_the_code() -> None:
    literals = set().union(*(_string_literals(tree) for _, tree in _trees()))
    assert sorted(set(entries("pl")) - literals) == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_gnu_msgfmt_checks_the_catalogue_as_poedit_does(lang: str, tmp_path: Path) -> None:
    """Poedit validates a catalogue with GNU gettext on saving: headers, plural forms, C escapes."""
    po, _ = catalogue.catalogue_files(lang)
    done = subprocess.run(["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "messages.mo"), str(po)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"{len(entries(lang))} translated messages." in done.stderr
    assert "fuzzy" not in done.stderr and "untranslated" not in done.stderr
