"""`manage.py import_workouts`: no questions, a unit is never guessed."""

import pytest
from django.core.management import CommandError, call_command

from fitness.workouts.models import WorkoutSet
from imports.tests.helpers import counts
from imports.tests.test_preview import NATIVE, STRONG


@pytest.fixture
def strong_file(tmp_path):
    path = tmp_path / "strong.csv"
    path.write_text(STRONG + "2024-03-04 18:00:00,Pull,50m,Sumo Pull,Rest Timer,0,0,0,90,,,\n")
    return path


def test_file_without_a_unit_is_refused_unless_unit_is_given(owner, strong_file):
    owner.preferred_unit = "lb"  # never used for a file that does not say
    owner.save()
    with pytest.raises(CommandError) as refused:
        call_command("import_workouts", str(strong_file), "--user", owner.email)
    assert str(refused.value) == (
        "strong.csv does not say whether its weights are kg or lb: "
        "run again with --unit kg or --unit lb."
    )
    assert counts(owner) == (0, 0, 0, 0)


def test_unit_given_is_used_and_printed_with_the_skipped_rows(owner, strong_file, capsys):
    call_command("import_workouts", str(strong_file), "--user", owner.email, "--unit", "kg")
    out = capsys.readouterr().out
    assert "Unit: kg (--unit)" in out
    assert "Workouts added: 2" in out and "Sets added: 4" in out
    assert "  - line 7: rest timer row" in out  # by its line
    assert {row.weight_unit for row in WorkoutSet.objects.filter(weight__isnull=False)} == {"kg"}


def test_file_stating_its_unit_needs_no_option(owner, tmp_path, capsys):
    path = tmp_path / "mine.csv"
    path.write_text(NATIVE)
    call_command("import_workouts", str(path), "--user", owner.email)
    out = capsys.readouterr().out
    assert "Unit: as stated in the file" in out and "Workouts added: 1" in out
    assert counts(owner)[:3] == (1, 2, 2)


def test_unknown_member_and_missing_file_are_one_line_errors(owner, tmp_path):
    with pytest.raises(CommandError, match=r"No member with the email nobody@example\.com"):
        call_command("import_workouts", str(tmp_path / "x.csv"), "--user", "nobody@example.com")
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_workouts", str(tmp_path / "x.csv"), "--user", owner.email)
