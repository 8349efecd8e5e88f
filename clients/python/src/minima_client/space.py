"""Typed parameters: a trial's params as the Python types their space declares.

JSON has one number type, so a float parameter whose value is whole (``2``)
arrives as an ``int``, and a categorical of ``[0.5, 1.0]`` may hand ``1`` back
for ``1.0``. The study's space says what each parameter is; this module casts
each value to it once, where trials are read, so user code never checks.
"""
from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional


def _same(a: Any, b: Any) -> bool:
    """Equal as categorical values: ``True`` is not ``1`` here, though Python says it is."""
    return isinstance(a, bool) == isinstance(b, bool) and a == b


class Space:
    """A study's search space (the ``space`` of createStudy), for typing params."""

    def __init__(self, spec: Optional[Mapping[str, Any]]) -> None:
        self.spec = dict(spec) if spec else {"parameters": []}
        self._by_name: Dict[str, Mapping[str, Any]] = {
            p["name"]: p for p in self.spec.get("parameters", [])
        }

    @property
    def names(self) -> List[str]:
        """The parameters' names, in order."""
        return list(self._by_name)

    def typed(self, params: Mapping[str, Any]) -> Dict[str, Any]:
        """``params`` with each value cast to its parameter's type (unknown names kept as is)."""
        return {name: self._cast(name, value) for name, value in params.items()}

    def _cast(self, name: str, value: Any) -> Any:
        spec = self._by_name.get(name)
        if spec is None or value is None:
            return value
        kind = spec.get("type")
        if kind == "float" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if kind == "int" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return int(value)
        if kind == "categorical":
            # The declared value itself: its type, and its spelling (1.0, not 1).
            for declared in spec.get("values", []):
                if _same(declared, value):
                    return declared
        return value
