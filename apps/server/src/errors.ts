import { type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';

/**
 * The cause of every error the server raises on purpose: a machine code (`VERSION_CONFLICT`,
 * `FORBIDDEN_AGENCY` …), a 简体中文 message for people and details for programs.
 */
export class AppError extends Error {
  readonly appCode: string;
  readonly details: Record<string, unknown>;
  constructor(appCode: string, zhMessage: string, details: Record<string, unknown> = {}) {
    super(zhMessage);
    this.name = 'AppError';
    this.appCode = appCode;
    this.details = details;
  }
}

/** Throw a tRPC error whose message is 简体中文 and whose cause carries the machine code. */
export function fail(
  code: TRPC_ERROR_CODE_KEY,
  appCode: string,
  zhMessage: string,
  details: Record<string, unknown> = {},
): never {
  throw new TRPCError({ code, message: zhMessage, cause: new AppError(appCode, zhMessage, details) });
}

export const notFound = (what: string, details: Record<string, unknown> = {}): never =>
  fail('NOT_FOUND', 'NOT_FOUND', `${what}不存在或无权查看`, details);

export const forbidden = (zhMessage: string, details: Record<string, unknown> = {}): never =>
  fail('FORBIDDEN', 'FORBIDDEN', zhMessage, details);

/** Default 简体中文 messages for tRPC codes when the error did not come from `fail`. */
export const CODE_MESSAGES: Partial<Record<TRPC_ERROR_CODE_KEY, string>> = {
  PARSE_ERROR: '请求内容不是有效的 JSON',
  BAD_REQUEST: '请求参数有误',
  UNAUTHORIZED: '请先登录',
  FORBIDDEN: '没有权限执行此操作',
  NOT_FOUND: '请求的对象不存在',
  METHOD_NOT_SUPPORTED: '不支持的请求方法',
  TIMEOUT: '请求超时',
  CONFLICT: '数据已被他人修改',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  UNPROCESSABLE_CONTENT: '无法处理的内容',
  TOO_MANY_REQUESTS: '请求过于频繁，请稍后再试',
  INTERNAL_SERVER_ERROR: '服务器内部错误，请稍后再试',
  NOT_IMPLEMENTED: '此功能尚未提供',
};
