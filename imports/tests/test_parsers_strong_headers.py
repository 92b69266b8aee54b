"""Which headers are Strong's: English by name, translated by shape, and what is not."""

import pytest

from imports.parsers import PARSERS
from imports.parsers.strong_columns import resolve

from .parser_helpers import fixture, matching, read_rows

ENGLISH = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE"
)


def cols(text: str) -> list[str]:
    return text.split(",")


@pytest.mark.parametrize(
    "header",
    [
        ENGLISH.split(","),
        ENGLISH.split(",")[:11],  # before RPE existed
        [*ENGLISH.split(","), ""],  # a trailing delimiter
        [c.upper() for c in ENGLISH.split(",")],
        read_rows(fixture("strong_fr.csv"))[0],
        read_rows(fixture("strong_de.csv"))[0],
        # Spanish, Italian, Portuguese: recognised by shape and words.
        [
            "Fecha",
            "Nombre del entrenamiento",
            "Duración",
            "Nombre del ejercicio",
            "Orden de la serie",
            "Peso",
            "Repeticiones",
            "Distancia",
            "Segundos",
            "Notas",
            "Notas del entrenamiento",
            "RPE",
        ],
        [
            "Data",
            "Nome allenamento",
            "Durata",
            "Nome esercizio",
            "Ordine serie",
            "Peso",
            "Ripetizioni",
            "Distanza",
            "Secondi",
            "Note",
            "Note allenamento",
            "RPE",
        ],
        [
            "Data",
            "Nome do treino",
            "Duração",
            "Nome do exercício",
            "Ordem da série",
            "Peso",
            "Repetições",
            "Distância",
            "Segundos",
            "Notas",
            "Notas do treino",
            "RPE",
        ],
        # Two cells in a language we do not know still pass.
        [
            "Datum",
            "Workout Navn",
            "Varighed",
            "Øvelse Navn",
            "Set Rækkefølge",
            "Vægt",
            "Gentagelser",
            "Distance",
            "Sekunder",
            "Noter",
            "Workout Noter",
            "RPE",
        ],
    ],
)
def test_strong_comma_headers_are_recognised_by_shape(header):
    assert matching(header) == ["strong"]


@pytest.mark.parametrize(
    ("header", "keys", "weight_unit"),
    [
        (
            "Entraînement #;Date;Nom de l'entraînement;Durée (sec);Nom de l'exercice;"
            "Ordre des séries;Poids (kg);Répétitions;RPE;Distance (mètres);Secondes;Notes;"
            "Notes de l'entraînement",
            "workout_no date workout duration exercise order weight reps rpe distance seconds "
            "notes workout_notes",
            "kg",
        ),
        (
            "Datum;Trainingsname;Übungsname;Satzreihenfolge;Gewicht;Gewichtseinheit;"
            "Wiederholungen;RPE;Distanz;Distanzeinheit;Sekunden;Notizen;Trainingsnotizen;"
            "Trainingsdauer",
            "date workout exercise order weight weight_unit reps rpe distance distance_unit "
            "seconds notes workout_notes duration",
            None,
        ),
        (
            "Fecha;Nombre del entrenamiento;Duración;Nombre del ejercicio;Orden de la serie;Peso;"
            "Repeticiones;Distancia;Segundos;RPE",
            "date workout duration exercise order weight reps distance seconds rpe",
            None,
        ),
        (
            "日付;ワークアウト名;時間;種目名;セット順;重量;回数;距離;秒;メモ;ワークアウトメモ;RPE",
            "date workout duration exercise order weight reps distance seconds notes "
            "workout_notes rpe",
            None,
        ),
    ],
)
def test_translated_headers_of_every_layout_map_each_column(header, keys, weight_unit):
    columns = resolve(header.split(";"))
    assert columns.translated
    assert sorted(columns.at, key=columns.at.get) == keys.split()
    assert columns.weight_unit == weight_unit


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("strong_v6_kg.csv", ["strong"]),
        ("strong_v6_lbs.csv", ["strong"]),
        ("strong_legacy.csv", ["strong"]),
        ("hevy_kg.csv", ["hevy"]),
        ("fitnotes.csv", ["fitnotes"]),
        ("fitnotes_old_lbs.csv", ["fitnotes"]),
    ],
)
def test_each_fixture_is_claimed_by_exactly_one_parser(name, expected):
    assert matching(read_rows(fixture(name))[0]) == expected


@pytest.mark.parametrize(
    "header",
    [
        cols("a,b,c,d,e,f,g,h,i,j,k,l"),
        [
            "date",
            "session_name",
            "exercise_name",
            "set_number",
            "is_warmup",
            "weight",
            "weight_unit",
            "reps",
            "rpe",
            "notes",
            "session_duration_min",
        ],
        ["Date", "Workout Name", "Exercise Name", "Weight", "Reps"],  # no set order
        ["Date", "Workout Name", "Exercise Name", "Set Order", "Notes"],  # no measure
        [],
    ],
)
def test_other_headers_are_not_strong(header):
    assert "strong" not in matching(header)


def test_registry_has_every_third_party_parser():
    assert {p.name for p in PARSERS} == {"native", "strong", "hevy", "fitnotes"}
