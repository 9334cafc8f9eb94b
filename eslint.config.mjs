// ESLint (flat config): typescript-eslint's recommended rules for the TypeScript sources;
// formatting is Prettier's job (`npm run format:check`), so eslint-config-prettier turns style rules off.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  {
    ignores: ["node_modules/", ".gen/", "dist/", "cdktf.out/", ".local-cloud/", "coverage/", "__tests__/fixtures/", "bench/results/", "frameworks/*/.gen/", "frameworks/*/build/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: { process: "readonly", Buffer: "readonly", console: "readonly", __dirname: "readonly", require: "readonly", module: "writable", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", setImmediate: "readonly", URL: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
