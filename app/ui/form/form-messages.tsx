import { useEffect, useRef } from "react";

/** A ref to the messages box, focused whenever `answer` (the action data) changes, so screen readers read it. */
export function useFocusOn<T>(answer: T) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (answer) ref.current?.focus();
  }, [answer]);
  return ref;
}

/** The messages at the top of a staff form: the form's own error, else how many fields need fixing. */
export function FormMessages({
  formError,
  errorCount,
  focusRef,
  failed = "Chưa lưu được",
}: {
  formError?: string | null;
  errorCount: number;
  focusRef: React.RefObject<HTMLDivElement>;
  /** What did not happen, e.g. "Chưa đăng nhập được". */
  failed?: string;
}) {
  return (
    <div ref={focusRef} tabIndex={-1} className="form-messages">
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : errorCount > 0 ? (
        <p className="form-error" role="alert">
          {failed}: vui lòng sửa {errorCount} mục được đánh dấu bên dưới.
        </p>
      ) : null}
    </div>
  );
}
