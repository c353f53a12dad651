import { expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsOf, formFields } from "~/platform/forms.ts";

const person = z.object({ name: z.string().min(2, "Vui lòng nhập họ và tên."), age: z.coerce.number().int("Tuổi là số nguyên.") });
const place = z.object({ provinceCode: z.string().min(1, "Vui lòng chọn tỉnh, thành phố."), name: z.string().min(5, "Thông báo thứ hai.") });

it("keeps the first message of each field, from one or several schemas, and puts field-less issues under form", () => {
  const first = person.safeParse({ name: "A", age: "1.5" }).error;
  const second = place.safeParse({ provinceCode: "", name: "A" }).error;
  expect(fieldErrorsOf(first)).toEqual({ name: "Vui lòng nhập họ và tên.", age: "Tuổi là số nguyên." });
  expect(fieldErrorsOf(first, undefined, second)).toEqual({
    name: "Vui lòng nhập họ và tên.",
    age: "Tuổi là số nguyên.",
    provinceCode: "Vui lòng chọn tỉnh, thành phố.",
  });
  const whole = z
    .string()
    .refine(() => false, "Biểu mẫu chưa hợp lệ.")
    .safeParse("x").error;
  expect(fieldErrorsOf(whole)).toEqual({ form: "Biểu mẫu chưa hợp lệ." });
});

it("reads only the named string fields of a form", () => {
  const form = new FormData();
  form.set("name", "Nguyễn Văn An");
  form.set("file", new Blob(["x"]), "a.txt");
  expect(formFields(form, ["name", "file", "missing"])).toEqual({ name: "Nguyễn Văn An", file: undefined, missing: undefined });
});
