"""A pure rule of one text is worked out once per text, within a bound."""

from __future__ import annotations

from pipeline.text_memo import TEXTS_REMEMBERED, once_per_text


def test_a_rule_is_worked_out_once_per_text() -> None:
    read: list[str] = []

    @once_per_text
    def shouted(text: str) -> str:
        read.append(text)
        return text.upper()

    lines = [
        "The vet's recall cards go out late every month.",
        "Our pickers re-key every order into the WMS by hand.",
        "The vet's recall cards go out late every month.",
        "Half our salon no-shows never get a reminder.",
        "Our pickers re-key every order into the WMS by hand.",
    ]
    assert [shouted(line) for line in lines] == [line.upper() for line in lines]
    assert read == [lines[0], lines[1], lines[3]]


def test_the_memo_is_bounded() -> None:
    read: list[str] = []

    @once_per_text
    def length(text: str) -> int:
        read.append(text)
        return len(text)

    first = "Month-end close at the practice takes us four days."
    length(first)
    for number in range(TEXTS_REMEMBERED):  # the first falls out of the memo
        length(f"Client {number} sends receipts in a shoebox.")
    length(first)
    assert read.count(first) == 2
