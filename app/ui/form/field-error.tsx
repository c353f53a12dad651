/** The message under a field, tied to it by `aria-describedby="f-<name>-error"`. */
export function FieldError({ name, errors }: { name: string; errors: Record<string, string> }) {
  return errors[name] ? (
    <p id={`f-${name}-error`} className="field-error">
      {errors[name]}
    </p>
  ) : null;
}
