// The comment form's limits, in a module of their own: the reading page's script (the selection's
// length) needs them without the form's schema (zod).
export const LIMITS = {
  minText: 10,
  name: 100,
  email: 254,
  phone: 20,
  onBehalfOf: 200,
  quote: 2000,
  /** «Đề xuất sửa thành» (ADR 047). */
  proposal: 10_000,
} as const;
