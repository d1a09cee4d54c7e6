"""Domain errors as HTTP answers: ``{"detail": "<Chinese message>"}`` (plus ``errors`` on 422).

Log lines name the error's type and the route, never the error's message: messages may carry
what the officer typed or the parameters of a failed SQL statement (personal data).
"""

from __future__ import annotations

import logging
import traceback

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from assistant.errors import (
    AssistantNoReply,
    AssistantUnavailable,
    CaseNotFound,
    InvalidField,
    InvalidFields,
    InvalidPeriod,
    MalformedCaseId,
    MissingOutcome,
    NoCaseOpen,
    NoLifeSafetyAlert,
    QuanzuError,
)
from assistant.web.security import secure_headers

logger = logging.getLogger(__name__)

# The wording of the assistant's responses (domain.yml) where one exists.
INTERNAL_ERROR = "系统出错,刚才的操作没有完成,也没有保存。请再试一次;如仍失败,请先人工处理并纸面记录。"
ASSISTANT_UNAVAILABLE = "助手暂时不可用,请稍后重试"
OUTCOME_MISSING = (
    "请说明劝阻结果:劝阻成功 / 部分劝阻 / 劝阻失败 / 未接通 / 转派出所 / 误报,可带挽损金额,例如“劝阻成功,挽损8万”。"
)
INVALID_FORM = "填写的内容有误,请按提示修改"
INVALID_REQUEST = "请求格式不正确"
DATABASE_UNAVAILABLE = "数据库暂时不可用,刚才的操作没有保存,请稍后重试"
# A failure of the database connection (down, locked, pool exhausted), not of the request.
DATABASE_ERRORS = (OperationalError, InterfaceError, PoolTimeout)

# Pydantic error types, said in the officer's language.
_REQUEST_REASONS = {
    "value_error.missing": "必须填写",
    "type_error.none.not_allowed": "必须填写",
    "value_error.any_str.min_length": "不能为空",
    "value_error.any_str.max_length": "内容过长",
    "type_error.str": "应为文字",
    "type_error.dict": "应为对象",
}


def error_answer(error: QuanzuError) -> JSONResponse:
    """The HTTP answer for a domain error."""
    if isinstance(error, MalformedCaseId):
        return _json(400, f"“{error.case_id}”不是有效的案件编号。编号格式为 YJ+8位日期+3位序号,例如 YJ20261125001。")
    if isinstance(error, CaseNotFound):
        return _json(404, f"没有找到案件 {error.case_id}。请核对编号(YJ+8位日期+3位序号)。")
    if isinstance(error, InvalidField):
        return _json(422, f"{error.reason}。", {error.field: error.reason})
    if isinstance(error, InvalidFields):
        return _json(422, INVALID_FORM, error.errors)
    if isinstance(error, InvalidPeriod):
        return _json(422, f"{error.reason}。")
    if isinstance(error, MissingOutcome):
        return _json(422, OUTCOME_MISSING, {"outcome": OUTCOME_MISSING})
    if isinstance(error, NoLifeSafetyAlert):
        return _json(409, "这段对话当前没有生命安全警报,无需派警。")
    if isinstance(error, NoCaseOpen):
        return _json(409, f"{error.operation}需要先打开案件。")
    if isinstance(error, AssistantNoReply):
        # The assistant's own explanation: which step failed and that nothing was saved.
        logger.warning("the assistant gave no reply (an action or the database failed)")
        return _json(503, error.message or ASSISTANT_UNAVAILABLE)
    if isinstance(error, AssistantUnavailable):
        logger.warning("assistant unavailable at %s", error.url)
        return _json(503, ASSISTANT_UNAVAILABLE)
    logger.error("unhandled domain error: %s", type(error).__name__)
    return _json(500, INTERNAL_ERROR)


def _json(status: int, detail: str, errors: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, object] = {"detail": detail}
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status)


async def _domain_error(request: Request, error: QuanzuError) -> JSONResponse:
    return error_answer(error)


async def _request_error(request: Request, error: RequestValidationError) -> JSONResponse:
    errors: dict[str, str] = {}
    explained: list[str] = []
    for item in error.errors():
        location = [str(part) for part in item.get("loc", ()) if part != "body"]
        kind = str(item.get("type"))
        if kind == "value_error":  # a validator of assistant.web.schemas, with the officer's wording
            reason = str(item.get("msg"))
            explained.append(reason)
        else:
            reason = _REQUEST_REASONS.get(kind, "格式不正确")
        errors.setdefault(".".join(location) or "body", reason)
    return _json(422, explained[0] if explained else INVALID_REQUEST, errors)


async def _database_error(request: Request, error: Exception) -> JSONResponse:
    logger.error("database unavailable: %s %s (%s)", request.method, request.url.path, type(error).__name__)
    return _json(503, DATABASE_UNAVAILABLE)


async def _unexpected_error(request: Request, error: Exception) -> JSONResponse:
    # The traceback's frames, not the exception's message (it may quote personal data).
    frames = "".join(traceback.format_tb(error.__traceback__))
    logger.error("request failed: %s %s (%s)\n%s", request.method, request.url.path, type(error).__name__, frames)
    answer = _json(500, INTERNAL_ERROR)
    # This answer is sent from outside the middleware stack, so it gets its headers here.
    secure_headers(answer.headers, request.url.path)
    return answer


def install_error_handlers(app: FastAPI) -> None:
    """Answer domain errors, malformed requests, database outages and unexpected failures in the API's JSON shape."""
    app.add_exception_handler(QuanzuError, _domain_error)
    app.add_exception_handler(RequestValidationError, _request_error)
    for database_error in DATABASE_ERRORS:
        app.add_exception_handler(database_error, _database_error)
    app.add_exception_handler(Exception, _unexpected_error)
