"""Named, parameterized questions that run on either store (see ``templates/``)."""

from policygraph.queries.catalog import Param, Template, template, templates
from policygraph.queries.runner import run_query

__all__ = ["Param", "Template", "run_query", "template", "templates"]
