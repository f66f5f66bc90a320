"""Image transfer (class 18): firmware upgrade in blocks, then verification and activation.

The client initiates a transfer (identifier and size), sends the image block by block,
asks the meter to verify it and finally to activate it.  The server side here keeps the
blocks, tracks which arrived (``imageTransferredBlocksStatus``, one bit per block) and
moves ``imageTransferStatus`` through the states of the Blue Book.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from ...data.types import DataType, GXArray, GXBitString, GXInt8, GXStructure, GXUInt32
from ...errors import ConfigurationError
from ..access import AccessMode
from ..base import Attribute, GXDLMSObject, Method, ValueEventArgs
from ..object_type import ObjectType
from ..registry import register_class
from .setup_values import integer, items, members, octets

#: action results (data-access-result values) the server answers with
READ_WRITE_DENIED = 3
OTHER_REASON = 250


class ImageTransferStatus(IntEnum):
    """Attribute 6: where the transfer is."""

    IMAGE_TRANSFER_NOT_INITIATED = 0
    IMAGE_TRANSFER_INITIATED = 1
    IMAGE_VERIFICATION_INITIATED = 2
    IMAGE_VERIFICATION_SUCCESSFUL = 3
    IMAGE_VERIFICATION_FAILED = 4
    IMAGE_ACTIVATION_INITIATED = 5
    IMAGE_ACTIVATION_SUCCESSFUL = 6
    IMAGE_ACTIVATION_FAILED = 7


@dataclass
class GXDLMSImageActivateInfo:
    """One image ready to be activated: its size, identification and signature."""

    size: int = 0
    identification: bytes = b""
    signature: bytes = b""


def _info_to_data(obj: Any, settings: Any) -> GXArray:
    return GXArray(GXStructure([GXUInt32(info.size), bytearray(info.identification), bytearray(info.signature)])
                   for info in obj.imageActivateInfo)


def _info_from_data(obj: Any, value: Any, settings: Any) -> None:
    what = "image to activate info"
    result = []
    for entry in items(value, what):
        fields = members(entry, 3, what)
        result.append(GXDLMSImageActivateInfo(integer(fields[0], f"{what} size"), octets(fields[1], what),
                                              octets(fields[2], what)))
    obj.imageActivateInfo = result


def _as_bytes(value: Any) -> bytes:
    return value.encode("latin-1") if isinstance(value, str) else bytes(value)


@register_class
class GXDLMSImageTransfer(GXDLMSObject):
    """A COSEM Image transfer object (firmware upgrade)."""

    CLASS_ID = ObjectType.IMAGE_TRANSFER
    VERSION = 0
    DEFAULT_LN = "0.0.44.0.0.255"
    ATTRIBUTES = (
        Attribute(2, "imageBlockSize", "Image Block Size", DataType.UINT32, default=200, static=True),
        Attribute(3, "imageTransferredBlocksStatus", "Image Transferred Blocks Status", DataType.BITSTRING),
        Attribute(4, "imageFirstNotTransferredBlockNumber", "Image First Not Transferred Block Number",
                  DataType.UINT32, default=0),
        Attribute(5, "imageTransferEnabled", "Image Transfer Enabled", DataType.BOOLEAN, default=True,
                  access=AccessMode.READ_WRITE),
        Attribute(6, "imageTransferStatus", "Image Transfer Status", DataType.ENUM,
                  default=ImageTransferStatus.IMAGE_TRANSFER_NOT_INITIATED, enum=ImageTransferStatus),
        Attribute(7, "imageActivateInfo", "Image Activate Info", DataType.ARRAY, factory=list,
                  to_data=_info_to_data, from_data=_info_from_data),
    )
    METHODS = (
        Method(1, "imageTransferInitiate", "Image transfer initiate", DataType.STRUCTURE),
        Method(2, "imageBlockTransfer", "Image block transfer", DataType.STRUCTURE),
        Method(3, "imageVerify", "Image verify", DataType.INT8),
        Method(4, "imageActivate", "Image activate", DataType.INT8),
    )

    imageBlockSize: int
    imageFirstNotTransferredBlockNumber: int
    imageTransferEnabled: bool
    imageTransferStatus: ImageTransferStatus | int
    imageActivateInfo: list[GXDLMSImageActivateInfo]

    def __init__(self, ln: str | None = None, sn: int = 0) -> None:
        super().__init__(ln, sn)
        self.imageIdentifier: bytes = b""
        self.imageSize: int = 0
        self.blocks: dict[int, bytes] = {}
        self.activatedImage: bytes | None = None
        self._bits = bytearray()  # b"0"/b"1" per block: setting one is O(1) on large images

    @property
    def imageTransferredBlocksStatus(self) -> GXBitString:
        """One bit per block of the image, set when the block has arrived."""
        return GXBitString(self._bits.decode("ascii"))

    @imageTransferredBlocksStatus.setter
    def imageTransferredBlocksStatus(self, value: Any) -> None:
        self._bits = bytearray(str(GXBitString(value)).encode("ascii"))

    # --- client helpers (Gurux names) --------------------------------------------------------------
    def getImageBlockCount(self, image: bytes | int) -> int:
        """How many blocks of ``imageBlockSize`` bytes ``image`` (bytes or a size) takes."""
        if self.imageBlockSize <= 0:
            raise ConfigurationError("image block size", expected="a positive number", found=self.imageBlockSize)
        size = image if isinstance(image, int) else len(image)
        return -(-size // self.imageBlockSize)

    def imageTransferInitiate(self, client: Any, imageIdentifier: bytes | str, forImageSize: int) -> Any:
        """Frames that start a transfer of ``forImageSize`` bytes named ``imageIdentifier``."""
        self.getImageBlockCount(0)
        value = GXStructure([bytearray(_as_bytes(imageIdentifier)), GXUInt32(forImageSize)])
        return self._method_request(client, 1, value)

    def imageBlockTransfer(self, client: Any, imageBlockValue: bytes, imageBlockCount: list[int] | None = None) -> Any:
        """Frames of every block of ``imageBlockValue``; ``imageBlockCount[0]`` gets the block count."""
        count = self.getImageBlockCount(imageBlockValue)
        if imageBlockCount is not None:
            if imageBlockCount:
                imageBlockCount[0] = count
            else:
                imageBlockCount.append(count)
        frames: list[Any] = []
        size = self.imageBlockSize
        for number in range(count):
            block = bytearray(imageBlockValue[number * size:(number + 1) * size])
            frames.extend(self._method_request(client, 2, GXStructure([GXUInt32(number), block])))
        return frames

    def imageVerify(self, client: Any) -> Any:
        return self._method_request(client, 3, GXInt8(0))

    def imageActivate(self, client: Any) -> Any:
        return self._method_request(client, 4, GXInt8(0))

    # --- server side --------------------------------------------------------------------------------
    @property
    def image(self) -> bytes:
        """The blocks received so far, joined in order."""
        return b"".join(self.blocks[number] for number in sorted(self.blocks))

    def invoke(self, settings: Any, e: ValueEventArgs) -> Any:
        handler = {1: self._initiate, 2: self._block, 3: self._verify, 4: self._activate}.get(e.index)
        if handler is None:
            return super().invoke(settings, e)
        handler(e)
        return None

    def _initiate(self, e: ValueEventArgs) -> None:
        if not self.imageTransferEnabled:
            e.error = READ_WRITE_DENIED
            return
        fields = members(e.parameters, 2, "image transfer initiate")
        self.imageIdentifier = octets(fields[0], "image identifier")
        self.imageSize = integer(fields[1], "image size")
        self.blocks = {}
        self.activatedImage = None
        self._bits = bytearray(b"0" * self.getImageBlockCount(self.imageSize))
        self.imageFirstNotTransferredBlockNumber = 0
        self.imageActivateInfo = []
        self.imageTransferStatus = ImageTransferStatus.IMAGE_TRANSFER_INITIATED

    def _block(self, e: ValueEventArgs) -> None:
        fields = members(e.parameters, 2, "image block transfer")
        number = integer(fields[0], "image block number")
        block = octets(fields[1], "image block value")
        bits = self._bits
        if (self.imageTransferStatus != ImageTransferStatus.IMAGE_TRANSFER_INITIATED or not 0 <= number < len(bits)
                or len(block) > self.imageBlockSize):
            e.error = READ_WRITE_DENIED
            return
        self.blocks[number] = block
        bits[number] = 0x31
        first = self.imageFirstNotTransferredBlockNumber
        while first < len(bits) and bits[first] == 0x31:
            first += 1
        self.imageFirstNotTransferredBlockNumber = first

    def _verify(self, e: ValueEventArgs) -> bool:
        complete = (b"0" not in self._bits and len(self.image) == self.imageSize
                    and self.imageTransferStatus != ImageTransferStatus.IMAGE_TRANSFER_NOT_INITIATED)
        if complete:
            self.imageTransferStatus = ImageTransferStatus.IMAGE_VERIFICATION_SUCCESSFUL
            self.imageActivateInfo = [GXDLMSImageActivateInfo(self.imageSize, self.imageIdentifier, b"")]
        else:
            self.imageTransferStatus = ImageTransferStatus.IMAGE_VERIFICATION_FAILED
            e.error = OTHER_REASON
        return complete

    def _activate(self, e: ValueEventArgs) -> None:
        if self.imageTransferStatus not in (ImageTransferStatus.IMAGE_VERIFICATION_SUCCESSFUL,
                                            ImageTransferStatus.IMAGE_ACTIVATION_SUCCESSFUL) and not self._verify(e):
            self.imageTransferStatus = ImageTransferStatus.IMAGE_ACTIVATION_FAILED
            return
        self.activatedImage = self.image
        self.imageTransferStatus = ImageTransferStatus.IMAGE_ACTIVATION_SUCCESSFUL


__all__ = ["GXDLMSImageActivateInfo", "GXDLMSImageTransfer", "ImageTransferStatus"]
