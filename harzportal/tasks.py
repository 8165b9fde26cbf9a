"""Every module that declares jobs: a consumer (the server's threads, `harzportal worker`)
imports this, so it knows every task by name."""

from harzportal.invoices import rendering  # noqa: F401 - declares the document jobs
