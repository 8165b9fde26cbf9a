from harzportal.core.ids import is_id, parse_id


def test_only_positive_whole_numbers_are_ids():
    assert is_id(7)
    for value in (0, -3, True, "7", 7.0, None, [7]):
        assert not is_id(value), value


def test_ids_from_forms_and_events():
    assert parse_id("12") == 12 and parse_id(12) == 12
    for value in ("", "abc", "0", "-1", None, True, {"id": 1}, "1.5"):
        assert parse_id(value) is None, value
