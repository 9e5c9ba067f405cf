"""Where a screen asks to go: messages the app handles (`DrillApp`), so that screens never
import one another.

The app opens the screen a message names, or pops back to it when it is open already, so
that going back and forth never grows the stack. `replace` opens it in place of the
current screen (practice → its result; a result → practise again).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from drill.models import Attempt


@dataclass
class OpenPractice(Message):
    """Practise a question; `typed`: what was typed for its answer before it opened (keys that
    came after Enter on the list, in one burst)."""

    question_id: str
    replace: bool = False
    typed: str = ""


@dataclass
class OpenResult(Message):
    """Show the mark of an attempt."""

    attempt_id: int
    replace: bool = False


@dataclass
class OpenHistory(Message):
    """Show the history of attempts."""


@dataclass
class OpenCompare(Message):
    """Compare two attempts of one question side by side."""

    first: Attempt
    second: Attempt


@dataclass
class OpenCharts(Message):
    """Show marks over time."""


@dataclass
class OpenWeakPoints(Message):
    """Show the 采分点 missed most often."""


@dataclass
class OpenReview(Message):
    """Show every candidate's marks at every question (for an instructor)."""


@dataclass
class OpenProfiles(Message):
    """Choose who is practising."""


@dataclass
class OpenEditor(Message):
    """Edit a question and its rubric (`question_id`), or write a new one (None)."""

    question_id: str | None = None


@dataclass
class OpenRubricTest(Message):
    """Test a question's rubric against the answers an instructor graded."""

    question_id: str


@dataclass
class OpenPapers(Message):
    """Show the papers, to sit one as a mock exam."""


@dataclass
class OpenExam(Message):
    """Sit a paper as a mock exam (resumed when one is under way)."""

    paper_id: str


@dataclass
class OpenPaperResult(Message):
    """Show the result of a paper sat."""

    paper_attempt_id: int
    replace: bool = False


@dataclass
class ProfileChosen(Message):
    """The profile `name` is now practising: back to the list."""

    name: str
