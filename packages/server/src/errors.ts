/**
 * One coded error for everything the server refuses, mapped to HTTP in one table. Messages come in Chinese and
 * English; `details` name the field, cell or rule at fault.
 */
export interface ErrorDetail {
  /** Where: a field path ("body.items.A1.score"), a cell ("T1!B3"), a file name or a rule code. */
  path: string;
  message: string;
}

const ERRORS = {
  validation: { status: 400, zh: "输入有误", en: "The input is invalid" },
  bad_json: { status: 400, zh: "请求内容不是有效的 JSON", en: "The request body is not valid JSON" },
  unauthenticated: { status: 401, zh: "请先登录", en: "Please sign in" },
  bad_credentials: { status: 401, zh: "用户名或密码错误", en: "Wrong user name or password" },
  csrf: { status: 403, zh: "缺少或错误的 CSRF 令牌", en: "Missing or wrong CSRF token" },
  forbidden: { status: 403, zh: "无权进行此操作", en: "You are not allowed to do this" },
  not_found: { status: 404, zh: "未找到", en: "Not found" },
  stale_version: {
    status: 409,
    zh: "数据已被他人修改，请刷新后再试",
    en: "Someone else changed this first; reload and try again",
  },
  conflict: { status: 409, zh: "与现有数据冲突", en: "This conflicts with existing data" },
  wrong_stage: {
    status: 409,
    zh: "当前阶段不允许此操作",
    en: "This is not allowed at the campaign's current stage",
  },
  locked: { status: 409, zh: "已提交或已锁定，不能修改", en: "Submitted or locked; it cannot be changed" },
  payload_too_large: { status: 413, zh: "内容超过大小限制", en: "The content is larger than allowed" },
  unsupported_media: { status: 415, zh: "不支持的文件或内容类型", en: "Unsupported file or content type" },
  invalid_scheme: { status: 422, zh: "指标体系校验未通过", en: "The scheme did not validate" },
  invalid_workbook: {
    status: 422,
    zh: "工作簿校验未通过，未作任何修改",
    en: "The workbook did not validate; nothing was changed",
  },
  incomplete: { status: 422, zh: "尚有未完成的内容", en: "Some required items are not complete" },
  invalid_template: { status: 422, zh: "文书模板校验未通过", en: "The document template did not validate" },
  account_locked: {
    status: 429,
    zh: "登录失败次数过多，账号暂时锁定",
    en: "Too many failed sign-ins; the account is locked for a while",
  },
  rate_limited: { status: 429, zh: "请求过于频繁，请稍后再试", en: "Too many requests; try again later" },
  internal: { status: 500, zh: "服务器内部错误", en: "Internal server error" },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetail[] = [],
    /** A more specific message than the table's, in both languages. */
    readonly specific?: { zh: string; en: string },
  ) {
    super(specific?.en ?? ERRORS[code].en);
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  toBody(): ErrorBody {
    const message = this.specific ?? { zh: ERRORS[this.code].zh, en: ERRORS[this.code].en };
    return { error: { code: this.code, message, details: this.details } };
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: { zh: string; en: string }; details: ErrorDetail[] };
}

export const errorStatus = (code: ErrorCode): number => ERRORS[code].status;
export const errorCodes = Object.keys(ERRORS) as ErrorCode[];

/** Shorthands for the common refusals. */
export const notFound = (what: string) =>
  new AppError("not_found", [{ path: what, message: `${what} not found` }]);
export const forbidden = (why: string) => new AppError("forbidden", [{ path: "actor", message: why }]);
export const invalid = (path: string, message: string) => new AppError("validation", [{ path, message }]);
