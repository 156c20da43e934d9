"""normalise: NFKC per character + traditional→simplified, with offsets back to the original.

``fold`` avoids a Python loop over the text; it must give exactly what folding each character
on its own gives (the definition below), and the same offset map.
"""

from __future__ import annotations

import unicodedata
from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from termtrack.normalise import fold, normalise


def fold_by_char(text: str) -> tuple[str, array]:
    out: list[str] = []
    origin = array("i")
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch) or ch
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin


TRICKY = "，：？（）！％＋－１２ＡＺａｚ…‥㈠㎡ﬁﬀ½\u3000\xa0Å\u212bǅ\u0301é\u1100\u1161가😀𝐀𝟘\ud800夥伴關係中国partner "


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=40))
def test_fold_is_nfkc_character_by_character(text: str) -> None:
    folded, origin = fold(text)
    want, want_origin = fold_by_char(text)
    assert folded == want
    assert (origin if origin is not None else array("i", range(len(text)))) == want_origin


def test_offsets_map_back_through_expanding_characters() -> None:
    text = "中方…同夥伴關係深化"
    norm = normalise(text)
    assert norm.text == "中方...同伙伴关系深化"
    s = norm.text.index("伙伴关系")
    start, end = norm.to_original(s, s + 4)
    assert text[start:end] == "夥伴關係"
    assert norm.to_original(3, 4) == (2, 3)  # a dot of the ellipsis is the ellipsis


def test_identity_map_is_not_stored() -> None:
    for text in ("plain ascii", "中方，愿同白方深化关系。"):
        norm = normalise(text)
        assert norm.origin is None
        assert norm.to_original(2, 5) == (2, 5)
        assert norm.to_original(len(text), len(text)) == (len(text), len(text))
