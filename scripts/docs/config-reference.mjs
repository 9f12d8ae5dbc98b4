// `npm run docs`: regenerates, from the zod schema (src/experiments/config/schema.ts), the README's
// config reference (between its config-reference marker comments) and configs/schema.json (the
// JSON Schema that `dead-neurons schema` prints). Runs the TypeScript sources through tsx, so no
// build is needed; test/experiments/config/{reference,json-schema}.test.ts fail when either file is
// out of date.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchemaText } from '../../src/experiments/config/json-schema.js';
import { withConfigReference } from '../../src/experiments/config/reference.js';

const root = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** Writes `text` to `path` only when it differs, and says which files changed. */
function update(path, text) {
  const before = existsSync(root(path)) ? readFileSync(root(path), 'utf8') : undefined;
  if (before === text) return console.log(`${path}: up to date`);
  writeFileSync(root(path), text);
  console.log(`${path}: rewritten`);
}

update('README.md', withConfigReference(readFileSync(root('README.md'), 'utf8')));
update('configs/schema.json', configJsonSchemaText());
