// Lint and format as the Effect monorepo does: typescript-eslint's recommended rules plus
// dprint (through @effect/eslint-plugin) for formatting, with zero warnings allowed.
import * as effectEslint from "@effect/eslint-plugin"
import js from "@eslint/js"
import tseslint from "typescript-eslint"

export default tseslint.config(
  {
    ignores: [
      "**/dist",
      "**/build",
      "**/node_modules",
      "**/*.md",
      "**/coverage",
      "packages/bench/scratch",
      "effect4/packages/wire"
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...effectEslint.configs.dprint,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: {
      "no-fallthrough": "off",
      "no-irregular-whitespace": "off",
      "object-shorthand": "error",
      "require-yield": "off",
      "prefer-rest-params": "off",
      "prefer-spread": "off",
      "no-unused-vars": "off",
      "@typescript-eslint/array-type": ["error", { default: "generic", readonly: "generic" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-empty-object-type": "off",
      "@typescript-eslint/no-namespace": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@effect/dprint": [
        "error",
        {
          config: {
            indentWidth: 2,
            lineWidth: 120,
            semiColons: "asi",
            quoteStyle: "alwaysDouble",
            trailingCommas: "never",
            operatorPosition: "maintain",
            "arrowFunction.useParentheses": "force"
          }
        }
      ]
    }
  },
  {
    // build and CI scripts, and the consumer-test fixtures: plain Node.js
    files: ["scripts/**/*.{js,mjs,cjs}"],
    languageOptions: {
      globals: {
        console: "readonly",
        fetch: "readonly",
        process: "readonly",
        URL: "readonly"
      }
    }
  },
  {
    files: ["scripts/**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly", __filename: "readonly" }
    },
    rules: { "@typescript-eslint/no-require-imports": "off" }
  },
  {
    files: ["packages/*/src/**/*.ts", "effect4/packages/*/src/**/*.ts"],
    rules: {
      "no-console": "error",
      "@effect/no-import-from-barrel-package": ["error", { packageNames: ["effect", "@effect/platform"] }]
    }
  },
  {
    // wire, core and client (of both lines) run on any runtime: no Node built-ins.
    files: [
      "packages/wire/src/**/*.ts",
      "packages/core/src/**/*.ts",
      "packages/client/src/**/*.ts",
      "effect4/packages/core/src/**/*.ts",
      "effect4/packages/client/src/**/*.ts"
    ],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: ["node:*"], message: "wire, core and client must not import Node built-ins" }],
        paths: ["fs", "path", "http", "https", "net", "url", "util", "crypto", "stream", "buffer", "events", "os"]
          .map((name) => ({ name, message: "wire, core and client must not import Node built-ins" }))
      }]
    }
  },
  {
    // the Effect 4 line: @effect/platform-node's barrel loads its redis module (a peer the line
    // does not need): import its modules by path
    files: ["effect4/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", {
        paths: [{
          name: "@effect/platform-node",
          message: "import @effect/platform-node/NodeHttpClient (and the like) by path: the barrel loads redis"
        }]
      }]
    }
  },
  {
    // wire is what both lines (Effect 3 and Effect 4) share: no Effect in it, not even in its tests.
    files: ["packages/wire/**/*.{ts,mjs}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", {
        patterns: [{
          group: ["effect", "effect/*", "@effect/*", "@effect-polar/*", "!@effect-polar/wire", "!@effect-polar/wire/*"],
          message: "@effect-polar/wire has no Effect and no dependency: both lines of the client use it"
        }]
      }]
    }
  }
)
