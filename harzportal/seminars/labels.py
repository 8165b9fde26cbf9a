"""The seminars' enums as people read them: one message key per value (`N_`, so extraction
finds it), looked up with `core.i18n.label`. The one copy of each table."""

from __future__ import annotations

from harzportal.core.i18n import N_
from harzportal.seminars.models import RegistrationStatus, SeminarStatus, Topic

TOPIC_LABELS = {
    Topic.HR: N_("topic.hr"),
    Topic.HSE: N_("topic.hse"),
    Topic.IOT: N_("topic.iot"),
    Topic.PROCUREMENT: N_("topic.procurement"),
    Topic.DATA_PROTECTION: N_("topic.data_protection"),
    Topic.INNOVATION: N_("topic.innovation"),
    Topic.OTHER: N_("topic.other"),
}
SEMINAR_STATUS_LABELS = {
    SeminarStatus.DRAFT: N_("seminar.status.draft"),
    SeminarStatus.PUBLISHED: N_("seminar.status.published"),
    SeminarStatus.CANCELLED: N_("seminar.status.cancelled"),
}
REGISTRATION_STATUS_LABELS = {
    RegistrationStatus.CONFIRMED: N_("registration.status.confirmed"),
    RegistrationStatus.WAITLISTED: N_("registration.status.waitlisted"),
    RegistrationStatus.CANCELLED: N_("registration.status.cancelled"),
}
