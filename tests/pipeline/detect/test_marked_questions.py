"""A sentence that another language marks as a question ("¿Tenéis servidores en Europa?", the
full-width "？", the Arabic "؟") is a question, not small talk (review 23m item 9: it had been
``other``, 0.98). Other non-English text is left to the model: no detector per language."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, statements
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

MARKED = [
    "¿Tenéis servidores en Europa?",
    "¿Funciona sin conexión en el almacén?",
    "¿Se puede exportar a Contaplus?",
    "¿Y los datos de los pacientes dónde se guardan?",
    "Necesitamos facturas en pesos, ¿es posible?",
    "¿Cuántos usuarios incluye el plan básico?",
    "¿Hay una versión en catalán para los camareros?",
    "データは国内のサーバーに保存されますか？",
    "هل يعمل التطبيق بدون إنترنت؟",
    "¿La app sirve para los turnos de noche?",
]
NOT_MARKED = ["¡Qué bien, me encanta!", "Vale, perfecto.", "Do you host in Europe"]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


@pytest.mark.parametrize("sentence", MARKED)
def test_a_marked_question_asks(sentence: str) -> None:
    assert statements.asks_by_its_marks(sentence)


@pytest.mark.parametrize("sentence", NOT_MARKED)
def test_no_marks_no_question(sentence: str) -> None:
    assert not statements.asks_by_its_marks(sentence)


def test_the_detector_reads_no_small_talk_in_them(detector: RuleEmbeddingDetector) -> None:
    rep = "Yes, and the laptops patch from anywhere with internet."
    lines = [Line(0, "rep", rep)] + [Line(i + 1, "buyer", t) for i, t in enumerate(MARKED)]
    found = detector.detect_utterances(lines)
    kinds = {t: next(d.kind for d in found[i + 1]) for i, t in enumerate(MARKED)}
    assert {t: k for t, k in kinds.items() if k == "other"} == {}
