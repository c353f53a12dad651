/** The CSRF token every staff form posts (checked by requireStaffAction). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="csrf" value={token} />;
}
