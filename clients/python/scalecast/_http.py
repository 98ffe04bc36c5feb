"""JSON over HTTP with the standard library, turning ScaleCast's answers into values or the client's errors."""

import json
import urllib.error
import urllib.parse
import urllib.request

from .errors import RefusedError, UnavailableError


class Http:
    """Sends JSON requests to one base URL with a bearer key."""

    def __init__(self, base_url, key, timeout=10.0):
        self.base_url = base_url.rstrip("/")
        self._key = key
        self.timeout = timeout

    def get(self, path, **query):
        params = {k: _text(v) for k, v in query.items() if v is not None}
        suffix = "?" + urllib.parse.urlencode(params) if params else ""
        return self.request("GET", path + suffix)

    def request(self, method, path, body=None):
        """The answer's JSON (None when empty); RefusedError on a 4xx but 429, UnavailableError otherwise."""
        data = None if body is None else json.dumps(body, allow_nan=False).encode("utf-8")
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self._key:
            request.add_header("Authorization", "Bearer " + self._key)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            raise _refusal(error) from None
        except (urllib.error.URLError, OSError) as error:
            # Connection refused or reset, DNS, timeout: the service may be back in a moment.
            raise UnavailableError("%s %s: %s" % (method, self.base_url + path, _reason(error))) from None
        return json.loads(raw) if raw else None


def _refusal(error):
    raw = error.read()
    try:
        body = json.loads(raw) if raw else {}
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    message = body.get("error") or "HTTP %d %s" % (error.code, error.reason)
    if error.code == 429 or error.code >= 500:
        return UnavailableError(message, _retry_after(error.headers.get("Retry-After")))
    return RefusedError(error.code, message, body.get("field"), body.get("index"), body)


def _retry_after(value):
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _reason(error):
    return str(getattr(error, "reason", None) or error)


def _text(value):
    if isinstance(value, (list, tuple)):
        return ",".join(_text(v) for v in value)
    return repr(value) if isinstance(value, float) else str(value)
