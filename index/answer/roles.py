"""Who holds a post: a question "Ai là Giám đốc Sở ...?" is answered by a sentence that names a person
with that post, not with its deputy's ("Phó Giám đốc"), nor by one that names the post and no one. And the
post a named person holds: "Đỗ Thanh Bình là ai?" is answered by a sentence giving the person's titles.

General Vietnamese administrative titles; the abbreviations (GĐ, PCT, CT...) come from the lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.retrieval.query import Query
from index.terms.lexicon import Lexicon, folded, folded_words
from index.terms.spelling import is_syllable
from index.terms.tokenize import fold_term

# Heads of posts, folded. Longer first: "tong giam doc" before "giam doc".
_HEADS = ("tong giam doc", "chi cuc truong", "chanh van phong", "chanh thanh tra", "chanh an", "chu tich",
          "bi thu", "giam doc", "truong ban", "truong phong", "truong doan", "chu nhiem", "vien truong",
          "cuc truong", "hieu truong", "bo truong", "thu truong", "chi huy truong", "tong bien tap")
_HEAD_RE = re.compile(r"\b(pho )?(" + "|".join(_HEADS) + r")\b")
# A person named: after "đồng chí", "ông", "bà", or three capitalised words ("Trần Thị Mỹ Hạnh"); not words in
# capitals ("TP Rạch Giá", "Ủy ban MTTQ Việt Nam" name no one).
_NAME_WORD = r"[A-ZĐ](?![A-ZĐ])\w+"
PERSON_RE = re.compile(rf"\b(?:[Đđ]ồng chí|[Ôô]ng|[Bb]à)\s+[A-ZĐÂ-Ỹ]|{_NAME_WORD} {_NAME_WORD} {_NAME_WORD}")


@dataclass(frozen=True, slots=True)
class Post:
    """The post a "who" question asks about: its head ("giam doc"), whether the deputy is asked, and the (folded)
    start of the body it heads when the question names one ("so xay" of "Sở Xây dựng", "hoi dong" of "HĐND")."""

    deputy: bool
    head: str
    body: tuple[str, ...] = ()  # one or two words


def _words(text: str, lexicon: Lexicon) -> list[tuple[str, bool]]:
    """The folded words of a text with whether each was capitalised, abbreviations of one post or body read in full
    ("PCT" = phó chủ tịch, "HĐND" = hội đồng nhân dân; an ambiguous "CT" as chủ tịch only when nothing else is)."""
    out: list[tuple[str, bool]] = []
    for raw in re.findall(r"\w+", text):
        key = fold_term(raw).lower()
        expansions = [folded(e) for e in lexicon.abbreviations.get(key, ())]
        posts = [e for e in expansions if _HEAD_RE.fullmatch(" ".join(e))]
        chosen = posts[0] if posts else expansions[0] if len(expansions) == 1 else (key,)
        out += [(word, True) for word in chosen] if chosen != (key,) else [(key, raw[:1].isupper())]
    return out


def _bodies(words: list[tuple[str, bool]], head: str) -> list[tuple[bool, tuple[str, ...]]]:
    """For each time the head stands in the words: (deputy?, the body it heads: the word after it when capitalised,
    with the next one when that is capitalised too ("Sở Du lịch"; "Ủy ban nhân dân" gives "uy"), else ())."""
    folded_text = [w for w, _ in words]
    size = len(head.split())
    out = []
    for at in range(len(words) - size + 1):
        longer = at > 0 and " ".join(folded_text[at - 1 : at + size]) in _HEADS  # "tổng giám đốc", "chi cục trưởng"
        if " ".join(folded_text[at : at + size]) != head or longer:
            continue
        after = words[at + size : at + size + 2]
        body: tuple[str, ...] = ()
        if after and after[0][1]:  # "Sở Du lịch", "Ủy ban nhân dân"; not "Giám đốc Sở, năm 2025" nor "Sở cho biết"
            body = tuple(w for w, capital in after if capital)[:2] if after[-1][1] else (after[0][0],)
        out.append((at > 0 and folded_text[at - 1] == "pho", body))
    return out


def _same_body(asked: tuple[str, ...], held: tuple[str, ...]) -> bool:
    """The body held is the one asked, or either is unnamed: the same first word, and a second word with the same
    initial ("Sở KH&ĐT" is "Sở Kế hoạch và Đầu tư"; "Liên đoàn" is no "Hội đồng"). A first word typed as letters
    that make no syllable stands for the body by its initials ("TB DV HU": Trưởng Ban Dân vận Huyện ủy)."""
    if not asked or not held:
        return True
    first = asked[0] == held[0] or (not is_syllable(asked[0]) and asked[0][:1] == held[0][:1])
    return first and (len(asked) < 2 or len(held) < 2 or asked[1][:1] == held[1][:1])


def asked_post(query: Query, lexicon: Lexicon) -> Post | None:
    """The post a "who" question asks about, abbreviations read, or None."""
    if "who" not in query.cues:
        return None
    words = _words(query.text, lexicon)
    found = _HEAD_RE.search(" ".join(w for w, _ in words))
    if not found:
        return None
    bodies = [body for deputy, body in _bodies(words, found.group(2)) if deputy == bool(found.group(1))]
    return Post(bool(found.group(1)), found.group(2), bodies[0] if bodies else ())


def post_fit(post: Post | None, sentence: str, lexicon: Lexicon) -> float:
    """1 when the sentence names a person and the post asked (deputy or not, as asked, of the body asked when the
    question names one); -1 when it holds the post only as the other rank ("Phó Giám đốc" for "Giám đốc") or of
    another body ("Phó Chủ tịch Liên đoàn Lao động" for "Phó Chủ tịch HĐND"), or names no one; 0 otherwise."""
    if post is None:
        return 0.0
    held = _bodies(_words(sentence, lexicon), post.head)
    if not held:
        return 0.0
    fits = any(deputy == post.deputy and _same_body(post.body, body) for deputy, body in held)
    return 1.0 if fits and PERSON_RE.search(sentence) else -1.0


# A person's name as written: a Vietnamese surname and one to three more capitalised words ("Đỗ Thanh Bình",
# "Danh Sóc"). The surnames are the common ones of Kinh and Khmer families; titles and bodies ("Trưởng Ban Kinh
# tế") start with none of them; places that do ("Châu Thành") are no names.
_SURNAMES = ("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lâm Đinh Cao Trương Đoàn "
             "Mai Tạ Châu Quách Lương Danh Thạch Kim Sơn Triệu Từ Tô Tăng Hà Đào Đàm Chu Lưu Mạc Thái Vương "
             "Khúc Diệp La Lữ Giang Hứa Kha Quan Trịnh Tống Nghiêm Phùng Hầu Liêu Âu Viên Tiêu Lạc").split()
_UPPER = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
_NAME_RE = re.compile(rf"(?<!\w)((?:{'|'.join(_SURNAMES)})(?: [{_UPPER}]\w*){{1,3}})")
# A title: a post's head, its deputy, or a committee membership ("Ủy viên Trung ương Đảng", "Tỉnh ủy viên").
_TITLE_RE = re.compile(r"\b(?:pho |uy vien|tinh uy vien|thanh uy vien|huyen uy vien|" + "|".join(_HEADS) + r")")


_TITLE_FOLLOWS_RE = re.compile(r"\s*[,\-–:(]")  # "Đỗ Thanh Bình - Ủy viên ...", "Lâm Quốc Trung, Chủ tịch ..."


def person_post_failure(query: Query, lexicon: Lexicon, sentence: str) -> str | None:
    """For a "who" question naming a person ("Đỗ Thanh Bình là ai?", "... giữ chức vụ gì?"), the name of that
    person when the sentence names them without their title ("Đồng chí Đỗ Thanh Bình chỉ đạo ..."), as
    against "Đỗ Thanh Bình - Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy" or "Giám đốc Sở Xây dựng Trần Văn An";
    else None."""
    if "who" not in query.cues:
        return None
    asked = f" {' '.join(folded_words(query.text))} "
    for match in _NAME_RE.finditer(sentence):
        name = " ".join(folded_words(match.group(1)))
        if f" {name} " not in asked or " " not in name or name in lexicon.place_names:
            continue  # not asked, or a place that starts like a surname ("Châu Thành", "Giang Thành", "Hà Tiên")
        after = " ".join(folded_words(sentence[match.end() : match.end() + 40]))
        before = " ".join(list(folded_words(sentence[max(0, match.start(1) - 60) : match.start(1)]))[-8:])
        follows = _TITLE_FOLLOWS_RE.match(sentence[match.end() :]) and _TITLE_RE.match(after)
        if not (follows or _TITLE_RE.search(before)):
            return match.group(1)
    return None
