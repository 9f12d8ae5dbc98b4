/**
 * The import rules of src/ (README, "Layout"): no cycles, nothing in src/ importing tests or
 * scripts, one module loading TensorFlow's native or WebAssembly backend and imported for types
 * only where nothing may load TF.js, and the layers below, each importing only from layers under
 * it. A layer is a list of folders (or single modules); folders that share a layer do not import
 * each other.
 */
const LAYERS = [
  ['src/index\\.ts$'],
  ['src/cli/main\\.ts$'],
  ['src/cli/program\\.ts$'],
  ['src/cli/commands/'],
  ['src/cli/actions/'],
  ['src/cli/views/'],
  ['src/cli/process/'],
  ['src/inspect/'],
  ['src/bench/', 'src/output/views/', 'src/output/reproduce/'],
  ['src/output/results/'],
  ['src/experiments/execution/'],
  ['src/experiments/backend/'],
  ['src/experiments/sweep/'],
  ['src/experiments/preflight/'],
  ['src/experiments/training/'],
  ['src/experiments/model/', 'src/experiments/datasets/'],
  ['src/experiments/[^/]+\\.ts$'],
  ['src/experiments/config/'],
  ['src/metrics/', 'src/errors\\.ts$'],
];

/** Inside src/output/views/: the HTML report draws the charts' series and the views' rows; both fit text with layout/. */
const VIEWS_LAYERS = [
  ['src/output/views/html/'],
  ['src/output/views/charts/', 'src/output/views/[^/]+\\.ts$'],
  // Measuring and wrapping text for a width: what every terminal view below fits with.
  ['src/output/views/layout/'],
];

const pathOf = (layer) => `^(${layer.join('|')})`;

/**
 * One rule per layer: its modules may not import from the layers above it. A module belongs to the
 * first layer that matches it (src/cli/main.ts is not one of src/cli's helpers), so each rule
 * leaves out the modules of the layers above. Then one rule per folder of a shared layer: it may
 * not import its neighbours.
 */
function layerRules(layers, prefix) {
  const order = layers.slice(1).map((layer, index) => {
    const above = layers.slice(0, index + 1).map(pathOf);
    return {
      name: `${prefix}:${layer[0]}`,
      comment: `${layer.join(', ')} may not import from the layers above it`,
      severity: 'error',
      from: { path: pathOf(layer), pathNot: above },
      to: { path: above },
    };
  });
  const peers = layers.flatMap((layer, index) =>
    layer.length < 2
      ? []
      : layer.map((folder) => ({
          name: `${prefix}-peers:${folder}`,
          comment: `${folder} may not import its neighbours in the layer (${layer.join(', ')})`,
          severity: 'error',
          from: { path: `^${folder}`, pathNot: layers.slice(0, index).map(pathOf) },
          to: { path: pathOf(layer.filter((other) => other !== folder)) },
        })),
  );
  return [...order, ...peers];
}

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
      from: { path: '^src/', pathNot: '^src/experiments/backend/load\\.ts$' },
      to: { path: '@tensorflow/tfjs-(node|backend-wasm)' },
    },
    {
      name: 'backend-loader-types-only',
      comment:
        'Only cli, bench and execution load backends; elsewhere (src/output) backend/load.ts gives types only, so no TF.js loads.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli|bench|experiments/(execution|backend))/' },
      to: { path: '^src/experiments/backend/load\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    ...layerRules(LAYERS, 'layer-order'),
    ...layerRules(VIEWS_LAYERS, 'views-order'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
