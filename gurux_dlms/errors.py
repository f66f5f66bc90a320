"""The exception tree of the library.

Every error the library raises is a :class:`DLMSError`.  The tree separates who is at
fault, so callers can decide what to do without parsing messages:

``LocalProtocolError``
    we were asked to do something illegal now, or a value cannot be encoded;
``RemoteProtocolError`` (``FrameError``, ``DecodeError``)
    the bytes we received are malformed;
``ServiceError``
    the meter understood us and said no (it carries the meter's code);
``SecurityError``
    ciphering, authentication or replay protection failed;
``TransportError``
    the medium failed or timed out;
``ConfigurationError``
    a setting given by the user is invalid.

Messages say what was expected, what was found and where, e.g.
``DecodeError: octet-string length at offset 12: expected at most 4 bytes, found 200``.
"""

from __future__ import annotations

from typing import Any


class DLMSError(Exception):
    """Base class of every error raised by the library.

    ``where`` is a position (byte offset, frame number, attribute) and ``expected`` /
    ``found`` describe the mismatch; all three are optional and are folded into ``str()``.
    """

    def __init__(
        self,
        message: str = "",
        *,
        where: Any = None,
        expected: Any = None,
        found: Any = None,
    ) -> None:
        self.message = message
        self.where = where
        self.expected = expected
        self.found = found
        super().__init__(self._compose())

    def _compose(self) -> str:
        text = self.message
        if self.where is not None:
            where = f"offset {self.where}" if isinstance(self.where, int) else str(self.where)
            text = f"{text} at {where}" if text else where
        details = []
        if self.expected is not None:
            details.append(f"expected {self.expected}")
        if self.found is not None:
            details.append(f"found {self.found}")
        if details:
            text = f"{text}: {', '.join(details)}" if text else ", ".join(details)
        return text

    @property
    def offset(self) -> int | None:
        """The byte offset of the problem, when it is one."""
        return self.where if isinstance(self.where, int) else None


class ProtocolError(DLMSError):
    """The DLMS/COSEM protocol was violated, by us or by the peer."""


class LocalProtocolError(ProtocolError):
    """An illegal call in the current state, or a value that cannot be encoded."""


class RemoteProtocolError(ProtocolError):
    """The peer (or a capture, or a file) sent something malformed."""


class FrameError(RemoteProtocolError):
    """An HDLC or WRAPPER frame is malformed: checksum, format, length or address."""


class DecodeError(RemoteProtocolError, ValueError):
    """An APDU or an A-XDR/BER value cannot be decoded."""


class ServiceError(DLMSError):
    """The meter answered, and the answer is a refusal.

    ``code`` is the numeric code the meter sent (a data-access-result, a diagnostic,
    a state/service error pair ...) and ``reason`` its name when it is known.
    """

    def __init__(self, message: str = "", *, code: Any = None, reason: str | None = None, **kw: Any) -> None:
        self.code = code
        self.reason = reason
        super().__init__(message, **kw)

    @property
    def errorCode(self) -> Any:
        """The code the meter sent (Gurux name)."""
        return self.code


class DataAccessError(ServiceError):
    """A GET/SET/ACTION/READ/WRITE returned a data-access-result other than success."""


class AssociationRejectedError(ServiceError):
    """The AARE rejected the association (result and diagnostic in ``code``)."""

    def __init__(self, message: str = "", *, result: int = 0, diagnostic: int = 0, **kw: Any) -> None:
        self.result = result
        self.diagnostic = diagnostic
        kw.setdefault("code", diagnostic)
        super().__init__(message, **kw)


class ExceptionResponseError(ServiceError):
    """The meter sent an ExceptionResponse (state error and service error)."""

    def __init__(self, message: str = "", *, state_error: int = 0, service_error: int = 0, **kw: Any) -> None:
        self.state_error = state_error
        self.service_error = service_error
        kw.setdefault("code", (state_error, service_error))
        super().__init__(message, **kw)


class ConfirmedServiceErrorError(ServiceError):
    """The meter sent a ConfirmedServiceError (service, error class and error code)."""

    def __init__(self, message: str = "", *, service: int = 0, error_class: int = 0, error: int = 0, **kw: Any) -> None:
        self.service = service
        self.error_class = error_class
        self.error = error
        kw.setdefault("code", (service, error_class, error))
        super().__init__(message, **kw)


class SecurityError(DLMSError):
    """Ciphering, authentication or replay protection failed."""


class AuthenticationError(SecurityError):
    """A GCM tag, a GMAC, an HLS answer or a signature did not verify."""


class DecryptionError(SecurityError):
    """A ciphered APDU cannot be deciphered (no key, unknown suite, bad layout)."""


class InvocationCounterError(SecurityError):
    """A received invocation counter did not increase: a replay, or a peer that lost count."""


class TransportError(DLMSError):
    """The medium failed."""


class DLMSTimeoutError(TransportError, TimeoutError):
    """No (complete) reply arrived in time, after the allowed retries."""


class MediaClosedError(TransportError):
    """The medium is closed, or was closed by the peer."""


class ConfigurationError(DLMSError, ValueError):
    """A setting or argument given by the user is invalid."""


__all__ = [
    "AssociationRejectedError",
    "AuthenticationError",
    "ConfigurationError",
    "ConfirmedServiceErrorError",
    "DLMSError",
    "DLMSTimeoutError",
    "DataAccessError",
    "DecodeError",
    "DecryptionError",
    "ExceptionResponseError",
    "FrameError",
    "InvocationCounterError",
    "LocalProtocolError",
    "MediaClosedError",
    "ProtocolError",
    "RemoteProtocolError",
    "SecurityError",
    "ServiceError",
    "TransportError",
]
