"""The labels of the bank entries' outcomes."""

from harzportal.banking.models import EntryOutcome
from harzportal.core.i18n import N_, label_table

OUTCOMES = label_table(EntryOutcome, N_("bank_entry.outcome.exact"),
                       N_("bank_entry.outcome.partial"), N_("bank_entry.outcome.over"),
                       N_("bank_entry.outcome.unmatched"), N_("bank_entry.outcome.assigned"),
                       N_("bank_entry.outcome.returned"),
                       N_("bank_entry.outcome.return_unmatched"))
