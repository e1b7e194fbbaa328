"""Why an action refused: a translated sentence for the user and a stable code for tests and logs."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.functional import Promise


class ActionError(Exception):
    """An action refused; nothing was changed."""

    code = "action_refused"

    def __init__(
        self, message: str | Promise, *, code: str | None = None, details: Sequence[str] = ()
    ) -> None:
        super().__init__(str(message))
        self.message = message
        if code is not None:
            self.code = code
        self.details = list(details)  # every located problem, when there are several


class StaleVersionError(ActionError):
    """The form was based on an older version: someone else saved in between."""

    code = "stale_version"


class TransitionError(ActionError):
    """The state machine does not allow this step from the current state, or not for this user."""

    code = "transition_not_allowed"


class IncompleteError(ActionError):
    """Submitting needs every line filled (or explained) and no blocking rule failure."""

    code = "incomplete"
