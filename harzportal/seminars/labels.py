"""The seminars' enums as people read them: one message key per value (`N_`, so extraction
finds it) in a `core.i18n.label_table`, which checks the keys against the enum; looked up with
`core.i18n.label`. The one copy of each table."""

from __future__ import annotations

from harzportal.core.i18n import N_, label_table
from harzportal.seminars.models import RegistrationStatus, SeminarStatus, Topic

TOPIC_LABELS = label_table(Topic, N_("topic.hr"), N_("topic.hse"), N_("topic.iot"),
                                  N_("topic.procurement"), N_("topic.data_protection"),
                                  N_("topic.innovation"), N_("topic.other"))
SEMINAR_STATUS_LABELS = label_table(SeminarStatus, N_("seminar.status.draft"),
                                                   N_("seminar.status.published"),
                                                   N_("seminar.status.cancelled"))
REGISTRATION_STATUS_LABELS = label_table(RegistrationStatus, N_("registration.status.confirmed"),
                                                             N_("registration.status.waitlisted"),
                                                             N_("registration.status.cancelled"))
