"""The bank: questions, rubrics and materials as text files a person keeps in git.

Layout of a bank root (the bundled one, or the user's own):

    bank/<id>.toml             one question: prompt, 题型, requirements, source, references
    bank/materials/<name>.md   material text, shared by the questions that name it
    rubrics/<id>.toml          the rubric of question <id>: key points with weights and synonyms
    rubrics/<id>.graded.jsonl  answers an instructor graded by hand (`graded.py`)

`files.py` reads and writes them, `loading.py` loads a bank with every problem named by
file, line and field, `authoring.py` turns the editor's fields into files, `check.py` is
`drill check`, and `importing/` turns documents and tables into questions.
"""

from drill.bank.files import (
    decode_text, question_text, read_file, read_text, rubric_extra_text, rubric_text, safe_id, write_atomic, write_question,
)
from drill.bank.loading import Bank, FileCache, entry_files, field_message, load_bank, model_errors, parse_model

__all__ = [
    "Bank", "FileCache", "decode_text", "entry_files", "field_message", "load_bank", "model_errors", "parse_model",
    "question_text", "read_file", "read_text", "rubric_extra_text", "rubric_text", "safe_id", "write_atomic", "write_question",
]
