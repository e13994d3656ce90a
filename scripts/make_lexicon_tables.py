"""Generate index/data/lexicon_sources.toml from the tables of two MIT-licensed Vietnamese normalisers on PyPI.

Sources, pinned (the script refuses any other version, and checks each package's LICENSE says MIT):

* ``[abbreviations]``: soe-vinorm 0.3.2, MIT, Copyright (c) 2025 Vinh Dang,
  https://github.com/vinhdq842/soe-vinorm, file ``soe_vinorm/data/dictionaries/abbreviations.txt``
  (about 1,130 abbreviations from Vietnamese newspaper text, ``ABBR:expansion,expansion``).
  Its ``vietnamese-syllables.txt`` (18,142 syllables) is used to reject keys and chat forms that are real words.
* ``[chat]``: visonorm 0.1.4, MIT, Copyright (c) 2024 HaDung2002, https://github.com/AnhHoang0529/visonorm,
  file ``visonorm/dictionary/dictionary.json`` (the ViSoLex dictionary of about 3,100 social-media forms,
  each with its ``normalized`` readings).

Install the data only (no dependencies, nothing is imported: the files are read from the installed distributions):

    python3 -m venv /tmp/lexvenv
    /tmp/lexvenv/bin/pip install --no-deps soe-vinorm==0.3.2 visonorm==0.1.4

Then, from the repository root:

    /tmp/lexvenv/bin/python scripts/make_lexicon_tables.py            # writes index/data/lexicon_sources.toml
    /tmp/lexvenv/bin/python scripts/make_lexicon_tables.py --out PATH

Selection (general Vietnamese, never fitted to a question):

* abbreviations: an entry is kept when one of its readings belongs to administrative, political, economic,
  place, organisation, infrastructure, health, education or agriculture vocabulary (``DOMAIN_TERMS``, whole-word
  match, and no ``OFF_DOMAIN_TERMS``); every reading of a kept entry is kept. Skipped: single letters, keys that
  are Vietnamese syllables once lower-cased and folded ("CA", "DA", "PY"), brand, club, newspaper and other
  proper-name keys (``PROPER_NAME_KEYS``), readings that are empty or one stopword. Spellings that differ
  only by case (TP/Tp) are merged; spellings that the loader folds to one key (DT/ĐT, NOXH/NƠXH) are judged
  together, as the loader merges their readings. ``CORRECTIONS`` fixes typos of the source; ``DROPPED_KEYS``
  are wrong entries of the source.
* chat forms: one-token forms (letters only, lower case) with exactly one reading, that are not Vietnamese
  syllables (with or without diacritics: "nha", "ne", "hông" are words), not abbreviations in the source or in
  index/data/lexicon.toml (they would be ambiguous in a policy question), not elongated ("quáaaa") or lone
  vowels, derivable from their reading by dropping letters and the usual chat respellings (z/dz -> d, v, gi;
  j -> gi; f -> ph; w -> qu; k -> c, kh, nh, ch ...), and not an unaccented respelling of the whole reading
  (such a form guesses the tones: "kua" -> "cua" or "của"). Profane readings are dropped. Consonant-only
  forms are kept only when the reading has a function word ("kbt" -> "không biết", "trc" -> "trước"): the
  others ("đp", "lk", "kq") abbreviate content words that a policy question uses for something else. Unit
  symbols and English words ("g", "as") are never chat forms.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import itertools
import json
import re
import sys
import tomllib
import unicodedata
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "index" / "data" / "lexicon_sources.toml"
HAND_LEXICON = ROOT / "index" / "data" / "lexicon.toml"
STOPWORDS = ROOT / "index" / "data" / "stopwords.txt"

ABBR_DIST, ABBR_VERSION = "soe-vinorm", "0.3.2"
ABBR_FILE = "soe_vinorm/data/dictionaries/abbreviations.txt"
SYLLABLE_FILE = "soe_vinorm/data/dictionaries/vietnamese-syllables.txt"
ABBR_URL = "https://github.com/vinhdq842/soe-vinorm"
ABBR_COPYRIGHT = "Copyright (c) 2025 Vinh Dang"
CHAT_DIST, CHAT_VERSION = "visonorm", "0.1.4"
CHAT_FILE = "visonorm/dictionary/dictionary.json"
CHAT_URL = "https://github.com/AnhHoang0529/visonorm"
CHAT_COPYRIGHT = "Copyright (c) 2024 HaDung2002"

# A reading belongs to the bot's domain when it holds one of these words or phrases (whole words).
DOMAIN_TERMS = """
ủy ban|uỷ ban|hội đồng|nhân dân|chính phủ|quốc hội|nhà nước|thủ tướng|bộ trưởng|chủ tịch|giám đốc|tổng giám đốc|
bí thư|thư ký|ủy viên|uỷ viên|đại biểu|đồng chí|cán bộ|công chức|viên chức|công nhân|nhân viên|chuyên viên|giáo sư|
tiến sĩ|thạc sĩ|bác sĩ|kỹ sư|kiến trúc sư|luật sư|anh hùng|nghệ sĩ nhân dân|nghệ sĩ ưu tú|bộ|sở|cục|tổng cục|
chi cục|ban|văn phòng|thanh tra|kho bạc|tòa án|toà án|viện kiểm sát|kiểm sát|công an|cảnh sát|quân sự|quân đội|
quân khu|biên phòng|quốc phòng|an ninh|lực lượng vũ trang|hành chính|cơ quan|đảng|trung ương|mặt trận|tổ quốc|đoàn|
thanh niên|phụ nữ|nông dân|cựu chiến binh|công đoàn|liên đoàn lao động|hội|liên hiệp|hội chữ thập đỏ|chữ thập đỏ|
đại hội|hội nghị|nghị quyết|nghị định|quyết định|quy định|chỉ thị|thông tư|thông báo|thông cáo|công điện|kế hoạch|
báo cáo|kết luận|tờ trình|biên bản|văn bản|luật|bộ luật|pháp luật|pháp lý|quy chế|quy chuẩn|tiêu chuẩn|giấy phép|
giấy chứng nhận|giấy|đề án|dự án|phương án|chương trình|quy hoạch|chính sách|kính gửi|về việc|thủ tục|cải cách|
xử phạt|khiếu nại|tố cáo|đăng ký|công chứng|xét xử|thi hành án|bầu cử|ứng cử|đại sứ quán|lãnh sự quán|ngoại giao|
trung tâm|phòng không|công trình|phát thanh truyền hình|đài truyền hình|thiếu niên|chất độc da cam|xét nghiệm|
sư phạm|quyền sử dụng|tỉnh|thành phố|huyện|quận|thị xã|thị trấn|phường|xã|khu phố|khu vực|đồng bằng|miền|quốc gia|
quốc tế|việt nam|hà nội|hồ chí minh|sài gòn|cần thơ|đà nẵng|hải phòng|đồng nai|gia lai|phú yên|thừa thiên huế|
điện biên phủ|sông cửu long|sông hồng|đông nam á|thái bình dương|trung quốc|hàn quốc|liên hợp quốc|liên hiệp quốc|
thế giới|liên bang|cộng hòa|cộng hoà|xã hội chủ nghĩa|chủ nghĩa xã hội|kinh tế|kinh doanh|doanh nghiệp|công ty|
tổng công ty|cổ phần|cổ phiếu|trái phiếu|chứng khoán|ngân hàng|tài chính|ngân sách|thuế|đầu tư|thương mại|xuất khẩu|
nhập khẩu|xuất nhập khẩu|dịch vụ|sản xuất|công nghiệp|hợp tác xã|thị trường|giá trị|bất động sản|tín dụng|bảo hiểm|
lao động|việc làm|thu nhập|người tiêu dùng|du lịch|khu công nghiệp|khu kinh tế|khu chế xuất|xí nghiệp|nhà máy|
năng lượng|điện lực|lưới điện|điện hạt nhân|thủy điện|nhiệt điện|trách nhiệm hữu hạn|một thành viên|công lập|
quốc doanh|chất lượng|kiểm định|sản phẩm|liên minh|tiểu thủ công nghiệp|thủ công mỹ nghệ|xúc tiến|hàng hóa|hàng hoá|
đô la|an sinh|nhà phân phối|giao thông|vận tải|đường sắt|quốc lộ|cảng|hàng không|bến xe|xây dựng|đô thị|nhà ở|
hạ tầng|cơ sở hạ tầng|cấp nước|thoát nước|bưu chính|bưu điện|viễn thông|công nghệ|thông tin|truyền thông|
chuyển đổi số|cơ sở dữ liệu|khu dân cư|tái định cư|đất|đất đai|nhà đất|sử dụng đất|y tế|bệnh viện|khám chữa bệnh|
dược|sức khỏe|sức khoẻ|dinh dưỡng|tiêm chủng|vệ sinh|thực phẩm|y học|y khoa|sốt xuất huyết|hiến máu|giáo dục|
đào tạo|đại học|cao đẳng|trung cấp|trung học|tiểu học|mầm non|phổ thông|phổ cập|học viện|trường|học sinh|sinh viên|
giáo viên|giảng viên|dạy nghề|nghề|khoa học|nghiên cứu|sách giáo khoa|tuyển sinh|nông nghiệp|nông thôn|nông lâm|
lâm nghiệp|thủy sản|thuỷ sản|chăn nuôi|khuyến nông|thực vật|động vật|kiểm dịch|rừng|môi trường|tài nguyên|khí tượng|
thủy văn|thuỷ văn|thiên tai|lụt bão|bão lụt|áp thấp|cứu nạn|cứu hộ|phòng cháy|chữa cháy|cháy nổ|xã hội|thương binh|
dân tộc|đồng bào|dân số|người cao tuổi|khuyết tật|xóa đói|xoá đói|giảm nghèo|hộ khẩu|căn cước|chứng minh|công dân|
tệ nạn|trật tự|an toàn|văn hóa|văn hoá|thể dục thể thao|người lao động|hải quan|học tập|bản sao|bản trích sao|
bản ghi nhớ|bản thỏa thuận|bản thoả thuận|phiếu gửi|phiếu chuyển|phiếu báo
"""

# A reading that holds one of these is not domain vocabulary, even when it also holds a domain term
# ("đội tuyển quốc gia", "Hoa hậu Việt Nam", "Liên đoàn bóng đá").
OFF_DOMAIN_TERMS = """
bóng đá|hoa hậu|người đẹp|tình dục|xổ số|vô địch|đội tuyển|huấn luyện viên|cổ động viên|bình luận viên|online|
đồng tính|thẩm mỹ|cương dương|thời trang|trò chơi|điền kinh|võ lâm|duyên dáng|sao mai|bao cao su|kỷ lục|giám khảo|
liên hoan phim|nghệ thuật biểu diễn|huấn luyện|bộ sưu tập|bộ xử lý|mũ bảo hiểm|hội chứng|vận động viên|sân vận động|
chiếu phim|điện máy
"""

# Proper names (brands, clubs, newspapers, foreign bodies, streets, people) that share domain words.
PROPER_NAME_KEYS = frozenset("""
BSC SBS PTSC TMV VNM HVN HAGL SLNA SĐNĐ HPHN HLBĐ GĐT GĐTLA TMN ĐATP ĐMN KDNPN DVTMCM TCTTMSG TBKTSG TBKTVN
SGTT SGGP TTO TPO TNO TCS TNND TTCT NHK NHTSA NCTO NHRC CSSD LDP VYSA NDC VNCC TVN NKKN TTVN THX SVĐV TNT
NHĐA NHĐÁ NHCTHP HVNCL HVNCLC DDVN SMĐH VLTK HHVN HHTG NĐVN MHX TĐBKVN KTQDHN
""".split())

# Wrong entries of the source: ĐLTP repeats ĐKĐT's reading, CHXNCN is a mistyped CHXHCN, KĐTNTL is one street.
DROPPED_KEYS = frozenset({"ĐLTP", "CHXNCN", "KĐTNTL"})

# Typos of the source, fixed here (abbreviation -> {source reading: corrected reading}).
CORRECTIONS: dict[str, dict[str, str]] = {
    "ĐTXDCB": {"đầu tư xây dựng cơ bả": "đầu tư xây dựng cơ bản"},
    "GDĐH": {"giáo dục dục đại học": "giáo dục đại học"},
    "HCTL": {"hội chợ triển lăm": "hội chợ triển lãm"},
    "GPNK": {"phép nhập khẩu": "giấy phép nhập khẩu"},
    "TTGDCK": {"trung tâm giao dich chứng khoán": "trung tâm giao dịch chứng khoán"},
    "CPSXTM": {"cổ phần xây dựng sản xuất thương mại": "cổ phần sản xuất thương mại"},
    "BCHTƯ": {"ban chỉ huy trung ương": "ban chấp hành trung ương"},
    "BCHTW": {"ban chỉ huy trung ương": "ban chấp hành trung ương"},
    "TTYT": {"trung tâm t tế": "trung tâm y tế"},
    "CPTM": {"cổ phần hương mại": "cổ phần thương mại"},
}

# Readings of chat forms that are insults or obscenities (whole syllables).
PROFANE = frozenset("""
đéo đếch địt đụ lồn cặc buồi đĩ cứt đái ỉa vú đít chó ngu hãm vãi què phò mày tao súc thiểu
""".split())
PROFANE_PHRASES = ("mẹ nó", "con mẹ", "chết mẹ", "kệ mẹ", "mất dạy", "khốn nạn", "bê đê", "sấp mặt")

# Function words of chat questions, besides index/data/stopwords.txt: a consonant-only form whose reading
# holds one ("kbt" -> "không biết", "trc" -> "trước") is chat; the others ("đp", "lk", "kq") are abbreviations
# of content words that a policy question uses for something else (địa phương, liên kết).
CHAT_FUNCTION_WORDS = frozenset("""
không người rồi biết làm thế như bao giờ ta mình tôi bạn hôm nay đúng có phải vậy gì nào sao mấy trước
""".split())

# Forms that are also unit symbols ("100 g") or English words ("as") are never rewritten.
NOT_CHAT = frozenset("g m l t s h ha kg km cm mm ml mg kw kwh mw gw as any".split())

# Usual respellings of chat Vietnamese: a form letter may stand for any of these letter groups of the reading.
RESPELL: dict[str, tuple[str, ...]] = {
    "z": ("d", "v", "gi", "r"), "j": ("gi", "g", "d", "i"), "f": ("ph",), "w": ("qu", "o", "u"),
    "k": ("c", "kh", "q", "nh", "ch", "t"), "c": ("k", "q"), "p": ("b",), "s": ("x",), "q": ("qu", "g"),
    "y": ("i",), "i": ("y",), "h": ("gio", "kh"), "g": ("ng", "gi"),
}
VOWELS = frozenset("aeiouy")
WORD_RE = re.compile(r"[^\W_]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Without diacritics, đ as d (as the bot folds text)."""
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D")


def lookup_key(abbr: str) -> str:
    """How index/terms/lexicon.py looks an abbreviation up: folded, lower case, no final dot."""
    return fold(nfc(abbr).lower()).rstrip(".")


def terms(block: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in block.replace("\n", "").split("|") if t.strip())


def has_term(reading: str, phrases: Iterable[str]) -> bool:
    padded = " " + " ".join(WORD_RE.findall(reading)) + " "
    return any(f" {p} " in padded for p in phrases)


def source_file(dist_name: str, version: str, relpath: str) -> Path:
    """A data file of an installed distribution, after checking its version and that its licence is MIT."""
    try:
        dist = md.distribution(dist_name)
    except md.PackageNotFoundError:
        sys.exit(f"{dist_name} is not installed: pip install --no-deps {dist_name}=={version}")
    if dist.version != version:
        sys.exit(f"{dist_name} {dist.version} is installed; this script reads {version}: "
                 f"pip install --no-deps {dist_name}=={version}")
    files = list(dist.files or ())
    licences = [f for f in files if f.name.upper().startswith("LICENSE")]
    text = "".join(Path(str(dist.locate_file(f))).read_text(encoding="utf-8", errors="replace") for f in licences)
    if "MIT License" not in text:
        sys.exit(f"{dist_name} {version}: no MIT licence file found; check the licence before using its data")
    path = Path(str(dist.locate_file(relpath)))
    if not path.is_file():
        sys.exit(f"{dist_name} {version}: {relpath} is missing")
    return path


def read_stopwords() -> frozenset[str]:
    words = set()
    for line in STOPWORDS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(nfc(line).lower())
    return frozenset(words)


def hand_abbreviation_keys() -> set[str]:
    data = tomllib.loads(HAND_LEXICON.read_text(encoding="utf-8"))
    return {lookup_key(k) for k in data.get("abbreviations", {})}


def clean(reading: str) -> str:
    return " ".join(nfc(reading).lower().split())


def read_abbreviations(path: Path) -> dict[str, list[str]]:
    """The source table as written: key -> readings, in file order (as soe_vinorm.utils reads it)."""
    table: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        key, readings = line.split(":", 1)
        table.setdefault(nfc(key.strip()), []).extend(readings.split(","))
    return table


def select_abbreviations(table: dict[str, list[str]], folded_syllables: set[str],
                         stopwords: frozenset[str]) -> dict[str, list[str]]:
    """Entries of the bot's domain. Spellings that differ only by case (TP, Tp) are merged; spellings the loader
    folds together (DT, ĐT) are judged together, since the loader merges their readings, and kept apart."""
    domain, off_domain = terms(DOMAIN_TERMS), terms(OFF_DOMAIN_TERMS)
    spellings: dict[str, tuple[str, list[str]]] = {}  # lower-case spelling -> (shown spelling, readings)
    for key, readings in table.items():
        upper = key.upper()
        if upper in DROPPED_KEYS or upper in PROPER_NAME_KEYS:
            continue
        fixes = CORRECTIONS.get(upper, {})
        fixed = [fixes.get(clean(r), clean(r)) for r in readings]
        shown, merged = spellings.get(key.lower(), (key, []))
        if shown == shown.lower() and key != key.lower():
            shown = key
        spellings[key.lower()] = (shown, merged + fixed)
    groups: dict[str, list[tuple[str, list[str]]]] = {}
    for shown, readings in spellings.values():
        look = lookup_key(shown)
        kept = list(dict.fromkeys(r for r in readings if r and r not in stopwords and lookup_key(r) != look))
        if kept:
            groups.setdefault(look, []).append((shown, kept))
    out: dict[str, list[str]] = {}
    for look, members in groups.items():
        letters = re.sub(r"[^\w]", "", look)
        if len(letters) <= 1 or look in folded_syllables or letters in folded_syllables:
            continue
        readings = [r for _, kept in members for r in kept]
        if any(has_term(r, domain) and not has_term(r, off_domain) for r in readings):
            out.update(members)
    return dict(sorted(out.items(), key=lambda kv: (lookup_key(kv[0]), kv[0])))


def respellings(form: str) -> Iterable[str]:
    """Spellings the letters of a folded form may stand for, letter by letter (bounded)."""
    options = [(ch, *RESPELL.get(ch, ())) for ch in form]
    count = 1
    for o in options:
        count *= len(o)
    if count > 4096:
        return [form]
    return ("".join(p) for p in itertools.product(*options))


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def derivable(form: str, reading: str) -> tuple[bool, bool]:
    """(the form can be written from the reading by dropping letters and respelling,
    the form is the whole reading respelled without its diacritics, which guesses its tones)."""
    target = fold(reading).replace(" ", "")
    folded_form = fold(form)
    if folded_form.startswith("dz"):
        folded_form = "z" + folded_form[2:]
    found = tone_guess = False
    for spelled in respellings(folded_form):
        if target.startswith(spelled[:1]):
            if is_subsequence(spelled, target):
                found = True
            if spelled == target:
                tone_guess = True
    return found, tone_guess and form == fold(form)


def profane(reading: str) -> bool:
    return any(w in PROFANE for w in reading.split()) or any(p in reading for p in PROFANE_PHRASES)


def select_chat(entries: dict, syllables: set[str], folded_syllables: set[str], abbreviation_keys: set[str],
                stopwords: frozenset[str]) -> tuple[dict[str, str], dict[str, int]]:
    function_words = stopwords | CHAT_FUNCTION_WORDS
    out: dict[str, str] = {}
    skipped: dict[str, int] = {}

    def skip(reason: str) -> None:
        skipped[reason] = skipped.get(reason, 0) + 1

    for raw, entry in entries.items():
        readings = entry.get("normalized") if isinstance(entry, dict) else None
        if not isinstance(readings, list):
            skip("no reading")
            continue
        form = nfc(raw).strip().lower()
        values = sorted({clean(r) for r in readings if isinstance(r, str) and r.strip()})
        if not form.isalpha():
            skip("not one word of letters (emoticon, digits, spaces)")
        elif len(values) != 1:
            skip("several readings")
        elif values[0] == form:
            skip("same as its reading")
        elif re.search(r"(.)\1", form):
            skip("elongated or doubled letter")
        elif len(form) == 1 and fold(form) in VOWELS:
            skip("lone vowel (a word or an interjection)")
        elif len(form) > 1 and fold(form) in folded_syllables:
            skip("a Vietnamese syllable, with or without diacritics")
        elif lookup_key(form) in abbreviation_keys:
            skip("also an abbreviation")
        elif form in NOT_CHAT:
            skip("a unit symbol or an English word")
        elif not all(w in syllables for w in values[0].split()):
            skip("reading not Vietnamese syllables")
        elif profane(values[0]):
            skip("profane")
        else:
            reading = values[0]
            found, tone_guess = derivable(form, reading)
            words = reading.split()
            consonants_only = not (set(fold(form)) & VOWELS)
            if not found:
                skip("not derivable from its reading")
            elif tone_guess:
                skip("reading respelled without diacritics (tones guessed)")
            elif consonants_only and not any(w in function_words for w in words):
                skip("consonant-only abbreviation of content words")
            else:
                out[form] = reading
    return dict(sorted(out.items())), skipped


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def render(abbreviations: dict[str, list[str]], chat: dict[str, str]) -> str:
    lines = [
        "# GENERATED by scripts/make_lexicon_tables.py: do not edit by hand; rerun the script (see its docstring).",
        "# Extra query-side lexicon entries, general Vietnamese, read from permissively licensed PyPI packages:",
        f"# [abbreviations]: {ABBR_DIST} {ABBR_VERSION} (MIT License, {ABBR_COPYRIGHT}), {ABBR_URL}",
        f"#   file {ABBR_FILE}, filtered to administrative, economic, policy, place and organisation",
        "#   vocabulary; typos of the source fixed (see CORRECTIONS in the script).",
        f"# [chat]: {CHAT_DIST} {CHAT_VERSION} (MIT License, {CHAT_COPYRIGHT}), {CHAT_URL}",
        f"#   file {CHAT_FILE} (ViSoLex dictionary), forms with one reading only, real words and",
        f"#   abbreviations left out; syllable list: {ABBR_DIST} {ABBR_VERSION}, {SYLLABLE_FILE}.",
        f"# Regenerate: pip install --no-deps {ABBR_DIST}=={ABBR_VERSION} {CHAT_DIST}=={CHAT_VERSION}",
        "#   && python scripts/make_lexicon_tables.py",
        f"# {len(abbreviations)} abbreviations, {len(chat)} chat forms.",
        "",
        "[abbreviations]",
    ]
    lines += [f"{toml_string(k)} = [{', '.join(toml_string(r) for r in v)}]" for k, v in abbreviations.items()]
    lines += ["", "[chat]"]
    lines += [f"{toml_string(k)} = {toml_string(v)}" for k, v in chat.items()]
    return "\n".join(lines) + "\n"


def validate(text: str, stopwords: frozenset[str]) -> dict:
    """The file parses as TOML, and no entry is empty or (for abbreviations) a lone stopword."""
    data = tomllib.loads(text)
    problems = []
    for key, readings in data["abbreviations"].items():
        if not readings or len(set(readings)) != len(readings):
            problems.append(f"abbreviation {key!r}: no or repeated readings")
        for reading in readings:
            words = WORD_RE.findall(reading)
            if not words or (len(words) == 1 and words[0] in stopwords):
                problems.append(f"abbreviation {key!r}: reading {reading!r} is empty or a stopword")
    for form, reading in data["chat"].items():
        if form != form.lower() or not WORD_RE.findall(reading):
            problems.append(f"chat form {form!r}: not lower case, or empty reading")
    if problems:
        sys.exit("invalid output:\n" + "\n".join(problems))
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output file (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)

    abbr_path = source_file(ABBR_DIST, ABBR_VERSION, ABBR_FILE)
    syllable_path = source_file(ABBR_DIST, ABBR_VERSION, SYLLABLE_FILE)
    chat_path = source_file(CHAT_DIST, CHAT_VERSION, CHAT_FILE)

    syllables = {nfc(s.strip()).lower() for s in syllable_path.read_text(encoding="utf-8").splitlines()
                 if s.strip() and not s.startswith("#")}
    folded_syllables = {fold(s) for s in syllables}
    stopwords = read_stopwords()

    table = read_abbreviations(abbr_path)
    abbreviations = select_abbreviations(table, folded_syllables, stopwords)
    collision_keys = {lookup_key(k) for k in table} | hand_abbreviation_keys()
    chat, skipped = select_chat(json.loads(chat_path.read_text(encoding="utf-8")), syllables, folded_syllables,
                                collision_keys, stopwords)

    text = render(abbreviations, chat)
    data = validate(text, stopwords)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {len(data['abbreviations'])} abbreviations "
          f"(of {len({lookup_key(k) for k in table})} in the source), {len(data['chat'])} chat forms")
    for reason, count in sorted(skipped.items(), key=lambda kv: -kv[1]):
        print(f"  chat forms skipped, {reason}: {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
