/** Props tying an input to its label and its error message (ids f-<name>, f-<name>-error). */
export function fieldProps(name: string, errors: Record<string, string>) {
  return {
    name,
    id: `f-${name}`,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `f-${name}-error` : undefined,
  };
}

/** The message under a field, tied to it by `aria-describedby="f-<name>-error"`. */
export function FieldError({ name, errors }: { name: string; errors: Record<string, string> }) {
  return errors[name] ? (
    <p id={`f-${name}-error`} className="field-error">
      {errors[name]}
    </p>
  ) : null;
}
