"""Each rule's refusal says what is refused and why, in Chinese and in English: no one-size-fits-all text."""

import ast
import inspect
import textwrap

import pytest
from django.utils import translation

from coordination import rules


def messages_of(check) -> list[str]:
    """The translatable texts a rule's own code can refuse with (`_("…")` calls in its body)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(check)))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


def office_only_message(check) -> str | None:
    """The text of the rule's "only the office may" refusal, if it has one."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(check)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_office",):
            return messages_of_node(node.args[1])
    return None


def messages_of_node(node) -> str:
    return node.args[0].value


RULES = sorted(rules.base.CHECKS.items())


def test_every_rule_has_a_refusal_of_its_own():
    by_rule = {name: set(messages_of(check)) for name, check in RULES}
    assert len(by_rule) > 40
    for name, texts in by_rule.items():
        others = [other for other, their in by_rule.items() if other != name and texts and their == texts]
        assert not others, f"{name} refuses with the same words as {others}"


def test_only_the_office_refusals_name_what_is_refused():
    office_texts = {name: office_only_message(check) for name, check in RULES}
    office_texts = {name: text for name, text in office_texts.items() if text}
    assert len(office_texts) >= 25
    assert len(set(office_texts.values())) == len(office_texts)
    with translation.override("en"):
        english = {name: translation.gettext(text) for name, text in office_texts.items()}
    assert len(set(english.values())) == len(english), "two rules share one English refusal"


@pytest.mark.parametrize("name,check", RULES, ids=[name for name, _ in RULES])
def test_each_refusal_has_its_own_english(name, check):
    texts = set(messages_of(check))
    every_text = {text for _, other in RULES for text in messages_of(other)}
    with translation.override("en"):
        for text in texts:
            english = translation.gettext(text)
            assert english != text, f"{name}: no English for {text}"
            same = {other for other in every_text if other != text and translation.gettext(other) == english}
            assert not same, f"{name}: “{text}” and {same} read alike in English: {english}"
