"""API list pages read as plain rows: the same JSON without model instances.

A list page of 50 meetings with their attendees, agenda items and decisions
built ~600 model instances through prefetch_related and then walked them
field by field in DRF: 57 ms, against 14 ms for the same page read with
`.values()` (issue 9). `ValuesReader.plan` works out, per request, from the
serializer the viewset would use, how each readable field comes from a row:

- a concrete column: the row's value, through the field's own
  `to_representation` (dates, decimals and choices format as DRF does);
- a foreign key shown by id: the row's `<name>_id`;
- a many-to-many shown as ids: one query of the through table, in the
  related model's default order (as the related manager would give them);
- a nested list of child records: one `.values()` query of the children, in
  their model's default order, each child read by the same rules.

A serializer with any other kind of readable field (a property, a method
field, a dotted source, a file) gets no plan, and its viewset serializes
instances as before. tests/api/test_values.py checks every planned endpoint's page
against DRF's own representation of the same records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, PKOnlyObject, RelatedField

VALUE, FOREIGN_KEY, MANY, CHILDREN = "value", "fk", "m2m", "children"


@dataclass
class Column:
    kind: str
    name: str  # the output key
    field: Any  # the serializer field
    attname: str = ""  # the .values() key (value, fk)
    model_field: Any = None  # the relation (m2m, children)
    child: ValuesReader | None = None  # children's reader


@dataclass
class ValuesReader:
    model: type[models.Model]
    columns: list[Column] = field(default_factory=list)

    @classmethod
    def plan(
        cls, serializer: serializers.BaseSerializer[Any], model: type[models.Model]
    ) -> ValuesReader | None:
        """Return a reader for serializer's representation of `model` rows, or
        None if some readable field cannot come from plain rows."""
        reader = cls(model)
        for name, serializer_field in serializer.fields.items():  # type: ignore[attr-defined]
            if serializer_field.write_only:
                continue
            column = reader._column(name, serializer_field)
            if column is None:
                return None
            reader.columns.append(column)
        return reader

    def _column(self, name: str, serializer_field: Any) -> Column | None:
        source = serializer_field.source
        if not source or "." in source or source == "*":
            return None
        try:
            model_field = self.model._meta.get_field(source)
        except FieldDoesNotExist:
            return None
        if isinstance(serializer_field, ManyRelatedField):
            child = serializer_field.child_relation
            if isinstance(model_field, models.ManyToManyField) and _by_pk(child):
                return Column(MANY, name, serializer_field, model_field=model_field)
            return None
        if isinstance(serializer_field, serializers.ListSerializer):
            if not model_field.one_to_many:
                return None
            child_reader = ValuesReader.plan(
                serializer_field.child, model_field.related_model
            )
            if child_reader is None or any(
                c.kind in (MANY, CHILDREN) for c in child_reader.columns
            ):
                return None
            return Column(
                CHILDREN,
                name,
                serializer_field,
                model_field=model_field,
                child=child_reader,
            )
        if isinstance(serializer_field, RelatedField):
            if model_field.many_to_one and _by_pk(serializer_field):
                return Column(
                    FOREIGN_KEY, name, serializer_field, attname=model_field.attname
                )
            return None
        if isinstance(serializer_field, serializers.BaseSerializer):
            return None
        if isinstance(model_field, models.FileField):
            return None  # shown through the FieldFile's url: needs the instance
        if model_field.concrete and not model_field.is_relation:
            return Column(VALUE, name, serializer_field, attname=model_field.attname)
        return None

    # ---------------------------------------------------------------- reading

    def attnames(self) -> list[str]:
        return [c.attname for c in self.columns if c.kind in (VALUE, FOREIGN_KEY)]

    def represent(self, pks: list[Any]) -> list[dict[str, Any]]:
        """The representation of the rows with these primary keys, in order."""
        pk_name = self.model._meta.pk.attname
        rows = {
            row[pk_name]: row
            for row in self.model._base_manager.filter(pk__in=pks).values(
                pk_name, *self.attnames()
            )
        }
        related = {c.name: self._related(c, pks) for c in self.columns}
        return [
            self._one(rows[pk], {name: r.get(pk, []) for name, r in related.items()})
            for pk in pks
            if pk in rows
        ]

    def _related(self, column: Column, pks: list[Any]) -> dict[Any, list[Any]]:
        out: dict[Any, list[Any]] = {}
        if column.kind == MANY:
            m2m = column.model_field
            through = m2m.remote_field.through
            source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
            order = _ordered(target, m2m.related_model)
            links = (
                through.objects.filter(**{f"{source}__in": pks})
                .order_by(*order)
                .values_list(f"{source}_id", f"{target}_id")
            )
            for parent, child in links:
                out.setdefault(parent, []).append(PKOnlyObject(pk=child))
        elif column.kind == CHILDREN:
            assert column.child is not None  # noqa: S101 - set with CHILDREN
            fk = column.model_field.field
            child = column.child
            child_pk = child.model._meta.pk.attname
            rows = (
                child.model._default_manager.filter(**{f"{fk.name}__in": pks})
                .order_by(*_ordered("", child.model, parent=fk))
                .values(fk.attname, child_pk, *child.attnames())
            )
            for row in rows:
                out.setdefault(row[fk.attname], []).append(child._one(row, {}))
        return out

    def _one(
        self, row: dict[str, Any], related: dict[str, list[Any]]
    ) -> dict[str, Any]:
        """One row's representation, as Serializer.to_representation gives it."""
        out: dict[str, Any] = {}
        for column in self.columns:
            f, name = column.field, column.name
            if column.kind == MANY:
                out[name] = f.to_representation(related[name])
            elif column.kind == CHILDREN:
                out[name] = related[name]
            elif (value := row[column.attname]) is None:
                out[name] = None
            elif column.kind == FOREIGN_KEY:
                out[name] = f.to_representation(PKOnlyObject(value))
            elif isinstance(f, serializers.ModelField):
                out[name] = f.to_representation(_Attributes(row))
            else:
                out[name] = f.to_representation(value)
        return out


class _Attributes:
    """A row seen as an object, for DRF's ModelField (a generated column such
    as a risk's score), whose to_representation reads the instance itself."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.__dict__.update(row)


def _by_pk(relation: Any) -> bool:
    """A relation shown as the related object's primary key."""
    return (
        isinstance(relation, serializers.PrimaryKeyRelatedField)
        and relation.pk_field is None
    )


def _ordered(
    path: str,
    model: type[models.Model],
    parent: models.ForeignKey[Any, Any] | None = None,
) -> list[str]:
    """`model`'s default ordering, seen through `path` (a relation to it), with
    its primary key last so that ties come out the same every time. Children
    are grouped by `parent`, their foreign key, so terms on it (the same for
    every child of one parent) are dropped rather than joined and sorted."""
    prefix = f"{path}__" if path else ""
    order = []
    ordering = [
        item
        for item in model._meta.ordering
        if parent is None
        or not isinstance(item, str)
        or item.lstrip("-").split("__")[0] not in (parent.name, parent.attname)
    ]
    if not {"pk", "-pk"} & set(ordering):
        ordering.append("pk")
    for item in ordering:
        if not isinstance(item, str):
            return [f"{prefix}pk"]
        desc, name = item.startswith("-"), item.lstrip("-")
        order.append(f"{'-' if desc else ''}{prefix}{name}")
    return order
