"""Reading, storing, measuring and drawing the Partnerstwo Lokalne data of PUP Płock. No Streamlit here:
everything is usable from plain Python, the tests and the command line.

Wings, each a question a newcomer asks (they import each other only through public names):
    reading/    how is a file read: bytes in, a checked table out (check_bytes, check_file)
    store/      where is it kept: versions with their files, the active data, the audit trail
    display/    how is it drawn: colours, charts and the tables shown beside them
    reports/    what do we hand out: the Excel report, the PDF summary, certificates, rejected rows
    cli/        what can I type: `python -m analytics …`
Beside them:
    importing.py    the one route from a file to the store (check, then store), also the demo data
    metrics.py, project_metrics.py, project_filter.py, summary.py    the figures, pure functions
    partners.py, partner_metrics.py    partner institutions: one key however spelled, the partner figures
    accounts.py     who may log in and with which role
    config.py, results.py, vocabulary.py, catalogue.py, formatting.py, safe_export.py    what all share:
                    settings, result types, vocabularies, UI strings, numbers/dates/labels as written,
                    formula-safe spreadsheet cells
"""
