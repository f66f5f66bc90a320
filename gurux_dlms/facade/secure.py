"""``GXDLMSSecureClient`` and ``GXCiphering``: the Gurux secure client over the engine's security."""

from __future__ import annotations

from typing import Any

from ..security.enums import Authentication, Security, SecuritySuite
from ..security.keys import SecuritySettings, unwrap_key, wrap_key
from ..session.enums import InterfaceType
from .client import GXDLMSClient
from .settings import add_accessors


def _bytes(value: Any) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, str):
        from ..data.byte_buffer import GXByteBuffer

        return bytes(GXByteBuffer.hexToBytes(value)) if GXByteBuffer.isHexString(value) else value.encode()
    return bytes(value)


def _key_property(attribute: str, doc: str) -> property:
    def get(self: GXCiphering) -> Any:
        value = getattr(self._keys, attribute)
        return None if value is None else bytearray(value)

    def set_(self: GXCiphering, value: Any) -> None:
        setattr(self._keys, attribute, _bytes(value))
        self._keys.__post_init__()  # validate sizes

    return property(get, set_, doc=doc)


class GXCiphering:
    """Gurux's ciphering settings (``client.ciphering``), stored in the engine's SecuritySettings.

    Keys never appear in ``repr()``.
    """

    def __init__(self, systemTitle: bytes | str | None = b"ABCDEFGH", keys: SecuritySettings | None = None) -> None:
        self._keys = keys if keys is not None else SecuritySettings()
        if systemTitle is not None:
            self._keys.system_title = _bytes(systemTitle) or b"ABCDEFGH"
            self._keys.__post_init__()

    @property
    def settings(self) -> SecuritySettings:
        """The engine's security settings behind this object."""
        return self._keys

    @property
    def security(self) -> Security:
        return Security(self._keys.security)

    @security.setter
    def security(self, value: Security | int) -> None:
        self._keys.security = Security(value)

    @property
    def securitySuite(self) -> SecuritySuite:
        return SecuritySuite(self._keys.security_suite)

    @securitySuite.setter
    def securitySuite(self, value: SecuritySuite | int) -> None:
        self._keys.security_suite = SecuritySuite(value)

    systemTitle = _key_property("system_title", "The client system title (8 bytes).")
    blockCipherKey = _key_property("block_cipher_key", "The global unicast encryption key.")
    authenticationKey = _key_property("authentication_key", "The authentication key.")
    dedicatedKey = _key_property("dedicated_key", "The dedicated key sent in the AARQ (None: not used).")
    broadcastBlockCipherKey = _key_property("broadcast_key", "The global broadcast encryption key.")
    recipientSystemTitle = _key_property("recipient_system_title", "The server system title, when known.")
    kek = _key_property("kek", "The key encryption key (master key) used for key transfer.")

    @property
    def invocationCounter(self) -> int:
        return int(self._keys.invocation_counter)

    @invocationCounter.setter
    def invocationCounter(self, value: int) -> None:
        self._keys.invocation_counter.value = int(value)

    @property
    def signingKeyPair(self) -> Any:
        return self._keys.signing_key_pair

    @signingKeyPair.setter
    def signingKeyPair(self, value: Any) -> None:
        self._keys.signing_key_pair = value

    @property
    def keyAgreementKeyPair(self) -> Any:
        return self._keys.key_agreement_key_pair

    @keyAgreementKeyPair.setter
    def keyAgreementKeyPair(self, value: Any) -> None:
        self._keys.key_agreement_key_pair = value

    def isCiphered(self) -> bool:
        return self._keys.is_ciphered

    def reset(self) -> None:
        """Back to no security and invocation counter 0."""
        self._keys.reset()

    def __repr__(self) -> str:
        return f"GXCiphering({self._keys!r})"


add_accessors(GXCiphering, ["security", "securitySuite", "systemTitle", "blockCipherKey", "authenticationKey",
                            "dedicatedKey", "invocationCounter", "recipientSystemTitle"])


class GXDLMSSecureClient(GXDLMSClient):
    """A GXDLMSClient with ciphering (``ciphering``: a GXCiphering, Gurux's default keys).

    Unlike Gurux's, it defaults to logical name referencing, as the plain client does.
    """

    def __init__(self, useLogicalNameReferencing: bool = True, clientAddress: int = 16,
                 serverAddress: int = 1, forAuthentication: Authentication | int = Authentication.NONE,
                 password: str | bytes | None = None,
                 interfaceType: InterfaceType | int = InterfaceType.HDLC) -> None:
        super().__init__(useLogicalNameReferencing, clientAddress, serverAddress, forAuthentication, password,
                         interfaceType)
        self.ciphering = GXCiphering(b"ABCDEFGH", self.session.security)
        self._allow_ciphering = True

    @property
    def securitySuite(self) -> SecuritySuite:
        return self.ciphering.securitySuite

    @securitySuite.setter
    def securitySuite(self, value: SecuritySuite | int) -> None:
        self.ciphering.securitySuite = value

    @property
    def serverSystemTitle(self) -> bytes | None:
        """A server system title known in advance (pre-established associations)."""
        return self.session.server_system_title

    @serverSystemTitle.setter
    def serverSystemTitle(self, value: bytes | None) -> None:
        self.session.server_system_title = None if value is None else bytes(value)
        self.session.security.recipient_system_title = self.session.server_system_title

    def snrmRequest(self) -> bytearray | None:
        self._allow_ciphering = True
        return super().snrmRequest()

    @classmethod
    def encrypt(cls, kek: bytes, data: bytes) -> bytes:
        """AES key wrap (RFC 3394) of ``data`` with the 16-byte ``kek`` (key transfer)."""
        return wrap_key(bytes(kek), bytes(data))

    @classmethod
    def decrypt(cls, kek: bytes, data: bytes) -> bytes:
        """AES key unwrap (RFC 3394)."""
        return unwrap_key(bytes(kek), bytes(data))


__all__ = ["GXCiphering", "GXDLMSSecureClient"]
