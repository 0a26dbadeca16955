// ESLint: JavaScript's recommended rules everywhere, typescript-eslint's recommended
// type-checked rules on the TypeScript that tsconfig.json type-checks.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      ".gen/",
      "dist/",
      "docs/api/",
      "cdktf.out/",
      "coverage/",
      // Written by compose-import and pinned by test/compose/examples.test.ts; they import the
      // package by its published name, which only jest's moduleNameMapper resolves here.
      "examples/compose/",
    ],
  },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Leaving fields out of a copy by destructuring them away (`const { catalog, ...own } = service`).
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
      // The model's value types (Duration, Cpu, Size) define toString() as the form users write them in.
      "@typescript-eslint/restrict-template-expressions": ["error", {
        allowAny: true, allowBoolean: true, allowNullish: true, allowNumber: true, allowRegExp: true,
        allow: [
          { from: "file", name: "Duration", path: "lib/model/duration.ts" },
          { from: "file", name: ["Cpu", "Size"], path: "lib/model/size.ts" },
        ],
      }],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // Tests read synthesized Terraform, plans and schemas as untyped JSON by path; jest's expect checks the shape.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // The launchers in bin/ and scripts/, the CI example and the tools' configs: plain
    // CommonJS run by Node as they are, outside tsconfig.json, so no type information.
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { __dirname: "readonly", console: "readonly", fetch: "readonly", process: "readonly" },
    },
  },
);
