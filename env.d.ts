/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />
import "@remix-run/node";
import "./app/platform/load-context.ts";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
