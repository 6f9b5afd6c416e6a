"""Personal data duties under RODO (GDPR): erasure on request (art. 17), the right of access (art. 15),
retention with pseudonyms (art. 5(1)(e)) and the officer's list of the processing (art. 30).
Minimisation at intake (art. 5(1)(c)) is the reader's: analytics/reading/minimise.py.

people (who a typed name means), erasure (forget_person), access (person_data, person_data_xlsx),
retention (retention_status, apply_retention, people_past_retention), register (rodo_register_xlsx).
Each change runs in one write transaction: a store is never half erased.
"""

from analytics.rodo.access import PersonData, person_data, person_data_xlsx
from analytics.rodo.erasure import ErasureOutcome, PersonChoice, candidates, forget_person
from analytics.rodo.people import Person
from analytics.rodo.register import register_counts, rodo_register_xlsx
from analytics.rodo.retention import RetentionReport, apply_retention, people_past_retention, retention_status

__all__ = [
    "ErasureOutcome", "Person", "PersonChoice", "PersonData", "RetentionReport", "apply_retention",
    "candidates", "forget_person", "people_past_retention", "person_data", "person_data_xlsx",
    "register_counts", "retention_status", "rodo_register_xlsx",
]
