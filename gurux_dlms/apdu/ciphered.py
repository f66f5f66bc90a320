"""Ciphered APDUs: the envelopes and the functions that encipher and decipher them.

* service-specific envelopes ``glo-*`` (global key) and ``ded-*`` (dedicated key), one
  class per tag (:class:`GloGetRequest` 0xC8 ... :class:`DedActionResponse` 0xD7, the
  initiate, SN and notification ones);
* :class:`GeneralGloCiphering` (0xDB) and :class:`GeneralDedCiphering` (0xDC);
* :class:`GeneralCiphering` (0xDD) with its key information, :class:`GeneralSigning` (0xDF);
* :func:`encrypt_apdu` / :func:`decrypt_apdu` (and :func:`decipher`, which also returns the
  security control byte and the counter), :func:`encrypt_general`, :func:`sign_general`,
  :func:`verify_general`.

Importing this module registers every envelope with :func:`decode_apdu`.
"""

from __future__ import annotations

from . import ciphered_services, general_ciphering, protection
from .ciphered_services import *  # noqa: F403 - this module gathers the three
from .general_ciphering import *  # noqa: F403
from .protection import *  # noqa: F403

__all__ = [*ciphered_services.__all__, *general_ciphering.__all__, *protection.__all__]
