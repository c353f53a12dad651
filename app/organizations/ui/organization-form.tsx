import { Form, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { FormMessages, useFocusOn } from "~/ui/form/form-messages.tsx";
import { OrganizationFields, type OrganizationFormValues, type ParentOption } from "./organization-fields.tsx";

type Option = { code: string; name: string };

/** The create and edit pages' form: what the loader gave, or the values and errors the action sent back. */
export function OrganizationForm({
  loaded,
  answer,
  submitLabel,
}: {
  loaded: { csrfToken: string; values: OrganizationFormValues; parents: ParentOption[]; provinces: Option[]; communes: Option[] };
  answer: { values: OrganizationFormValues; fieldErrors: Record<string, string>; formError: string | null; communes: Option[] } | undefined;
  submitLabel: string;
}) {
  const navigation = useNavigation();
  const errors = answer?.fieldErrors ?? {};
  const messages = useFocusOn(answer && Object.keys(errors).length + (answer.formError ? 1 : 0) > 0 ? answer : null);
  const values = answer?.values ?? loaded.values;
  return (
    <Form method="post" className="staff-form" replace>
      <FormMessages formError={answer?.formError} errorCount={Object.keys(errors).length} focusRef={messages} />
      <CsrfField token={loaded.csrfToken} />
      <OrganizationFields
        key={`${values.provinceCode ?? ""}:${answer ? "answer" : "loaded"}`}
        values={values}
        errors={errors}
        parents={loaded.parents}
        provinces={loaded.provinces}
        communes={answer?.communes ?? loaded.communes}
      />
      <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
        {submitLabel}
      </button>
    </Form>
  );
}
