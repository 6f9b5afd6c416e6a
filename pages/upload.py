"""Import: check spreadsheets, show what was read, corrected and rejected, store on confirmation."""

from __future__ import annotations

import functools
import html
import json
import logging
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd
import streamlit as st

from analytics import config, formatting, importing, safe_export
from analytics import store as store_api
from analytics.catalogue import LANGUAGES, current_language, t
from analytics.display import tables as display_tables
from analytics.reading import pipeline
from analytics.reports import rejected
from analytics.results import KIND_LABEL_KEYS, CheckResult, Refusal
from analytics.store import combining
from pages import _auth as auth
from pages import _shared as shared

LOG = logging.getLogger(__name__)
CHECKS_KEY = "_upload_checks"        # file id -> its check, so a rerun does not read the file again
STORED_KEY = "_upload_stored"        # file id -> what became of it (Stored)
REFUSALS_KEY = "_upload_refusals"    # file ids whose refusal is already in the audit trail
EFFECTS_KEY = "_upload_effects"      # (file, kind, active version) -> each mode's effect
KIND_CHOICES = (None, "attendance", "projects")
# The formats the reader takes. The uploader itself accepts any file (no `type=`): a Word document
# or a scan dropped on it gets the reader's Polish refusal instead of Streamlit's English tooltip.
UPLOAD_TYPES = ("xlsx", "xls", "ods", "csv")
TABLE_SCROLL_ROWS = 15               # a longer table of problems or notes scrolls in a fixed height
TABLE_SCROLL_HEIGHT = 520            # px
PROGRAMME_CHOICE_KEY = "import_programme"          # the programme the uploads go to (its name)
NEW_PROGRAMME_NAME_KEY = "import_programme_new_name"
NEXT_CHOICE_KEY = "_import_programme_next"
NEW_PROGRAMME = "\x00new"            # the choice "a new programme" (no name can be it)


@dataclass(frozen=True)
class Stored:
    """A file saved in this session: the version it became, or the active version it duplicates."""

    version: int
    duplicate: bool
    effect: combining.ImportEffect | None = None


def main() -> None:
    auth.require("import")
    st.title(t("upload_title"))
    shared.show_flashes()
    st.write(t("upload_intro"))
    limit_mb = upload_limit_mb()
    st.caption(t("upload_how", limit=limit_mb))
    st.html(uploader_texts_html(limit_mb), unsafe_allow_javascript=True)
    programme = programme_choice()
    files = st.file_uploader(t("upload_label"), accept_multiple_files=True, key="upload_files")
    for uploaded in files or []:
        st.divider()
        show_file(uploaded.file_id, uploaded.name, uploaded.getvalue(), programme)
    st.divider()
    show_templates()


@dataclass(frozen=True)
class Target:
    """The programme the files go to: its name (None: a new programme not named yet) and the data key
    of its active versions (none for a new programme)."""

    name: str | None
    key: shared.DataKey


def programme_choice() -> Target:
    """The programme (cycle) the uploads belong to: the last one uploaded to by default (on demo data
    only, the one the sidebar shows), or a new one named here (created when the first file is saved)."""
    found = shared.programmes()
    options = [*(p.name for p in reversed(found)), NEW_PROGRAMME]
    pending = st.session_state.pop(NEXT_CHOICE_KEY, None)
    if pending in options:              # the programme a file was just saved to (set before drawing)
        st.session_state[PROGRAMME_CHOICE_KEY] = pending
    if st.session_state.get(PROGRAMME_CHOICE_KEY) not in options:
        # The programme last uploaded to; on demo data only, the one shown in the sidebar.
        last = store_api.last_used(shared.store()) or shared.selected_programme(found)
        st.session_state[PROGRAMME_CHOICE_KEY] = last.name if last is not None else NEW_PROGRAMME
    chosen = st.selectbox(t("import_programme_choice"), options, key=PROGRAMME_CHOICE_KEY,
                          format_func=programme_label,
                          help=t("import_programme_help"), placeholder=t("choose_option"))
    if chosen == NEW_PROGRAMME:
        name = st.text_input(t("import_programme_new_name"), key=NEW_PROGRAMME_NAME_KEY,
                             max_chars=store_api.programmes.MAX_NAME_LENGTH,
                             placeholder=t("import_programme_new_placeholder")).strip()
        existing = store_api.find_programme(shared.store(), name) if name else None
        if existing is not None:
            st.caption(t("import_programme_exists", programme=shared.safe(existing.name)))
        return Target(name or None, shared.key_for(existing))
    programme = next((p for p in found if p.name == chosen), None)
    return Target(chosen, shared.key_for(programme))


def programme_label(name: str) -> str:
    return t("import_programme_new") if name == NEW_PROGRAMME else name


def upload_limit_mb() -> int:
    """The largest file accepted: the reading pipeline's limit, or Streamlit's if that is lower."""
    app_limit = config.max_upload_bytes() // (1024 * 1024)
    return min(app_limit, int(st.get_option("server.maxUploadSize")))


# Streamlit draws its file uploader in English and has no parameter for its texts (1.67: only the
# label, help and label_visibility). This script, run in the page by st.html (no iframe, no request
# anywhere), puts them in the UI language wherever an uploader is drawn, and again whenever
# Streamlit redraws one (a MutationObserver): the button's visible text, which is also its
# accessible name (axe-core button-name; CSS generated content would leave the button nameless),
# the size note, the names screen readers give the file input, the "+" and the remove buttons, the
# drop hint while files are dragged over, and the "too large" note on a refused file. If Streamlit
# renames what these selectors look for, nothing breaks: its English shows again (a browser test
# checks it does not). What stays English is listed in the README.
_UPLOADER_SCRIPT = r"""
(() => {
  // The texts are read from the script element's attribute on every pass, not kept here: after a
  // language switch Streamlit updates the element without running the script again.
  const setLabel = (node, value) => {
    if (node && node.getAttribute('aria-label') !== value) node.setAttribute('aria-label', value);
  };
  const tooLarge = /^(Error: )?File must be .* or smaller\.?$/;
  const apply = () => {
    const holder = document.querySelector('script[data-uploader-texts]');
    if (!holder) return;
    const {current, variants} = JSON.parse(holder.dataset.uploaderTexts);
    for (const zone of document.querySelectorAll('[data-testid="stFileUploaderDropzone"]')) {
      const walker = document.createTreeWalker(zone, NodeFilter.SHOW_TEXT);
      const found = [];
      while (walker.nextNode()) found.push(walker.currentNode);
      for (const node of found) {
        const text = node.data.trim();
        const key = variants[text] ?? (tooLarge.test(text) ? 'tooLarge' : undefined);
        if (key !== undefined && node.data !== current[key]) node.data = current[key];
      }
      for (const note of zone.querySelectorAll('[data-testid="stFileUploaderDropzoneInstructions"] span')) {
        if (note.textContent !== current.note) note.textContent = current.note;
      }
      setLabel(zone.querySelector('input[type="file"]'), current.input);
      for (const add of zone.querySelectorAll('button[data-testid="stBaseButton-borderlessIcon"]')) {
        setLabel(add, current.add);
      }
      for (const chip of zone.querySelectorAll('[data-testid="stFileChip"]')) {
        const name = chip.querySelector('[data-testid="stFileChipName"]');
        const remove = chip.querySelector('[data-testid="stFileChipDeleteBtn"] button');
        const file = name ? name.title || name.textContent : '';
        if (remove) setLabel(remove, current.remove.replace('{file}', file));
      }
    }
  };
  window.pupUploaderApply = apply;
  apply();
  if (!window.pupUploaderObserver) {
    let pending = false;
    window.pupUploaderObserver = new MutationObserver(() => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; window.pupUploaderApply(); });
    });
    window.pupUploaderObserver.observe(document.body, {childList: true, subtree: true, characterData: true});
  }
})();
"""
# Streamlit's own texts each replaced text stands for (besides the catalogue's, in every language,
# which a language switch replaces).
_STREAMLIT_TEXTS = {
    "button": ("Upload",),
    "drop": ("Drag and drop files here", "Drag and drop a file here"),
    "add": ("add icon",),                 # the "+" button's text for screen readers, visually hidden
}
# The element container holding the script takes no room (a hidden container adds no flex gap).
_HIDE_OWN_CONTAINER = (
    '[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script[data-uploader-texts])'
    " { display: none; }"
)
# The tables of reasons and notes (st.table) wrap their text; Streamlit caps a cell's text at 400 px,
# which leaves half the table empty: on this page a cell's text takes the cell's width. (If the
# selector stops matching, the text still wraps, only narrower.)
_WIDE_TABLE_CELLS = '[data-testid="stTable"] td [data-testid="stMarkdownContainer"] { max-width: none; }'


def uploader_texts(limit_mb: int) -> dict[str, dict[str, str]]:
    """The uploader's texts in the current language, and every text each one replaces (see
    _UPLOADER_SCRIPT)."""
    types = ", ".join(kind.upper() for kind in UPLOAD_TYPES)

    def texts(lang: str | None = None) -> dict[str, str]:
        return {
            "button": t("uploader_button", lang), "input": t("uploader_input", lang),
            "add": t("uploader_add", lang), "remove": t("uploader_remove", lang, file="{file}"),
            "drop": t("uploader_drop", lang), "tooLarge": t("uploader_too_large", lang, limit=limit_mb),
            "note": t("uploader_limit", lang, limit=limit_mb, types=types),
        }

    replaced = (*_STREAMLIT_TEXTS, "tooLarge")          # drawn as text (the others are attributes)
    variants = {text: key for key, originals in _STREAMLIT_TEXTS.items() for text in originals}
    for lang in LANGUAGES:
        variants.update({text: key for key, text in texts(lang).items() if key in replaced})
    return {"current": texts(), "variants": variants}


def uploader_texts_html(limit_mb: int) -> str:
    """The style and script that put the file uploader's own texts in the current language (and let
    the page's tables of reasons use their width)."""
    texts = html.escape(json.dumps(uploader_texts(limit_mb), ensure_ascii=False), quote=True)
    return (f"<style>{_HIDE_OWN_CONTAINER}{_WIDE_TABLE_CELLS}</style>"
            f'<script data-uploader-texts="{texts}">{_UPLOADER_SCRIPT}</script>')


def check(file_id: str, name: str, data: bytes, kind: str | None) -> CheckResult | Refusal:
    """The file's check, done once per file, kind and language (its messages are in that language)."""
    checks = st.session_state.setdefault(CHECKS_KEY, {})
    key = (file_id, kind, current_language())
    if key not in checks:
        with st.status(t("checking_file", file=shared.safe(name)), expanded=False) as status:
            try:
                result = pipeline.check_bytes(data, name, kind)
            except Exception as error:  # noqa: BLE001 - a bug in reading: a Polish message, not a traceback
                LOG.exception("checking %s failed", name)
                result = Refusal(name, t("error_internal", detail=type(error).__name__))
            failed = isinstance(result, Refusal)
            status.update(label=t("refused_file" if failed else "checked_file", file=shared.safe(name)),
                          state="error" if failed else "complete")
        checks[key] = result
    return checks[key]


def show_file(file_id: str, name: str, data: bytes, target: Target) -> None:
    st.header(t("file_heading", file=shared.safe(name)))
    kind = st.selectbox(
        t("kind_choice"), KIND_CHOICES, key=f"kind_{file_id}",
        format_func=lambda k: t("kind_auto") if k is None else t(KIND_LABEL_KEYS[k]),
        placeholder=t("choose_option"),       # shown when the choice is cleared (Streamlit's own is English)
    )
    result = check(file_id, name, data, kind)
    if isinstance(result, Refusal):
        # The message may quote a sheet name from the file: shown as written, never as Markdown.
        st.error(shared.safe(result.error), icon=":material/error:")
        record_refusal(file_id, name, data, kind, result)
        return
    show_result(file_id, result, target)
    show_store_step(file_id, name, data, result, target)


def record_refusal(file_id: str, name: str, data: bytes, kind: str | None, refusal: Refusal) -> None:
    """A refused file stores nothing but goes into the audit trail, once."""
    recorded = st.session_state.setdefault(REFUSALS_KEY, set())
    if file_id in recorded:
        return
    recorded.add(file_id)
    importing.record_refusal(shared.store(), name, data, kind, shared.user_name(), refusal.error)


class RowMetricKeys(NamedTuple):
    """The catalogue keys of the row counts of a checked file, by what a row is."""

    read: str
    accepted: str
    rejected: str
    help: str | None


ROW_METRIC_KEYS = {
    "wide": RowMetricKeys("metric_rows_read_wide", "metric_rows_accepted_wide", "metric_rows_rejected_wide",
                          "metric_rows_help_wide"),
    "long": RowMetricKeys("metric_rows_read_long", "metric_rows_accepted_long", "metric_rows_rejected_long",
                          "metric_rows_help_long"),
    "mixed": RowMetricKeys("metric_rows_read_mixed", "metric_rows_accepted_mixed",
                           "metric_rows_rejected_mixed", "metric_rows_help_mixed"),
    "projects": RowMetricKeys("metric_rows_read_projects", "metric_rows_accepted_projects",
                              "metric_rows_rejected_projects", None),
}


def show_result(file_id: str, result: CheckResult, target: Target) -> None:
    st.markdown("**" + t("kind_detected", kind=t(KIND_LABEL_KEYS[result.kind])) + "**")
    st.caption(t("file_details", format=result.format, sheet=shared.safe(result.sheet or "–"),
                 row=result.header_row))
    # What a row is depends on the file's shape: a person in a sign-in matrix, an attendance in a list.
    shape = "projects" if result.kind == "projects" else (result.shape or "mixed")
    keys = ROW_METRIC_KEYS[shape]
    help_text = None if keys.help is None else t(
        keys.help, attendances=formatting.format_int(result.summary.get("attendances", 0)),
        participants=formatting.format_int(result.summary.get("participants", 0)))
    read, accepted, rejected, warnings = st.columns(4)
    read.metric(t(keys.read), formatting.format_int(result.rows_read), help=help_text)
    accepted.metric(t(keys.accepted), formatting.format_int(result.rows_accepted), help=help_text)
    rejected.metric(t(keys.rejected), formatting.format_int(result.rows_rejected))
    warnings.metric(t("metric_warnings"), formatting.format_int(len(result.warnings)))
    if result.kind == "attendance":
        st.write(t("file_summary_attendance", **{k: result.summary.get(k, 0)
                                                  for k in ("meetings", "participants", "attendances")}))
        st.write(t("file_meetings", file_meetings=meetings_text(result.accepted),
                   active_meetings=meetings_text(shared.attendance(target.key))))
    else:
        st.write(t("file_summary_projects", projects=result.summary.get("projects", 0)))
    if result.columns_left_out:        # RODO: said in the open, not only among the warnings
        st.caption(t("warn_ignored_columns", columns=shared.safe(", ".join(result.columns_left_out))))

    preview = display_tables.preview_table(result.accepted, result.kind)
    with st.expander(t("preview_heading", limit=display_tables.PREVIEW_ROWS),
                     expanded=result.rows_rejected == 0):
        st.dataframe(preview, hide_index=True, width="stretch", placeholder="")
    if result.rejected:
        with st.expander(t("rejected_heading", count=result.rows_rejected), expanded=True,
                         icon=":material/block:"):
            st.write(t("rejected_intro"))
            text_table(display_tables.problems_table(result.rejected))
            rows = rejected_rows_table(result)
            st.download_button(
                t("rejected_download"),
                functools.partial(safe_export.xlsx_bytes, rows, t("rejected_sheet_title")),
                file_name=safe_export.download_name(f"odrzucone {strip_extension(result.file)}", "xlsx"),
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                key=f"rejected_{file_id}", icon=":material/download:",
            )
    if result.warnings:
        with st.expander(t("warnings_heading", count=len(result.warnings)), icon=":material/edit_note:"):
            text_table(display_tables.notices_table(result.warnings))


def text_table(table: pd.DataFrame) -> None:
    """A table of reasons and notes: long texts wrap inside their cell instead of being cut off at
    the edge (st.table; st.dataframe draws one line per cell). Every cell is shown as written."""
    height = TABLE_SCROLL_HEIGHT if len(table) > TABLE_SCROLL_ROWS else "content"
    st.table(display_tables.markdown_cells(table), hide_index=True, height=height)


def rejected_rows_table(result: CheckResult) -> pd.DataFrame:
    """The rejected rows as written, with the reasons (what staff fix and upload again)."""
    return rejected.rejected_table(result.rejected_rows, [p.to_json() for p in result.rejected])


def meetings_text(frame: pd.DataFrame) -> str:
    return combining.meetings_text(frame["meeting"].dropna().tolist())


def strip_extension(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


def show_store_step(file_id: str, name: str, data: bytes, result: CheckResult, target: Target) -> None:
    stored = st.session_state.setdefault(STORED_KEY, {})
    if file_id in stored:
        show_stored(stored[file_id])
        return
    modes = combining.MODES_OFFERED[result.kind]
    effects = mode_effects(file_id, result, target.key) if result.rows_accepted else {}
    # Each way of saving with what it would do to the active data, in numbers, beside it.
    mode = st.radio(
        t("mode_choice"), modes, index=None, key=f"mode_{file_id}",
        format_func=functools.partial(mode_label, kind=result.kind),
        captions=[combining.effect_sentence(effects[m]) for m in modes] if effects else None,
    )
    if mode in effects:
        sentence = combining.effect_sentence(effects[mode])
        st.info(t("effect_chosen", sentence=sentence[:1].lower() + sentence[1:]), icon=":material/info:")
    blocked = None
    if result.rows_accepted == 0:
        blocked = t("confirm_disabled_empty")
    elif target.name is None:
        blocked = t("confirm_disabled_programme")
    elif mode is None:
        blocked = t("confirm_disabled_mode")
    clicked = st.button(t("confirm_import"), type="primary", key=f"confirm_{file_id}",
                        disabled=blocked is not None, icon=":material/save:")
    if blocked:
        st.caption(blocked)
    if clicked and blocked is None:
        store_file(file_id, name, data, result, mode, target.name)


# Each way of saving as the import page says it in full, per dataset (combining.MODES_OFFERED)
MODE_DESCRIPTION_KEYS = {
    "attendance": {"replace": "mode_replace_long", "append": "mode_append_long", "merge": "mode_merge_long"},
    "projects": {"replace": "mode_replace_long_projects", "append": "mode_append_long_projects"},
}


def mode_label(mode: str, kind: str) -> str:
    return t(MODE_DESCRIPTION_KEYS["projects" if kind == "projects" else "attendance"][mode])


def mode_effects(file_id: str, result: CheckResult,
                 data_key: shared.DataKey) -> dict[str, combining.ImportEffect]:
    """What each way of saving would change in the programme's active data (computed once per file and
    active version: a new import or a rollback elsewhere changes the key)."""
    active_id = getattr(data_key, result.kind)
    key = (file_id, result.kind, data_key.url, active_id)
    effects = st.session_state.setdefault(EFFECTS_KEY, {})
    if key not in effects:
        active = shared.attendance(data_key) if result.kind == "attendance" else shared.projects(data_key)
        demo = any(info.demo for info in shared.active_infos(data_key) if info.id == active_id)
        effects[key] = importing.mode_effects(result.kind, active, result.accepted, demo)
    return effects[key]


def show_stored(stored: Stored) -> None:
    """Right after saving, a confirmation with what changed; a file already active, a duplicate."""
    if stored.duplicate:
        st.info(t("file_is_duplicate", version=stored.version), icon=":material/content_copy:")
        return
    effect = combining.done_sentence(stored.effect) if stored.effect is not None else ""
    st.success(t("file_stored_now", version=stored.version, effect=effect), icon=":material/check_circle:")


def store_file(file_id: str, name: str, data: bytes, result: CheckResult, mode: str, programme: str) -> None:
    try:
        outcome = importing.import_result(shared.store(), result, data, name, mode, shared.user_name(),
                                          programme=programme)
    except Exception:  # noqa: BLE001 - the import is atomic: nothing was stored; say so in Polish
        LOG.exception("storing %s failed", name)
        st.error(t("import_failed", file=shared.safe(name)), icon=":material/error:")
        return
    if outcome.duplicate_of is not None:
        st.session_state[STORED_KEY][file_id] = Stored(outcome.duplicate_of, duplicate=True)
        shared.flash("info", t("import_duplicate", file=shared.safe(name), version=outcome.duplicate_of))
    else:
        stored = Stored(outcome.version, duplicate=False, effect=outcome.effect)
        st.session_state[STORED_KEY][file_id] = stored
        shared.flash("success", t("import_stored", file=shared.safe(name), version=outcome.version,
                                  kind=t(KIND_LABEL_KEYS[outcome.kind]),
                                  effect=combining.done_sentence(outcome.effect)))
    # The pages show the programme the file went to from now on.
    saved_in = store_api.get_programme(shared.store(), outcome.programme_id) if outcome.programme_id else None
    if saved_in is not None:
        shared.choose_programme_next(saved_in.name)
        st.session_state[NEXT_CHOICE_KEY] = saved_in.name
    shared.forget_cached_data()
    st.rerun()


def show_templates() -> None:
    st.header(t("templates_heading"))
    st.caption(t("templates_intro"))
    for path in config.template_files():
        st.download_button(
            t("template_download", file=path.name), path.read_bytes(), file_name=path.name,
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"template_{path.name}", icon=":material/download:",
        )


main()
