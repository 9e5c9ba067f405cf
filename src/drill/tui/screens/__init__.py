"""One screen per file: home, practice, result, history."""
