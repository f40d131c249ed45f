/**
 * npm run codegen:check → fails when a committed generated file (subgraphs/<name>/src/generated/)
 * differs from what `npm run codegen` would write now, e.g. after an SDL edit without codegen.
 * Generates in memory and formats as codegen.ts's `prettier --write` hook would: nothing on disk is
 * written, so a developer's uncommitted work is never touched.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import * as prettier from 'prettier';
import codegenConfig from '../codegen';

const root = path.resolve(__dirname, '..');

async function main(): Promise<number> {
  // no hooks: afterAllFileWrite formats files on disk, and here nothing reaches the disk
  const outputs = await generate({ ...codegenConfig, hooks: {}, cwd: root, silent: true }, false);
  const stale: string[] = [];
  for (const { filename, content } of outputs) {
    const file = path.resolve(root, filename);
    const expected = await formattedAsTheHookWould(file, content);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== expected) {
      stale.push(path.relative(root, file));
    }
  }
  if (stale.length > 0) {
    console.error('✗ generated types are stale; run: npm run codegen');
    for (const file of stale) console.error(`  - ${file}`);
    return 1;
  }
  console.log(`✓ ${outputs.length} generated files match their schema and documents`);
  return 0;
}

/** `prettier --write` leaves files it ignores (.prettierignore names generated/) as they are. */
async function formattedAsTheHookWould(file: string, content: string): Promise<string> {
  const ignorePath = ['.gitignore', '.prettierignore'].map((name) => path.join(root, name));
  if ((await prettier.getFileInfo(file, { ignorePath })).ignored) return content;
  const options = await prettier.resolveConfig(file);
  return prettier.format(content, { ...options, filepath: file });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('✗ codegen:check could not generate:', error);
    process.exit(1);
  },
);
