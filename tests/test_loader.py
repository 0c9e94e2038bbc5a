"""The position-keeping YAML loader on its own: where each value and each word is."""

from __future__ import annotations

import pytest
import yaml

from adoptbook import yamlpos
from adoptbook.problems import ContentError
from adoptbook.yamlpos import Position, load_file, parse

TEXT = """\
id: sample
stages: [planning, go-live]
instead:
  - Map roles.
  - text: Check usage.
    audience: internal
"""


def test_positions_of_keys_and_values():
    doc = parse(TEXT, "p.yml")
    assert doc.data["instead"][1] == {"text": "Check usage.", "audience": "internal"}
    assert doc.position(("id",)) == Position(1, 5)
    assert doc.position(("stages", 1)) == Position(2, 20)
    assert doc.position(("instead", 1, "audience")) == Position(6, 15)
    assert doc.position(("instead", 1, "audience"), key=True) == Position(6, 5)


def test_unwritten_location_falls_back_to_nearest_ancestor():
    doc = parse(TEXT, "p.yml")
    assert doc.position(("instead", 1, "coaching", "notes")) == Position(5, 5)


def test_scalars_follow_yaml_core_but_keep_yes_and_dates_as_text():
    doc = parse("a: yes\nb: true\nc: 3\nd: 1.5\ne: ~\nf: 2026-01-31\ng: '3'\n", "p.yml")
    assert doc.data == {
        "a": "yes",
        "b": True,
        "c": 3,
        "d": 1.5,
        "e": None,
        "f": "2026-01-31",
        "g": "3",
    }


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("k: one <b> two\n", "<b>", Position(1, 8)),
        ("k: 'one <b> two'\n", "<b>", Position(1, 9)),
        ('k: "one <b> two"\n', "<b>", Position(1, 9)),
        ("k: |\n  one\n  two <b>\n", "<b>", Position(3, 7)),
        ("k: >\n  one\n  two <b>\n", "<b>", Position(3, 7)),
        ("k: one\n  two <b>\n", "<b>", Position(2, 7)),
        ("k: <b> and\n  <b> again\n", "<b> again", Position(2, 3)),
        ("x: <b>\nk: >-\n  first <b>\n  second <b>\n", "<b>", Position(3, 9)),
        ('k: "say \\"<b>\\" \\u00e9"\nx: <b>"\n', "<b>", Position(1, 11)),
        ("k: 'it''s <b>'\n", "<b>", Position(1, 11)),
    ],
    ids=[
        *("plain", "single", "double", "literal", "folded", "plain-2-lines", "second", "own"),
        *("escaped-quote", "doubled-quote"),
    ],
)
def test_text_position_of_a_word(text, word, expected):
    doc = parse(text, "p.yml")
    value = doc.data["k"]
    assert doc.text_position(("k",), value, value.index(word)) == expected


def test_crlf_and_bom_give_the_same_positions_as_lf(tmp_path):
    path = tmp_path / "p.yml"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode())
    doc = load_file(path, "p.yml")
    assert doc.data == parse(TEXT, "p.yml").data
    assert doc.position(("instead", 1, "audience")) == Position(6, 15)


def test_front_matter_line_offset():
    doc = parse("title: Home\naudience: [customer, x]\n", "index.md", line_offset=1)
    assert doc.position(("audience", 1)) == Position(3, 22)


def _error(text: str) -> str:
    with pytest.raises(ContentError) as raised:
        parse(text, "p.yml")
    (problem,) = raised.value.problems
    return problem.format()


def test_mark_past_the_end_of_a_file_without_final_newline_points_inside_it():
    assert _error("id: x\nt") == (
        "p.yml:2:2: error: invalid YAML: could not find expected ':' "
        "(while scanning a simple key that starts on line 2)"
    )


def test_invisible_line_break_is_refused_where_it_is():
    assert _error("id: x\ntitle: a\u2028b\n") == (
        "p.yml:2:9: error: character U+2028 is an invisible line break; delete it"
    )


def test_control_character_column_counts_characters_not_bytes():
    assert _error("title: café\x01\n") == (
        "p.yml:1:12: error: invalid YAML: character U+0001 is not allowed in YAML; delete it"
    )


def test_key_that_is_a_mapping():
    assert (
        _error("? {a: 1}\n: b\n")
        == "p.yml:1:3: error: a key must be a plain word, not a list or mapping"
    )


@pytest.mark.parametrize(
    "text",
    [
        "id: x\ntitle: [a\n",
        "id: x\n\ttitle: a\n",
        "id: x\nid: y\n",
        "id: &a x\n",
        "id: x\n---\nid: y\n",
        "k: " + "[" * 100 + "]" * 100 + "\n",
        'id: "x\n',
    ],
)
def test_pure_python_loader_points_at_the_same_place(monkeypatch, text):
    """Without libyaml (some platforms), errors keep their line and column."""
    with_libyaml = _error(text)
    monkeypatch.setattr(yamlpos, "_Loader", yaml.SafeLoader)
    assert _error(text).split(": error: ")[0] == with_libyaml.split(": error: ")[0]
