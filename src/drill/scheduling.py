"""When to practise a question again: FSRS (py-fsrs), a question a card, an attempt a review.

An attempt's rating comes from its share of the marks: under 50% Again, under 70% Hard,
under 90% Good, else Easy. There are no learning steps of minutes (a 申论 question is not
answered again ten minutes later): a first attempt schedules the question in days, and so
does a lapse. Intervals never pass the maximum interval (a year unless set otherwise: the
exam date is what matters), and no fuzz is added, so the same history always gives the same
queue. A question's card is updated from its current state by each attempt, whatever the
length of its history (`drill.store.progress`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # fsrs is imported when a card is first reviewed: the app's start need not wait for it
    from fsrs import Card, Rating, Scheduler

# (below this share of the marks, this rating; Again 1, Hard 2, Good 3, Easy 4): the mapping
# stated in the README.
RATINGS: tuple[tuple[float, int], ...] = ((0.5, 1), (0.7, 2), (0.9, 3))
EASY = 4


@dataclass(frozen=True)
class Plan:
    """How the scheduler is set: the retention aimed for and the longest interval, in days."""

    desired_retention: float = 0.9
    maximum_interval: int = 365


@dataclass(frozen=True)
class CardState:
    """A question's card as the progress table keeps it (times in seconds since the epoch)."""

    state: int
    step: int | None
    stability: float
    difficulty: float
    due: float
    last_review: float

    @property
    def interval_days(self) -> float:
        """The days from the last attempt to the next due date."""
        return (self.due - self.last_review) / 86400


def rating(score: float, maximum: float) -> Rating:
    """The rating of an attempt, from its share of the marks."""
    from fsrs import Rating

    share = score / maximum if maximum else 0.0
    return Rating(next((found for below, found in RATINGS if share < below), EASY))


@lru_cache(maxsize=8)
def _scheduler(plan: Plan) -> Scheduler:
    from fsrs import Scheduler

    return Scheduler(
        desired_retention=plan.desired_retention, learning_steps=(), relearning_steps=(),
        maximum_interval=plan.maximum_interval, enable_fuzzing=False,
    )


def _utc(seconds: float | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, timezone.utc)


def _card(current: CardState | None) -> Card:
    from fsrs import Card, State

    if current is None:
        return Card(card_id=1, state=State.Learning, step=0)
    return Card(
        card_id=1, state=State(current.state), step=current.step, stability=current.stability,
        difficulty=current.difficulty, due=_utc(current.due), last_review=_utc(current.last_review),
    )


def when(created: str) -> datetime:
    """An attempt's time (ISO 8601, as stored) in UTC, as the scheduler reads it; a time
    without an offset is read as UTC."""
    moment = datetime.fromisoformat(created)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def review(current: CardState | None, score: float, maximum: float, created: str, plan: Plan = Plan()) -> CardState:
    """The card after one more attempt (`current` None: the question's first)."""
    moment = when(created)
    card = _card(current)
    if card.last_review is not None and moment < card.last_review:
        moment = card.last_review  # an attempt dated before the last one reviews it now
    reviewed, _ = _scheduler(plan).review_card(card, rating(score, maximum), moment)
    return CardState(
        state=int(reviewed.state), step=reviewed.step, stability=reviewed.stability, difficulty=reviewed.difficulty,
        due=reviewed.due.timestamp(), last_review=reviewed.last_review.timestamp(),
    )


def replay(attempts: list[tuple[float, float, str]], plan: Plan = Plan()) -> CardState | None:
    """The card after every attempt (score, max, created), oldest first."""
    state = None
    for score, maximum, created in attempts:
        state = review(state, score, maximum, created, plan)
    return state


def retrievability(current: CardState, now: datetime, plan: Plan = Plan()) -> float:
    """The chance that the question is answered well now, as FSRS predicts it (0–1)."""
    return _scheduler(plan).get_card_retrievability(_card(current), now)
