// ESLint 9 flat config (ADR 032): JavaScript's and typescript-eslint's recommended rules, React's rules of
// hooks, over all of the project's own code. Import boundaries are dependency-cruiser's job
// (.dependency-cruiser.cjs), formatting Prettier's; `npm run lint` runs all three.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["app/generated/", "build/", "public/build/", ".cache/", "data/", ".bench/", "test-results/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `const { password: _password, ...values } = fields` is how a property is left out of a copy.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    // The Remix app runs in the browser too. Only the classic rules of hooks: the plugin's React Compiler
    // rules (set-state-in-effect…) would flag this app's progressive enhancement (state set once the
    // scripts run), and the app is not built with the compiler.
    files: ["app/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
);
