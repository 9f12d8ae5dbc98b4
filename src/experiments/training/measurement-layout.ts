/**
 * What a pack's measurement reads from the device in one go (measure.ts), and where each number
 * sits in that flat read: first a loss block and a correct-count block, [R] each, for every part
 * of every evaluation chunk (a chunk's training rows, then its test rows); then the probe counts,
 * [depth, R, W]; then the gradient-norm sums, [depth, R]. No TensorFlow here: the pre-flight memory
 * estimate sizes an evaluation chunk with EVAL_CHUNK too.
 */

/** Rows per evaluation chunk: bounds memory on big splits without changing any sum. */
export const EVAL_CHUNK = 4096;

/** Rows [from, to) of a run's training-then-test rows that lie in one chunk and one split. */
interface ChunkPart {
  split: 'train' | 'test';
  from: number;
  to: number;
}

/** Rows [start, start + size) of every run's training-then-test rows, evaluated in one forward pass. */
interface EvalChunk {
  start: number;
  size: number;
  /** Its training rows, then its test rows (each part only where the chunk has such rows). */
  parts: ChunkPart[];
  /** It holds training rows, among them probe rows: its pre-activations add to the probe counts. */
  probed: boolean;
}

/** One run's numbers in the read: per split, sums over its rows; probe counts [layer][unit]; Σ of each hidden kernel's grad norm over a pass. */
interface RunSums {
  train: { loss: number; correct: number };
  test: { loss: number; correct: number };
  counts: number[][];
  normSums: number[];
}

export interface MeasurementLayout {
  chunks: EvalChunk[];
  /** Floats in the read. */
  length: number;
  /** Every run's numbers, from the read. */
  read(values: Float32Array): RunSums[];
}

/**
 * The layout for `runs` networks of `depth` hidden layers of `width` units, with `n` training and
 * `nTest` test rows each, evaluated `chunkRows` rows at a time.
 */
export function measurementLayout(
  shape: { runs: number; depth: number; width: number; n: number; nTest: number },
  chunkRows = EVAL_CHUNK,
): MeasurementLayout {
  const { runs: R, depth, width: W, n, nTest } = shape;
  const total = n + nTest;
  const chunks: EvalChunk[] = [];
  for (let start = 0; start < total; start += chunkRows) {
    const size = Math.min(chunkRows, total - start);
    const parts: ChunkPart[] = [
      { split: 'train' as const, from: start, to: Math.min(start + size, n) },
      { split: 'test' as const, from: Math.max(start, n), to: start + size },
    ].filter((part) => part.to > part.from);
    chunks.push({ start, size, parts, probed: start < n });
  }
  // Block offsets, in floats from the start of the read.
  const sumBlocks = chunks
    .flatMap((chunk) => chunk.parts)
    .map((part, i) => ({ split: part.split, loss: 2 * i * R, correct: (2 * i + 1) * R }));
  const countsAt = 2 * sumBlocks.length * R;
  const countAt = (layer: number, run: number) => countsAt + (layer * R + run) * W;
  const normsAt = countsAt + depth * R * W;
  const normAt = (layer: number, run: number) => normsAt + layer * R + run;

  const read = (values: Float32Array): RunSums[] =>
    Array.from({ length: R }, (_, r) => {
      const sums = { train: { loss: 0, correct: 0 }, test: { loss: 0, correct: 0 } };
      // In double precision, chunk after chunk.
      for (const block of sumBlocks) {
        sums[block.split].loss += values[block.loss + r];
        sums[block.split].correct += values[block.correct + r];
      }
      return {
        ...sums,
        counts: Array.from({ length: depth }, (_, layer) =>
          Array.from(values.subarray(countAt(layer, r), countAt(layer, r) + W)),
        ),
        normSums: Array.from({ length: depth }, (_, layer) => values[normAt(layer, r)]),
      };
    });

  return { chunks, length: normsAt + depth * R, read };
}
