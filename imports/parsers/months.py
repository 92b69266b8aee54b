"""Month names and 12-hour-clock words in the languages the apps write dates in: one table.

Hevy writes dates with the phone's month names (`5 Mai 2026, 14:03`, `5 мая 2026 г., 14:03`,
`5 maja 2026, 14:03`); Strong writes its 12-hour clock in the phone's language
(`2023/5/6 下午3:04:05`). Names are kept as the languages spell them (full names, the forms
used after a day number such as Russian `мая` or Polish `maja`, and the usual abbreviations)
and folded like every cell (`values.fold`: lower case, accents and the Korean syllable
composition taken apart), so `MÄRZ`, `märz` and `marz` are one key. A trailing dot is
stripped before the look-up (`janv.`, `Dez.`).

A table rather than a date library: the library that reads every language takes
milliseconds per cell, far too slow for 100,000-row files, and its guesses are not ours
to review.
"""

from .values import fold

# One entry per language, months January..December; each month's forms separated by "/".
_LANGUAGES = {
    "en": "jan/january feb/february mar/march apr/april may jun/june jul/july aug/august "
    "sep/sept/september oct/october nov/november dec/december",
    "fr": "janv/janvier fevr/fev/fevrier mars avr/avril mai juin juil/juillet aout/aou "
    "sept/septembre oct/octobre nov/novembre dec/decembre",
    "de": "jan/januar/janner/jaen feb/februar/feber marz/mar/mrz/maerz apr/april mai "
    "jun/juni jul/juli aug/august sep/sept/september okt/oktober nov/november dez/dezember",
    "es": "ene/enero feb/febrero mar/marzo abr/abril may/mayo jun/junio jul/julio ago/agosto "
    "sep/sept/set/septiembre/setiembre oct/octubre nov/noviembre dic/diciembre",
    "pt": "jan/janeiro fev/fevereiro mar/marco abr/abril mai/maio jun/junho jul/julho "
    "ago/agosto set/setembro out/outubro nov/novembro dez/dezembro",
    "it": "gen/gennaio feb/febbraio mar/marzo apr/aprile mag/maggio giu/giugno lug/luglio "
    "ago/agosto set/sett/settembre ott/ottobre nov/novembre dic/dicembre",
    "nl": "jan/januari feb/februari mrt/maart apr/april mei jun/juni jul/juli aug/augustus "
    "sep/sept/september okt/oktober nov/november dec/december",
    "sv": "jan/januari feb/februari mar/mars apr/april maj jun/juni jul/juli aug/augusti "
    "sep/sept/september okt/oktober nov/november dec/december",
    "no": "jan/januar feb/februar mar/mars apr/april mai jun/juni jul/juli aug/august "
    "sep/sept/september okt/oktober nov/november des/desember",
    "da": "jan/januar feb/februar mar/marts apr/april maj jun/juni jul/juli aug/august "
    "sep/sept/september okt/oktober nov/november dec/december",
    "fi": "tammi/tammik/tammikuu/tammikuuta helmi/helmik/helmikuu/helmikuuta "
    "maalis/maalisk/maaliskuu/maaliskuuta huhti/huhtik/huhtikuu/huhtikuuta "
    "touko/toukok/toukokuu/toukokuuta kesa/kesak/kesakuu/kesakuuta "
    "heina/heinak/heinakuu/heinakuuta elo/elok/elokuu/elokuuta syys/syysk/syyskuu/syyskuuta "
    "loka/lokak/lokakuu/lokakuuta marras/marrask/marraskuu/marraskuuta "
    "joulu/jouluk/joulukuu/joulukuuta",
    "pl": "sty/styczen/stycznia lut/luty/lutego mar/marzec/marca kwi/kwiecien/kwietnia "
    "maj/maja cze/czerwiec/czerwca lip/lipiec/lipca sie/sierpien/sierpnia "
    "wrz/wrzesien/wrzesnia paz/pazdziernik/pazdziernika lis/listopad/listopada "
    "gru/grudzien/grudnia",
    "cs": "leden/ledna unor/unora brezen/brezna duben/dubna kveten/kvetna cerven/cervna "
    "cervenec/cervence srpen/srpna zari rijen/rijna listopad/listopadu prosinec/prosince",
    "tr": "oca/ocak sub/subat mar/mart nis/nisan may/mayis haz/haziran tem/temmuz "
    "agu/agustos eyl/eylul eki/ekim kas/kasim ara/aralik",
    # Cyrillic letters folded: й loses its breve (май -> маи), like every cell.
    "ru": "янв/январь/января фев/февр/февраль/февраля мар/март/марта апр/апрель/апреля "
    "май/мая июн/июнь/июня июл/июль/июля авг/август/августа сен/сент/сентябрь/сентября "
    "окт/октябрь/октября ноя/нояб/ноябрь/ноября дек/декабрь/декабря",
    "uk": "січ/січень/січня лют/лютий/лютого бер/березень/березня квіт/квітень/квітня "
    "трав/травень/травня черв/червень/червня лип/липень/липня серп/серпень/серпня "
    "вер/вересень/вересня жовт/жовтень/жовтня лист/листопад/листопада груд/грудень/грудня",
}


def month_key(word: str) -> str:
    """A month word as the table keys it: folded, without a trailing dot, Turkish dotless
    i as i (`MAYIS` and `mayıs` fold differently otherwise)."""
    return fold(word).rstrip(".").replace("ı", "i")


def _build() -> dict[str, int]:
    months: dict[str, int] = {}
    for language, spellings in _LANGUAGES.items():
        forms = spellings.split()
        assert len(forms) == 12, language
        for number, names in enumerate(forms, start=1):
            for name in names.split("/"):
                key = month_key(name)
                # The same word must not mean two months in two languages.
                assert months.get(key, number) == number, (language, name)
                months[key] = number
    # Chinese, Japanese and Korean dates write the month as a number (2026年5月5日), read
    # by dates.py's year-first pattern.
    return months


MONTHS = _build()

# 12-hour-clock words of Chinese, Japanese and Korean, written before the time
# (`下午3:04:05`, `오후 2:03`): a = before noon, p = after. Latin `am`/`p. m.` are read by
# the date pattern itself.
MERIDIEMS = {
    fold(word): half
    for words, half in (("上午 午前 오전 早上 凌晨", "a"), ("下午 午後 오후 晚上", "p"))
    for word in words.split()
}
