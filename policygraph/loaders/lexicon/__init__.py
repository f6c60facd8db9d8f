"""The lexicons: YAML data that the extraction rules read.

>>> "总工会" in lexicon("organizations")["suffixes"]["union"]
True
"""

from __future__ import annotations

from functools import cache
from typing import Any

from policygraph.packaged import packaged_yaml


@cache
def lexicon(name: str) -> dict[str, Any]:
    """The packaged lexicon ``<name>.yaml``, read once."""
    return packaged_yaml(__package__, f"{name}.yaml")
