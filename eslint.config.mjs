// @ts-check
import { builtinModules } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const SANDBOX = 'Workflow code runs deterministically in the Temporal sandbox and is bundled by the worker';
const inActivity = `${SANDBOX}: do this in an activity.`;

/** `packages/db`, `services/ingest`, `workflows`, `deploy`, …: the workspace (or top folder) a file is in. */
const workspaceOf = (file) => {
  const [top, name] = path.relative(import.meta.dirname, file).split(path.sep);
  return top === 'packages' || top === 'services' ? `${top}/${name}` : top;
};

/**
 * A relative import that resolves into another workspace is an error: import the package
 * (`@follow-ups/…`, declared in package.json) instead. no-restricted-imports only sees the
 * specifier's text, not where it lands, so this small rule resolves it against the file.
 */
const boundaries = {
  rules: {
    'no-relative-cross-workspace': {
      meta: {
        type: 'problem',
        messages: { leaves: "'{{spec}}' leaves {{from}} for {{to}}: import the @follow-ups package instead." },
      },
      create(context) {
        const from = workspaceOf(context.filename);
        const check = (source) => {
          if (source?.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
          const to = workspaceOf(path.resolve(path.dirname(context.filename), source.value));
          if (to !== from)
            context.report({ node: source, messageId: 'leaves', data: { spec: source.value, from, to } });
        };
        const isRequire = (callee) =>
          (callee.type === 'Identifier' && callee.name === 'require') ||
          (callee.type === 'MemberExpression' &&
            callee.object.type === 'Identifier' &&
            callee.object.name === 'require');
        return {
          ImportDeclaration: (node) => check(node.source),
          ExportNamedDeclaration: (node) => check(node.source),
          ExportAllDeclaration: (node) => check(node.source),
          ImportExpression: (node) => check(node.source),
          CallExpression: (node) => isRequire(node.callee) && check(node.arguments[0]),
        };
      },
    },
    'camel-case-file-name': {
      meta: {
        type: 'suggestion',
        messages: { name: "'{{name}}': file names are camelCase (deliverDraft.ts, liveDraft.test.ts)." },
      },
      create(context) {
        const name = path.basename(context.filename);
        return {
          Program: (node) => {
            if (!/^[a-z][A-Za-z0-9]*(\.[a-z]+)*\.(ts|mjs|js)$/.test(name))
              context.report({ node, messageId: 'name', data: { name } });
          },
        };
      },
    },
  },
};

/** Internals of the Temporal SDK move between releases: use what its packages export. */
const noDeepTemporalImports = {
  group: ['@temporalio/*/lib', '@temporalio/*/lib/**'],
  message: 'Deep import into the Temporal SDK: use what the package exports.',
};
const noWorkflowRuntime = {
  name: '@temporalio/workflow',
  message:
    'Workflow runtime code: only workflows/src workflow files import it; take definitions, ids and types from @follow-ups/workflows.',
};

/**
 * What workflow code must not import at run time. Type-only imports stay allowed: they are erased
 * before bundling (types from @follow-ups/vocabulary, say). The activity interface the workflows
 * proxy is their own (workflows/src/activities.ts); the worker satisfies it.
 */
const workflowImportRules = (extraPaths = []) => ({
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: [
        ...extraPaths,
        ...builtinModules.map((name) => ({ name, message: `Node built-in. ${inActivity}`, allowTypeImports: true })),
        ...['mongoose', 'express', 'mailparser', '@follow-ups/db', '@follow-ups/mailer'].map((name) => ({
          name,
          message: `I/O library. ${inActivity}`,
          allowTypeImports: true,
        })),
      ],
      patterns: [
        noDeepTemporalImports,
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
});

/** The side of @follow-ups/workflows that ingest and packages load (its index and what it re-exports). */
const workflowSafeFiles = [
  'index',
  'types',
  'activities',
  'define',
  'definitions',
  'hookDefinitions',
  'searchAttributes',
  'descriptions',
  'workflowTypes',
].map((name) => `workflows/src/${name}.ts`);

export default defineConfig(
  globalIgnores(['**/node_modules/**', '**/coverage/**', '**/dist/**', '.stack/**']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noDeepTemporalImports] }] },
  },
  {
    // Packages and services never load workflow code: the worker bundles it from `workflowsPath`.
    files: ['packages/**/*.ts', 'services/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noWorkflowRuntime], patterns: [noDeepTemporalImports] }] },
  },
  {
    // Workspaces reach each other through their packages (tests in test/ may look inside).
    // One file-name style everywhere.
    files: ['packages/**/*.ts', 'services/**/*.ts', 'workflows/**/*.ts', 'deploy/**/*.ts'],
    plugins: { boundaries },
    rules: { 'boundaries/no-relative-cross-workspace': 'error', 'boundaries/camel-case-file-name': 'error' },
  },
  {
    // CommonJS config files (jest.config.js).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
  },
  {
    // Type-aware linting of the product code: a floating promise is a lost await (in a workflow, a
    // lost step) or an unhandled rejection that ends the process.
    files: ['workflows/**/*.ts', 'packages/*/src/**/*.ts', 'services/*/src/**/*.ts'],
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
    rules: workflowImportRules(),
  },
  {
    files: workflowSafeFiles,
    rules: workflowImportRules([noWorkflowRuntime]),
  },
);
