"""Which column of a Strong export holds what.

Strong changed its CSV many times (2015–2026): 8 to 14 columns, comma or semicolon, units in
column names (`kg`, `Weight (lbs)`, `Distance (meters)`) or in their own columns (`Weight
Unit`), and headers written in the app's language. Columns are found:

1. by NAME, for English headers: any header with a date, a workout name, an exercise name,
   a set order and at least one of weight / reps / distance / seconds, whatever else it has
   and in any order;
2. by POSITION, for translated headers: the header is compared with each English layout of
   the same width, cell by cell, with words for each column's meaning in 14 languages; the
   best layout wins when nearly all its cells fit (a couple of unknown translations pass).
"""

import re
from dataclasses import dataclass, field

from .rows import trim
from .values import fold, squash, unit_in_header

# Names (folded) of each column in English exports, and prefixes of names with a unit.
NAMES = {
    "date": ("date",),
    "workout": ("workout name", "workout"),
    "duration": ("duration", "workout duration"),
    "exercise": ("exercise name", "exercise"),
    "order": ("set order",),
    "weight": ("weight", "kg", "kgs", "lb", "lbs"),
    "weight_unit": ("weight unit",),
    "reps": ("reps", "repetitions"),
    "rpe": ("rpe",),
    "distance": ("distance", "km", "mi", "miles", "m", "meters", "metres"),
    "distance_unit": ("distance unit",),
    "seconds": ("seconds", "secs"),
    "notes": ("notes", "note", "exercise notes"),
    "workout_notes": ("workout notes",),
    "workout_no": ("workout #", "workout number", "workout no"),
}
PREFIXES = {
    "weight": "weight (",
    "distance": "distance (",
    "duration": "duration (",
    "seconds": "seconds (",
}
COLUMN_KEYS = tuple(NAMES)
REQUIRED = ("date", "workout", "exercise", "order")
MEASURES = ("weight", "reps", "distance", "seconds")
TEXT_KEYS = ("workout", "exercise", "notes", "workout_notes")


def _layout(keys: str) -> tuple[str, ...]:
    return tuple(keys.split())


_LEGACY = "date workout exercise order weight weight_unit reps rpe distance distance_unit seconds"
_12 = "date workout duration exercise order weight reps distance seconds notes workout_notes rpe"
# The English layouts seen in real exports, column by column.
LAYOUTS = [
    _layout(_12),  # 2019-2023, the one most people have
    _layout(_12)[:11],  # before RPE existed
    _layout("date workout duration exercise order weight reps distance seconds rpe"),  # now
    _layout("date workout exercise order weight reps distance seconds notes workout_notes"),
    _layout("date workout exercise order weight reps distance seconds notes"),  # 2015, kg km
    _layout("date workout exercise order weight reps distance seconds"),  # 2016, lb mi
    _layout(f"{_LEGACY} notes workout_notes workout_duration"),  # semicolons, units
    _layout(f"{_LEGACY} notes workout_notes"),
    _layout(
        "workout_no date workout duration exercise order weight reps rpe distance seconds notes"
        " workout_notes"
    ),  # 2024 and later: `Workout #`, `Duration (sec)`, `Weight (kg)`
]


def _words(text: str) -> tuple[str, ...]:
    return tuple(fold(word) for word in text.split())


_WORKOUT = _words(
    "workout train entrain seance sesion sessao sessione treino allenam trening тренир "
    "ワークアウト トレーニング 训练 訓練 운동"
)
_NOTES = _words("not anmerk bemerk opmerk uwag anteckn huom замет примеч メモ 备注 備註 메모")
_WEIGHT = _words("weight gewicht poids peso vikt vekt vægt waga paino agirlik вес 重量 무게 kg lb")
_DISTANCE = _words(
    "dist strecke entfern afstand avstand odleg dystans matka mesafe расст 距離 距离 거리 km mi"
)
_DURATION = _words("dur dauer duur czas длител varighet varaktighet kesto sure 時間 时长 時長 시간")
# Words (lower case, accents removed) one of which a translated header cell contains, by
# meaning: English, French, German, Spanish, Italian, Portuguese, Dutch, Nordic, Polish,
# Finnish, Russian, Turkish, Japanese, Chinese and Korean.
MEANING_WORDS = {
    "date": _words("date datum fecha data dato tarih pvm paiva дата 日付 日期 날짜"),
    "workout": _WORKOUT,
    "workout_no": ("#", "nr", "no", "num", *_WORKOUT),
    "duration": _DURATION,
    "workout_duration": _DURATION,
    "exercise": _words(
        "exerc ubung oefening ejerc eserciz cwicz ovelse ovning harjoitus egzersiz hareket "
        "упражн 種目 エクササイズ 动作 動作 运动 운동"
    ),
    "order": _words("set satz serie sarja sett seri подход сет セット 组 組 세트"),
    "weight": _WEIGHT,
    "weight_unit": _WEIGHT,
    "reps": _words(
        "rep wied wdh herhal ripet powt toist tekrar gjent upprep повтор 回数 次数 次數 횟수"
    ),
    "distance": _DISTANCE,
    "distance_unit": _DISTANCE,
    "seconds": _words("sec sek seg saniye секунд 秒 초"),
    "notes": _NOTES,
    "workout_notes": _NOTES,
    "rpe": ("rpe",),
}


@dataclass
class StrongColumns:
    at: dict[str, int]  # key -> cell index, for the columns the file has
    labels: dict[str, str] = field(default_factory=dict)  # key -> the file's own name
    translated: bool = False
    weight_unit: str | None = None  # "kg"/"lb" when the weight column's name says
    distance_unit: str | None = None  # "m"/"km"/"mi"... when the distance column's name says

    @property
    def set_notes(self) -> bool:
        """Layouts with `Workout #` or `Duration (sec)` write exercise notes on `Note` rows,
        so their Notes cells are set notes; older ones repeat exercise notes on the first
        row of each exercise."""
        duration = self.labels.get("duration", "")
        return "workout_no" in self.at or bool(re.search(r"\(([^)]*)\)", fold(duration)))

    def label(self, key: str) -> str:
        return self.labels.get(key, key.replace("_", " ").title())


def resolve(header: list[str]) -> StrongColumns | None:
    """The columns of a Strong header, or None when it is not one."""
    cells = [fold(c) for c in trim(header)]
    at = _by_name(cells)
    translated = False
    if not (all(key in at for key in REQUIRED) and any(key in at for key in MEASURES)):
        at = _by_position(cells)
        translated = True
        if at is None:
            return None
    if "workout_duration" in at:
        at.setdefault("duration", at.pop("workout_duration"))
    labels = {key: squash(header[index]) or key for key, index in at.items()}
    weight_name = cells[at["weight"]] if "weight" in at else ""
    distance_name = cells[at["distance"]] if "distance" in at else ""
    return StrongColumns(
        at=at,
        labels=labels,
        translated=translated,
        weight_unit=_unit_named(weight_name, weight=True),
        distance_unit=_unit_named(distance_name, weight=False),
    )


def _by_name(cells: list[str]) -> dict[str, int]:
    at: dict[str, int] = {}
    for index, text in enumerate(cells):
        for key, names in NAMES.items():
            prefix = PREFIXES.get(key)
            if key not in at and (text in names or (prefix and text.startswith(prefix))):
                at[key] = index
                break
    return at


def _by_position(cells: list[str]) -> dict[str, int] | None:
    width = len(cells)
    needed = width - (3 if width >= 11 else 2)
    best, best_score = None, needed - 1
    for layout in LAYOUTS:
        if len(layout) != width:
            continue
        score = sum(
            any(word in text for word in MEANING_WORDS[key])
            for text, key in zip(cells, layout, strict=True)
        )
        if score > best_score:
            best, best_score = layout, score
    if best is None:
        return None
    return {key: index for index, key in enumerate(best)}


def _unit_named(name: str, *, weight: bool) -> str | None:
    """`kg` / `lbs` / `Weight (kg)` / `km` / `mi` / `Distance (meters)` -> the unit it names."""
    if not name:
        return None
    unit = unit_in_header(name) or unit_in_header(f"({name})")
    if unit is None or (unit in ("kg", "lb")) != weight:
        return None
    return unit
