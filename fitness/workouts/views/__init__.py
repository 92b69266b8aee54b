"""Views of the workouts app, one module per page family; urls.py imports the modules."""
