import { useEffect, useRef, useState } from "react";
import { FieldError } from "~/ui/form/field-error.tsx";

export type Option = { code: string; name: string };

/**
 * A province select driving a commune list: with JavaScript, choosing a province loads its communes
 * from /dia-phuong/<code> at once; `scripted` (true once the scripts run) hides the no-JavaScript
 * reload button.
 * The select is left uncontrolled (attach `provinceSelect` to it, with `defaultValue`): a province
 * chosen before the scripts arrived, on a slow connection, or restored by the browser, is adopted
 * when they do, instead of being reset by the first render.
 */
function useCommuneChoice(initialProvince: string, initialCommunes: Option[]) {
  const provinceSelect = useRef<HTMLSelectElement>(null);
  const [province, setProvince] = useState(initialProvince);
  const [communes, setCommunes] = useState(initialCommunes);
  const [loading, setLoading] = useState(false);
  const [scripted, setScripted] = useState(false);

  async function chooseProvince(code: string) {
    setProvince(code);
    setCommunes([]);
    if (!code) return;
    setLoading(true);
    try {
      const response = await fetch(`/dia-phuong/${encodeURIComponent(code)}`);
      if (response.ok) setCommunes(await response.json());
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    // The scripts run: the commune list follows the province by itself, the reload button goes.
    setScripted(true);
    const chosen = provinceSelect.current?.value;
    if (chosen !== undefined && chosen !== initialProvince) void chooseProvince(chosen);
    // Once, on the first render in the browser: later changes arrive through onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deliberately run once, on mount
  }, []);

  return { provinceSelect, province, communes, loading, scripted, chooseProvince };
}

/**
 * Province, then commune: the one locality picker of the site's forms (the comment form, the
 * organization form). With JavaScript the commune list follows the chosen province at once; without
 * it, "Cập nhật danh sách xã, phường" sends the form back with that province's communes. The caller
 * wraps the two fields in its own fieldset and legend.
 * - `required`: a province must be chosen (the comment form); otherwise "— Không chọn —" is a choice.
 * - `describedBy`: the id of a hint about both fields, read with the province select.
 * - `communeError`: the field error shown under the commune select ("communeCode" by default).
 */
export function LocalitySelects({
  provinces,
  initialProvince,
  initialCommune,
  initialCommunes,
  errors,
  required = false,
  describedBy,
  communeError = "communeCode",
}: {
  provinces: Option[];
  initialProvince: string;
  initialCommune: string;
  initialCommunes: Option[];
  errors: Record<string, string>;
  required?: boolean;
  describedBy?: string;
  communeError?: string;
}) {
  const { provinceSelect, province, communes, loading, scripted, chooseProvince } = useCommuneChoice(initialProvince, initialCommunes);
  const noChoice = "— Không chọn —";

  return (
    <>
      <div className="field">
        <label htmlFor="f-provinceCode">
          Tỉnh, thành phố
          {required ? (
            <>
              {" "}
              <span className="required">(bắt buộc)</span>
            </>
          ) : null}
        </label>
        <select
          id="f-provinceCode"
          name="provinceCode"
          required={required}
          ref={provinceSelect}
          defaultValue={initialProvince}
          onChange={(e) => void chooseProvince(e.target.value)}
          aria-invalid={errors.provinceCode ? true : undefined}
          aria-describedby={errors.provinceCode ? "f-provinceCode-error" : describedBy}
        >
          <option value="">{required ? "— Chọn tỉnh, thành phố —" : noChoice}</option>
          {provinces.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
        <FieldError name="provinceCode" errors={errors} />
        {scripted ? null : (
          // The page that comes back opens at this field, not at its top (the fragment of the button's
          // action: the same address, which the browser scrolls to once the page is back).
          <button type="submit" name="intent" value="chon-tinh" formNoValidate formAction="#f-provinceCode" className="secondary">
            Cập nhật danh sách xã, phường
          </button>
        )}
      </div>
      <div className="field">
        <label htmlFor="f-communeCode">Xã, phường, đặc khu</label>
        <select
          id="f-communeCode"
          name="communeCode"
          defaultValue={initialCommune}
          key={`${province}:${communes.length}`}
          disabled={loading}
          aria-invalid={errors[communeError] ? true : undefined}
          aria-describedby={errors[communeError] ? `f-${communeError}-error` : undefined}
        >
          <option value="">{!province ? "— Chọn tỉnh, thành phố trước —" : required ? "— Chọn xã, phường —" : noChoice}</option>
          {communes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <FieldError name={communeError} errors={errors} />
      </div>
    </>
  );
}
