"""Frozen records that are quick to make: extraction makes one per name and per fact,
tens of thousands per hundred articles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, fields


def quick_init(cls: type | None = None, **derived: str) -> type | Callable[[type], type]:
    """Give a frozen dataclass an ``__init__`` that fills the new instance's ``__dict__``
    in one update, where dataclass's own calls ``object.__setattr__`` once per field
    (about twice as slow), and a ``__reduce__`` that pickles it by its fields' values.
    Nothing else changes: the fields, their defaults, equality, hash, repr and
    frozenness are the dataclass's.

    Apply it above ``@dataclass(frozen=True)`` on a class whose fields all take plain
    defaults (no ``default_factory``) and that has no ``__post_init__``.

    ``derived`` names plain attributes (no fields: not compared, hashed nor shown) set
    at init from an expression of the fields, for a value read far more often than
    records are made: ``@quick_init(end="start + len(form)")``.

    >>> from dataclasses import dataclass
    >>> @quick_init
    ... @dataclass(frozen=True)
    ... class Point:
    ...     x: int
    ...     y: int = 2
    >>> Point(1), Point(1, y=3) == Point(1, 3), Point(x=1) == Point(1, 2)
    (Point(x=1, y=2), True, True)
    >>> @quick_init(length="len(name)")
    ... @dataclass(frozen=True)
    ... class Word:
    ...     name: str
    >>> Word("产改").length, Word("产改")
    (2, Word(name='产改'))
    """
    if cls is None:
        return lambda cls: quick_init(cls, **derived)
    params, names, defaults = [], [], {}
    for f in fields(cls):
        if f.default_factory is not MISSING or not f.init:
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields take a quick init")
        names.append(f.name)
        if f.default is MISSING:
            params.append(f.name)
        else:
            defaults[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__ that a quick init would skip")
    # the same signature as dataclass's __init__, written out once as dataclasses does
    assigned = [f"{n}={n}" for n in names] + [f"{a}={e}" for a, e in derived.items()]
    source = (
        f"def __init__(self, {', '.join(params)}):\n"
        f"    self.__dict__.update({', '.join(assigned)})\n"
    )
    namespace = dict(defaults)
    exec(source, namespace)  # the source holds the field names and derived expressions only
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    cls.__reduce__ = _reduced_by(tuple(names))
    return cls


def _reduced_by(names: tuple[str, ...]) -> Callable[[object], tuple]:
    """A ``__reduce__`` that pickles a record as its class and its fields' values, made
    again by its init: a third of the time the default (the instance's whole
    ``__dict__``, set back attribute by attribute) takes to read back, which counts for
    the tens of thousands of records a load's workers send.

    >>> import pickle
    >>> from policygraph.loaders.spans import Span
    >>> span = Span("Organization", "闵行区总工会", "区总工会", 5)
    >>> again = pickle.loads(pickle.dumps(span))
    >>> again == span, again.end
    (True, 9)
    """

    def __reduce__(self: object) -> tuple:
        state = self.__dict__
        return type(self), tuple(state[name] for name in names)

    return __reduce__
