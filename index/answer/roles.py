"""Who holds a post: a question "Ai là Giám đốc Sở ...?" is answered by a sentence that names a person
with that post, not with its deputy's ("Phó Giám đốc"), nor by one that names the post and no one. And the
post a named person holds: "Đỗ Thanh Bình là ai?" is answered by a sentence giving the person's titles.

General Vietnamese administrative titles; the abbreviations (GĐ, PCT, CT...) come from the lexicon.
"""

from __future__ import annotations

import re

from index.retrieval.query import Query
from index.terms.lexicon import Lexicon, folded, folded_words

# Heads of posts, folded. Longer first: "tong giam doc" before "giam doc".
_HEADS = ("tong giam doc", "chi cuc truong", "chanh van phong", "chanh thanh tra", "chanh an", "chu tich",
          "bi thu", "giam doc", "truong ban", "truong phong", "truong doan", "chu nhiem", "vien truong",
          "cuc truong", "hieu truong", "bo truong", "thu truong", "chi huy truong", "tong bien tap")
_HEAD_RE = re.compile(r"\b(pho )?(" + "|".join(_HEADS) + r")\b")
_PERSON_RE = re.compile(r"\b(?:[Đđ]ồng chí|[Ôô]ng|[Bb]à)\s+[A-ZĐÂ-Ỹ]|[A-ZĐ]\w+ [A-ZĐ]\w+ [A-ZĐ]\w+")
def asked_post(query: Query, lexicon: Lexicon) -> tuple[bool, str] | None:
    """(deputy?, head) of the post a "who" question asks about, abbreviations read ("PCT" = phó chủ tịch;
    an ambiguous "CT" as chủ tịch only when a who-question has no other post), or None."""
    if "who" not in query.cues:
        return None
    words = []
    for key in folded_words(query.text):
        expansions = [" ".join(folded(e)) for e in lexicon.abbreviations.get(key, ())]
        posts = [e for e in expansions if _HEAD_RE.fullmatch(e)]
        words.append(posts[0] if posts else key)
    found = _HEAD_RE.search(" ".join(words))
    return (bool(found.group(1)), found.group(2)) if found else None


def post_fit(post: tuple[bool, str] | None, sentence: str) -> float:
    """1 when the sentence names a person and the post asked (deputy or not, as asked); -1 when it holds
    the post only as the other rank ("Phó Giám đốc" for "Giám đốc") or names no one; 0 otherwise."""
    if post is None:
        return 0.0
    deputy, head = post
    ranks = {bool(m.group(1)) for m in _HEAD_RE.finditer(" ".join(folded_words(sentence))) if m.group(2) == head}
    if not ranks:
        return 0.0
    if deputy in ranks and _PERSON_RE.search(sentence):
        return 1.0
    return -1.0


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
