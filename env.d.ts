/// <reference types="@remix-run/node" />
/// <reference types="@remix-run/react" />

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
