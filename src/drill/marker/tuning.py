"""Every number the marker turns on, in one place, each with where it comes from.

These are the knobs; the rest of the marker is rules. The modules read them as
`tuning.NAME` when they run, so a change here (or in a test, or in
`bench/tuning_neighbourhood.py`, which moves each one and prints QWK / MAE on the graded seed
and bank sets and on the public LE and ADS sets) is seen everywhere. A rubric's own
thresholds (hit_threshold 78, partial_threshold 60, partial_credit 0.5) are defaults of the
rubric file format (`drill.models.Rubric`), set per rubric by its author.

Most were set by hand when the marker was written (2026-11-21), against the answers graded
for the two seed questions; the reference-only ones were measured on the public training
sets (2026-11-22). Each note gives the neighbourhood measured on 2026-12-01: QWK at the
values beside the shipped one (shipped: seed 0.970, bank 0.949, LE 0.860, ADS 0.629). "No
graded answer moves" means no answer of those sets sits near the constant's edge: the value
is not yet tested by a graded answer.
"""

from __future__ import annotations

# -- comparing an answer with a phrasing (matching.py, stance.py) -------------------------
# A window is one clause of the answer or this many neighbours within one sentence.
# 1: seed 0.963, ADS 0.635; 3: bank 0.941.
MAX_WINDOW = 2
# For each key point clause, the windows that hold most of it in order are scored in full.
# 1: bank 0.940, LE 0.849; 3: ADS 0.634 (and slower).
CANDIDATES = 2
# A clause said with words between its own (部分干部…选择了明哲保身的做法 for 干部明哲保身) scores
# the share of its characters the window holds in order × SPREAD_FACTOR, when that is more
# than the close match and the window is at most SPREAD times the clause's length (four
# characters or more). Measured 2026-12-02 (rubric, hand-marked set MAE / QWK; LE; ADS):
# without: 1.12 / 0.807, LE 0.858, ADS 0.617; SPREAD 3 × 0.9: 1.00 / 0.837, LE 0.867, ADS 0.623
# (chosen); × 0.95: 0.95 / 0.854, LE 0.868, ADS 0.623; SPREAD 2: 1.07 / 0.817; SPREAD 4: the
# seed answers 0.34 → 0.36. No hostile answer of the set moves past 1.5.
SPREAD, SPREAD_FACTOR = 3, 0.9
# A clause whose opening words (its subject or verb, 2-4 characters) its sentence said before
# the window, within this many characters of it, scores as if whole × SPREAD_FACTOR (承前省略:
# 部分干部……，思想上存在着顾虑，害怕承担责任 for 干部怕担责任). Set 2026-12-02: the hand-marked
# set's rubric MAE 0.96 -> 0.94; 20: bank reference-only MAE 1.15 -> 1.16; 80: no graded answer
# moves. A whole unpunctuated answer is one sentence, hence a bound.
SAID_BEFORE = 40
# A match found only by sound (到味 for 到位) counts this much less than one by characters.
# 3: no graded answer moves; 10: seed 0.968.
SOUND_PENALTY = 6.0
# A measure (要加强…) given for a problem, or a problem for a measure: the wrong 题型.
# 0.2 and 0.6: no graded answer moves.
CLASH_FACTOR = 0.4
# A clause whose likest words in the answer say otherwise is contradicted unless some window
# states it at least this share as well (a loose likeness elsewhere does not save it).
STATED_SHARE = 0.5
# A negator opening the answer's clause reads on the matched words up to this many characters
# after it (没有部分干部“官本位”思想严重: six). Set 2026-12-02 by bench/eval_negated.py.
OPENING_REACH = 12
# A whole answer written as measures (一要…二要…) to a question that asks what is (成效, 现状):
# every point it earns is held to this share (`kind.py`). A round figure, not fitted: a marker
# gives such an answer next to nothing, as the hand-marked set does (0.5–1 of 10).
WRONG_KIND = 0.2
# The words of a measure without its verb (政治监督 for 要强化政治监督): a bare keyword.
# 0.5: bank 0.948; 0.85: no graded answer moves.
BARE_FACTOR = 0.7

# -- crediting a key point by its phrasings (keypoints.py) --------------------------------
# What stating only the headline (first clause) of a phrasing is worth: of two clauses it
# reaches a hit at the default thresholds, of more a partial.
# Of two, 0.7: seed 0.954, bank 0.931; 0.9: seed 0.971, bank 0.952.
# Of more, 0.6: no graded answer moves; 0.8: bank 0.951 (MAE 0.70 → 0.60).
HEADLINE_SHARE_OF_TWO = 0.8
HEADLINE_SHARE = 0.7
# What stating only another clause is worth (a partial at most, at the default thresholds:
# 理念相对滞后 alone for 思想认识不够到位，理念相对滞后). Measured 2026-12-02 (rubric MAE / QWK:
# seed, bank, hand-marked set; LE; ADS): without, 0.34 / 0.973, 0.72 / 0.945, 0.94 / 0.874, LE
# 0.866, ADS 0.625; 0.7 (chosen) 0.32 / 0.975, 0.63 / 0.956, 0.91 / 0.886, LE 0.870, ADS 0.637;
# 0.6: bank 0.64 / 0.955, hand 0.92 / 0.880, LE 0.866, ADS 0.625; 0.8: bank 0.50 / 0.967, hand
# 0.65 / 0.931, LE 0.872, ADS 0.651, but a clause other than the headline would be worth more
# than it, and alone a hit of a two-clause point. No hostile answer moves past 1.5 at any.
OTHER_CLAUSE_SHARE = 0.7

# -- deductions (deductions.py) -----------------------------------------------------------
# Characters in a row identical to the material that count as copied. No bundled rubric
# deducts for copying, so no graded mark depends on it.
COPY_RUN = 12

# -- reference-only marking (derive.py, coverage.py, verdict.py) --------------------------
# A derived item's credit grows linearly from similarity CREDIT_FROM (nothing) to
# CREDIT_FULL (its weight), measured on the public LE training set.
# From 50: LE 0.852, ADS 0.636; from 70: LE 0.858, ADS 0.619; full at 90: LE 0.854; at 100:
# LE 0.861, ADS 0.627.
CREDIT_FROM, CREDIT_FULL = 60.0, 95.0
# A derived point of STATEMENT characters or more is a statement, also credited by coverage;
# one with fewer than MIN_CONTENT Chinese characters of its own is not (stray digits would
# earn it). Coverage credit grows from COVER_FROM to COVER_FULL of its content characters.
# Chosen on the ADS and LE training sets (README, "Measured", gives the grid).
# STATEMENT 6: LE 0.838, ADS 0.670; 12: LE 0.857, ADS 0.603.
# COVER_FULL 0.4: LE 0.849, ADS 0.658; 0.6: LE 0.865, ADS 0.583.
STATEMENT = 8
MIN_CONTENT = 3
COVER_FROM, COVER_FULL = 0.05, 0.5
# A 判断题's verdict is stated within this many characters of the answer's first clause.
# 8 and 24: no graded answer moves.
VERDICT_HEAD = 16

# -- practical documents (formats.py) ----------------------------------------------------
# A title, an addressee or a signature is a line of at most this many characters.
# 20 and 40: no graded answer moves.
SHORT_LINE = 30
# What a partly met format check earns (a title without its words, a signature without a date).
FORMAT_PARTIAL = 0.5
# A document whose content rows say the opposite (表述相反) for at least this share of their
# weight earns no format marks (formats.held_to_content). Set 2026-12-02: the negated
# 参考作答 of both bundled documents are above it (the whole content opposed), no graded
# answer is near it.
OPPOSED_FORM = 0.5
# The share of the marks a document's format takes when it is marked from its reference alone
# (the bundled documents' rubrics give it 20% and 30%). Set 2026-12-02.
DERIVED_FORM = 0.2

# -- essays (essay.py) --------------------------------------------------------------------
# Bands by share of the points, as markers of 文章写作 place essays (一类文 ≥ 85% …).
BANDS: tuple[tuple[str, float], ...] = (("一类文", 0.85), ("二类文", 0.70), ("三类文", 0.50), ("四类文", 0.0))
# A title is a first line of at most TITLE_MAX characters; the body needs BODY_MIN paragraphs.
# TITLE_MAX 15 and 35: no graded answer moves.
TITLE_MAX = 25
BODY_MIN = 3
# Under this share of the least length the length row is missed (from it up to the length,
# LENGTH_PARTIAL_SHARE). 0.7 and 0.9: no graded answer moves.
LENGTH_PARTIAL = 0.8
LENGTH_PARTIAL_SHARE = 0.5

# Coverage (`coverage.py`) is held to what close matching finds (`keypoints.supported_share`):
# a clause is contradicted when a window as like it as CONTRADICTED (0–100, before stance)
# says otherwise and none states it, and its words earn no coverage; a statement none of
# whose clauses is stated at least ANCHOR well (stance read) earns none at all (an answer to
# another question shares the topic's words, not its statements). Measured 2026-12-02 with
# `drill eval`, reference-only lines made from our graded sets (seed / bank: MAE, QWK), LE and
# ADS (MAE), before: seed 1.59 / 0.795, bank 1.32 / 0.832, LE 1.02, ADS 1.94:
#   CONTRADICTED 40, ANCHOR 22: seed 0.97 / 0.896, bank 1.17 / 0.871, LE 1.01, ADS 2.01 (chosen)
#   ANCHOR 30: seed 0.88 / 0.915, bank 1.14 / 0.870, ADS 2.13; ANCHOR 15 (before looking past
#   the candidates for a clause): seed 1.10, bank 1.16, ADS 2.10; CONTRADICTED 30: ADS worse.
# Rubric marking is unchanged by them (seed 0.41 / 0.970, bank 0.70 / 0.949).
CONTRADICTED = 40.0
ANCHOR = 22.0
# A missed point's reason quotes the nearest stretch of the answer when it is at least this
# like the point (0–100); below, it says the answer has nothing like it.
NEAREST = 30.0
