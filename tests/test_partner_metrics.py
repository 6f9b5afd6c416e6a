"""Partners from real spreadsheets: one partner per institution however it is spelled, staff's decisions
stored and applied across versions, the partner figures, and summary --json's partner counts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
from builders import check_table, xlsx_bytes
from test_partners import NO_PARTNER, ONE_INSTITUTION_MANY_SPELLINGS, PLACES

from analytics import importing, metrics
from analytics import partner_metrics as pm
from analytics import store as store_api
from analytics.store.partner_decisions import PartnerDecision, decisions_in_force
from analytics.vocabulary import MISSING

REPO_ROOT = Path(__file__).resolve().parent.parent
HEADER = ["Imię i nazwisko", "Instytucja", "Gmina", "Sektor", "Spotkanie"]
TYPO, RIGHT = "Zespół Szkół Rolnicznych w Bielsku", "Zespół Szkół Rolniczych w Bielsku"


def sign_in_sheet(institutions: list[object], meeting: int = 1, sector: str = "edukacja") -> list[list]:
    """One person per institution cell, all at one meeting."""
    return [HEADER, *[[f"Osoba Numer{chr(65 + i // 26)}{chr(65 + i % 26)}", name, "Bielsk", sector, meeting]
                      for i, name in enumerate(institutions)]]


def every_spelling_list() -> tuple[list[str], int]:
    """Every spelling of every institution of test_partners (all the abbreviations), plus each gmina's
    rural women's circle (KGW) written with its locative and its name: (the cells, institutions there are)."""
    cells = [spelling for line in ONE_INSTITUTION_MANY_SPELLINGS for spelling in line]
    for place, locative in PLACES:
        cells += [f"Koło Gospodyń Wiejskich {locative}", f"KGW {place}", f"kgw {place.upper()}"]
    return cells, len(ONE_INSTITUTION_MANY_SPELLINGS) + len(PLACES)


def test_a_list_with_every_spelling_of_each_institution_counts_one_partner_each() -> None:
    cells, institutions = every_spelling_list()
    result = check_table("xlsx", sign_in_sheet(cells))
    assert result.summary["participants"] == len(cells)
    assert result.summary["partners"] == institutions
    register = pm.partner_register(result.accepted)
    assert len(register) == institutions
    assert register["representatives"].sum() == len(cells)


def test_empty_dash_brak_private_person_and_resident_are_no_partner() -> None:
    cells = ["", "-", "brak", "osoba prywatna", "mieszkaniec", "Mieszkanka gminy Słupno", "UG Bielsk"]
    result = check_table("xlsx", sign_in_sheet(cells))
    assert result.summary["partners"] == 1
    assert [n for n in NO_PARTNER if isinstance(n, str) and pm.partner_register(
        pd.DataFrame({"institution": [n], "person_key": ["a"], "person_name": ["A B"], "meeting": [1],
                      "row": [2], "sector": [None], "gmina": [None], "in_county": [None]})).shape[0]] == []


def test_a_partners_sector_and_gmina_are_those_its_representatives_give_most_often_ties_the_latest() -> None:
    rows = [HEADER,
            ["Anna Nowak", "GOPS Słupno", "Słupno", "opieka społeczna", 1],
            ["Jan Kowalski", "GOPS w Słupnie", "Słupno", "opieka społeczna", 1],
            ["Ewa Zielińska", "Gminny OPS Słupno", "Płock", "rynek pracy", 2],
            ["Piotr Wójcik", "UG Bielsk", "Bielsk", "gospodarka", 1],
            ["Maria Lis", "Urząd Gminy w Bielsku", "Bielsk", "kultura", 2]]
    register = pm.partner_register(check_table("xlsx", rows).accepted).set_index("partner")
    assert register.loc["gops slupno", ["sector", "gmina", "representatives"]].tolist() == [
        "opieka społeczna", "Słupno", 3]
    assert register.loc["ug bielsk", "sector"] == "kultura"          # one each: the latest wins


def test_summary_counts_partners_without_sector_or_gmina_under_the_participants_missing_key() -> None:
    rows = [["Imię i nazwisko", "Instytucja", "Spotkanie"], ["Anna Nowak", "Fundacja Wisła", 1]]
    summary = check_table("xlsx", rows).summary
    assert summary["partners_by_sector"] == {MISSING: 1} == summary["participants_by_sector"]
    assert summary["partners_by_gmina"] == {MISSING: 1} == summary["participants_by_gmina"]


def test_partners_per_meeting_new_partners_and_retention() -> None:
    rows = [HEADER,
            ["Anna Nowak", "UG Bielsk", "Bielsk", "gospodarka", 1],
            ["Jan Kowalski", "GOK Bodzanów", "Bodzanów", "kultura", 1],
            ["Anna Nowak", "UG Bielsk", "Bielsk", "gospodarka", 2],
            ["Ewa Lis", "Urząd Gminy w Bielsku", "Bielsk", "gospodarka", 3],
            ["Piotr Wójcik", "SP 1 Gąbin", "Gąbin", "edukacja", 3]]
    accepted = check_table("xlsx", rows).accepted
    partner_rows, schedule = pm.partner_rows(accepted), metrics.meeting_schedule(accepted)
    per_meeting = pm.partners_per_meeting(partner_rows, schedule)
    assert per_meeting[["partners", "new_partners"]].to_numpy().tolist() == [[2, 2], [1, 0], [2, 1]]
    assert pm.partner_retention(partner_rows, schedule)["people"].tolist() == [2, 0, 1]
    assert pm.retained_partners(partner_rows, schedule) == (1, 3)


def test_cross_sector_ties_count_the_meetings_and_projects_that_brought_both_sectors_together() -> None:
    rows = [HEADER,
            ["Anna Nowak", "UG Bielsk", "Bielsk", "gospodarka", 1],
            ["Jan Kowalski", "GOK Bodzanów", "Bodzanów", "kultura", 1],
            ["Ewa Lis", "UG Słupno", "Słupno", "gospodarka", 2],
            ["Piotr Wójcik", "GOK Bodzanów", "Bodzanów", "kultura", 2],
            ["Maria Lis", "UG Łąck", "Łąck", "gospodarka", 2]]
    accepted = check_table("xlsx", rows).accepted
    register = pm.partner_register(accepted)
    projects = pd.DataFrame({"title": ["Szlak"], "partners": ["Urząd Gminy w Bielsku; Gminny Ośrodek Kultury "
                                                              "w Bodzanowie; PUP Płock"]})
    links = pm.project_partners(projects, register)
    assert links["name"].tolist()[:2] == ["UG Bielsk", "GOK Bodzanów"]
    assert links["at_meetings"].tolist() == [True, True, False]
    ties = pm.cross_sector_ties(pm.partner_rows(accepted), register, links)
    ties = ties.set_index(["sector_a", "sector_b"])
    assert ties.loc[("gospodarka", "kultura")].tolist() == [2, 1]
    assert ties.loc[("gospodarka", "gospodarka")].tolist() == [1, 0]   # two offices at meeting 2 only
    assert ties.loc[("kultura", "edukacja")].tolist() == [0, 0]


def test_the_projects_registers_partnerzy_column_is_read_and_split_by_semicolons() -> None:
    rows = [["Tytuł projektu", "Status", "Partnerzy"], ["Szlak", "pomysł", "UG Bielsk; GOPS w Słupnie"]]
    accepted = check_table("xlsx", rows, kind="projects").accepted
    assert accepted["partners"].tolist() == ["UG Bielsk; GOPS w Słupnie"]
    links = pm.project_partners(accepted, pm.partner_register(pd.DataFrame(columns=accepted.columns[:0])))
    assert links["partner"].tolist() == ["ug bielsk", "gops slupno"]


def test_a_sole_trader_is_a_partner_whose_name_holds_a_participants_name() -> None:
    rows = [HEADER, ["Jan Kowalski", "Usługi Remontowe Jan Kowalski", "Bielsk", "gospodarka", 1],
            ["Anna Nowak", "UG Bielsk", "Bielsk", "gospodarka", 1]]
    register = pm.partner_register(check_table("xlsx", rows).accepted).set_index("name")
    assert register["sole_trader"].to_dict() == {"UG Bielsk": False, "Usługi Remontowe Jan Kowalski": True}


# -- decisions, in the store ----------------------------------------------------------------------


def decision(number: int, a: str, b: str, kind: str) -> PartnerDecision:
    return PartnerDecision(number, a, b, kind, "ania", pd.Timestamp("2026-01-01", tz="UTC").to_pydatetime())


def test_the_latest_decision_on_a_pair_is_in_force_and_merges_join_transitively() -> None:
    decided = decisions_in_force([decision(1, "a", "b", "merge"), decision(2, "c", "b", "merge"),
                                  decision(3, "d", "e", "merge"), decision(4, "e", "d", "apart")])
    assert decided.merges == {"b": "a", "c": "a"}
    assert decided.kept_apart == (("e", "d"),) and decided.stamp == 4


def test_a_merge_is_stored_audited_and_applies_to_every_later_version(store: store_api.Store) -> None:
    first = xlsx_bytes(sign_in_sheet([TYPO, RIGHT, "UG Bielsk"]))
    importing.import_file(store, first, mode="replace", user="ania", file_name="lista1.xlsx")
    summary = store_api.dataset_summaries(store)["attendance"]
    assert summary["partners"] == 3
    proposals = pm.partner_proposals(store_api.active_frame(store, "attendance"), None, {}, ())
    assert [(p.name_a, p.name_b) for p in proposals] == [(TYPO, RIGHT)]
    store_api.record_partner_decision(store, proposals[0].key_a, proposals[0].key_b, "merge", "ania",
                                      names=(TYPO, RIGHT))
    assert store_api.dataset_summaries(store)["attendance"]["partners"] == 2
    entry = store_api.audit_log(store, limit=1)[0]
    assert (entry.action, entry.user, entry.details["partner_a"]) == ("partner_merge", "ania", TYPO)
    # a new version (another meeting's list, the typo again): the decision still holds, nothing is proposed
    second = xlsx_bytes(sign_in_sheet([TYPO, "UG Bielsk"], meeting=2))
    importing.import_file(store, second, mode="append", user="ania", file_name="lista2.xlsx")
    decided = store_api.current_partner_decisions(store)
    frame = store_api.active_frame(store, "attendance")
    assert store_api.dataset_summaries(store)["attendance"]["partners"] == 2
    assert pm.partner_proposals(frame, None, decided.merges, decided.kept_apart) == []


def test_keeping_apart_after_a_merge_counts_the_two_again(store: store_api.Store) -> None:
    importing.import_file(store, xlsx_bytes(sign_in_sheet([TYPO, RIGHT])), user="ania", file_name="l.xlsx")
    proposal = pm.partner_proposals(store_api.active_frame(store, "attendance"), None, {}, ())[0]
    store_api.record_partner_decision(store, proposal.key_a, proposal.key_b, "merge", "ania")
    store_api.record_partner_decision(store, proposal.key_b, proposal.key_a, "apart", "ania")
    assert store_api.dataset_summaries(store)["attendance"]["partners"] == 2
    decided = store_api.current_partner_decisions(store)
    assert pm.partner_proposals(store_api.active_frame(store, "attendance"), None, decided.merges,
                                decided.kept_apart) == []
    assert [d.decision for d in store_api.partner_decision_list(store)] == ["merge", "apart"]


def test_summary_json_gives_the_partner_counts_of_the_demo(tmp_path: Path) -> None:
    env = {**os.environ, "PUP_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    subprocess.run([sys.executable, "-m", "analytics", "demo"], cwd=REPO_ROOT, env=env, check=True,
                   capture_output=True)
    shown = subprocess.run([sys.executable, "-m", "analytics", "summary", "--json", "--programme",
                            "Partnerstwo Lokalne 2017"], cwd=REPO_ROOT, env=env, check=True,
                           capture_output=True, text=True)
    attendance = json.loads(shown.stdout)["attendance"]
    checked = subprocess.run([sys.executable, "-m", "analytics", "check", "--json",
                              str(REPO_ROOT / "data" / "demo" / "lista_obecnosci_2017.xlsx")], cwd=REPO_ROOT,
                             env=env, check=True, capture_output=True, text=True)
    assert attendance["partners"] == 54        # 53 institutions; a school's typo is one more until merged
    by_sector, by_gmina = attendance["partners_by_sector"], attendance["partners_by_gmina"]
    assert sum(by_sector.values()) == sum(by_gmina.values()) == 54
    assert list(attendance["partners_by_gmina"])[-1] == "spoza powiatu"
    assert {k: v for k, v in json.loads(checked.stdout)["summary"].items() if k.startswith("partners")} == {
        k: v for k, v in attendance.items() if k.startswith("partners")}
