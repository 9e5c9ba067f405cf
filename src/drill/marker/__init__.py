"""The marker: an answer and a rubric (or reference answers alone) in, a `Mark` out.

One pipeline (`pipeline.mark`) marks every answer, step by step:

1. **Read the answer** (`drill.text`, `matching.py`): Simplified, width-folded, punctuation
   dropped; thesaurus phrasings read as their group's head (`thesaurus.py`, by sound:
   `sound.py`); cut into clauses at punctuation and numbering, windows of one or two
   neighbouring clauses in a sentence.
2. **Credit each point sought** (`scheme.py` says how each is sought):
   - a key point by close matching of its phrasings (`keypoints.py`): rapidfuzz on characters
     and sounds, then stance (`stance.py`): the opposite statement earns nothing, the wrong
     题型 and bare keywords are scaled down; hit / partial / miss by the rubric's thresholds;
   - a derived statement also by coverage (`coverage.py`), a 判断题's verdict by the verdict
     the answer opens with (`verdict.py`), a result as a formula (`formulas.py`).
   Every row gets its credit by one rule and its evidence one way (`rows.py`); an answer of
   the wrong kind (measures for what is, "need not be done" for what to do, bare lists of
   terms) is held to a fifth (`kind.py`).
3. **An essay's parts** (`essay.py`): central argument, sub-arguments (capped), structure,
   use of the material, length.
4. **A practical document's form** (`formats.py`): title, addressee, structure, closing,
   signature; none of it when the content says the opposite of its points.
5. **Deductions** (`deductions.py`): over the 字数 limit, copying the material; the opposite
   verdict of a 判断题 (`verdict.py`) or the opposite appraisal of a 综合分析 (`appraisal.py`);
   an essay held to its band ceiling (`essay.py`).
6. **The total** (`deductions.total`): credits less deductions, within 0 and the points.

Every number the steps turn on is in `tuning.py`. Rubric marking is `mark_answer`;
reference-only marking (`reference.py`) derives a scheme from each reference answer
(`derive.py`) and takes the best mark.
"""

from drill.marker.matching import load_tables
from drill.marker.pipeline import mark, mark_answer
from drill.marker.reference import mark_by_references

__all__ = ["load_tables", "mark", "mark_answer", "mark_by_references"]
