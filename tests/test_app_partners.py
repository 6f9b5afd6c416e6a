"""The Partnerzy page through Streamlit's AppTest on the demo data: the director's figures without
proposals or personal names; staff merge a near-duplicate, which is stored, audited and counted once."""

from __future__ import annotations

import plotly.io as pio
import pytest
from app_support import signed_in
from streamlit.testing.v1 import AppTest

from analytics import store as store_api
from analytics.catalogue import t

PAGE = "pages/partners.py"
TYPO, RIGHT = "Zespół Szkół Rolnicznych w Bielsku", "Zespół Szkół Rolniczych w Bielsku"
SOLE_TRADER = "Usługi Transportowe Wojciech Kołodziej"
DEMO_2017, DEMO_2018 = "Partnerstwo Lokalne 2017", "Partnerstwo Lokalne 2018"


def partners_page(role: str, programme: str = DEMO_2017) -> AppTest:
    app = signed_in(role, programme=programme).run()
    assert not app.exception, [e.value for e in app.exception]
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def page_text(app: AppTest) -> str:
    """Everything the page sent: markdown, tables, chart specs (hovers included)."""
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    parts += [df.value.to_csv() for df in app.dataframe]
    parts += [chart.proto.spec for chart in app.get("plotly_chart")]
    return "\n".join(parts)


def chart_titles(app: AppTest) -> list[str]:
    return [pio.from_json(c.proto.spec, skip_invalid=True).layout.title.text for c in app.get("plotly_chart")]


def summary_partners(programme: str = DEMO_2017) -> int:
    store = store_api.open_store()
    chosen = store_api.find_programme(store, programme)
    return store_api.dataset_summaries(store, chosen.id)["attendance"]["partners"]


def test_director_sees_partner_figures_without_proposals_or_a_sole_traders_name() -> None:
    app = partners_page("viewer")
    titles = chart_titles(app)
    assert len(titles) == 6
    assert t("partners_title_by_sector", "pl", total=str(summary_partners())) in titles
    text = page_text(app)
    assert SOLE_TRADER not in text and "Kołodziej" not in text
    assert "działalność gospodarcza (gospodarka, Radzanowo)" in text
    assert "Urząd Gminy Słupno" in text                       # institutions are shown to the director
    decisions = (t("partners_merge", "pl"), t("partners_keep_apart", "pl"))
    assert not [b for b in app.button if b.label in decisions]
    assert t("partners_proposals_heading", "pl") not in [h.value for h in app.header]


def test_staff_merge_a_near_duplicate_and_it_counts_once_in_every_figure() -> None:
    app = partners_page("staff")
    before = summary_partners()
    text = page_text(app)
    assert SOLE_TRADER in text                                 # staff see the name as written
    assert TYPO in text and RIGHT in text
    merge = next(b for b in app.button if b.label == t("partners_merge", "pl"))
    merge.click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert summary_partners() == before - 1
    assert t("partners_proposals_none", "pl") in [s.value for s in app.success]
    assert t("partners_title_by_sector", "pl", total=str(before - 1)) in chart_titles(app)
    entry = store_api.audit_log(store_api.open_store(), limit=1)[0]
    assert (entry.action, entry.user) == ("partner_merge", "staff")
    assert {entry.details["partner_a"], entry.details["partner_b"]} == {TYPO, RIGHT}


@pytest.mark.parametrize("role", ["staff", "viewer"])
def test_every_chart_has_its_table_under_it(role: str) -> None:
    app = partners_page(role)
    expanders = [e for e in app.expander if e.label == t("table_of_chart", "pl")]
    assert len(expanders) == len(app.get("plotly_chart")) == 6


def test_a_firm_named_after_its_own_representative_is_masked_for_the_director_in_2018() -> None:
    # 2018's list writes "PHU Kołodziej Usługi Transportowe" (no first name), sent by Wojciech Kołodziej
    text = page_text(partners_page("viewer", DEMO_2018))
    assert "Kołodziej" not in text
    assert "działalność gospodarcza (gospodarka, Radzanowo)" in text
    assert "Woźniak Instalacje" in text          # a company named after its founder is no sole trader
