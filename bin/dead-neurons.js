#!/usr/bin/env node
// The executable: runs the compiled program in dist/ (built by `npm run build`, which `npm ci`
// and `npm install` run through `prepare`).
let main;
try {
  main = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('/dist/')) throw error;
  process.stderr.write(
    'dead-neurons: the compiled program is missing (no dist/); run `npm run build` in the package folder\n',
  );
  process.exit(1);
}
await main.main();
