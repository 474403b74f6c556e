"""The text-only checks before composing: never an underestimate, and fast on valid files."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, SequenceNode

from shtracker.datafile.precheck import MAX_NODES, max_flow_depth, may_nest_deeply, too_many_nodes


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("note: see table [1\n", 0),
        ("note: |\n  [[[[[[\n  x\nb: 1\n", 0),
        ("note: >-\n\n  {{{{ [[\n\n  x\nb: [[1]]\n", 2),
        ("k: >-\n   [[[\n  j: [[1]]\n", 2),
        ("- a: |\n    [[[\n  b: [[[[1]]]]\n", 4),
        ("a: [[1], {b: [2]}]\n", 3),
        ("a: !!seq [[1]]\n", 2),
        ("a: &x [[1]]\n", 2),
        ("- - [x, [y]]\n", 2),
        ('"a": [[1]]\n', 2),
        ('a: [x, "[[[" ]\n', 1),
        ("a: [x,  # [[[\n  y]\n", 1),
        ("a: b [ c\n  [[d\n", 2),  # a plain scalar's next line: may be counted, never missed
    ],
)
def test_max_flow_depth_by_hand(text: str, depth: int) -> None:
    assert depth == max_flow_depth(text)


def _flow_depth(node: Node) -> int:
    """Return the most flow collections on one path from the node down."""
    if isinstance(node, MappingNode):
        children = [n for pair in node.value for n in pair]
    elif isinstance(node, SequenceNode):
        children = list(node.value)
    else:
        return 0
    below = max((_flow_depth(c) for c in children), default=0)
    return below + (1 if node.flow_style else 0)


TEXT = st.text(alphabet="ab [{]}:#|>-'\"\n", max_size=8)
DATA = st.recursive(
    TEXT | st.integers(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
# Found by this property: `':': :>` ends with `>` but is a plain scalar, not a block
# scalar whose text (`'>': []` below it) could be skipped.
@example(data=[{":": ":>", ">": [], "": ""}], flow=None, style=None)
@given(DATA, st.sampled_from([None, True, False]), st.sampled_from([None, "|", ">", "'", '"']))
def test_max_flow_depth_never_underestimates(
    data: object, flow: bool | None, style: str | None
) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, default_style=style, allow_unicode=True)
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    assert node is not None
    assert max_flow_depth(text) >= _flow_depth(node)


def test_a_stray_bracket_in_plain_or_block_text_keeps_the_fast_loader() -> None:
    text = "".join(f"i{n}:\n  note: see table [{n}\n  more: |\n    [[{n} {{\n" for n in range(3000))
    assert False is may_nest_deeply(text)


def test_deep_brackets_after_stray_ones_still_take_the_careful_loader() -> None:
    text = "note: see [1\nx: " + "[" * 70 + "]" * 70 + "\n"
    assert True is may_nest_deeply(text)


def test_a_long_compact_run_inside_a_comment_keeps_the_fast_loader() -> None:
    assert False is may_nest_deeply("# " + "- " * 500 + "\na: 1\n")
    assert True is may_nest_deeply("  " + "- " * 64 + "x\n")


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("x: [" + "1," * (MAX_NODES + 10) + "1]\n", True),
        ("x: [" + "1," * (MAX_NODES // 2) + "1]\n", False),
        ('x: "' + "," * (MAX_NODES + 10) + '"\n', False),  # commas in a string are text
        ("# " + ":" * (MAX_NODES + 10) + "\n", False),  # and in a comment
    ],
)
def test_too_many_nodes(text: str, refused: bool) -> None:
    assert refused == too_many_nodes(text)


@pytest.mark.parametrize(
    "text",
    [
        "a:\n  note: see table [1\n  b: [[1], {c: [2]}]\n",
        "a:\n  note: |\n    see [1 and {2\n  b: [1]\n",
        "a: see ]] and [[ here\n",
    ],
)
def test_a_few_stray_brackets_keep_the_fast_loader_without_the_line_scan(text: str) -> None:
    assert False is may_nest_deeply(text)


def test_many_unclosed_brackets_in_one_flow_collection_take_the_careful_loader() -> None:
    assert True is may_nest_deeply("a: " + "[x, " * 100 + "\n")


def test_a_file_of_long_comment_lines_is_not_refused_for_their_dashes() -> None:
    line = "# " + "- " * 60 + "\n"
    assert False is too_many_nodes("a: 1\n" + line * (3 * MAX_NODES // 60 + 10))
