"""Who holds a post: a question "Ai là Giám đốc Sở ...?" is answered by a sentence that names a person
with that post, not with its deputy's ("Phó Giám đốc"), nor by one that names the post and no one.

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
