/**
 * The import rules of src/ (README, "Layout"): no cycles, nothing in src/ importing tests or
 * scripts, one module loading TensorFlow's native or WebAssembly backend, and the layers below,
 * each importing only from layers under it. A layer is a list of folders (or single modules).
 */
const LAYERS = [
  ['src/index\\.ts$'],
  ['src/cli/main\\.ts$', 'src/cli/program\\.ts$'],
  ['src/cli/commands/'],
  ['src/cli/actions/'],
  ['src/cli/[^/]+\\.ts$'],
  ['src/bench/'],
  ['src/output/'],
  ['src/experiments/execution/'],
  ['src/experiments/preflight/'],
  ['src/experiments/sweep/'],
  ['src/experiments/training/'],
  ['src/experiments/model/', 'src/experiments/datasets/'],
  ['src/experiments/backend\\.ts$'],
  ['src/experiments/(types|rng)\\.ts$'],
  ['src/experiments/config/'],
  ['src/experiments/errors\\.ts$'],
  ['src/metrics/'],
];

const pathOf = (layer) => `^(${layer.join('|')})`;

// A module belongs to the first layer that matches it (src/cli/main.ts is not one of src/cli's
// helpers), so each rule leaves out the modules of the layers above.
const layerRules = LAYERS.slice(1).map((layer, index) => {
  const above = LAYERS.slice(0, index + 1).map(pathOf);
  return {
    name: `layer-order:${layer[0]}`,
    comment: `${layer.join(', ')} may not import from the layers above it`,
    severity: 'error',
    from: { path: pathOf(layer), pathNot: above },
    to: { path: above },
  };
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one: neither can be understood, tested or moved alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-tests-or-scripts',
      comment: 'The shipped program (dist/) holds src/ only.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|scripts)/' },
    },
    {
      name: 'one-backend-loader',
      comment: 'Only the backend loader imports tfjs-node or the WebAssembly backend (README, "Backends").',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/experiments/backend' },
      to: { path: '@tensorflow/tfjs-(node|backend-wasm)' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
