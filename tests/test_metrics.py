"""The dashboard's numbers: filters, headline, breakdowns, retention, projects and their status history.

Small attendance lists are built here by hand, so each expected number can be checked on paper; the
demo files are then run through check_file to pin that the numbers agree with each other.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest

from analytics import metrics, project_metrics
from analytics.catalogue import language
from analytics.formatting import (
    format_date,
    format_int,
    format_money,
    format_number,
    format_pct,
    format_signed_int,
    meeting_label,
    roman,
)
from analytics.metrics import Filters
from analytics.reading.pipeline import check_file
from analytics.results import ATTENDANCE_COLUMNS, PROJECT_COLUMNS
from analytics.summary import gmina_group, latest_per_person
from analytics.vocabulary import MISSING, OTHER, OUTSIDE_COUNTY, vocabulary

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
MEETING_DATES = {1: "2017-05-25", 2: "2017-06-22", 3: "2017-09-21", 4: "2017-10-19", 5: "2017-11-16",
                 6: "2017-12-07"}
NBSP = "\u00a0"


def attendance_frame(rows: list[tuple]) -> pd.DataFrame:
    """One attendance per (person, meeting, sector, group, gmina); the gmina a county name, a place
    outside the county, or None. Dates come from MEETING_DATES, as the pipeline hands them on."""
    vocab = vocabulary()
    records = []
    for number, (person, meeting, sector, group, gmina) in enumerate(rows, start=2):
        teryt = vocab.teryt_of(gmina) if gmina else None
        records.append({
            "row": number, "sheet": "Lista", "person_key": person.lower(), "person_name": person,
            "institution": f"Instytucja {person}", "gmina": gmina, "teryt": teryt,
            "in_county": None if gmina is None else teryt is not None,
            "sector": sector, "sector_other": None, "group": group, "group_other": None,
            "meeting": meeting, "meeting_date": pd.Timestamp(MEETING_DATES[meeting]),
        })
    frame = pd.DataFrame(records, columns=ATTENDANCE_COLUMNS)
    return frame.astype({"meeting": "Int64", "meeting_date": "datetime64[s]"})


def project_frame(projects: list[dict]) -> pd.DataFrame:
    defaults = {"row": 2, "sheet": "Projekty", "leader": "Jan Lider", "status_other": None,
                "start_date": pd.Timestamp("2018-01-01"), "end_date": pd.Timestamp("2018-12-31"),
                "budget": 10000.0, "participants_planned": 10, "participants_reached": 5,
                "jobs_planned": 2, "jobs_created": 1, "enterprises_created": 0, "gminy": "Płock",
                "notes": None, "last_update": pd.Timestamp("2019-01-01")}
    frame = pd.DataFrame([{**defaults, **p} for p in projects], columns=PROJECT_COLUMNS)
    return frame.astype({column: "Int64" for column in (
        "participants_planned", "participants_reached", "jobs_planned", "jobs_created",
        "enterprises_created")})


# Four meetings. Anna 1,2 (sector changes from kultura to edukacja); Bartek 1; Celina 1-4; Dawid 3
# (from Gostynin, outside the county); Ewa 4 (no gmina, no sector).
FOUR_MEETINGS = [
    ("Anna", 1, "kultura", "mieszkańcy", "Płock"),
    ("Anna", 2, "edukacja", "mieszkańcy", "Płock"),
    ("Bartek", 1, "gospodarka", "przedsiębiorcy", "Słupno"),
    ("Celina", 1, "gospodarka", "samorząd lokalny", "Gąbin"),
    ("Celina", 2, "gospodarka", "samorząd lokalny", "Gąbin"),
    ("Celina", 3, "gospodarka", "samorząd lokalny", "Gąbin"),
    ("Celina", 4, "gospodarka", "samorząd lokalny", "Gąbin"),
    ("Dawid", 3, "rynek pracy", "organizacje pozarządowe", "Gostynin"),
    ("Ewa", 4, None, "uczniowie", None),
]


@pytest.fixture
def four_meetings() -> pd.DataFrame:
    return attendance_frame(FOUR_MEETINGS)


@pytest.fixture(scope="module")
def demo_attendance() -> pd.DataFrame:
    return check_file(DEMO / "lista_obecnosci_2017.xlsx").accepted


@pytest.fixture(scope="module")
def demo_projects() -> pd.DataFrame:
    return check_file(DEMO / "projekty_2017.xlsx").accepted


# -- formatting -----------------------------------------------------------------------------------------

def test_numbers_are_grouped_by_thousands_with_a_no_break_space():
    assert format_int(1234) == f"1{NBSP}234"
    assert format_int(1234567) == f"1{NBSP}234{NBSP}567"
    assert format_int(999) == "999"
    assert format_int(-1234) == f"-1{NBSP}234"
    assert format_int(None) == "–"
    assert format_number(1234.56, 1) == f"1{NBSP}234,6"


def test_shares_money_and_changes_are_written_the_polish_way():
    assert format_pct(0.125) == "13%"
    assert format_pct(0.125, 1) == "12,5%"
    assert format_pct(float("nan")) == "–"
    assert format_money(12500) == f"12{NBSP}500{NBSP}zł"
    assert format_money(12500.5) == f"12{NBSP}500,50{NBSP}zł"
    assert format_signed_int(3) == "+3" and format_signed_int(-2) == "-2" and format_signed_int(0) == "0"


def test_dates_take_the_genitive_month_in_polish_and_plain_month_in_english():
    assert format_date(dt.date(2017, 12, 7)) == f"7{NBSP}grudnia 2017"
    assert format_date(pd.Timestamp("2017-05-25")) == f"25{NBSP}maja 2017"
    assert format_date(dt.date(2017, 12, 7), "en") == f"7{NBSP}December 2017"
    with language("en"):
        assert format_date(dt.date(2017, 6, 22)) == f"22{NBSP}June 2017"
    assert format_date(pd.NaT) == "–"


def test_meetings_are_numbered_in_roman_numerals():
    assert [roman(n) for n in (1, 4, 6, 9, 14)] == ["I", "IV", "VI", "IX", "XIV"]
    assert meeting_label(6, dt.date(2017, 12, 7)) == f"Spotkanie VI – 7{NBSP}grudnia 2017"
    assert meeting_label(2, None) == "Spotkanie II"


# -- retention and the headline -----------------------------------------------------------------------

def test_retention_counts_people_at_half_or_more_of_the_meetings_held(four_meetings):
    figures = metrics.attendance_figures(four_meetings, [1, 2, 3, 4])
    # threshold ceil(4/2) = 2: Anna (2) and Celina (4) of five people
    assert figures.retention_threshold == 2
    assert figures.retained == 2
    assert figures.retention == pytest.approx(2 / 5)
    counts = metrics.retention_counts(four_meetings)
    assert counts.to_dict("list") == {"meetings_attended": [1, 2, 3, 4], "people": [3, 1, 0, 1]}


def test_retention_threshold_rounds_half_of_an_odd_number_of_meetings_up():
    rows = attendance_frame([("A", m, "kultura", "mieszkańcy", "Płock") for m in (1, 2)]
                            + [("B", m, "kultura", "mieszkańcy", "Płock") for m in (1, 2, 3)]
                            + [("C", m, "kultura", "mieszkańcy", "Płock") for m in (4, 5)])
    figures = metrics.attendance_figures(rows, [1, 2, 3, 4, 5])
    assert figures.retention_threshold == 3
    assert figures.retained == 1   # only B came to 3 of 5


def test_headline_counts_and_changes_since_the_previous_meeting(four_meetings):
    projects = project_frame([
        {"title": "A", "status": "w realizacji", "participants_planned": 100, "participants_reached": 40},
        {"title": "B", "status": "pomysł", "jobs_planned": 3, "jobs_created": 0},
        {"title": "C", "status": None},
    ])
    headline = metrics.headline(four_meetings, projects)
    assert (headline.meetings, headline.participants, headline.attendances) == (4, 5, 9)
    assert headline.average_per_meeting == pytest.approx(9 / 4)
    # county gminy reached: Płock, Słupno, Gąbin (Gostynin is outside, Ewa gave none)
    assert (headline.gminy_reached, headline.gminy_total) == (3, 16)
    assert headline.last_meeting == 4 and headline.last_meeting_date == dt.date(2017, 10, 19)
    # at meeting 4: Celina and Ewa; at meeting 3: Celina and Dawid
    assert headline.last_meeting_attendances == 2
    assert headline.attendances_change == 0
    # up to meeting 3: Anna, Bartek, Celina, Dawid; then Ewa is new
    assert headline.new_participants == 1
    assert headline.average_change == pytest.approx(9 / 4 - 7 / 3)
    # before: threshold ceil(3/2)=2, Anna and Celina of 4 = 0.5; now 2 of 5 = 0.4; a share of 4 people
    # is too few to compare (share_change), so the change is not given
    assert (headline.retention, headline.retained, headline.participants) == (pytest.approx(0.4), 2, 5)
    assert headline.retention_change is None
    assert headline.gminy_reached_change == 0
    figures = headline.projects
    assert figures.projects == 3
    assert list(figures.by_status) == [*vocabulary().statuses, MISSING]
    assert figures.by_status["w realizacji"] == 1 and figures.by_status[MISSING] == 1
    assert figures.by_status["zrealizowany"] == 0
    assert (figures.participants_planned, figures.participants_reached) == (120, 50)
    assert (figures.jobs_planned, figures.jobs_created) == (7, 2)


def test_share_change_is_given_only_when_both_shares_are_of_five_people_or_more():
    assert metrics.MIN_PEOPLE_FOR_SHARE_CHANGE == 5
    assert metrics.share_change(0.6, 5, 0.4, 5) == pytest.approx(0.2)
    assert metrics.share_change(0.5, 40, 0.55, 36) == pytest.approx(-0.05)
    # one person in the earlier state, two now: "+100 pp" is not a change worth an arrow
    assert metrics.share_change(1.0, 2, 0.0, 1) is None
    assert metrics.share_change(0.25, 4, 0.5, 10) is None
    assert metrics.share_change(0.5, 10, 0.25, 4) is None
    assert metrics.share_change(0.0, 0, 0.0, 0) is None


def test_headline_retention_change_compares_the_states_before_and_after_the_last_meeting():
    # Up to meeting 3 (threshold 2): six people, A–D at all three, E and F at the first; 4 of 6 retained.
    # Meeting 4 brings two newcomers and A, B again: over 4 meetings (threshold 2) still A–D, 4 of 8.
    rows = ([(name, m, "kultura", "mieszkańcy", "Płock") for name in "ABCD" for m in (1, 2, 3)]
            + [(name, 1, "kultura", "mieszkańcy", "Płock") for name in "EF"]
            + [(name, 4, "kultura", "mieszkańcy", "Płock") for name in "ABGH"])
    headline = metrics.headline(attendance_frame(rows), project_frame([]))
    assert (headline.retained, headline.participants) == (4, 8)
    assert headline.retention_change == pytest.approx(4 / 8 - 4 / 6)
    # Under a narrow filter, one person: at meeting 1 only before meeting 4 (0 of 1 at half of three
    # meetings), then at meeting 4 too (1 of 1 at half of four): no "+100 pp", no change at all.
    everyone = attendance_frame(rows + [("X", m, "edukacja", "mieszkańcy", "Płock") for m in (1, 4)])
    narrow = metrics.headline(metrics.apply_filters(everyone, Filters(sectors=("edukacja",))),
                              project_frame([]), metrics.meeting_schedule(everyone))
    assert (narrow.meetings, narrow.participants, narrow.retention) == (4, 1, 1.0)
    assert narrow.retention_change is None


def test_headline_with_one_meeting_has_no_changes():
    rows = attendance_frame([("A", 1, "kultura", "mieszkańcy", "Płock")])
    headline = metrics.headline(rows, project_frame([]))
    assert headline.meetings == 1 and headline.retention == 1.0
    assert headline.new_participants is None and headline.attendances_change is None
    assert headline.projects.projects == 0


def test_headline_on_an_empty_store_is_all_zero():
    empty = attendance_frame([])
    headline = metrics.headline(empty, project_frame([]))
    assert (headline.meetings, headline.participants, headline.attendances) == (0, 0, 0)
    assert headline.last_meeting is None and headline.retention == 0.0


# -- breakdowns -------------------------------------------------------------------------------------------

def test_participants_by_sector_uses_each_persons_latest_attendance(four_meetings):
    by = metrics.participants_by(four_meetings, "sector")
    counts = dict(zip(by["key"], by["participants"], strict=True))
    # Anna counts under edukacja (meeting 2), not kultura (meeting 1)
    assert counts["edukacja"] == 1 and counts["kultura"] == 0
    assert counts["gospodarka"] == 2 and counts["rynek pracy"] == 1 and counts[MISSING] == 1
    assert list(by["key"]) == [*vocabulary().sectors, MISSING]
    assert by["share"].sum() == pytest.approx(1.0)
    assert by.loc[by["key"] == "gospodarka", "share"].item() == pytest.approx(0.4)


def test_participants_by_gmina_lists_all_sixteen_then_outside_and_missing_last(four_meetings):
    by = metrics.participants_by(four_meetings, "gmina")
    assert list(by["key"])[:16] == [g.name for g in vocabulary().gminy]
    assert list(by["key"])[16:] == [OUTSIDE_COUNTY, MISSING]
    assert dict(zip(by["key"], by["participants"], strict=True))["Bielsk"] == 0


def test_a_value_outside_the_vocabulary_is_grouped_as_other_and_listed_last():
    rows = attendance_frame([("A", 1, OTHER, "mieszkańcy", "Płock"), ("B", 1, "kultura", None, "Płock")])
    by_sector = metrics.participants_by(rows, "sector")
    assert list(by_sector["key"])[-1] == OTHER
    by_group = metrics.participants_by(rows, "group")
    assert list(by_group["key"])[-1] == MISSING


def test_participants_by_gmina_map_has_every_gmina_with_its_teryt_code(four_meetings):
    frame = metrics.participants_by_gmina_map(four_meetings)
    assert len(frame) == 16
    assert set(frame["teryt"]) == {g.teryt for g in vocabulary().gminy}
    counts = dict(zip(frame["gmina"], frame["participants"], strict=True))
    assert counts["Płock"] == 1 and counts["Gąbin"] == 1 and counts["Słupno"] == 1
    assert frame["participants"].sum() == 3   # Dawid (outside) and Ewa (no gmina) are not on the map
    assert frame.loc[frame["gmina"] == "Płock", "teryt"].item() == "146201"


def test_sector_by_gmina_counts_distinct_people(four_meetings):
    table = metrics.sector_by_gmina(four_meetings)
    assert table.loc["Gąbin", "gospodarka"] == 1        # Celina, at four meetings, once
    assert table.loc["Płock", "edukacja"] == 1
    assert table.loc[OUTSIDE_COUNTY, "rynek pracy"] == 1
    assert table.loc[MISSING, MISSING] == 1
    assert list(table.index[:16]) == [g.name for g in vocabulary().gminy]
    assert int(table.to_numpy().sum()) == 5


# -- over the meetings --------------------------------------------------------------------------------------

def test_attendance_by_meeting_stacks_by_the_persons_sector(four_meetings):
    frame = metrics.attendance_by_meeting(four_meetings, "sector")
    at = frame.set_index(["meeting", "key"])["attendances"]
    assert at[(1, "edukacja")] == 1      # Anna at meeting 1, counted under her latest sector
    assert (1, "kultura") not in at.index      # nobody's latest sector is kultura
    assert at[(1, "gospodarka")] == 2
    assert frame.groupby("meeting")["attendances"].sum().to_dict() == {1: 3, 2: 2, 3: 2, 4: 2}
    assert frame["meeting_date"].iloc[0] == pd.Timestamp("2017-05-25")


def test_attendance_by_meeting_keeps_a_meeting_nobody_of_the_chosen_sector_attended(four_meetings):
    filters = Filters(sectors=("rynek pracy",))
    rows = metrics.apply_filters(four_meetings, filters)
    schedule = metrics.meeting_schedule(four_meetings, filters)
    frame = metrics.attendance_by_meeting(rows, None, schedule)
    assert frame["meeting"].tolist() == [1, 2, 3, 4]
    assert frame["attendances"].tolist() == [0, 0, 1, 0]


def test_meetings_table_splits_attendance_into_new_and_returning(four_meetings):
    table = metrics.meetings_table(four_meetings)
    assert table["attendances"].tolist() == [3, 2, 2, 2]
    assert table["new_participants"].tolist() == [3, 0, 1, 1]
    assert table["returning"].tolist() == [0, 2, 1, 1]


def test_return_matrix_gives_the_share_of_a_meetings_people_seen_at_another(four_meetings):
    matrix = metrics.return_matrix(four_meetings)
    assert list(matrix.index) == [1, 2, 3, 4] and list(matrix.columns) == [1, 2, 3, 4]
    # meeting 1: Anna, Bartek, Celina. Anna and Celina were at 2; only Celina at 3 and 4.
    assert matrix.loc[1, 2] == pytest.approx(2 / 3)
    assert matrix.loc[1, 3] == pytest.approx(1 / 3)
    # meeting 2: Anna, Celina, both at 1
    assert matrix.loc[2, 1] == pytest.approx(1.0)
    # meeting 3: Celina, Dawid; meeting 4: Celina, Ewa
    assert matrix.loc[3, 4] == pytest.approx(0.5)
    assert all(matrix.loc[m, m] == 1.0 for m in matrix.index)


def test_return_matrix_row_is_empty_for_a_meeting_nobody_came_to():
    rows = attendance_frame([("A", 1, "kultura", "mieszkańcy", "Płock")])
    schedule = pd.DataFrame({"meeting": [1, 2], "meeting_date": pd.to_datetime(["2017-05-25", "2017-06-22"])})
    matrix = metrics.return_matrix(rows, schedule)
    assert math.isnan(matrix.loc[2, 1]) and matrix.loc[1, 2] == 0.0


def test_participant_list_shows_each_persons_meetings(four_meetings):
    people = metrics.participant_list(four_meetings)
    assert people["name"].tolist() == ["Anna", "Bartek", "Celina", "Dawid", "Ewa"]
    celina = people[people["name"] == "Celina"].iloc[0]
    assert celina["meetings"] == "1, 2, 3, 4" and celina["count"] == 4
    anna = people[people["name"] == "Anna"].iloc[0]
    assert anna["sector"] == "edukacja" and anna["meetings"] == "1, 2"
    assert people.loc[people["name"] == "Dawid", "gmina"].item() == "Gostynin"
    assert people.loc[people["name"] == "Ewa", "gmina"].item() == MISSING


# -- filters -------------------------------------------------------------------------------------------------

def test_sector_filter_keeps_the_people_whose_latest_sector_matches(four_meetings):
    rows = metrics.apply_filters(four_meetings, Filters(sectors=("gospodarka",)))
    assert set(rows["person_name"]) == {"Bartek", "Celina"}
    assert len(rows) == 5
    kultura = metrics.apply_filters(four_meetings, Filters(sectors=("kultura",)))
    assert kultura.empty    # Anna's latest sector is edukacja


def test_sector_filter_within_chosen_meetings_uses_the_latest_attendance_among_them(four_meetings):
    rows = metrics.apply_filters(four_meetings, Filters(meetings=(1,), sectors=("kultura",)))
    assert rows["person_name"].tolist() == ["Anna"]


def test_gmina_filter_accepts_outside_the_county_and_missing(four_meetings):
    outside = metrics.apply_filters(four_meetings, Filters(gminy=(OUTSIDE_COUNTY, MISSING)))
    assert set(outside["person_name"]) == {"Dawid", "Ewa"}
    county = metrics.apply_filters(four_meetings, Filters(gminy=("Płock", "Gąbin")))
    assert metrics.headline(county, project_frame([])).participants == 2


def test_meeting_and_date_filters_select_meetings(four_meetings):
    by_number = metrics.apply_filters(four_meetings, Filters(meetings=(3, 4)))
    assert sorted(by_number["meeting"].unique()) == [3, 4] and len(by_number) == 4
    by_date = metrics.apply_filters(four_meetings, Filters(date_from=dt.date(2017, 6, 1),
                                                           date_to=dt.date(2017, 9, 30)))
    assert sorted(by_date["meeting"].unique()) == [2, 3]
    schedule = metrics.meeting_schedule(four_meetings, Filters(date_from=dt.date(2017, 6, 1)))
    assert schedule["meeting"].tolist() == [2, 3, 4]


def test_filters_combine_and_change_the_headline(four_meetings):
    filters = Filters(meetings=(1, 2, 3), groups=("samorząd lokalny", "mieszkańcy"))
    rows = metrics.apply_filters(four_meetings, filters)
    headline = metrics.headline(rows, project_frame([]), metrics.meeting_schedule(four_meetings, filters))
    assert (headline.meetings, headline.participants, headline.attendances) == (3, 2, 5)
    assert headline.retained == 2    # Anna 2 of 3, Celina 3 of 3


def test_filter_options_list_what_the_data_holds_in_vocabulary_order(four_meetings):
    options = metrics.filter_options(four_meetings)
    assert [(o.number, o.date) for o in options.meetings] == [
        (1, dt.date(2017, 5, 25)), (2, dt.date(2017, 6, 22)), (3, dt.date(2017, 9, 21)),
        (4, dt.date(2017, 10, 19))]
    assert options.date_min == dt.date(2017, 5, 25) and options.date_max == dt.date(2017, 10, 19)
    assert options.sectors == ("gospodarka", "rynek pracy", "edukacja", MISSING)
    assert options.gminy == ("Gąbin", "Słupno", "Płock", OUTSIDE_COUNTY, MISSING)


def test_meeting_schedule_takes_the_date_most_rows_give():
    rows = attendance_frame([(person, 1, "kultura", "mieszkańcy", "Płock") for person in "ABCD"])
    rows.loc[1, "meeting_date"] = pd.Timestamp("2017-05-26")
    rows.loc[2, "meeting_date"] = pd.Timestamp("2017-05-26")
    rows.loc[3, "meeting_date"] = pd.NaT
    # two rows say 26 May, one 25 May, one nothing
    assert metrics.meeting_schedule(rows)["meeting_date"].tolist() == [pd.Timestamp("2017-05-26")]
    rows.loc[3, "meeting_date"] = pd.Timestamp("2017-05-25")
    # two against two: the earlier date
    assert metrics.meeting_schedule(rows)["meeting_date"].tolist() == [pd.Timestamp("2017-05-25")]
    rows["meeting_date"] = pd.NaT
    schedule = metrics.meeting_schedule(rows)
    assert schedule["meeting"].tolist() == [1] and schedule["meeting_date"].isna().all()


def test_latest_attributes_agree_with_the_summary_rule(demo_attendance, four_meetings):
    for rows in (demo_attendance, four_meetings):
        mine = metrics.person_attributes(rows).set_index("person_key")
        people = latest_per_person(rows).set_index("person_key")
        assert mine["sector"].to_dict() == people["sector"].fillna(MISSING).to_dict()
        assert mine["group"].to_dict() == people["group"].fillna(MISSING).to_dict()
        assert mine["gmina"].to_dict() == gmina_group(people.reset_index()).fillna(MISSING).set_axis(
            people.index).to_dict()


def test_rows_as_the_store_returns_them_give_the_same_numbers(four_meetings):
    stored = four_meetings.astype({"in_county": "boolean", "sector": "str", "gmina": "str"})
    assert metrics.participants_by(stored, "gmina").equals(metrics.participants_by(four_meetings, "gmina"))
    prepared = metrics.prepare_attendance(four_meetings)
    assert metrics.prepare_attendance(prepared) is prepared
    assert metrics.headline(prepared, project_frame([])) == metrics.headline(four_meetings, project_frame([]))


def test_participant_list_handles_meeting_numbers_beyond_sixty_four():
    rows = attendance_frame([("A", 1, "kultura", "mieszkańcy", "Płock")])
    rows = pd.concat([rows, rows.assign(meeting=pd.array([70], dtype="Int64"), row=3)], ignore_index=True)
    people = metrics.participant_list(rows)
    assert people.loc[0, "meetings"] == "1, 70" and people.loc[0, "count"] == 2


# -- projects ---------------------------------------------------------------------------------------------

def test_projects_table_is_in_status_order_with_planned_vs_reached_ratios():
    projects = project_frame([
        {"title": "Wstrzymany", "status": "wstrzymany", "participants_planned": 40,
         "participants_reached": 10},
        {"title": "Pomysł", "status": "pomysł", "jobs_planned": 0, "jobs_created": 0},
        {"title": "Realizowany", "status": "w realizacji", "participants_planned": 0},
        {"title": "Bez statusu", "status": None},
    ])
    table = project_metrics.projects_table(projects)
    assert table["title"].tolist() == ["Pomysł", "Realizowany", "Wstrzymany", "Bez statusu"]
    assert table["status"].tolist()[-1] == MISSING
    assert table.loc[table["title"] == "Wstrzymany", "participants_ratio"].item() == pytest.approx(0.25)
    assert math.isnan(table.loc[table["title"] == "Pomysł", "jobs_ratio"].item())
    assert math.isnan(table.loc[table["title"] == "Realizowany", "participants_ratio"].item())


def test_status_history_lists_only_the_changes_in_upload_order():
    def register(*statuses: tuple[str, str]) -> pd.DataFrame:
        return project_frame([{"title": title, "status": status} for title, status in statuses])

    january = register(("Dowozik", "pomysł"), ("Skarby", "pomysł"))
    march = register(("DOWOZIK", "w realizacji"), ("Skarby", "pomysł"))
    may = register(("Dowozik", "w realizacji"), ("Skarby", "wstrzymany"), ("Nowy", "pomysł"))
    snapshots = [(3, dt.datetime(2019, 5, 1), may), (1, dt.datetime(2019, 1, 1), january),
                 (2, dt.datetime(2019, 3, 1), march)]
    history = project_metrics.status_history(snapshots)
    changes = [(r.title, r.version, r.status, None if pd.isna(r.previous_status) else r.previous_status)
               for r in history.itertuples()]
    assert changes == [
        ("Dowozik", 1, "pomysł", None),
        ("Skarby", 1, "pomysł", None),
        ("DOWOZIK", 2, "w realizacji", "pomysł"),
        ("Skarby", 3, "wstrzymany", "pomysł"),
        ("Nowy", 3, "pomysł", None),
    ]


# -- the demo data, end to end ---------------------------------------------------------------------------

def test_demo_numbers_agree_with_each_other(demo_attendance, demo_projects):
    headline = metrics.headline(demo_attendance, demo_projects)
    assert headline.meetings == 6 and headline.last_meeting_date == dt.date(2017, 12, 7)
    assert headline.attendances == len(demo_attendance)
    assert headline.participants == demo_attendance["person_key"].nunique()
    for dimension in metrics.DIMENSIONS:
        by = metrics.participants_by(demo_attendance, dimension)
        assert by["participants"].sum() == headline.participants
    for stack in (None, "sector", "group"):
        by_meeting = metrics.attendance_by_meeting(demo_attendance, stack)
        assert by_meeting["attendances"].sum() == headline.attendances
    meetings = metrics.meetings_table(demo_attendance)
    assert meetings["new_participants"].sum() == headline.participants
    assert meetings["attendances"].iloc[-1] == headline.last_meeting_attendances
    assert metrics.retention_counts(demo_attendance)["people"].sum() == headline.participants
    assert headline.projects.projects == len(demo_projects) == 7
    assert sum(headline.projects.by_status.values()) == 7
    on_map = metrics.participants_by_gmina_map(demo_attendance)
    assert headline.gminy_reached == (on_map["participants"] > 0).sum()


def test_demo_sector_filter_gives_the_sectors_share(demo_attendance):
    by_sector = metrics.participants_by(demo_attendance, "sector").set_index("key")["participants"]
    for sector in vocabulary().sectors:
        rows = metrics.apply_filters(demo_attendance, Filters(sectors=(sector,)))
        assert rows["person_key"].nunique() == by_sector[sector]
    every_sector = Filters(sectors=tuple(by_sector.index))
    assert len(metrics.apply_filters(demo_attendance, every_sector)) == len(demo_attendance)


def test_demo_filter_options_offer_the_six_meetings_and_outside_the_county_last(demo_attendance):
    options = metrics.filter_options(demo_attendance)
    assert [o.number for o in options.meetings] == [1, 2, 3, 4, 5, 6]
    assert all(o.date is not None for o in options.meetings)
    assert options.gminy[-1] == OUTSIDE_COUNTY
