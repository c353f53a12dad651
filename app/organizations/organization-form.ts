import { z } from "zod";
import { normalizeText } from "~/text/normalize.ts";
import { ORGANIZATION_KINDS, ORGANIZATION_LEVELS, localityShape, type OrganizationKind, type OrganizationLevel } from "./kinds.ts";

// One schema for the organization form (the page) and the service: names, codes, level, kind,
// parent and locality as a person enters them.

export const CODE_PATTERN = /^[\p{L}\p{N}._-]{1,50}$/u;
export const CODE_MESSAGE = "Mã tổ chức gồm chữ, số và các dấu . _ - (tối đa 50 ký tự), không có dấu cách.";

const line = (s: unknown) => (typeof s === "string" ? normalizeText(s, { multiline: false }) : s);
const optional = (s: unknown) => {
  const value = line(s);
  return value === "" || value === undefined ? null : value;
};

export const organizationNameSchema = z.preprocess(
  line,
  z
    .string({ required_error: "Vui lòng nhập tên tổ chức." })
    .min(2, "Vui lòng nhập tên tổ chức (ít nhất 2 ký tự).")
    .max(200, "Tên tổ chức dài tối đa 200 ký tự."),
);

export const organizationCodeSchema = z.preprocess(optional, z.string().regex(CODE_PATTERN, CODE_MESSAGE).nullable());

export interface OrganizationValues {
  name: string;
  code: string | null;
  level: OrganizationLevel;
  kind: OrganizationKind;
  parentId: string | null;
  localityCode: string | null;
}

/** The page sends a province and a commune list; the level says which of the two is the locality. */
export const organizationFormSchema = z
  .object({
    name: organizationNameSchema,
    code: organizationCodeSchema,
    level: z.enum(ORGANIZATION_LEVELS, { errorMap: () => ({ message: "Vui lòng chọn cấp của tổ chức." }) }),
    kind: z.enum(ORGANIZATION_KINDS, { errorMap: () => ({ message: "Vui lòng chọn loại tổ chức." }) }),
    parentId: z.preprocess(optional, z.string().max(64).nullable()),
    provinceCode: z.preprocess(optional, z.string().max(8).nullable()),
    communeCode: z.preprocess(optional, z.string().max(8).nullable()),
  })
  .transform(({ provinceCode, communeCode, ...rest }): OrganizationValues => ({
    ...rest,
    localityCode: rest.level === "PROVINCE" ? provinceCode : rest.level === "COMMUNE" ? communeCode : null,
  }));

export const ORGANIZATION_FIELDS = ["name", "code", "level", "kind", "parentId", "provinceCode", "communeCode"] as const;

/** The form's province and commune for a stored locality (a commune's province comes from the caller). */
export function localityFields(code: string | null, provinceOfCommune: (code: string) => string | undefined) {
  if (localityShape(code) === "province") return { provinceCode: code!, communeCode: "" };
  if (localityShape(code) === "commune") return { provinceCode: provinceOfCommune(code!) ?? "", communeCode: code! };
  return { provinceCode: "", communeCode: "" };
}
