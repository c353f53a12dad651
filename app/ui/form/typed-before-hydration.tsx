import { useEffect, type ReactNode } from "react";

// What a person typed before the page's scripts arrived (a slow phone: the form is usable as soon as
// its HTML is) must survive hydration. React 18.3 keeps it in <input>s and <select>s but not in a
// <textarea> that has a default text: hydrating one sets the box's value back to that text
// (react-dom's postMountWrapper for textarea, run by diffHydratedProperties). The "Đề xuất sửa thành"
// box starts with the paragraph's wording, so a proposal typed before hydration was sent as the
// unchanged paragraph and not stored (ADR 070). An empty box is not reset, which is why the opinion's
// own text always arrived.

/** A text area the person changed, how to find it again, and what it held. */
export interface TypedField {
  element: HTMLTextAreaElement;
  id: string;
  name: string;
  form: number;
  value: string;
}

/** The text areas whose value differs from the page's own default: read before hydrating. */
export function rememberTypedFields(doc: Document): TypedField[] {
  const typed: TypedField[] = [];
  for (const element of Array.from(doc.querySelectorAll("textarea"))) {
    if (element.value === element.defaultValue) continue;
    const form = element.form ? Array.from(doc.forms).indexOf(element.form) : -1;
    typed.push({ element, id: element.id, name: element.name, form, value: element.value });
  }
  return typed;
}

function find(doc: Document, field: TypedField): HTMLTextAreaElement | null {
  if (field.element.isConnected) return field.element;
  // Hydration replaced the node (a mismatch): the same box by its id, else by its form and name.
  const found = field.id ? doc.getElementById(field.id) : doc.forms[field.form]?.elements.namedItem(field.name);
  return found instanceof HTMLTextAreaElement ? found : null;
}

/**
 * Puts the remembered text back and sends the `input` event typing makes, so that the page's handlers
 * (a character counter) see it as typed after hydration.
 */
export function restoreTypedFields(doc: Document, fields: readonly TypedField[]): void {
  for (const field of fields) {
    const element = find(doc, field);
    if (!element || element.value === field.value) continue;
    // The prototype's setter, not the element's: React tracks values set through the element and would
    // take the event that follows for no change.
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!.call(element, field.value);
    element.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

/** Restores `fields` once the document under it has hydrated (its effect runs after every child's). */
export function KeepWhatWasTyped({ fields, children }: { fields: readonly TypedField[]; children: ReactNode }) {
  useEffect(() => {
    restoreTypedFields(document, fields);
  }, [fields]);
  return <>{children}</>;
}
