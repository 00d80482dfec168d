// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const SANDBOX = 'Workflow code runs deterministically in the Temporal sandbox and is bundled by the worker';
const inActivity = `${SANDBOX}: do this in an activity.`;

/**
 * What workflow code must not import at run time. Type-only imports stay allowed: they are erased
 * before bundling (the workflow proxies `typeof createActivities` that way, STYLE.md §2).
 */
const workflowImportRules = {
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: [
        ...builtinModules.map((name) => ({ name, message: `Node built-in. ${inActivity}`, allowTypeImports: true })),
        ...['mongoose', 'express', 'mailparser', '@follow-ups/db', '@follow-ups/mailer'].map((name) => ({
          name,
          message: `I/O library. ${inActivity}`,
          allowTypeImports: true,
        })),
      ],
      patterns: [
        { group: ['node:*'], message: `Node built-in. ${inActivity}`, allowTypeImports: true },
        {
          group: ['@sendgrid/*', 'mongoose/*', 'express/*', 'mailparser/*', '@follow-ups/db/*', '@follow-ups/mailer/*'],
          message: `I/O library. ${inActivity}`,
          allowTypeImports: true,
        },
        {
          group: ['**/services/**', '**/packages/db/**', '**/packages/mailer/**'],
          message: `${SANDBOX}: import services and I/O packages with \`import type\` only.`,
          allowTypeImports: true,
        },
      ],
    },
  ],
};

export default defineConfig(
  globalIgnores(['**/node_modules/**', '**/coverage/**', '**/dist/**', '.stack/**']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // CommonJS config files (jest.config.js).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
  },
  {
    // Type-aware linting, only where it pays: a floating promise in a workflow is a lost await.
    files: ['workflows/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // Workflow tests run in Node (they start workers), not in the sandbox.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: workflowImportRules,
  },
);
