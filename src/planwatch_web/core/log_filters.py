"""Log records as an operator wants them: a refused request is one line, not a traceback.

Django logs "Forbidden (Permission denied): /forms/12/" for every PermissionDenied with the
exception's traceback attached; a 403 (or 404) is the access rules working, not an error in the
code, so ``NoTracebackForClientErrors`` keeps the line and drops the traceback. 5xx keep theirs.
"""

from __future__ import annotations

import logging


class NoTracebackForClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
