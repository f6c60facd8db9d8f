"""The errors policygraph raises on purpose.

The CLI prints any of them as one ``Error: …`` line and exits with code 1;
everything else is a bug and shows a traceback only with ``--debug``.
"""


class PolicyGraphError(Exception):
    """Something the user can fix: a bad path, a bad file, a busy store."""


class ReadError(PolicyGraphError):
    """A file that cannot be read as a document; the message names the file."""


class StoreError(PolicyGraphError):
    """The graph store is missing, corrupt or locked by another process."""


class OutputError(PolicyGraphError, OSError):
    """A file that could not be written (a full disk); the file that was there is kept."""


class SchemaError(PolicyGraphError):
    """A label or relationship type that the schema does not declare."""


class CurationError(PolicyGraphError):
    """A curation file that cannot be read or used; the message names the file and line."""


class QueryError(PolicyGraphError):
    """An unknown query template or parameter; the message lists the valid ones."""


class NodeNameError(PolicyGraphError):
    """A name that fits no node (the message lists the closest) or several (it lists them)."""
