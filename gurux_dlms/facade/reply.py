"""``GXReplyData``: what a Gurux-style client has received so far for one request."""

from __future__ import annotations

from typing import Any

from ..apdu.common import ErrorCode
from ..data.byte_buffer import GXByteBuffer
from ..session.enums import RequestTypes


class GXReplyData:
    """The state of one reply: accumulated data, the decoded value, and what is still missing.

    ``moreData`` tells the caller what to do next: FRAME (send ``receiverReady``: an HDLC
    segment came), DATABLOCK (ask for the next data block), GBT (acknowledge a window).
    """

    def __init__(self, more: RequestTypes = RequestTypes.NONE, cmd: int = 0, buff: Any = None,
                 complete: bool = False, error: int = 0) -> None:
        self.data = GXByteBuffer() if buff is None else buff
        self.moreData = int(more)  # RequestTypes flags, kept as an int: it changes on every frame
        self.command = cmd
        self.commandType = 0
        self.error = error
        self.complete = complete
        self.clear_value()

    def clear_value(self) -> None:
        self.value: Any = None
        self.valueType = 0
        self.frameId = 0
        self.invokeId = 0
        self.blockNumber = 0
        self.blockNumberAck = 0
        self.streaming = False
        self.gbtWindowSize = 0
        self.totalCount = 0
        self.readPosition = 0
        self.packetLength = 0
        self.time: Any = None
        self.xml: str | None = None
        self.targetAddress = 0
        self.sourceAddress = 0
        self.cipheredCommand = 0
        self.gateway: Any = None
        self.echo: Any = None
        self.peek = False
        self.lastBlock = True
        self.results: list[Any] | None = None
        self.notification: Any = None

    def clear(self) -> None:
        """Forget everything (before the next request)."""
        self.data = GXByteBuffer()
        self.moreData = 0
        self.command = 0
        self.commandType = 0
        self.error = 0
        self.complete = False
        self.clear_value()

    # --- Gurux accessors ------------------------------------------------------------------
    def isMoreData(self) -> bool:
        """True while frames, blocks or GBT windows are still to come."""
        return self.moreData != 0 and self.error == 0

    def isNotify(self) -> bool:
        """True when the data is an unsolicited notification."""
        return self.command in (0x0F, 0xC2, 0x18)

    def isComplete(self) -> bool:
        return self.complete

    def isStreaming(self) -> bool:
        return self.streaming

    def getError(self) -> int:
        return self.error

    def getErrorMessage(self) -> str:
        """The text Gurux prints for a data-access error."""
        return error_message(self.error)

    def getTotalCount(self) -> int:
        return self.totalCount

    def getCount(self) -> int:
        return len(self.value) if isinstance(self.value, list) else 0

    def getValue(self) -> Any:
        return self.value

    def getData(self) -> GXByteBuffer:
        return self.data

    def __str__(self) -> str:
        return self.xml if self.xml is not None else str(self.data)


_MESSAGES = {
    ErrorCode.HARDWARE_FAULT: "Access Error : Device reports a hardware fault.",
    ErrorCode.TEMPORARY_FAILURE: "Access Error : Device reports a temporary failure.",
    ErrorCode.READ_WRITE_DENIED: "Access Error : Device reports Read-Write denied.",
    ErrorCode.UNDEFINED_OBJECT: "Access Error : Device reports a undefined object.",
    ErrorCode.INCONSISTENT_CLASS: "Access Error : Device reports a inconsistent Class or object.",
    ErrorCode.UNAVAILABLE_OBJECT: "Access Error : Device reports a unavailable object.",
    ErrorCode.UNMATCHED_TYPE: "Access Error : Device reports a unmatched type.",
    ErrorCode.ACCESS_VIOLATED: "Access Error : Device reports scope of access violated.",
    ErrorCode.DATA_BLOCK_UNAVAILABLE: "Access Error : Data Block Unavailable.",
    ErrorCode.LONG_GET_OR_READ_ABORTED: "Access Error : Long Get Or Read Aborted.",
    ErrorCode.NO_LONG_GET_OR_READ_IN_PROGRESS: "Access Error : No Long Get Or Read In Progress.",
    ErrorCode.LONG_SET_OR_WRITE_ABORTED: "Access Error : Long Set Or Write Aborted.",
    ErrorCode.NO_LONG_SET_OR_WRITE_IN_PROGRESS: "Access Error : No Long Set Or Write In Progress.",
    ErrorCode.DATA_BLOCK_NUMBER_INVALID: "Access Error : Data Block Number Invalid.",
    ErrorCode.OTHER_REASON: "Access Error : Other Reason.",
}


def error_message(code: int) -> str:
    """Gurux's text for a data-access-result (e.g. 4: 'Access Error : Device reports a undefined object.')."""
    try:
        return _MESSAGES.get(ErrorCode(code), f"Access Error : {ErrorCode(code).name}.")
    except ValueError:
        return f"Access Error : Unknown error {code}."


__all__ = ["GXReplyData", "error_message"]
