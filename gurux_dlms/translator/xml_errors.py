"""ExceptionResponse and ConfirmedServiceError in XML.

Gurux writes every ConfirmedServiceError in STANDARD_XML as ``x:initiateError`` whatever
service failed (so a failed read comes back as a failed initiate); the element here is the
one the Green Book's CHOICE names for the service (``x:read``, ``x:write`` ...).
"""

from __future__ import annotations

from typing import Any

from ..apdu.service_errors import (
    SERVICE_ERROR_DETAILS,
    ConfirmedService,
    ConfirmedServiceError,
    ExceptionResponse,
    ExceptionServiceError,
    ServiceError,
    StateError,
    enum_or_int,
    service_error_detail,
)
from .data_build import Context
from .names import Names, camel, kebab
from .reader import Node
from .registry import builds, renders
from .writer import XmlWriter
from .xml_common import read_number

STATE_ERROR = Names.of_enum(StateError)
EXCEPTION_SERVICE_ERROR = Names.of_enum(ExceptionServiceError)

#: STANDARD_XML element of each confirmed service (the ConfirmedServiceError CHOICE)
_SERVICE_ELEMENTS = {
    ConfirmedService.INITIATE_ERROR: "initiateError", ConfirmedService.GET_STATUS: "getStatus",
    ConfirmedService.GET_NAME_LIST: "getNameList", ConfirmedService.GET_VARIABLE_ATTRIBUTE: "getVariableAttribute",
    ConfirmedService.READ: "read", ConfirmedService.WRITE: "write",
    ConfirmedService.GET_DATA_SET_ATTRIBUTE: "getDataSetAttribute",
    ConfirmedService.GET_TI_ATTRIBUTE: "getTIAttribute", ConfirmedService.CHANGE_SCOPE: "changeScope",
    ConfirmedService.START: "start", ConfirmedService.STOP: "stop", ConfirmedService.RESUME: "resume",
    ConfirmedService.MAKE_USABLE: "makeUsable", ConfirmedService.INITIATE_LOAD: "initiateLoad",
    ConfirmedService.LOAD_SEGMENT: "loadSegment", ConfirmedService.TERMINATE_LOAD: "terminateLoad",
    ConfirmedService.INITIATE_UP_LOAD: "initiateUpLoad", ConfirmedService.UP_LOAD_SEGMENT: "upLoadSegment",
    ConfirmedService.TERMINATE_UP_LOAD: "terminateUpLoad",
}
_SERVICE_BY_ELEMENT = {name.lower(): int(code) for code, name in _SERVICE_ELEMENTS.items()}

#: element of each error class (SIMPLE_XML, STANDARD_XML)
_CLASS_ELEMENTS: dict[int, tuple[str, str]] = {
    ServiceError.APPLICATION_REFERENCE: ("ApplicationReference", "application-reference"),
    ServiceError.HARDWARE_RESOURCE: ("HardwareResource", "hardware-resource"),
    ServiceError.VDE_STATE_ERROR: ("VdeStateError", "vde-state-error"),
    ServiceError.SERVICE: ("Service", "service"),
    ServiceError.DEFINITION: ("Definition", "definition"),
    ServiceError.ACCESS: ("Access", "access"),
    ServiceError.INITIATE: ("Initiate", "initiate"),
    ServiceError.LOAD_DATA_SET: ("LoadDataSet", "load-data-set"),
    ServiceError.CHANGE_SCOPE: ("ChangeScope", "change-scope"),
    ServiceError.TASK: ("Task", "task"),
    ServiceError.OTHER_ERROR: ("Other", "other"),
}
_CLASS_BY_ELEMENT = {name.lower(): int(code) for code, names in _CLASS_ELEMENTS.items() for name in names}
_DETAIL_NAMES: dict[int, Names] = {int(code): Names.of_enum(enum) for code, enum in SERVICE_ERROR_DETAILS.items()}


@renders(ExceptionResponse)
def _exception_response(w: XmlWriter, apdu: ExceptionResponse) -> None:
    w.start("ExceptionResponse")
    w.value("StateError", STATE_ERROR.name(apdu.state_error, w.standard))
    w.value("ServiceError", EXCEPTION_SERVICE_ERROR.name(apdu.service_error, w.standard))
    if apdu.invocation_counter is not None:
        w.number("InvocationCounter", apdu.invocation_counter, 8)
    w.end("ExceptionResponse")


@builds("ExceptionResponse")
def _build_exception_response(node: Node, ctx: Context) -> Any:
    state = enum_or_int(StateError, STATE_ERROR.code(node.need("StateError")))
    service = enum_or_int(ExceptionServiceError, EXCEPTION_SERVICE_ERROR.code(node.need("ServiceError")))
    counter = None
    if node.child("InvocationCounter") is not None:
        counter = read_number(node, "InvocationCounter", ctx, 8)
    return ExceptionResponse(state, service, counter)


def write_confirmed_service_error(w: XmlWriter, apdu: ConfirmedServiceError) -> None:
    """The ConfirmedServiceError element (also used inside an AARE's user-information)."""
    simple_class, standard_class = _CLASS_ELEMENTS.get(apdu.error, (str(apdu.error), str(apdu.error)))
    names = _DETAIL_NAMES.get(apdu.error)
    value = str(apdu.value) if names is None else names.name(apdu.value, w.standard)
    if w.standard:
        service = _SERVICE_ELEMENTS.get(apdu.service) or f"service-{int(apdu.service)}"  # type: ignore[call-overload]
        w.line("<x:confirmedServiceError>")
        w.line(f"  <x:{service}>")
        w.line(f"    <x:{standard_class}>{value}</x:{standard_class}>")
        w.line(f"  </x:{service}>")
        w.line("</x:confirmedServiceError>")
        return
    w.start("ConfirmedServiceError")
    w.number("Service", int(apdu.service), 2)
    w.start("ServiceError")
    w.line(f'<{simple_class} Value="{value}" />')
    w.end("ServiceError")
    w.end("ConfirmedServiceError")


renders(ConfirmedServiceError)(write_confirmed_service_error)


@builds("ConfirmedServiceError")
def read_confirmed_service_error(node: Node, ctx: Context) -> Any:
    holder = node.child("ServiceError")
    if holder is not None:
        service = read_number(node, "Service", ctx, 2)
    else:  # STANDARD_XML: the service is the element name
        if len(node.children) != 1:
            raise node.error("confirmedServiceError", expected="one service element",
                             found=f"{len(node.children)} elements")
        holder = node.children[0]
        local = holder.raw_name.split(":")[-1].lower()
        found = _SERVICE_BY_ELEMENT.get(local)
        if found is None and local.startswith("service-") and local[8:].isdigit():
            found = int(local[8:])
        if found is None:
            raise holder.error("confirmed service", expected="initiateError, read, write ...",
                               found=f"<{holder.raw_name}>")
        service = found
    if len(holder.children) != 1:
        raise holder.error("service error", expected="one error class element",
                           found=f"{len(holder.children)} elements")
    element = holder.children[0]
    error = _CLASS_BY_ELEMENT.get(element.raw_name.split(":")[-1].lower())
    if error is None:
        raise element.error("service error class", expected="Initiate, Access, HardwareResource ...",
                            found=f"<{element.raw_name}>")
    names = _DETAIL_NAMES.get(error)
    value = names.code(element) if names is not None else int(element.value)
    return ConfirmedServiceError(enum_or_int(ConfirmedService, service), ServiceError(error),
                                 service_error_detail(error, value))


__all__ = ["read_confirmed_service_error", "write_confirmed_service_error", "camel", "kebab"]
