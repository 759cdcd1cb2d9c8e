"""Latin names written in other scripts, as a person would type them: Cyrillic (Russian
spelling), Arabic (short vowels unwritten), Chinese characters and Korean Hangul. Used by
the evaluation set's generator only: the matcher itself reads other scripts the other way,
with anyascii."""

from __future__ import annotations

import random
import re

_CYRILLIC = [("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"),
             ("sh", "ш"), ("yu", "ю"), ("ya", "я"), ("ye", "е"), ("yo", "ё"), ("iy", "ий"),
             ("y", "й"), ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"), ("g", "г"),
             ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("j", "дж"), ("k", "к"),
             ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"),
             ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "к"),
             ("q", "к"), ("x", "кс")]
_ARABIC = [("sh", "ش"), ("kh", "خ"), ("th", "ث"), ("dh", "ذ"), ("gh", "غ"), ("ch", "تش"),
           ("b", "ب"), ("t", "ت"), ("j", "ج"), ("h", "ح"), ("d", "د"), ("r", "ر"),
           ("z", "ز"), ("s", "س"), ("f", "ف"), ("q", "ق"), ("k", "ك"), ("l", "ل"),
           ("m", "م"), ("n", "ن"), ("w", "و"), ("y", "ي"), ("g", "ج"), ("p", "ب"),
           ("v", "ف"), ("c", "ك"), ("x", "كس")]
_HAN = {"zhang": "张", "wang": "王", "li": "李", "zhao": "赵", "liu": "刘", "chen": "陈",
        "yang": "杨", "huang": "黄", "zhou": "周", "wu": "吴", "xu": "徐", "sun": "孙",
        "ma": "马", "zhu": "朱", "hu": "胡", "guo": "郭", "he": "何", "gao": "高", "lin": "林",
        "luo": "罗", "zheng": "郑", "liang": "梁", "xie": "谢", "song": "宋", "tang": "唐",
        "han": "韩", "feng": "冯", "deng": "邓", "cao": "曹", "peng": "彭", "zeng": "曾",
        "xiao": "肖", "tian": "田", "dong": "董", "pan": "潘", "yuan": "袁", "cai": "蔡",
        "jiang": "蒋", "yu": "余", "du": "杜", "ye": "叶", "cheng": "程", "wei": "伟",
        "fang": "芳", "min": "敏", "jing": "静", "qiang": "强", "lei": "磊", "jun": "军",
        "yong": "勇", "yan": "艳", "jie": "杰", "tao": "涛", "ming": "明", "chao": "超",
        "hua": "华", "ping": "平", "gang": "刚", "hong": "红", "hui": "辉", "xin": "新",
        "dan": "丹", "feng2": "峰", "bin": "斌", "bo": "波", "ning": "宁", "long": "龙",
        "jian": "建", "guang": "光", "hai": "海", "qing": "青", "kai": "凯", "lan": "兰",
        "xia": "夏", "shi": "石", "bai": "白", "qin": "秦", "jin": "金", "fu": "福",
        "shan": "山", "zhong": "中", "an": "安", "wen": "文", "xue": "学", "rong": "荣",
        "dong2": "东", "sheng": "生", "yi": "毅", "xi": "习", "xiang": "翔", "zi": "子",
        "chun": "春",
        "kun": "坤", "peng2": "鹏", "hao": "浩", "yue": "月", "qi": "琪", "le": "乐"}
_HANGUL = {"kim": "김", "pak": "박", "park": "박", "ri": "리", "yi": "이", "lee": "이",
           "choe": "최", "choi": "최", "jong": "정", "un": "은", "song": "송", "chol": "철",
           "il": "일", "ho": "호", "yong": "용", "myong": "명", "kwang": "광", "hyon": "현",
           "sun": "순", "chang": "장", "han": "한", "kang": "강", "yun": "윤", "o": "오",
           "su": "수", "nam": "남", "hui": "희", "gil": "길", "thae": "태", "tae": "태",
           "jin": "진", "hyok": "혁", "nam2": "남", "chun": "춘", "sok": "석", "song2": "성",
           "man": "만", "ok": "옥", "hak": "학", "min": "민", "u": "우", "ryong": "룡",
           "hwa": "화", "mun": "문", "yon": "연", "sin": "신", "gwang": "광", "ung": "웅",
           "pyong": "평", "ju": "주", "hae": "해", "yo": "여", "bong": "봉",
           "pong": "봉", "sang": "상", "tok": "덕", "kyong": "경", "chae": "채", "hun": "훈",
           "rim": "림", "kye": "계", "hyong": "형", "kwon": "권", "to": "도", "se": "세",
           "jae": "재", "hong": "홍", "tong": "동", "yang": "양", "rak": "락", "kil": "길",
           "chon": "전", "jon": "전", "chi": "지", "ki": "기", "pil": "필", "hyang": "향"}


def _replace(token: str, table: list[tuple[str, str]]) -> str:
    out, i = "", 0
    while i < len(token):
        for latin, other in table:
            if token.startswith(latin, i):
                out += other
                i += len(latin)
                break
        else:
            i += 1
    return out


def cyrillic(name: str) -> str:
    tokens = [re.sub(r"(?<=[^aeiou])y$", "iy", t.lower()) for t in name.split()]
    return " ".join(_replace(t, _CYRILLIC).capitalize() for t in tokens)


def arabic(name: str, rng: random.Random) -> str:
    """Arabic letters for a Latin name: short vowels mostly unwritten, "al-" joined."""
    words: list[str] = []
    joined = ""
    for token in re.split(r"[^a-z]+", name.lower()):
        if not token:
            continue
        if token in ("al", "el"):
            joined = "ال"
            continue
        token = re.sub(r"([a-z])\1", r"\1", token)
        out, i = "", 0
        while i < len(token):
            ch = token[i]
            if ch in "aeiou":
                if i == 0 and not joined:
                    out += "ا" if ch in "ae" else ("إ" if ch == "i" else "أ")
                elif ch in "ie" and rng.random() < 0.5:
                    out += "ي"
                elif ch in "ou" and rng.random() < 0.5:
                    out += "و"
                elif ch == "a" and i == len(token) - 1:
                    out += "ة" if rng.random() < 0.5 else "ا"
                i += 1
                continue
            for latin, other in _ARABIC:
                if token.startswith(latin, i):
                    out += other
                    i += len(latin)
                    break
            else:
                i += 1
        if out:
            words.append(joined + out)
        joined = ""
    return " ".join(words)


def _syllables(token: str, table: dict[str, str]) -> str | None:
    token = token.lower().replace("-", "")
    if token in table:
        return table[token]
    for cut in range(len(token) - 1, 0, -1):  # a joined given name: "jinping"
        head, tail = token[:cut], token[cut:]
        if head in table and tail in table:
            return table[head] + table[tail]
    return None


def han(family: str, given: list[str]) -> str | None:
    parts = [_syllables(t, _HAN) for t in [family, *given]]
    return None if any(p is None for p in parts) else "".join(p for p in parts if p)


def hangul(family: str, given: list[str]) -> str | None:
    parts = [_syllables(t, _HANGUL) for t in [family, *given]]
    return None if any(p is None for p in parts) else "".join(p for p in parts if p)
