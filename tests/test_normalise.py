"""normalise: NFKC per character + traditional→simplified, with offsets back to the original.

``fold`` avoids a Python loop over the text; it must give exactly what folding each character
on its own gives (the definition below), and the same offset map.
"""

from __future__ import annotations

import unicodedata
from array import array

import pytest
from conftest import SHARED, needs_shared
from hypothesis import given, settings
from hypothesis import strategies as st

from termtrack.normalise import fold, normalise, unwrap, wrap_width


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


def test_t2s_sources_know_the_traditional_forms_of_trigger_characters() -> None:
    from termtrack.normalise import t2s_sources

    sources = t2s_sources()
    assert "夥" in sources["伙"] and "體" in sources["体"] and "戰" in sources["战"] and "關" in sources["关"]
    assert "伴" not in sources  # written the same in both scripts


def test_phrase_tables_add_no_source_for_a_trigger_character() -> None:
    """t2s_sources reads OpenCC one character at a time; a phrase entry could map a character to a
    trigger character only in context (乾燥 → 干燥 does that for 干).  Read OpenCC's own tables with
    its opencc_dict tool and check no phrase does that for a trigger character."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    import opencc
    import pytest

    from termtrack.normalise import t2s_sources
    from termtrack.trigger import TRIGGER_WORDS

    clib = Path(opencc.__file__).parent / "clib"
    tool = clib / "bin" / "opencc_dict"
    if not tool.exists():
        tool = Path(shutil.which("opencc_dict") or "/nonexistent")
    if not tool.exists():
        pytest.skip("OpenCC's opencc_dict tool is not installed")
    trigger_chars = set("".join(TRIGGER_WORDS))
    sources = t2s_sources()
    env = {"LD_LIBRARY_PATH": str(clib / "lib64")}
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("TSPhrases", "TSCharactersExt", "TSCharacters"):
            dict_file = clib / "share" / "opencc" / f"{name}.ocd2"
            out = Path(tmp) / f"{name}.txt"
            subprocess.run([str(tool), "-i", str(dict_file), "-o", str(out), "-f", "ocd2", "-t", "text"],
                           check=True, env=env, capture_output=True)
            for line in out.read_text(encoding="utf-8").splitlines():
                key, values = line.split("\t")
                value = values.split(" ")[0]
                assert len(key) == len(value), f"{name}: {key} → {value} changes the length"
                for a, b in zip(key, value, strict=True):
                    if b in trigger_chars and a != b:
                        assert a in sources.get(b, ()), f"{name}: {key} → {value} makes {b} of {a}"


def test_simplify_paragraphs_is_normalise_where_asked() -> None:
    from termtrack.normalise import simplify_paragraphs

    text = "戰略夥伴\n無關的段落\n全面戰略協作夥伴關係"
    folded, origin = fold(text)
    part = simplify_paragraphs(folded, origin, len(text), [(0, 4), (11, len(text))])
    full = normalise(text).text
    assert part is not None
    assert part.text[:4] == full[:4] and part.text[11:] == full[11:]
    assert part.text[5:10] == "無關的段落"  # left alone: nothing to match there


# ---------------------------------------------------------------------------- hard-wrapped text
WRAPPED = [
    # (text as written, text unwrapped)
    ("China and Belarus agreed today to raise their ties to an\n"
     "all-weather comprehensive strategic partnership, the two\n"
     "presidents said after their talks in Samarkand on Thursday\n"
     "afternoon, and they signed a joint statement.\n\nA second paragraph.",
     "China and Belarus agreed today to raise their ties to an all-weather comprehensive strategic "
     "partnership, the two presidents said after their talks in Samarkand on Thursday afternoon, and "
     "they signed a joint statement.\n\nA second paragraph."),
    # Chinese: the break between two characters is dropped; an indented line starts a paragraph
    ("两国元首宣布，将中白关系提升为全天候全\n面战略伙伴关系，在三十年友谊的基础上推\n动双方"
     "合作不断取得新成果，造福两国人\n民。\n　　中方愿同白方一道努力。",
     "两国元首宣布，将中白关系提升为全天候全面战略伙伴关系，在三十年友谊的基础上推动双方"
     "合作不断取得新成果，造福两国人民。\n　　中方愿同白方一道努力。"),
    # beside a digit the break is dropped too; beside a Latin letter it is a space
    ("习近平主席在撒马尔罕同白俄罗斯总统Lukashenko\n会谈。双方共同宣布，中白两国关系已于2022年9\n"
     "月提升为全天候全面战略伙伴关系，推动两国各\n领域务实合作，造福两国人民。",
     "习近平主席在撒马尔罕同白俄罗斯总统Lukashenko 会谈。双方共同宣布，中白两国关系已于2022年9"
     "月提升为全天候全面战略伙伴关系，推动两国各领域务实合作，造福两国人民。"),
    # a word's hyphen at the break joins without a space
    ("China and Laos agreed on Tuesday to build an all-\nweather partnership, the two foreign ministers\n"
     "said in a joint press release issued in Vientiane after\ntheir talks on trade, investment and the railway.",
     "China and Laos agreed on Tuesday to build an all-weather partnership, the two foreign ministers "
     "said in a joint press release issued in Vientiane after their talks on trade, investment and the railway."),
    # a full-width space before the break goes with it
    ("外交部发言人表示，中方愿同巴方一道，推动中巴全天候战略合\u3000\n作伙伴关系不断向前发展，打造新时代更加紧密的中巴命运共同\u3000\n"
     "体，更好造福两国人民，为地区和平稳定与发展繁荣作出新的贡\u3000\n献。",
     "外交部发言人表示，中方愿同巴方一道，推动中巴全天候战略合作伙伴关系不断向前发展，打造新时代更加紧密的中巴命运共同"
     "体，更好造福两国人民，为地区和平稳定与发展繁荣作出新的贡献。"),
    # trailing spaces and CRLF are part of the break
    ("The two sides will deepen the comprehensive strategic  \r\npartnership and expand trade and\r\n"
     "investment in the coming years, officials \r\nsaid, adding that talks would continue.\r\n",
     "The two sides will deepen the comprehensive strategic partnership and expand trade and "
     "investment in the coming years, officials said, adding that talks would continue.\r\n"),
]

NOT_WRAPPED = [
    # a line per paragraph, each ending a sentence: the MFA's layout
    "问：中方对此有何评论？\n答：中方高度重视中白关系发展。\n双方同意深化全面战略伙伴关系。\n我们愿同白方一道努力。",
    # paragraphs longer than any wrap width
    "x" * 130 + "\n" + "y" * 100 + "\n" + "z" * 100 + "\n" + "w" * 100,
    # a list of short items
    "Items:\n- one\n- two\n- three\n- four",
    "one line only",
    # headlines, zh (two parts apart by a space, lines of many widths)
    '中越两国发表联合声明 深化全面战略合作伙伴关系\n王毅会见巴基斯坦外长 双方重申全天候友谊\n中方愿同埃及共同构建新时代命运共同体 推动合作\n外交部发言人就俄罗斯总统访华答记者问\n',
    # headlines, en (each line starts a sentence and ends none)
    "China, Vietnam vow to deepen comprehensive strategic cooperative partnership\nXi meets Pakistani PM as both sides hail their all-weather friendship ties\nChina and Egypt pledge closer community with a shared future in new era\nSpokesperson answers questions on Russian president's upcoming state visit\n",
    # a table
    '国家        关系定位                      建立时间\n巴基斯坦    全天候战略合作伙伴关系        2015年\n俄罗斯      全面战略协作伙伴关系          2011年\n白俄罗斯    全天候全面战略伙伴关系        2022年\n哈萨克斯坦  永久全面战略伙伴关系          2019年\n',
    # a numbered list
    '会谈成果清单\n一、双方同意将中老关系提升为全面战略合作伙伴关系\n二、双方同意共同推进中巴经济走廊建设取得新成果\n三、中方愿同埃方共同构建新时代中埃命运共同体\n四、双方签署了经贸、人文、科技等领域合作文件\n',
    # lists marked (a) or with dashes
    'Outcomes of the talks\n(a) the two sides agreed to upgrade ties to a comprehensive strategic partnership\n(b) China and Pakistan agreed to advance the economic corridor to a new stage\n(c) the two sides signed agreements on trade, culture and science cooperation\n(d) China and Egypt agreed to build a community with a shared future in new era\n',
    'Outcomes of the talks\n— The two sides agreed to upgrade ties to a comprehensive strategic partnership\n— China and Pakistan agreed to advance the economic corridor to a new stage\n— The two sides signed agreements on trade, culture and science cooperation\n— China and Egypt agreed to build a community with a shared future in new era\n',
    # headline lists in title case, or opening with names (third review)
    'China Hails Comprehensive Strategic Partnership With Vietnam As Ties Deepen\nXi Meets Pakistani PM, Vows To Build Closer Community With Shared Future\nEgypt And China Pledge To Advance Comprehensive Strategic Partnership\nWang Yi Holds Talks With Russian Foreign Minister On Bilateral Ties Today\n',
    'Xi Jinping meets Vietnamese leader, vows to deepen strategic partnership\nLi Qiang meets Egyptian premier Mostafa Madbouly in Beijing on Friday\nWang Yi says China, Brazil to deepen comprehensive strategic partnership\nHan Zheng attends reception marking 10 years of ties with Kazakhstan\n',
    'China, Vietnam agree to deepen comprehensive strategic partnership\nPakistan, China vow to build closer community with shared future\nEgypt, China pledge to advance their comprehensive strategic partnership\nRussia, China hold talks on bilateral ties and global issues in Moscow\n',
    # a "country: label" list
    '越南：全面战略合作伙伴关系\n老挝：全面战略合作伙伴关系\n柬埔寨：全面战略合作伙伴关系\n缅甸：全面战略合作伙伴关系\n泰国：全面战略合作伙伴关系\n',
    # a bulleted list
    'Outcomes of the talks\n- The two sides agreed to upgrade ties to a comprehensive strategic partnership\n- China and Pakistan agreed to advance the economic corridor to a new stage\n- The two sides signed agreements on trade, culture and science cooperation\n- China and Egypt agreed to build a community with a shared future in new era\n',
    # a Q&A without question marks
    '问：中方如何评价中俄关系当前的发展态势呢\n答：中俄新时代全面战略协作伙伴关系处于历史最好时期\n问：中方如何评价中巴关系当前的发展态势呢\n答：双方将继续深化全天候战略合作伙伴关系并推动合作\n',
]


@pytest.mark.parametrize("text,want", WRAPPED)
def test_hard_wrapped_lines_are_joined(text: str, want: str) -> None:
    unwrapped, origin = unwrap(text)
    assert unwrapped == want
    assert origin is not None
    for i, ch in enumerate(unwrapped):  # every character maps back to itself, a space to a break
        assert text[origin[i]] == ch or (ch == " " and text[origin[i]] == "\n")


@pytest.mark.parametrize("text", NOT_WRAPPED)
def test_lines_that_are_paragraphs_stay(text: str) -> None:
    assert wrap_width(text) is None
    assert unwrap(text) == (text, None)


def test_a_label_across_a_line_break_maps_back_to_both_lines() -> None:
    text = WRAPPED[1][0]
    norm = normalise(text)
    s = norm.text.index("全天候全面战略伙伴关系")
    start, end = norm.to_original(s, s + len("全天候全面战略伙伴关系"))
    assert text[start:end] == "全天候全\n面战略伙伴关系"


@needs_shared
def test_no_statement_of_the_mfa_corpora_counts_as_wrapped() -> None:
    """Their lines are paragraphs: unwrapping them would merge answers into questions."""
    import json

    wrapped = []
    for path in sorted((SHARED / "corpora").glob("mfa-*/*.jsonl")):
        with path.open(encoding="utf-8") as f:
            wrapped += [r["id"] for r in map(json.loads, f) if wrap_width(r["text"]) is not None]
    assert wrapped == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab 中文。.\u3000"), min_size=0, max_size=30), min_size=4, max_size=12))
def test_unwrap_keeps_every_character_but_soft_breaks(lines: list[str]) -> None:
    text = "\n".join(lines)
    unwrapped, origin = unwrap(text)
    if origin is None:
        assert unwrapped == text
        return
    assert len(origin) == len(unwrapped)
    assert list(origin) == sorted(set(origin))
    for i, ch in enumerate(unwrapped):
        assert text[origin[i]] == ch or (ch == " " and text[origin[i]] == "\n")
    dropped = set(range(len(text))) - set(origin)
    assert all(text[k] in " \t\r\n\u3000" for k in dropped)


@pytest.mark.parametrize("text", [
    # English wire text whose lines start with names (Prime\nMinister, China-\nPakistan): no headlines
    'Chinese President Xi Jinping held talks with visiting Pakistani Prime\nMinister Shehbaz Sharif at the Great Hall of the People in Beijing on\nWednesday, and the two leaders agreed to deepen the all-weather\nstrategic cooperative partnership and to build an even closer China-\nPakistan community with a shared future in the new era.\n',
    # a Chinese column with short last lines of paragraphs and hanging punctuation (one character wider)
    '\u3000\u3000国家主席习近平在人民大会堂同来华进行国事访问\n的巴基斯坦总理夏巴兹举行会谈。两国领导人一致同意，\n深化中巴全天候战略合作伙伴关系，加快构建新时代更\n加紧密的中巴命运共同体。\n\u3000\u3000习近平指出，中越是社会主义友好邻邦，双方要以\n构建具有战略意义的中越命运共同体为引领，推动中越\n全面战略合作伙伴关系不断向前发展，更好造福两国人\n民。\n\u3000\u3000双方同意于2024年5月将中匈关系提升为新时代全\n天候全面战略伙伴关系，并在“一带一路”倡议和APEC框\n架下加强协调，推动匈塞铁路等项目早日建成。\n',
])
def test_wrapped_columns_of_real_shape_are_found(text: str) -> None:
    assert wrap_width(text) is not None


def test_a_typesetters_hyphen_in_a_label_word_goes() -> None:
    text = ("The two sides agreed to deepen the comprehensive strategic partner-\nship and expand practical "
            "cooperation in trade,\ninvestment, energy and people-to-people exchanges, the foreign\nministry said "
            "in a statement issued in Beijing on Tuesday after\nthe talks.")
    unwrapped, _ = unwrap(text)
    assert "comprehensive strategic partnership and" in unwrapped
