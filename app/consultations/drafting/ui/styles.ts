import type { LinksFunction } from "@remix-run/node";
import draftingStyles from "~/styles/drafting.css";
import organizationStyles from "~/styles/organizations.css";

/** The stylesheets of the drafting team's pages (the staff forms' and their own). */
export const draftingLinks: LinksFunction = () => [
  { rel: "stylesheet", href: organizationStyles },
  { rel: "stylesheet", href: draftingStyles },
];
