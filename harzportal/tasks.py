"""Every module that declares jobs: a consumer (each server's worker child, every
`harzportal worker`) imports this, so it knows every task by name."""

from harzportal import schedule  # noqa: F401 - declares the portal's periodic jobs
from harzportal.invoices import collection, rendering  # noqa: F401 - declares the document jobs
from harzportal.invoices import annual_run  # noqa: F401 - declares the annual run's job
from harzportal.debits import collection_job  # noqa: F401 - declares the collection run's job
from harzportal.banking import import_job  # noqa: F401 - declares the statement import's job
