"""Tidy tables of a run: the timeline as a pyarrow Table with units in its metadata."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from moonbase.timeline.binding import binding_labels
from moonbase.timeline.columns import columns
from moonbase.timeline.system import Timeline


def timeline_table(timeline: Timeline) -> pa.Table:
    """One row per (sample, step); every column of :mod:`moonbase.timeline.columns`.

    Binding-constraint labels are dictionary-encoded strings; each field's metadata
    holds its ``unit`` and ``description``.
    """
    span = timeline.span
    samples, steps = timeline.samples, span.steps
    sample = np.repeat(np.arange(samples, dtype=np.int32), steps)
    step = np.tile(np.arange(steps, dtype=np.int32), samples)
    year = span.start_year + (step + 1) / span.steps_per_year
    arrays: list[pa.Array] = []
    fields: list[pa.Field] = []
    labels = binding_labels()
    for column in columns():
        if column.name == "sample":
            array = pa.array(sample)
        elif column.name == "step":
            array = pa.array(step)
        elif column.name == "year":
            array = pa.array(year)
        elif column.kind == "label":
            options = labels[column.name]
            codes = timeline.labels[column.name].reshape(-1).astype(np.int32)
            array = pa.DictionaryArray.from_arrays(pa.array(codes), pa.array(list(options)))
        else:
            array = pa.array(timeline.series[column.name].reshape(-1))
        arrays.append(array)
        fields.append(pa.field(column.name, array.type, metadata={
            "unit": column.unit, "kind": column.kind, "description": column.description}))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))
