"""Short alternations between two binding labels print as one row; long periods stay in full."""

from moonbase.commands.headline import _periods


def _segment(name, start, end):
    return {"constraint": name, "from_year": start, "to_year": end}


def test_a_run_of_short_alternations_is_one_row_and_the_long_periods_stay():
    segments = [_segment("factory_output", 2057.0, 2060.0)]
    year = 2060.0
    for i in range(8):
        segments.append(_segment("fab_capacity" if i % 2 == 0 else "factory_output", year, year + 0.25))
        year += 0.25
    segments.append(_segment("fab_capacity", year, 2101.0))
    assert _periods(segments) == ["factory_output 2057-2059", "fab_capacity / factory_output alternating 2060-2061",
                                  "fab_capacity 2062-2100"]


def test_two_short_periods_and_three_labels_are_not_merged():
    segments = [_segment("a", 2030.0, 2030.5), _segment("b", 2030.5, 2031.0), _segment("c", 2031.0, 2031.5)]
    assert _periods(segments) == ["a 2030", "b 2030", "c 2031"]
    assert _periods(segments[:2]) == ["a 2030", "b 2030"]
