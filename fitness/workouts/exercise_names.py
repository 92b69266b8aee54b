"""Reading an exercise name as (movement, equipment), the way lifters and other apps write it.

Strong and Hevy write "Bench Press (Dumbbell)", FitNotes "Flat Dumbbell Bench Press", this
app "Dumbbell Bench Press": all three read as `NameKey("bench press", "dumbbell")`. The
movement is spelled one way (plurals, "bicep"/"biceps", "Pull Up"/"Pull-Up", and a few
synonyms such as "Squat" = "Back Squat" or "Shoulder Press" = "Overhead Press"), so two
names with the same key are the same exercise, and two keys that differ only by equipment
are different exercises (a dumbbell press is not a barbell press).
"""

import re
from dataclasses import dataclass

from rapidfuzz import utils

# Phrases naming equipment, as normalised words; longer phrases are looked for first.
EQUIPMENT_WORDS = {
    "smith machine": "smith_machine",
    "smith": "smith_machine",
    "ez curl bar": "ez_bar",
    "ez bar": "ez_bar",
    "ezbar": "ez_bar",
    "trap bar": "trap_bar",
    "hex bar": "trap_bar",
    "resistance band": "band",
    "body weight": "bodyweight",
    "barbell": "barbell",
    "bb": "barbell",
    "dumbbell": "dumbbell",
    "dumbbells": "dumbbell",
    "db": "dumbbell",
    "cable": "cable",
    "cables": "cable",
    "machine": "machine",
    "kettlebell": "kettlebell",
    "kettlebells": "kettlebell",
    "kb": "kettlebell",
    "band": "band",
    "bands": "band",
    "banded": "band",
    "bodyweight": "bodyweight",
    "bw": "bodyweight",
}
_EQUIPMENT = sorted(EQUIPMENT_WORDS, key=lambda phrase: -len(phrase.split()))

# One spelling per word.
_WORDS = {
    "bicep": "biceps",
    "tricep": "triceps",
    "pullup": "pull up",
    "pullups": "pull up",
    "chinup": "chin up",
    "chinups": "chin up",
    "pushup": "push up",
    "pushups": "push up",
    "situp": "sit up",
    "situps": "sit up",
    "stepup": "step up",
    "ups": "up",
    "flye": "fly",
    "flyes": "fly",
    "flys": "fly",
    "flies": "fly",
    "skullcrusher": "skull crusher",
    "skullcrushers": "skull crusher",
    "crushers": "crusher",
    "curls": "curl",
    "raises": "raise",
    "rows": "row",
    "squats": "squat",
    "deadlifts": "deadlift",
    "rdl": "romanian deadlift",
    "ohp": "overhead press",
    "lunges": "lunge",
    "dips": "dip",
    "thrusts": "thrust",
    "crunches": "crunch",
    "extensions": "extension",
    "hyperextensions": "hyperextension",
    "presses": "press",
    "shrugs": "shrug",
    "swings": "swing",
    "pushdowns": "pushdown",
    "pulldowns": "pulldown",
    "pulls": "pull",
    "jumps": "jump",
    "burpees": "burpee",
    "thrusters": "thruster",
    "farmers": "farmer",
    "walks": "walk",
    "carry": "walk",
    "carries": "walk",
    "mornings": "morning",
    "twists": "twist",
    "bridges": "bridge",
    "rollouts": "rollout",
    "crossovers": "crossover",
    "delts": "delt",
    "calves": "calf",
    "weighted": "",  # a weighted pull-up is a pull-up with weight logged
    "flat": "",  # "Flat Bench Press" (FitNotes) is the bench press
}

# Phrases inside a name, replaced before the whole-name synonyms below.
_PHRASES = [
    ("pull down", "pulldown"),
    ("push down", "pushdown"),
    ("press down", "pushdown"),
    ("pressdown", "pushdown"),
    ("roll out", "rollout"),
    ("iso lateral", ""),
    ("biceps curl", "curl"),
    ("chest fly", "fly"),
]

# Whole movement (equipment words removed) -> (movement, equipment it implies or "").
_SYNONYMS = {
    "squat": ("back squat", ""),
    "high bar squat": ("back squat", ""),
    "low bar squat": ("back squat", ""),
    "shoulder press": ("overhead press", ""),
    "military press": ("overhead press", ""),
    "strict military press": ("overhead press", ""),
    "strict press": ("overhead press", ""),
    "standing overhead press": ("overhead press", ""),
    "seated overhead press": ("overhead press", ""),
    "seated shoulder press": ("overhead press", ""),
    "seated press": ("overhead press", ""),
    "bench": ("bench press", ""),
    "incline press": ("incline bench press", ""),
    "decline press": ("decline bench press", ""),
    "bench press close grip": ("close grip bench press", ""),
    "bent over row": ("row", ""),
    "bent row": ("row", ""),
    "one arm row": ("row", ""),
    "single arm row": ("row", ""),
    # Rows differ by equipment alone: "Seated Row (Cable)", "Row (Cable)" and "Seated Cable
    # Row" are one lift, "Seated Row (Machine)" the machine row.
    "seated row": ("row", ""),
    "seated row v grip": ("row", ""),
    "seated row close grip": ("row", ""),
    "pulldown": ("lat pulldown", ""),
    "wide grip lat pulldown": ("lat pulldown", ""),
    "wide grip pull up": ("pull up", ""),
    "straight arm lat pulldown": ("straight arm pulldown", ""),
    "australian pull up": ("inverted row", ""),
    "body row": ("inverted row", ""),
    "alternating curl": ("curl", ""),
    "standing curl": ("curl", ""),
    "pushdown": ("triceps pushdown", ""),
    "overhead triceps extension": ("triceps extension", ""),
    "overhead extension": ("triceps extension", ""),
    "lying triceps extension": ("skull crusher", ""),
    "dip": ("chest dip", ""),
    "parallel bar dip": ("chest dip", ""),
    "parallel bar triceps dip": ("triceps dip", ""),
    "crossover": ("fly", ""),
    "fly crossover": ("fly", ""),
    "pec deck": ("fly", "machine"),
    "pec deck fly": ("fly", "machine"),
    "butterfly": ("fly", "machine"),
    "butterfly pec deck": ("fly", "machine"),
    "rear delt fly": ("reverse fly", ""),
    "rear delt raise": ("reverse fly", ""),
    "bent over reverse fly": ("reverse fly", ""),
    "rear delt reverse fly": ("reverse fly", ""),
    "reverse pec deck": ("reverse fly", "machine"),
    "rear delt pec deck": ("reverse fly", "machine"),
    "side lateral raise": ("lateral raise", ""),
    "side raise": ("lateral raise", ""),
    "conventional deadlift": ("deadlift", ""),
    "hip abductor": ("hip abduction", ""),
    "hip adductor": ("hip adduction", ""),
    "leg curl": ("lying leg curl", ""),
    "hamstring curl": ("lying leg curl", ""),
    "leg curl lying": ("lying leg curl", ""),
    "hamstring curl lying": ("lying leg curl", ""),
    "leg curl seated": ("seated leg curl", ""),
    "hamstring curl seated": ("seated leg curl", ""),
    "seated hamstring curl": ("seated leg curl", ""),
    "lying hamstring curl": ("lying leg curl", ""),
    "calf raise": ("standing calf raise", ""),
    "hyperextension": ("back extension", ""),
    "back extension hyperextension": ("back extension", ""),
    "leg raise": ("lying leg raise", ""),
    "ab wheel": ("ab wheel rollout", ""),
    "ab rollout": ("ab wheel rollout", ""),
    "wheel rollout": ("ab wheel rollout", ""),
    "russian swing": ("swing", ""),
    "farmer walk": ("farmer walk", ""),
    "run": ("running", ""),
    "jogging": ("running", ""),
    "treadmill": ("running", ""),
    "running treadmill": ("running", ""),
    "treadmill running": ("running", ""),
    "outdoor run": ("running", ""),
    "outdoor running": ("running", ""),
    "running outdoor": ("running", ""),
    "walk": ("walking", ""),
    "bike": ("cycling", ""),
    "biking": ("cycling", ""),
    "outdoor cycling": ("cycling", ""),
    "road cycling": ("cycling", ""),
    "exercise bike": ("stationary bike", "machine"),
    "indoor cycling": ("stationary bike", "machine"),
    "cycling indoor": ("stationary bike", "machine"),
    "cycling stationary": ("stationary bike", "machine"),
    "spin bike": ("stationary bike", "machine"),
    "spinning": ("stationary bike", "machine"),
    "rower": ("rowing", "machine"),
    "indoor rowing": ("rowing", "machine"),
    "indoor rower": ("rowing", "machine"),
    "rowing erg": ("rowing", "machine"),
    "row erg": ("rowing", "machine"),
    "elliptical": ("elliptical trainer", ""),
    "cross trainer": ("elliptical trainer", ""),
    "stair stepper": ("stair climber", ""),
    "stairmaster": ("stair climber", ""),
    "stair master": ("stair climber", ""),
    "swim": ("swimming", ""),
    "hike": ("hiking", ""),
    "skipping": ("jump rope", ""),
    "skipping rope": ("jump rope", ""),
    "jumping rope": ("jump rope", ""),
}

# An EZ bar is a barbell: "EZ-Bar Skullcrusher" is the skull crusher when the library has
# no EZ-bar one. (Not the other way, and no other pair: a dumbbell lift is not a barbell one.)
FALLBACK_EQUIPMENT = {"ez_bar": "barbell"}

_QUALIFIER = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True)
class NameKey:
    movement: str  # normalised words, one spelling
    equipment: str  # an Exercise.Equipment value, or "" when the name names none
    plain: bool  # the name itself carries no equipment word ("Bench Press", not "Dumbbell …")


def normalise(name: str) -> str:
    """Lower case, apostrophes dropped, other punctuation as single spaces."""
    return " ".join(utils.default_process(name.replace("'", "").replace("’", "")).split())


def _take_equipment(words: str) -> tuple[str, str]:
    """(words without the first equipment phrase found, that equipment or "")."""
    padded = f" {words} "
    for phrase in _EQUIPMENT:
        if f" {phrase} " in padded:
            rest = padded.replace(f" {phrase} ", " ", 1)
            return " ".join(rest.split()), EQUIPMENT_WORDS[phrase]
    return words, ""


def _strip_equipment(words: str) -> tuple[str, str]:
    """Remove every equipment phrase; the first one found is the name's equipment."""
    words, equipment = _take_equipment(words)
    found = equipment
    while found:
        words, found = _take_equipment(words)
    return words, equipment


def _respell(words: str) -> str:
    words = " ".join(_WORDS.get(word, word) for word in words.split())
    padded = f" {words} "
    for phrase, replacement in _PHRASES:
        padded = padded.replace(f" {phrase} ", f" {replacement} ")
    return " ".join(padded.split())


def read_name(name: str) -> NameKey:
    """`Bench Press (Dumbbell)` -> NameKey("bench press", "dumbbell", plain=False)."""
    equipment = ""
    kept = []
    # A qualifier that names equipment says only that ("Cable - Straight Bar" is a cable
    # exercise); any other qualifier ("Assisted", "Treadmill") is part of the movement.
    for qualifier in _QUALIFIER.findall(name):
        words = normalise(qualifier)
        _rest, found = _take_equipment(words)
        if found:
            equipment = equipment or found
        else:
            kept.append(words)
    words = normalise(" ".join([_QUALIFIER.sub(" ", name), *kept]))
    words, in_name = _strip_equipment(_respell(words))
    plain = not (equipment or in_name)
    equipment = equipment or in_name
    movement, implied = _SYNONYMS.get(words, (words, ""))
    return NameKey(movement, equipment or implied, plain)
