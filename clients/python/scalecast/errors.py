"""The errors the client raises: a refusal names the field at fault, as ScaleCast's error body does."""


class ScaleCastError(Exception):
    """Something ScaleCast could not do for this client."""


class RefusedError(ScaleCastError):
    """A 4xx answer: the request itself is at fault and sending it again would not help.

    ``status`` is the HTTP status, ``field`` the field ScaleCast named (or None), ``index`` the batch item at fault
    (or None) and ``body`` the whole error body.
    """

    def __init__(self, status, message, field=None, index=None, body=None):
        super().__init__(message)
        self.status = status
        self.field = field
        self.index = index
        self.body = body or {}


class UnavailableError(ScaleCastError):
    """ScaleCast did not answer (connection refused, timeout) or answered 5xx or 429."""

    def __init__(self, message, retry_after=None):
        super().__init__(message)
        self.retry_after = retry_after
