"""A name in each script a roster may hold (issue #22), with the shipped family that prints
it: shared by the checker's and the PDF's tests."""

#: script -> (a name in it, the family that must print it)
ROSTER_NAMES = {
    "Hebrew": ("נועה לוי", "Noto Sans Hebrew"),
    "Thai": ("สมชาย ใจดี", "Noto Sans Thai"),
    "Tamil": ("கார்த்திக்", "Noto Sans Tamil"),
    "Bengali": ("কৌশিক চৌধুরী", "Noto Sans Bengali"),
    "Gujarati": ("હાર્દિક પટેલ", "Noto Sans Gujarati"),
    "Telugu": ("శ్రీనివాస్", "Noto Sans Telugu"),
    "Kannada": ("ಕನ್ನಡಿಗ", "Noto Sans Kannada"),
    "Malayalam": ("അനൂപ് മേനോൻ", "Noto Sans Malayalam"),
    "Sinhala": ("සුනිල් පෙරේරා", "Noto Sans Sinhala"),
    "Korean": ("김민준", "WenQuanYi Micro Hei"),
    "Japanese kana": ("さくら・カタカナ", "WenQuanYi Micro Hei"),
    "Armenian": ("Արամ Խաչատրյան", "Noto Sans Armenian"),
    "Georgian": ("გიორგი ბერიძე", "Noto Sans Georgian"),
    "Ethiopic": ("አበበ ቢቂላ", "Noto Sans Ethiopic"),
    "Khmer": ("សុខ ចាន់", "Noto Sans Khmer"),
    "Myanmar": ("အောင်ဆန်း", "Noto Sans Myanmar"),
    "CJK Extension B": ("𠮷𠀋𪚲", "HanaMinB"),
    "Arabic": ("محمد العتيبي", "Noto Sans Arabic"),
    "Devanagari": ("प्रिया शर्मा", "Noto Sans Devanagari"),
    "Chinese": ("张伟", "WenQuanYi Micro Hei"),
    "Latin, Greek, Cyrillic": ("Zoë Ødegård Δημήτρης Ольга", "Noto Sans"),
}
