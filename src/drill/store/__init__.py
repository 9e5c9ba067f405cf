"""The store: drill's SQLite database, the only place with SQL.

`database.py` opens it (`Store`): the bank tables built from the files (`bank_sync.py`),
profiles, attempts, drafts and the history's queries; `migrations.py` the schema;
`progress.py` the per-question progress kept with every attempt; `records.py` export,
import, re-marks and the review across candidates; `recover.py` a damaged file;
`sqlite.py` sqlite-utils without numpy.
"""

from drill.store.database import DEFAULT_USER, Store, check_user, now, search_texts_at

__all__ = ["DEFAULT_USER", "Store", "check_user", "now", "search_texts_at"]
