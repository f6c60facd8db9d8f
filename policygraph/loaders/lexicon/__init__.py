"""The lexicons: YAML data that the extraction rules read.

>>> "总工会" in lexicon("organizations")["suffixes"]["union"]
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def lexicon(name: str) -> dict[str, Any]:
    """The packaged lexicon ``<name>.yaml``, read once."""
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
