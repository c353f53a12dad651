import { useState } from "react";
import { FieldError, fieldProps } from "./field-error.tsx";

/**
 * The file field of an upload form (name "file", id f-file): says at once, before anything is sent, when
 * the chosen file is over `maxBytes` (and tells the form, to hold its button); otherwise shows the
 * server's message for the file, if any.
 */
export function FileInput({
  label,
  accept,
  maxBytes,
  errors = {},
  onTooLarge,
}: {
  label: string;
  accept: string;
  maxBytes: number;
  errors?: Record<string, string>;
  onTooLarge: (tooLarge: boolean) => void;
}) {
  const [tooLarge, setTooLarge] = useState(false);
  const shown = tooLarge ? { file: `Tệp lớn hơn ${Math.floor(maxBytes / 1024 / 1024)} MB: vui lòng chia thành nhiều tệp.` } : errors;
  return (
    <div className="field">
      <label htmlFor="f-file">{label}</label>
      <input
        {...fieldProps("file", shown)}
        type="file"
        required
        accept={accept}
        onChange={(e) => {
          const over = (e.currentTarget.files?.[0]?.size ?? 0) > maxBytes;
          setTooLarge(over);
          onTooLarge(over);
        }}
      />
      <FieldError name="file" errors={shown} />
    </div>
  );
}
