import { createContext, useContext } from "react";

// The Content-Security-Policy nonce of the page being rendered (server/security-headers.js), for the
// inline scripts Remix writes. In the browser it is empty: the scripts have already run.
const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
