import { FieldError, fieldProps } from "~/ui/form/field-error.tsx";
import { LocalitySelects, type Option } from "~/localities/ui/locality-fields.tsx";
import { KIND_LABELS, LEVEL_LABELS, ORGANIZATION_KINDS, ORGANIZATION_LEVELS } from "../kinds.ts";

export type ParentOption = { id: string; name: string; depth: number };
export type OrganizationFormValues = Partial<Record<"name" | "code" | "level" | "kind" | "parentId" | "provinceCode" | "communeCode", string>>;

/**
 * The organization form's fields: name, code, level, kind, the organization above it, and its
 * locality. A province organization takes a province; a commune organization a province, then one
 * of its communes. With JavaScript the commune list follows the province at once; without it,
 * "Cập nhật danh sách xã, phường" sends the form back with that province's communes.
 */
export function OrganizationFields({
  values,
  errors,
  parents,
  provinces,
  communes: initialCommunes,
}: {
  values: OrganizationFormValues;
  errors: Record<string, string>;
  parents: ParentOption[];
  provinces: Option[];
  communes: Option[];
}) {
  return (
    <>
      <div className="field">
        <label htmlFor="f-name">Tên tổ chức</label>
        <input {...fieldProps("name", errors)} type="text" required maxLength={200} autoComplete="off" defaultValue={values.name ?? ""} />
        <FieldError name="name" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="f-code">
          Mã tổ chức <span className="required">(không bắt buộc; dùng khi nhập từ tệp CSV)</span>
        </label>
        <input {...fieldProps("code", errors)} type="text" maxLength={50} autoComplete="off" spellCheck={false} defaultValue={values.code ?? ""} />
        <FieldError name="code" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="f-level">Cấp</label>
        <select {...fieldProps("level", errors)} required defaultValue={values.level ?? ""}>
          <option value="" disabled>
            — Chọn cấp —
          </option>
          {ORGANIZATION_LEVELS.map((level) => (
            <option key={level} value={level}>
              {LEVEL_LABELS[level]}
            </option>
          ))}
        </select>
        <FieldError name="level" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="f-kind">Loại tổ chức</label>
        <select {...fieldProps("kind", errors)} required defaultValue={values.kind ?? "MTTQ"}>
          {ORGANIZATION_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
        <FieldError name="kind" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="f-parentId">Tổ chức cấp trên</label>
        <select {...fieldProps("parentId", errors)} defaultValue={values.parentId ?? ""}>
          <option value="">— Không có (gốc của cây) —</option>
          {parents.map((p) => (
            <option key={p.id} value={p.id}>
              {`${"\u00a0\u00a0".repeat(p.depth)}${p.depth ? "└ " : ""}${p.name}`}
            </option>
          ))}
        </select>
        <FieldError name="parentId" errors={errors} />
      </div>
      <fieldset className="org-locality">
        <legend>Địa bàn</legend>
        <p className="hint" id="f-locality-hint">
          Tổ chức cấp tỉnh: chọn tỉnh, thành phố. Tổ chức cấp xã: chọn tỉnh, thành phố rồi xã, phường. Tổ chức cấp trung ương và cấp huyện không gắn với địa
          bàn. Đại diện tổ chức thấy các ý kiến gửi trực tuyến từ địa bàn của tổ chức.
        </p>
        <LocalitySelects
          provinces={provinces}
          initialProvince={values.provinceCode ?? ""}
          initialCommune={values.communeCode ?? ""}
          initialCommunes={initialCommunes}
          errors={errors}
          describedBy="f-locality-hint"
          communeError="localityCode"
        />
      </fieldset>
    </>
  );
}
