"""Access rights of attributes and methods (Gurux's ``AccessMode``, ``AccessMode3``, ``MethodAccessMode``)."""

from __future__ import annotations

from enum import IntEnum, IntFlag


class AccessMode(IntEnum):
    """Attribute access of Association LN versions 0-2."""

    NO_ACCESS = 0
    READ = 1
    WRITE = 2
    READ_WRITE = 3
    AUTHENTICATED_READ = 4
    AUTHENTICATED_WRITE = 5
    AUTHENTICATED_READ_WRITE = 6


class AccessMode3(IntFlag):
    """Attribute access of Association LN version 3 (flags)."""

    NO_ACCESS = 0
    READ = 1
    WRITE = 2
    READ_WRITE = 3
    AUTHENTICATED_REQUEST = 4
    ENCRYPTED_REQUEST = 8
    DIGITALLY_SIGNED_REQUEST = 16
    AUTHENTICATED_RESPONSE = 32
    ENCRYPTED_RESPONSE = 64
    DIGITALLY_SIGNED_RESPONSE = 128


class MethodAccessMode(IntEnum):
    """Method access of Association LN versions 0-2."""

    NO_ACCESS = 0
    ACCESS = 1
    AUTHENTICATED_ACCESS = 2


class MethodAccessMode3(IntFlag):
    """Method access of Association LN version 3 (flags)."""

    NO_ACCESS = 0
    ACCESS = 1
    AUTHENTICATED_REQUEST = 4
    ENCRYPTED_REQUEST = 8
    DIGITALLY_SIGNED_REQUEST = 16
    AUTHENTICATED_RESPONSE = 32
    ENCRYPTED_RESPONSE = 64
    DIGITALLY_SIGNED_RESPONSE = 128


def can_read(mode: int) -> bool:
    """True when an access mode (v0-2 value) allows reading."""
    return mode in (AccessMode.READ, AccessMode.READ_WRITE, AccessMode.AUTHENTICATED_READ,
                    AccessMode.AUTHENTICATED_READ_WRITE)


def can_write(mode: int) -> bool:
    """True when an access mode (v0-2 value) allows writing."""
    return mode in (AccessMode.WRITE, AccessMode.READ_WRITE, AccessMode.AUTHENTICATED_WRITE,
                    AccessMode.AUTHENTICATED_READ_WRITE)


__all__ = ["AccessMode", "AccessMode3", "MethodAccessMode", "MethodAccessMode3", "can_read", "can_write"]
