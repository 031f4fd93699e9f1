"""Every model the API documents has a name of its own.

The OpenAPI document keys its components by class name alone, so two different models with
the same name would silently document one of them with the other's fields.
"""

from collections import defaultdict
from typing import Any

from pydantic import BaseModel

from accord.api import api


def _models(cls: type[BaseModel]) -> list[type[BaseModel]]:
    found = []
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("accord."):
            found.append(sub)
        found.extend(_models(sub))
    return found


def test_no_two_different_models_share_a_component_name() -> None:
    api.get_openapi_schema()  # imports every router's schemas
    shapes: dict[str, dict[str, Any]] = defaultdict(dict)
    for model in _models(BaseModel):
        if "[" in model.__name__:  # a generic's parametrisation, named by pydantic
            continue
        shapes[model.__name__][model.__qualname__ + " in " + model.__module__] = (
            model.model_json_schema()
        )
    clashes = {
        name: sorted(where)
        for name, where in shapes.items()
        if len({repr(shape) for shape in where.values()}) > 1
    }
    assert clashes == {}


def test_every_documented_component_matches_its_model() -> None:
    components = api.get_openapi_schema()["components"]["schemas"]
    for model in _models(BaseModel):
        documented = components.get(model.__name__)
        if documented is None or "properties" not in documented:
            continue
        assert set(documented["properties"]) == set(
            model.model_json_schema().get("properties", {})
        ), model.__module__ + "." + model.__name__
