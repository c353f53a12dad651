import type { z } from "zod";

// Reading a submitted form and answering with field errors: the same for every form of the site.

export type FieldErrors = Record<string, string>;

/**
 * The first message per field, keyed by field name (what the pages show under each input); issues
 * without a field go under "form". Several errors (one form checked by two schemas) merge, the
 * first error's message winning for a field.
 */
export function fieldErrorsOf(...errors: (z.ZodError | undefined)[]): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const error of errors) for (const issue of error?.issues ?? []) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  return fieldErrors;
}

/** The string fields of a submitted form, for zod and for showing the form again. */
export function formFields(formData: FormData, names: readonly string[]): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  for (const name of names) {
    const value = formData.get(name);
    fields[name] = typeof value === "string" ? value : undefined;
  }
  return fields;
}
