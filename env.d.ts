/// <reference types="@remix-run/dev" />
import "@remix-run/node";
import "./app/platform/load-context.ts";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
