"""Strong's note rows in any language: a word in Set Order, a note, no values -> exercise notes."""

import pytest

from imports.parsers.strong import StrongParser

from .parser_helpers import context, harmless, invalid, parse_text, s

GERMAN = (
    "Datum;Trainingsname;Dauer;Übungsname;Satzreihenfolge;Gewicht;Wiederholungen;Distanz;"
    "Sekunden;Notizen;Trainingsnotizen"
)
CHINESE = "日期,训练名称,时长,动作名称,组序,重量,次数,距离,秒,备注,训练备注,RPE"
FRENCH = (
    "Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre des séries,Poids,Répétitions,"
    "Distance,Secondes,Notes,Notes de l'entraînement,RPE"
)


def _german(order: str, weight: str, reps: str, seconds: str, note: str) -> str:
    cells = f"{order};{weight};{reps};0;{seconds}"
    return f'2022-03-02 07:05:00;"Beintag";1h;"Kniebeuge";{cells};"{note}";""'


def _comma(order: str, weight: str, reps: str, seconds: str, note: str) -> str:
    return (
        f'2023-07-15 09:30:00,"Jambes",1h,"Squat",{order},{weight},{reps},0,{seconds},"{note}","",'
    )


@pytest.mark.parametrize(
    ("header", "row", "marker"),
    [
        (GERMAN, _german, "Notiz"),
        (CHINESE, _comma, "备注"),
        (FRENCH, _comma, "Remarque"),
        (FRENCH, _comma, "Note"),
        (FRENCH, _comma, "N"),  # a one-letter marker of a language we have not seen
    ],
)
def test_a_translated_note_row_becomes_the_exercises_note(header, row, marker):
    text = "\n".join(
        [
            header,
            row(marker, "", "", "", "Knie nach außen"),
            row("1", "60", "5", "0", ""),
            row("2", "60", "5", "0", ""),
        ]
    )
    sessions, ctx = parse_text(StrongParser, text, context("kg", "UTC"))
    [exercise] = sessions[0].exercises
    assert exercise.notes == "Knie nach außen"
    assert exercise.sets == [s(1, "60", 5), s(2, "60", 5)]
    assert (invalid(ctx), harmless(ctx)) == ([], [])


def test_a_note_row_written_with_zeros_after_the_sets_is_still_a_note():
    text = "\n".join(
        [
            GERMAN,
            _german("1", "60", "5", "0", ""),
            _german("Notiz", "0", "0", "0", "nächstes Mal 62,5"),
        ]
    )
    sessions, ctx = parse_text(StrongParser, text, context("kg", "UTC"))
    [exercise] = sessions[0].exercises
    assert (exercise.notes, exercise.sets) == ("nächstes Mal 62,5", [s(1, "60", 5)])
    assert (invalid(ctx), harmless(ctx)) == ([], [])


def test_rest_timers_and_empty_rows_stay_what_they_are():
    text = "\n".join(
        [
            GERMAN,
            _german("Ruhezeit", "0", "0", "45,0", ""),  # a rest timer: seconds, no note
            _german("Ruhezeit", "", "", "90", "Pause"),  # seconds: a timer even with a note
            _german("1", "60", "5", "0", ""),
            _german("2", "0", "0", "0", ""),  # no values, no word: an empty set
        ]
    )
    sessions, ctx = parse_text(StrongParser, text, context("kg", "UTC"))
    [exercise] = sessions[0].exercises
    assert (exercise.notes, exercise.sets) == ("", [s(1, "60", 5)])
    assert [problem.line for problem in ctx.skipped] == [2, 3, 5]
    assert invalid(ctx) == []


def test_a_word_in_set_order_on_a_row_with_values_is_still_a_bad_row():
    text = "\n".join([GERMAN, _german("Notiz", "60", "5", "0", "x")])
    _, ctx = parse_text(StrongParser, text, context("kg", "UTC"))
    assert invalid(ctx) == [
        "line 2: 'Notiz' is not a set number, W, D, F, Note or Rest Timer in column "
        "Satzreihenfolge."
    ]
