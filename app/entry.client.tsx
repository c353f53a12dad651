import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { KeepWhatWasTyped, rememberTypedFields } from "~/ui/form/typed-before-hydration.tsx";

// Remix's own entry, with one addition (ADR 070): what a person typed in a text area before the
// scripts arrived is read before hydration and put back after it, because React 18's hydration resets
// a <textarea> that has a default text to that text (the "Đề xuất sửa thành" box holds the paragraph).
const typed = rememberTypedFields(document);

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <KeepWhatWasTyped fields={typed}>
        <RemixBrowser />
      </KeepWhatWasTyped>
    </StrictMode>,
  );
});
