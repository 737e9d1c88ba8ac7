import {
  assertShape,
  BinaryModel,
  byMagnitude,
  defaultFeatureNames,
  Explanation,
  FeatureMatrix,
  Labels,
  logit,
  SerializedModel,
  sigmoid,
} from './model.types';
import { seededRandom } from './random.util';
import { buildBins, FeatureBins } from './feature-binning.util';

export interface GradientBoostingOptions {
  featureNames?: readonly string[];
  nEstimators?: number;
  learningRate?: number;
  maxDepth?: number;
  minSamplesLeaf?: number;
  /** L2 penalty on leaf values (XGBoost's λ). */
  l2?: number;
  /** Fraction of rows drawn (without replacement) for each tree. */
  subsample?: number;
  maxBins?: number;
  seed?: number;
}

/** A tree in flat arrays; node 0 is the root, leaves have feature −1. `value` is kept for inner nodes too (for explain). */
interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

interface GradientBoostingState {
  featureNames: string[];
  initScore: number;
  trees: Tree[];
}

/**
 * Gradient-boosted decision trees for log-loss with second-order (Newton) leaf values and histogram
 * splits, the scheme of XGBoost/LightGBM (Chen & Guestrin 2016, "XGBoost", eq. 6–7). Explanations
 * use path attribution (Saabas): each split on the way to the leaf credits its feature with the change
 * in node value, so baseline + Σ contributions equals the raw score exactly.
 */
export class GradientBoostingModel implements BinaryModel {
  readonly kind = 'gradient_boosting';

  private constructor(private readonly state: GradientBoostingState) {}

  get featureNames(): readonly string[] {
    return this.state.featureNames;
  }

  get treeCount(): number {
    return this.state.trees.length;
  }

  static fit(X: FeatureMatrix, y: Labels, options: GradientBoostingOptions = {}): GradientBoostingModel {
    const d = assertShape(X, y);
    const n = X.length;
    const nEstimators = options.nEstimators ?? 200;
    const learningRate = options.learningRate ?? 0.05;
    const maxDepth = options.maxDepth ?? 3;
    const minSamplesLeaf = options.minSamplesLeaf ?? 20;
    const l2 = options.l2 ?? 1;
    const subsample = options.subsample ?? 0.8;
    const random = seededRandom(options.seed ?? 1);
    const bins = buildBins(X, options.maxBins ?? 64);

    const rate = y.reduce((s: number, v) => s + v, 0) / n;
    const initScore = logit(rate);
    const raw = new Float64Array(n).fill(initScore);
    const grad = new Float64Array(n);
    const hess = new Float64Array(n);
    const trees: Tree[] = [];
    const grower = new TreeGrower(bins, d, grad, hess, { maxDepth, minSamplesLeaf, l2, learningRate });

    for (let t = 0; t < nEstimators; t++) {
      for (let i = 0; i < n; i++) {
        const p = sigmoid(raw[i]);
        grad[i] = p - y[i];
        hess[i] = Math.max(p * (1 - p), 1e-12);
      }
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (subsample >= 1 || random() < subsample) rows.push(i);
      const tree = grower.grow(Int32Array.from(rows));
      trees.push(tree);
      for (let i = 0; i < n; i++) raw[i] += leafValue(tree, X[i]);
    }
    return new GradientBoostingModel({
      featureNames: [...(options.featureNames ?? defaultFeatureNames(d))],
      initScore,
      trees,
    });
  }

  static fromJSON(json: SerializedModel): GradientBoostingModel {
    if (json.kind !== 'gradient_boosting') throw new Error(`not a gradient boosting model: ${json.kind}`);
    const s = json as unknown as GradientBoostingState;
    return new GradientBoostingModel({ featureNames: [...s.featureNames], initScore: s.initScore, trees: s.trees });
  }

  rawScore(x: readonly number[]): number {
    let score = this.state.initScore;
    for (const tree of this.state.trees) score += leafValue(tree, x);
    return score;
  }

  predict(x: readonly number[]): number {
    return sigmoid(this.rawScore(x));
  }

  explain(x: readonly number[]): Explanation {
    const contributionByFeature = new Array<number>(this.state.featureNames.length).fill(0);
    let baseline = this.state.initScore;
    for (const tree of this.state.trees) {
      baseline += tree.value[0];
      let node = 0;
      while (tree.feature[node] >= 0) {
        const next = x[tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
        contributionByFeature[tree.feature[node]] += tree.value[next] - tree.value[node];
        node = next;
      }
    }
    const contributions = this.state.featureNames.map((feature, j) => ({
      feature,
      value: x[j],
      contribution: contributionByFeature[j],
    }));
    return { probability: this.predict(x), baseline, contributions: byMagnitude(contributions) };
  }

  toJSON(): SerializedModel {
    return { kind: this.kind, version: 1, ...this.state, featureNames: [...this.state.featureNames] };
  }
}

function leafValue(tree: Tree, x: readonly number[]): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    node = x[tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  }
  return tree.value[node];
}

interface GrowerSettings {
  maxDepth: number;
  minSamplesLeaf: number;
  l2: number;
  learningRate: number;
}

/** Per-bin sums of gradients, hessians and row counts for one node. */
interface Histogram {
  g: Float64Array;
  h: Float64Array;
  count: Int32Array;
}

/**
 * Grows one depth-limited tree on binned features from per-row gradients and hessians. Only the
 * smaller child's histogram is built from its rows; the larger one is the parent's minus it
 * (LightGBM's subtraction trick), which roughly halves the work below the root.
 */
class TreeGrower {
  constructor(
    private readonly bins: FeatureBins,
    private readonly width: number,
    private readonly grad: Float64Array,
    private readonly hess: Float64Array,
    private readonly settings: GrowerSettings,
  ) {}

  grow(rows: Int32Array): Tree {
    const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
    this.growNode(tree, rows, 0, undefined);
    return tree;
  }

  /** Whether a node with this many rows at this depth may split (and so needs a histogram). */
  private canSplit(size: number, depth: number): boolean {
    return depth < this.settings.maxDepth && size >= 2 * this.settings.minSamplesLeaf;
  }

  private histogram(rows: Int32Array): Histogram {
    const { offsets, totalBins, rowCodes } = this.bins;
    const g = new Float64Array(totalBins);
    const h = new Float64Array(totalBins);
    const count = new Int32Array(totalBins);
    const width = this.width;
    // One pass over the rows fills every feature's histogram (row-major codes keep the reads local).
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r];
      const gi = this.grad[i];
      const hi = this.hess[i];
      const base = i * width;
      for (let j = 0; j < width; j++) {
        const b = offsets[j] + rowCodes[base + j];
        g[b] += gi;
        h[b] += hi;
        count[b]++;
      }
    }
    return { g, h, count };
  }

  private growNode(tree: Tree, rows: Int32Array, depth: number, given: Histogram | undefined): number {
    const { l2, learningRate, minSamplesLeaf } = this.settings;
    let G = 0;
    let H = 0;
    for (let r = 0; r < rows.length; r++) {
      G += this.grad[rows[r]];
      H += this.hess[rows[r]];
    }
    const id = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push((-G / (H + l2)) * learningRate);
    if (!this.canSplit(rows.length, depth)) return id;

    const parentScore = (G * G) / (H + l2);
    const hist = given ?? this.histogram(rows);
    const { offsets } = this.bins;
    let bestGain = 1e-9;
    let bestFeature = -1;
    let bestBin = -1;
    for (let j = 0; j < this.width; j++) {
      const binCount = this.bins.thresholds[j].length + 1;
      if (binCount < 2) continue;
      const offset = offsets[j];
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let b = 0; b < binCount - 1; b++) {
        gl += hist.g[offset + b];
        hl += hist.h[offset + b];
        cl += hist.count[offset + b];
        if (cl < minSamplesLeaf) continue;
        if (rows.length - cl < minSamplesLeaf) break;
        const gr = G - gl;
        const hr = H - hl;
        const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = j;
          bestBin = b;
        }
      }
    }
    if (bestFeature < 0) return id;
    const column = this.bins.codes[bestFeature];
    const leftRows: number[] = [];
    const rightRows: number[] = [];
    for (const i of rows) (column[i] <= bestBin ? leftRows : rightRows).push(i);
    const left = Int32Array.from(leftRows);
    const right = Int32Array.from(rightRows);
    let leftHist: Histogram | undefined;
    let rightHist: Histogram | undefined;
    if (this.canSplit(left.length, depth + 1) || this.canSplit(right.length, depth + 1)) {
      const leftSmaller = left.length <= right.length;
      const small = this.histogram(leftSmaller ? left : right);
      const large: Histogram = { g: new Float64Array(hist.g), h: new Float64Array(hist.h), count: new Int32Array(hist.count) };
      for (let b = 0; b < large.g.length; b++) {
        large.g[b] -= small.g[b];
        large.h[b] -= small.h[b];
        large.count[b] -= small.count[b];
      }
      leftHist = leftSmaller ? small : large;
      rightHist = leftSmaller ? large : small;
    }
    tree.feature[id] = bestFeature;
    tree.threshold[id] = this.bins.thresholds[bestFeature][bestBin];
    tree.left[id] = this.growNode(tree, left, depth + 1, leftHist);
    tree.right[id] = this.growNode(tree, right, depth + 1, rightHist);
    return id;
  }
}
