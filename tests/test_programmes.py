"""Programmes (cycles): uploads kept side by side per programme, each with its own active versions,
history and rollback; names matched whatever their case; an older store migrated into one programme;
the demo's two cycles; the command line's `programmes`, `--programme` and their JSON shapes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from builders import check_table
from test_store_cli import HEADER, VERSION_KEYS, attendance_xlsx, run_cli, run_json
from test_store_migrations import make_schema_1_database
from test_store_support import DATABASES, empty_database

from analytics import comparison, importing, partner_metrics, summary
from analytics import store as store_api
from analytics.reading.pipeline import check_file
from analytics.store import Store

PROGRAMME_KEYS = {"name", "first_meeting", "last_meeting", "attendance_version", "projects_version"}
CYCLE_2017 = [
    ["Jan Kowalski", "gm. Słupno", "kultura", "mieszkańcy", 1, dt.date(2017, 5, 25)],
    ["Anna Nowak", "Bielsk", "edukacja", "JST", 1, dt.date(2017, 5, 25)],
    ["Jan Kowalski", "Słupno", "kultura", "mieszkańcy", 6, dt.date(2017, 12, 7)],
]
CYCLE_2018 = [
    ["Jan Kowalski", "Słupno", "kultura", "mieszkańcy", 1, dt.date(2018, 4, 19)],
    ["Ewa Lis", "m. Płock", "biznes", "przedsiębiorcy", 1, dt.date(2018, 4, 19)],
    ["Olga Wrona", "Gostynin", "pomoc społeczna", "NGO", 2, dt.date(2018, 5, 24)],
    ["Ewa Lis", "Płock", "biznes", "przedsiębiorcy", 2, dt.date(2018, 5, 24)],
]


@pytest.fixture
def cycles(tmp_path: Path) -> dict[str, Path]:
    return {
        "2017": attendance_xlsx(tmp_path / "lista_2017.xlsx", CYCLE_2017),
        "2018": attendance_xlsx(tmp_path / "lista_2018.xlsx", CYCLE_2018),
        "2018_fixed": attendance_xlsx(tmp_path / "lista_2018_poprawiona.xlsx", CYCLE_2018[:3]),
    }


def file_summary(path: Path) -> dict:
    result = check_file(path)
    return summary.attendance_summary(result.accepted)


def programme_id(store: Store, name: str) -> int:
    found = store_api.find_programme(store, name)
    assert found is not None, name
    return found.id


def test_two_programmes_imported_side_by_side_each_summary_equals_its_own_file(store: Store,
                                                                               cycles: dict) -> None:
    first = importing.import_file(store, cycles["2017"], programme="Partnerstwo Lokalne 2017", user="kasia")
    second = importing.import_file(store, cycles["2018"], programme="Partnerstwo Lokalne 2018", user="kasia")

    assert first.version != second.version and first.programme_id != second.programme_id
    for name, path in (("Partnerstwo Lokalne 2017", cycles["2017"]),
                       ("Partnerstwo Lokalne 2018", cycles["2018"])):
        stored = store_api.dataset_summaries(store, programme_id(store, name))["attendance"]
        assert stored == file_summary(path)
    # Without a programme: the most recent one, 2018.
    assert store_api.dataset_summaries(store)["attendance"] == file_summary(cycles["2018"])
    assert [p.name for p in store_api.list_programmes(store)] == ["Partnerstwo Lokalne 2017",
                                                                 "Partnerstwo Lokalne 2018"]


def test_the_most_recent_programme_is_the_one_whose_meetings_start_last(store: Store, cycles: dict) -> None:
    importing.import_file(store, cycles["2018"], programme="Cykl B", user="k")
    importing.import_file(store, cycles["2017"], programme="Cykl A", user="k")

    assert store_api.most_recent(store).name == "Cykl B"
    assert [p.name for p in store_api.list_programmes(store)] == ["Cykl A", "Cykl B"]
    # The import page offers the programme last uploaded to.
    assert store_api.last_used(store).name == "Cykl A"


def test_rollback_in_one_programme_leaves_the_other_untouched(store: Store, cycles: dict) -> None:
    old = importing.import_file(store, cycles["2018"], programme="Partnerstwo Lokalne 2018", user="k")
    new = importing.import_file(store, cycles["2018_fixed"], programme="Partnerstwo Lokalne 2018", user="k")
    other = importing.import_file(store, cycles["2017"], programme="Partnerstwo Lokalne 2017", user="k")
    p2017 = programme_id(store, "Partnerstwo Lokalne 2017")
    p2018 = programme_id(store, "Partnerstwo Lokalne 2018")
    assert store_api.active_version_ids(store, p2018)["attendance"] == new.version

    done = store_api.rollback(store, old.version, "admin")

    assert (done.version, done.previous) == (old.version, new.version)
    assert store_api.active_version_ids(store, p2018)["attendance"] == old.version
    assert store_api.active_version_ids(store, p2017)["attendance"] == other.version
    assert [v.id for v in store_api.list_versions(store, "attendance", p2017)] == [other.version]
    assert [(v.id, v.active) for v in store_api.list_versions(store, "attendance", p2018)] == [
        (old.version, True), (new.version, False)]


def test_a_programme_is_created_on_first_use_and_its_name_matched_whatever_its_case(store: Store,
                                                                                    cycles: dict) -> None:
    importing.import_file(store, cycles["2018"], programme="Partnerstwo Lokalne 2018", user="k")
    again = importing.import_file(store, cycles["2018_fixed"], programme="  partnerstwo   LOKALNE 2018 ",
                                  user="k")

    assert [p.name for p in store_api.list_programmes(store)] == ["Partnerstwo Lokalne 2018"]
    assert again.parent_id is not None            # built on the same programme's active version
    # The same file in another programme is no duplicate: each programme keeps its own.
    elsewhere = importing.import_file(store, cycles["2018_fixed"], programme="Kopia", user="k")
    assert elsewhere.duplicate_of is None and elsewhere.version is not None
    # The same file again in the same programme is.
    repeated = importing.import_file(store, cycles["2018_fixed"], programme="PARTNERSTWO LOKALNE 2018",
                                     user="k")
    assert repeated.duplicate_of == again.version


def test_an_import_into_an_empty_store_without_a_programme_names_one_after_its_meetings(
        store: Store, cycles: dict) -> None:
    importing.import_file(store, cycles["2018"], user="k")

    assert [p.name for p in store_api.list_programmes(store)] == ["Partnerstwo Lokalne 2018"]
    programme = store_api.most_recent(store)
    assert (programme.first_meeting, programme.last_meeting) == (dt.date(2018, 4, 19), dt.date(2018, 5, 24))


def test_an_administrator_changes_a_programmes_name_dates_and_description(store: Store, cycles: dict) -> None:
    importing.import_file(store, cycles["2017"], programme="Partnerstwo Lokalne 2017", user="k")
    importing.import_file(store, cycles["2018"], programme="Partnerstwo Lokalne 2018", user="k")
    p2017 = programme_id(store, "Partnerstwo Lokalne 2017")

    taken = store_api.update_programme(store, p2017, "partnerstwo lokalne 2018", None, None, None, "admin")
    reversed_dates = store_api.update_programme(store, p2017, "PL 2017", dt.date(2017, 12, 31),
                                                dt.date(2017, 1, 1), None, "admin")
    changed = store_api.update_programme(store, p2017, "Partnerstwo Lokalne – cykl I", dt.date(2017, 5, 1),
                                         dt.date(2017, 12, 31), "Pierwszy cykl warsztatów.", "admin")

    assert isinstance(taken, store_api.ProgrammeRefusal) and "już istnieje" in taken.error
    assert isinstance(reversed_dates, store_api.ProgrammeRefusal)
    assert (changed.name, changed.starts_on, changed.description) == (
        "Partnerstwo Lokalne – cykl I", dt.date(2017, 5, 1), "Pierwszy cykl warsztatów.")
    assert store_api.audit_log(store, 1)[0].action == "programme_changed"


@pytest.fixture(params=DATABASES)
def schema_1_url(request: pytest.FixtureRequest, tmp_path: Path):
    with empty_database(request.param, tmp_path) as url:
        make_schema_1_database(url)
        yield url


def test_an_older_store_is_migrated_into_one_programme_named_after_its_meetings(schema_1_url: str,
                                                                               cycles: dict) -> None:
    store = store_api.open_store(schema_1_url)
    try:
        programmes = store_api.list_programmes(store)
        assert [p.to_json() for p in programmes] == [{
            "name": "Partnerstwo Lokalne 2017", "first_meeting": "2017-05-25", "last_meeting": "2017-05-25",
            "attendance_version": 1, "projects_version": 2}]
        assert {v.programme_id for v in store_api.list_versions(store)} == {programmes[0].id}
        # Its data is read as before, and a new programme goes beside it.
        assert store_api.active_frame(store, "attendance", programmes[0].id)["meeting"].tolist() == [1, 1, 2]
        importing.import_file(store, cycles["2018"], programme="Partnerstwo Lokalne 2018", user="k")
        assert store_api.active_version_ids(store, programmes[0].id) == {"attendance": 1, "projects": 2}
    finally:
        store.close()


def test_the_demo_loads_2017_and_2018_as_two_programmes_and_2017_is_the_published_cycle(store: Store) -> None:
    importing.ensure_demo(store)

    found = {p.name: p for p in store_api.list_programmes(store)}
    assert list(found) == ["Partnerstwo Lokalne 2017", "Partnerstwo Lokalne 2018"]
    assert store_api.most_recent(store).name == "Partnerstwo Lokalne 2018"
    cycle_2017 = found["Partnerstwo Lokalne 2017"]
    assert (cycle_2017.first_meeting, cycle_2017.last_meeting) == (dt.date(2017, 5, 25), dt.date(2017, 12, 7))
    figures = store_api.dataset_summaries(store, cycle_2017.id)
    assert figures["attendance"]["meetings"] == 6 and figures["projects"]["projects"] == 7
    titles = store_api.active_frame(store, "projects", cycle_2017.id)["title"].tolist()
    assert "Dowozik – dowiozę Cię tam gdzie chcesz" in titles
    figures_2018 = store_api.dataset_summaries(store, found["Partnerstwo Lokalne 2018"].id)
    assert figures_2018["attendance"]["participants"] > figures["attendance"]["participants"]
    people_2017 = set(store_api.active_frame(store, "attendance", cycle_2017.id)["person_key"])
    cycle_2018 = found["Partnerstwo Lokalne 2018"]
    people_2018 = set(store_api.active_frame(store, "attendance", cycle_2018.id)["person_key"])
    assert 10 <= len(people_2017 & people_2018) < len(people_2017) / 2     # some come back
    assert importing.ensure_demo(store) == []


# -- the command line -----------------------------------------------------------------------------


def test_programmes_json_lists_each_programme_with_its_meetings_and_active_versions(db_url: str,
                                                                                   cycles: dict) -> None:
    assert run_json(db_url, "programmes") == []
    first = run_json(db_url, "import", str(cycles["2017"]), "--programme", "Partnerstwo Lokalne 2017")
    second = run_json(db_url, "import", str(cycles["2018"]), "--programme", "Partnerstwo Lokalne 2018")

    listed = run_json(db_url, "programmes")

    assert all(set(p) == PROGRAMME_KEYS for p in listed)
    assert listed == [
        {"name": "Partnerstwo Lokalne 2017", "first_meeting": "2017-05-25", "last_meeting": "2017-12-07",
         "attendance_version": first["version"], "projects_version": None},
        {"name": "Partnerstwo Lokalne 2018", "first_meeting": "2018-04-19", "last_meeting": "2018-05-24",
         "attendance_version": second["version"], "projects_version": None},
    ]
    text = run_cli(db_url, "programmes")
    assert text.returncode == 0
    assert "Partnerstwo Lokalne 2017: spotkania 25 maja 2017" in text.stdout.replace("\xa0", " ")


def test_summary_and_versions_follow_the_programme_named_whatever_its_case(db_url: str, cycles: dict) -> None:
    first = run_json(db_url, "import", str(cycles["2017"]), "--programme", "Partnerstwo Lokalne 2017")
    run_json(db_url, "import", str(cycles["2018"]), "--programme", "Partnerstwo Lokalne 2018")

    assert run_json(db_url, "summary", "--programme", "PARTNERSTWO lokalne 2017")["attendance"] == \
        file_summary(cycles["2017"])
    assert run_json(db_url, "summary")["attendance"] == file_summary(cycles["2018"])   # the most recent
    listed = run_json(db_url, "versions", "--programme", "partnerstwo lokalne 2017")
    assert [v["version"] for v in listed] == [first["version"]]
    assert all(set(v) == VERSION_KEYS for v in listed)
    assert len(run_json(db_url, "versions")) == 2
    text = run_cli(db_url, "summary", "--programme", "partnerstwo lokalne 2017")
    assert "Program: Partnerstwo Lokalne 2017" in text.stdout


def test_an_unknown_programme_is_refused_with_the_programmes_there_are(db_url: str, cycles: dict) -> None:
    run_json(db_url, "import", str(cycles["2017"]), "--programme", "Partnerstwo Lokalne 2017")

    refused = run_json(db_url, "summary", "--programme", "Cykl 2030", exit_code=2)
    assert refused == {"error": "Nie ma programu „Cykl 2030”. Programy w bazie: Partnerstwo Lokalne 2017."}
    assert run_cli(db_url, "versions", "--programme", "Cykl 2030").returncode == 2


def test_rollback_on_the_command_line_names_the_programme_and_leaves_the_others(db_url: str,
                                                                                cycles: dict) -> None:
    old = run_json(db_url, "import", str(cycles["2018"]), "--programme", "Partnerstwo Lokalne 2018")
    run_json(db_url, "import", str(cycles["2018_fixed"]), "--programme", "Partnerstwo Lokalne 2018")
    kept = run_json(db_url, "import", str(cycles["2017"]), "--programme", "Partnerstwo Lokalne 2017")

    done = run_cli(db_url, "rollback", str(old["version"]))

    assert done.returncode == 0, done.stderr
    assert "Program: Partnerstwo Lokalne 2018" in done.stdout
    listed = {p["name"]: p for p in run_json(db_url, "programmes")}
    assert listed["Partnerstwo Lokalne 2018"]["attendance_version"] == old["version"]
    assert listed["Partnerstwo Lokalne 2017"]["attendance_version"] == kept["version"]


def test_reports_on_the_command_line_follow_the_programme(db_url: str, cycles: dict, tmp_path: Path) -> None:
    run_json(db_url, "import", str(cycles["2017"]), "--programme", "Partnerstwo Lokalne 2017")
    run_json(db_url, "import", str(cycles["2018"]), "--programme", "Partnerstwo Lokalne 2018")

    done = run_cli(db_url, "certificates", "--out", str(tmp_path / "c.pdf"),
                   "--programme", "partnerstwo lokalne 2017")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    assert "Certyfikaty: 2 " in done.stderr      # Jan Kowalski and Anna Nowak of 2017, not the three of 2018
    refused = run_cli(db_url, "report", "--out", str(tmp_path / "r.xlsx"), "--programme", "Nie ma")
    assert refused.returncode == 2 and "Nie ma programu" in refused.stderr


assert HEADER  # the sheets above are headed as test_store_cli's


def test_partners_compared_across_programmes_count_a_merged_near_duplicate_once(store: Store) -> None:
    header = ["Imię i nazwisko", "Instytucja", "Gmina", "Sektor", "Spotkanie", "Data"]
    first = check_table("xlsx", [header,
        ["Jan Kowalski", "Gminny Ośrodek Pomocy Społecznej w Gąbinie", "Gąbin", "opieka społeczna", 1,
         dt.date(2017, 5, 25)],
        ["Anna Nowak", "Stowarzyszenie Przyjaciół Ziemi Bielskiej", "Bielsk", "kultura", 1,
         dt.date(2017, 5, 25)]]).accepted
    second = check_table("xlsx", [header,
        ["Ewa Lis", "GOPS Gąbin", "Gąbin", "opieka społeczna", 1, dt.date(2018, 4, 19)],   # the same, by rule
        ["Olga Wrona", "Stowarzyszenie Przyjaciół Ziemi Bielskiej", "Bielsk", "kultura", 1,
         dt.date(2018, 4, 19)],
        ["Piotr Zając", "Stowarzyszenie Przyjaciol Ziemi Bielskie", "Bielsk", "kultura", 1,   # a typo
         dt.date(2018, 4, 19)]]).accepted
    empty = pd.DataFrame(columns=["title", "status"])

    def partners_row(merges: dict[str, str]) -> tuple:
        data = [comparison.ProgrammeData(name, frame, empty, merges)
                for name, frame in (("2017", first), ("2018", second))]
        return next(f.values for f in comparison.compared_figures(data) if f.key == "partners")

    assert partners_row({}) == (2.0, 3.0)
    proposals = partner_metrics.partner_proposals(second, None, {}, ())
    assert len(proposals) == 1 and {proposals[0].name_a, proposals[0].name_b} == {
        "Stowarzyszenie Przyjaciół Ziemi Bielskiej", "Stowarzyszenie Przyjaciol Ziemi Bielskie"}
    store_api.record_partner_decision(store, proposals[0].key_a, proposals[0].key_b, "merge", "ewa")
    assert partners_row(store_api.current_partner_decisions(store).merges) == (2.0, 2.0)
