"""Name pools for the demo data set: Latin transliteration beside the native script.

Every pool entry is ``Latin=Native``; given names carry ``~f`` when feminine (families,
patronymics and middle names agree with it: a middle entry ``Jan/Anna`` offers both forms).
Each :class:`NameStyle` builds many distinct names by combining its pools; :func:`name_for`
picks the ``k``-th combination of a style, so people generated with increasing ``k`` do not
repeat a name until the style's capacity is used up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


def _pool(text: str) -> tuple[tuple[str, str, bool], ...]:
    """``"Wei=伟 | Na=娜~f"`` → ``(("Wei", "伟", False), ("Na", "娜", True))``."""
    result: list[tuple[str, str, bool]] = []
    for raw in text.split("|"):
        entry = raw.strip()
        if not entry:
            continue
        female = entry.endswith("~f")
        entry = entry.removesuffix("~f")
        latin, _, native = entry.partition("=")
        result.append((latin.strip(), (native or latin).strip(), female))
    return tuple(result)


@dataclass(frozen=True)
class Name:
    given: str  # Latin transliteration, middle names included
    family: str
    native: str  # the name in its own script, in its own order
    other: str  # other names used (e.g. without diacritics, or the full patronymic form)
    female: bool


@dataclass(frozen=True)
class NameStyle:
    key: str
    countries: tuple[tuple[str, int], ...]  # citizenship country and weight
    given: str
    family: str
    middle: str = ""  # second given names, patronymics or father's names ("" = none)
    order: str = "western"  # western: given middle family; eastern: family given (no space)
    weight: int = 1

    @property
    def capacity(self) -> int:
        given, family, middle = _pools(self)
        return len(given) * len(family) * (len(middle) + 1)


_CHINESE_SYLLABLES = (
    "Wei=伟 | Fang=芳~f | Na=娜~f | Min=敏~f | Jing=静~f | Li=丽~f | Qiang=强 | Lei=磊 | Jun=军 |"
    " Yang=洋 | Yong=勇 | Yan=艳~f | Jie=杰 | Tao=涛 | Ming=明 | Chao=超 | Xiu=秀~f | Xia=霞~f |"
    " Ping=平 | Gang=刚 | Hui=辉 | Peng=鹏 | Hua=华 | Yu=宇 | Hao=浩 | Xin=欣~f | Ting=婷~f |"
    " Bo=博 | Chen=晨 | Yi=怡~f"
)

STYLES: tuple[NameStyle, ...] = (
    NameStyle(
        "chinese", (("CN", 16), ("SG", 2), ("MY", 2)),
        given=_CHINESE_SYLLABLES,
        family=(
            "Wang=王 | Li=李 | Zhang=张 | Liu=刘 | Chen=陈 | Yang=杨 | Zhao=赵 | Huang=黄 |"
            " Zhou=周 | Wu=吴 | Xu=徐 | Sun=孙 | Hu=胡 | Zhu=朱 | Gao=高 | Lin=林 |"
            " He=何 | Guo=郭 | Ma=马 | Luo=罗 | Liang=梁 | Song=宋 | Zheng=郑 | Xie=谢 |"
            " Han=韩 | Tang=唐 | Feng=冯 | Yu=于 | Dong=董 | Xiao=萧 | Cheng=程 | Cao=曹 |"
            " Yuan=袁 | Deng=邓 | Peng=彭"
        ),
        middle=(  # the second syllable of a two-character given name
            "Ming=明 | Hua=华 | Yu=宇 | Xin=欣 | Chen=晨 | Jia=佳 | Ning=宁 | Yun=云 | Tian=天 |"
            " Qing=清 | Wen=文 | Hai=海 | Le=乐 | An=安 | Rui=睿 | Zhi=志 | Yue=悦 | Han=涵 |"
            " Xuan=轩 | Kai=凯"
        ),
        order="eastern", weight=26,
    ),
    NameStyle(
        "indian", (("IN", 18), ("NP", 1)),
        given=(
            "Aarav=आरव | Priya=प्रिया~f | Arjun=अर्जुन | Ananya=अनन्या~f | Rahul=राहुल |"
            " Sneha=स्नेहा~f | Vikram=विक्रम | Kavya=काव्या~f | Rohan=रोहन | Neha=नेहा~f |"
            " Aditya=आदित्य | Pooja=पूजा~f | Siddharth=सिद्धार्थ | Meera=मीरा~f | Karan=करण |"
            " Divya=दिव्या~f | Nikhil=निखिल | Shreya=श्रेया~f | Amit=अमित | Isha=ईशा~f |"
            " Varun=वरुण | Riya=रिया~f | Manish=मनीष | Anjali=अंजलि~f | Deepak=दीपक |"
            " Sunita=सुनीता~f | Gaurav=गौरव | Swati=स्वाति~f | Harsh=हर्ष | Lakshmi=लक्ष्मी~f"
        ),
        family=(
            "Sharma=शर्मा | Verma=वर्मा | Gupta=गुप्ता | Singh=सिंह | Patel=पटेल | Mehta=मेहता |"
            " Rao=राव | Joshi=जोशी | Kumar=कुमार | Iyer=अय्यर | Reddy=रेड्डी | Nair=नायर |"
            " Agarwal=अग्रवाल | Chopra=चोपड़ा | Desai=देसाई | Kapoor=कपूर | Malhotra=मल्होत्रा |"
            " Bhatt=भट्ट | Saxena=सक्सेना | Mishra=मिश्रा | Pandey=पांडे | Trivedi=त्रिवेदी |"
            " Chauhan=चौहान | Yadav=यादव | Banerjee=बनर्जी"
        ),
        middle=(  # masculine/feminine middle names
            "Kumar/Kumari=कुमार/कुमारी | Prasad/Devi=प्रसाद/देवी | Lal/Rani=लाल/रानी |"
            " Nath/Lata=नाथ/लता | Chandra/Kala=चंद्र/कला | Raj/Shree=राज/श्री |"
            " Mohan/Bala=मोहन/बाला | Kishore/Jyoti=किशोर/ज्योति | Shankar/Uma=शंकर/उमा |"
            " Prakash/Asha=प्रकाश/आशा | Narayan/Gita=नारायण/गीता | Gopal/Kamala=गोपाल/कमला"
        ),
        weight=22,
    ),
    NameStyle(
        "cyrillic", (("RU", 12), ("UA", 4), ("BY", 2), ("KZ", 2)),
        given=(
            "Aleksei=Алексей | Dmitry=Дмитрий | Sergei=Сергей | Ivan=Иван | Mikhail=Михаил |"
            " Andrei=Андрей | Nikolai=Николай | Pavel=Павел | Artem=Артём | Maxim=Максим |"
            " Igor=Игорь | Yuri=Юрий | Oleg=Олег | Olga=Ольга~f | Ekaterina=Екатерина~f |"
            " Anna=Анна~f | Maria=Мария~f | Natalia=Наталья~f | Tatiana=Татьяна~f |"
            " Irina=Ирина~f | Elena=Елена~f | Svetlana=Светлана~f | Yulia=Юлия~f |"
            " Daria=Дарья~f | Anastasia=Анастасия~f"
        ),
        family=(
            "Smirnov=Смирнов | Ivanov=Иванов | Kuznetsov=Кузнецов | Popov=Попов |"
            " Sokolov=Соколов | Lebedev=Лебедев | Kozlov=Козлов | Novikov=Новиков |"
            " Morozov=Морозов | Petrov=Петров | Volkov=Волков | Solovyov=Соловьёв |"
            " Vasiliev=Васильев | Zaitsev=Зайцев | Pavlov=Павлов | Semenov=Семёнов |"
            " Golubev=Голубев | Vinogradov=Виноградов | Bogdanov=Богданов | Vorobyov=Воробьёв |"
            " Fedorov=Фёдоров | Mikhailov=Михайлов | Belyaev=Беляев | Tarasov=Тарасов | Belov=Белов"
        ),
        middle=(  # patronymics (masculine form; the feminine is derived)
            "Alekseevich=Алексеевич | Dmitrievich=Дмитриевич | Sergeevich=Сергеевич |"
            " Ivanovich=Иванович | Mikhailovich=Михайлович | Andreevich=Андреевич |"
            " Nikolaevich=Николаевич | Pavlovich=Павлович | Igorevich=Игоревич |"
            " Yurievich=Юрьевич | Olegovich=Олегович | Viktorovich=Викторович |"
            " Vladimirovich=Владимирович | Petrovich=Петрович | Borisovich=Борисович |"
            " Evgenievich=Евгеньевич | Anatolievich=Анатольевич | Gennadievich=Геннадьевич |"
            " Valerievich=Валерьевич | Konstantinovich=Константинович"
        ),
        weight=12,
    ),
    NameStyle(
        "arabic", (("SA", 4), ("EG", 4), ("JO", 3), ("AE", 2), ("LB", 2), ("MA", 2), ("KW", 1)),
        given=(
            "Mohammed=محمد | Ahmed=أحمد | Omar=عمر | Khalid=خالد | Yusuf=يوسف | Ali=علي |"
            " Hassan=حسن | Ibrahim=إبراهيم | Tariq=طارق | Karim=كريم | Faisal=فيصل |"
            " Hamza=حمزة | Samir=سمير | Fatima=فاطمة~f | Amira=أميرة~f | Layla=ليلى~f |"
            " Mariam=مريم~f | Noor=نور~f | Huda=هدى~f | Salma=سلمى~f | Rania=رانيا~f |"
            " Yasmin=ياسمين~f | Dina=دينا~f | Reem=ريم~f | Aisha=عائشة~f"
        ),
        family=(
            "Al-Otaibi=العتيبي | Haddad=حداد | Al-Sayed=السيد | Khalil=خليل | Farouk=فاروق |"
            " Mansour=منصور | Al-Harbi=الحربي | Al-Qahtani=القحطاني | Nasser=ناصر | Saleh=صالح |"
            " Hamdan=حمدان | Aziz=عزيز | Darwish=درويش | Al-Masri=المصري | Abdullah=عبدالله |"
            " Barakat=بركات | Khoury=خوري | Haddadin=حدادين | Said=سعيد | Jaber=جابر |"
            " Al-Zahrani=الزهراني | Rahman=رحمن | Qasim=قاسم | Suleiman=سليمان | Hussein=حسين"
        ),
        middle=(  # the father's name
            "Mohammed=محمد | Ahmed=أحمد | Omar=عمر | Khalid=خالد | Yusuf=يوسف | Ali=علي |"
            " Hassan=حسن | Ibrahim=إبراهيم | Tariq=طارق | Mahmoud=محمود | Abdulaziz=عبدالعزيز |"
            " Saeed=سعيد | Nabil=نبيل | Walid=وليد"
        ),
        weight=9,
    ),
    NameStyle(
        "spanish", (("ES", 3), ("MX", 4), ("CO", 1), ("AR", 1)),
        given=(
            "José | María~f | Javier | Lucía~f | Carlos | Carmen~f | Álvaro | Inés~f | Sergio |"
            " Marta~f | Raúl | Begoña~f"
        ),
        family=(
            "Núñez | García | Fernández | López | Martínez | Sánchez | Pérez | Gómez | Jiménez |"
            " Muñoz | Álvarez | Rodríguez"
        ),
        middle=(  # the second (maternal) surname
            "Ruiz | Díaz | Hernández | Moreno | Romero | Ortíz | Gutiérrez | Navarro | Ramírez |"
            " Domínguez | Vázquez | Peña"
        ),
        weight=4,
    ),
    NameStyle(
        "polish", (("PL", 1),),
        given=(
            "Zoë~f | Łukasz | Małgorzata~f | Paweł | Agnieszka~f | Michał | Katarzyna~f |"
            " Wojciech | Magdalena~f | Grzegorz | Joanna~f | Krzysztof"
        ),
        family=(
            "Łukasiewicz | Wójcik | Kowalczyk | Woźniak | Nowak | Kaczmarek | Mazur | Król |"
            " Wróbel | Pietrzak | Głowacz | Żak"
        ),
        middle="Jan/Anna | Józef/Maria | Piotr/Zofia | Tomasz/Ewa | Adam/Barbara | Marek/Helena",
        weight=2,
    ),
    NameStyle(
        "turkish", (("TR", 1),),
        given=(
            "Şebnem~f | Çağla~f | Gökhan | Özge~f | Mehmet | Ayşe~f | Emre | Gülşen~f | İlker |"
            " Büşra~f | Oğuz | Tuğba~f"
        ),
        family=(
            "Öztürk | Yılmaz | Kaya | Demir | Şahin | Çelik | Yıldız | Aydın | Özdemir | Arslan |"
            " Doğan | Kılıç"
        ),
        middle="Can/Nur | Deniz/Ece | Kaan/Selin | Barış/İrem | Umut/Elif | Burak/Derya",
        weight=2,
    ),
    NameStyle(
        "german", (("DE", 3), ("AT", 1), ("CH", 1)),
        given=(
            "Jürgen | Jörg | Käthe~f | Sören | Günther | Uwe | Lena~f | Stefan | Anja~f |"
            " Matthias | Sabine~f | Dörte~f"
        ),
        family=(
            "Müller | Schäfer | Schröder | Krüger | Köhler | Weiß | Groß | Fuchs | Bäcker | Hölzl |"
            " Vogel | Jäger"
        ),
        middle=(
            "Johannes/Maria | Peter/Elisabeth | Andreas/Christine | Michael/Ursula |"
            " Klaus/Renate | Wolfgang/Ingeborg"
        ),
        weight=2,
    ),
    NameStyle(
        "french", (("FR", 4), ("BE", 1), ("CA", 1)),
        given=(
            "François | Hélène~f | Jérôme | Cécile~f | Loïc | Élodie~f | Amélie~f | Stéphane |"
            " Thérèse~f | Benoît | Gaëlle~f | Raphaël"
        ),
        family=(
            "Lefèvre | Bérubé | Lefebvre | Girard | Dubois | Mercier | Lemaître | Faure |"
            " Rousseau | Chevalier | Gauthier | Béranger"
        ),
        middle=("Jean/Marie | Louis/Anne | Pierre/Claire | Noël/Aurélie | Paul/Sophie |"
                " Henri/Camille"),
        weight=2,
    ),
    NameStyle(
        "portuguese", (("BR", 3), ("PT", 1)),
        given=(
            "João | Conceição~f | Gonçalo | Inês~f | Antônio | Luísa~f | Sebastião | Márcia~f |"
            " Thiago | Letícia~f | Fábio | Aline~f"
        ),
        family=(
            "Gonçalves | Araújo | Simões | Magalhães | Falcão | Guimarães | Loureiro | Brandão |"
            " Assunção | Gusmão | Ribeiro | Nóbrega"
        ),
        middle="da Silva | dos Santos | Pereira | Lima | Carvalho | Souza | Costa | Rocha",
        weight=2,
    ),
    NameStyle(
        "romanian", (("RO", 1),),
        given=(
            "Ștefan | Ioana~f | Andrei | Mihaela~f | Răzvan | Alexandra~f | Cătălin | Bianca~f |"
            " Adrian | Oana~f | Sorin | Roxana~f"
        ),
        family=(
            "Ștefănescu | Popescu | Ionescu | Rădulescu | Constantinescu | Dumitrescu |"
            " Stănescu | Munteanu | Țăranu | Păun | Gheorghiu | Lăzărescu"
        ),
        middle=("Ion/Maria | Mihai/Elena | Gabriel/Cristina | Vasile/Daniela | Florin/Ana |"
                " Dan/Irina"),
        weight=1,
    ),
    NameStyle(
        "swedish", (("SE", 1),),
        given=(
            "Björn | Åsa~f | Göran | Märta~f | Jörgen | Ingrid~f | Sören | Maja~f | Anders |"
            " Elin~f | Håkan | Linnéa~f"
        ),
        family=(
            "Åkesson | Sjöberg | Ångström | Nyström | Bergström | Lövgren | Hägglund | Sandström |"
            " Grönlund | Lundqvist | Söderberg | Öberg"
        ),
        middle="Erik/Karin | Lars/Sofia | Olof/Britt | Nils/Eva | Per/Kerstin | Johan/Ulla",
        weight=1,
    ),
    NameStyle(
        "vietnamese", (("VN", 1),),
        given=(
            "Hương~f | Anh | Linh~f | Tuấn | Hùng | Dũng | Lan~f | Mai~f | Phương~f | Thảo~f |"
            " Khoa | Long | Nam | Quân | Trang~f"
        ),
        family=(
            "Nguyễn | Trần | Lê | Phạm | Hoàng | Huỳnh | Phan | Vũ | Võ | Đặng | Bùi | Đỗ | Hồ |"
            " Ngô | Dương"
        ),
        middle="Văn/Thị | Đức/Ngọc | Minh/Thu | Quang/Kim | Thanh/Bích | Hữu/Hoài",
        order="vietnamese", weight=4,
    ),
    NameStyle(
        "anglo", (("CA", 4), ("AU", 3), ("GB", 2), ("IE", 1), ("NZ", 1)),
        given=(
            "Liam | Chloe~f | Olivia~f | Noah | Emma~f | Jack | Charlotte~f | Lucas | Amelia~f |"
            " Ethan | Grace~f | Owen | Sophie~f | Mason | Isla~f | Hannah~f | Ryan | Zoe~f |"
            " Nathan | Ava~f"
        ),
        family=(
            "O'Connor | Nguyen | MacDonald | Tremblay | Smith | Brown | Wilson | Taylor |"
            " Campbell | Murphy | Kelly | Walsh | Thompson | Roy | Gagnon | Côté | Bouchard |"
            " Fraser | Harris | Clarke | Robertson | Anderson | Byrne | Doyle | Mitchell | Lavoie |"
            " Reid | Stewart | Morrison | Bennett"
        ),
        middle=("James/Rose | Thomas/Jane | William/Louise | Patrick/Claire | Edward/Mae |"
                " Henry/Anne"),
        weight=8,
    ),
)

STYLE_BY_KEY = {s.key: s for s in STYLES}


@cache
def _pools(style: NameStyle) -> tuple[
    tuple[tuple[str, str, bool], ...],
    tuple[tuple[str, str, bool], ...],
    tuple[tuple[str, str, bool], ...],
]:
    return _pool(style.given), _pool(style.family), _pool(style.middle)


def _stride(capacity: int) -> int:
    """A step coprime with ``capacity`` so that k*step visits every combination once."""
    step = 7919
    while capacity % step == 0 or _gcd(step, capacity) != 1:
        step += 2
    return step


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def name_for(style: NameStyle, k: int) -> Name:
    """The ``k``-th distinct name of a style (wraps around past its capacity)."""
    given, family, middle = _pools(style)
    capacity = style.capacity
    index = (k * _stride(capacity) + 3) % capacity
    gi, rest = index % len(given), index // len(given)
    fi, mi = rest % len(family), rest // len(family)  # mi == 0: no middle name
    g_lat, g_nat, female = given[gi]
    f_lat, f_nat, _ = family[fi]
    m_lat, m_nat = ("", "")
    if mi:
        m_lat, m_nat, _ = middle[mi - 1]
        if "/" in m_lat:  # "masculine/feminine": agree with the given name
            side = 1 if female else 0
            m_lat, m_nat = m_lat.split("/")[side], m_nat.split("/")[side]
    if style.key == "cyrillic":
        if female:  # Smirnov → Smirnova, Igorevich → Igorevna
            f_lat, f_nat = f_lat + "a", f_nat + "а"
            if m_lat:
                m_lat, m_nat = m_lat[:-3] + "na", m_nat[:-2] + "на"
        native = " ".join(x for x in (g_nat, m_nat, f_nat) if x)
        passport_form = f"{g_lat} {f_lat}" if m_lat else ""  # passports omit the patronymic
        return Name(f"{g_lat} {m_lat}".strip(), f_lat, native, passport_form, female)
    if style.order == "eastern":  # 张伟, 王晓明: family then one or two given syllables
        given_lat = g_lat + m_lat.lower()
        return Name(given_lat, f_lat, f_nat + g_nat + m_nat, "", female)
    if style.order == "vietnamese":  # Nguyễn Thị Hương
        given_lat = f"{m_lat} {g_lat}".strip()
        return Name(given_lat, f_lat, f"{f_lat} {given_lat}", ascii_fold(f"{given_lat} {f_lat}"),
                    female)
    if style.key in ("spanish", "portuguese"):  # two surnames (their order differs)
        pair = (f_lat, m_lat) if style.key == "spanish" else (m_lat, f_lat)
        family_lat = " ".join(x for x in pair if x)
        native = f"{g_lat} {family_lat}"
        return Name(g_lat, family_lat, native, _folded_if_different(native), female)
    given_lat = f"{g_lat} {m_lat}".strip()
    if style.key in ("indian", "arabic", "anglo"):
        native = " ".join(x for x in (g_nat, m_nat, f_nat) if x)
    else:
        native = f"{given_lat} {f_lat}"
    other = _folded_if_different(f"{given_lat} {f_lat}")
    return Name(given_lat, f_lat, native, other, female)


@cache
def ascii_fold(text: str) -> str:
    """``"Zoë Łukasiewicz"`` → ``"Zoe Lukasiewicz"`` (as a machine-readable zone writes it)."""
    import unicodedata

    special = {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss", "ı": "i"}
    text = "".join(special.get(c, c) for c in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _folded_if_different(text: str) -> str:
    folded = ascii_fold(text)
    return folded if folded != text else ""


__all__ = ["STYLES", "STYLE_BY_KEY", "Name", "NameStyle", "ascii_fold", "name_for"]
