package io.tianshu.nlp.tagger;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Groups of characters that occur in similar contexts (肝 with 肾 胰 胆, 痛 with 胀 闷 晕), learned without
 * labels from the training notes and any other notes a hospital gives: the positive PMI of each
 * character with its neighbours at ±1 and ±2, reduced to 64 dimensions by a randomised SVD, then
 * k-means at several granularities. The tagger uses the group ids as features, so that what it
 * learns about one character carries to others like it (Brown-style clusters; Turian et al. 2010).
 */
final class CharacterClusters {

  /** Cluster counts, coarse to fine. */
  static final int[] GRANULARITIES = {32, 128, 512};

  private static final int MIN_COUNT = 3;
  private static final int DIMENSIONS = 64;
  private static final int OVERSAMPLING = 16;
  private static final int POWER_ITERATIONS = 2;
  private static final int KMEANS_ITERATIONS = 25;
  private static final char OUTSIDE = '\uFFFF';

  private final char[] chars;
  private final int[][] ids; // per granularity, per character of chars
  private final int[][] byChar; // per granularity, indexed by char; -1 when unknown
  private final int[] sizes;

  private CharacterClusters(char[] chars, int[][] ids) {
    this.chars = chars;
    this.ids = ids;
    this.sizes = new int[ids.length];
    for (int g = 0; g < ids.length; g++) {
      sizes[g] = Arrays.stream(ids[g]).max().orElse(-1) + 1;
    }
    this.byChar = new int[ids.length][];
    for (int g = 0; g < ids.length; g++) {
      byChar[g] = new int[65536];
      Arrays.fill(byChar[g], -1);
      for (int i = 0; i < chars.length; i++) {
        byChar[g][chars[i]] = ids[g][i];
      }
    }
  }

  /** Number of granularities. */
  int levels() {
    return ids.length;
  }

  /** Number of cluster ids at granularity {@code level} (ids are 0 to size − 1). */
  int size(int level) {
    return sizes[level];
  }

  /** Cluster of folded character {@code c} at granularity {@code level}, or -1 if unseen. */
  int of(int level, char c) {
    return byChar[level][c];
  }

  /**
   * Learns clusters from {@code texts}, deterministic for a seed. Characters are folded as the
   * feature extractor folds them; those seen fewer than three times get none.
   */
  static CharacterClusters learn(List<String> texts, long seed) {
    Map<Character, Integer> counts = new HashMap<>();
    for (String t : texts) {
      for (int i = 0; i < t.length(); i++) {
        counts.merge(FeatureExtractor.fold(t.charAt(i)), 1, Integer::sum);
      }
    }
    StringBuilder kept = new StringBuilder();
    counts.entrySet().stream()
        .filter(e -> e.getValue() >= MIN_COUNT && e.getKey() != OUTSIDE)
        .map(Map.Entry::getKey)
        .sorted()
        .forEach(kept::append);
    char[] vocab = kept.toString().toCharArray();
    if (vocab.length == 0) {
      return new CharacterClusters(vocab, new int[GRANULARITIES.length][0]);
    }
    int[] row = new int[65536];
    Arrays.fill(row, -1);
    for (int i = 0; i < vocab.length; i++) {
      row[vocab[i]] = i;
    }
    Sparse ppmi = ppmi(texts, vocab, row);
    double[][] embedding = embed(ppmi, vocab.length, new Random(seed));
    int[][] ids = new int[GRANULARITIES.length][];
    for (int g = 0; g < GRANULARITIES.length; g++) {
      ids[g] = kMeans(embedding, Math.min(GRANULARITIES[g], vocab.length), new Random(seed + g));
    }
    return new CharacterClusters(vocab, ids);
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(ids.length);
    out.writeInt(chars.length);
    for (int i = 0; i < chars.length; i++) {
      out.writeChar(chars[i]);
      for (int[] level : ids) {
        out.writeShort(level[i]);
      }
    }
  }

  static CharacterClusters read(DataInputStream in) throws IOException {
    int levels = in.readInt();
    int n = in.readInt();
    char[] chars = new char[n];
    int[][] ids = new int[levels][n];
    for (int i = 0; i < n; i++) {
      chars[i] = in.readChar();
      for (int g = 0; g < levels; g++) {
        ids[g][i] = in.readShort();
      }
    }
    return new CharacterClusters(chars, ids);
  }

  /** A sparse matrix in compressed rows. */
  private record Sparse(int rows, int cols, int[] start, int[] col, double[] value) {

    /** this · m, with m dense (cols × k). */
    double[][] times(double[][] m, int k) {
      double[][] out = new double[rows][k];
      for (int r = 0; r < rows; r++) {
        double[] o = out[r];
        for (int j = start[r]; j < start[r + 1]; j++) {
          double v = value[j];
          double[] x = m[col[j]];
          for (int c = 0; c < k; c++) {
            o[c] += v * x[c];
          }
        }
      }
      return out;
    }

    /** thisᵀ · m, with m dense (rows × k). */
    double[][] transposeTimes(double[][] m, int k) {
      double[][] out = new double[cols][k];
      for (int r = 0; r < rows; r++) {
        double[] x = m[r];
        for (int j = start[r]; j < start[r + 1]; j++) {
          double v = value[j];
          double[] o = out[col[j]];
          for (int c = 0; c < k; c++) {
            o[c] += v * x[c];
          }
        }
      }
      return out;
    }
  }

  /**
   * Positive PMI of (character, neighbour at offset ±1/±2), with the context distribution raised to
   * 0.75 as in Levy, Goldberg and Dagan 2015, so rare contexts do not dominate.
   */
  private static Sparse ppmi(List<String> texts, char[] vocab, int[] row) {
    Map<Long, Integer> pairs = new HashMap<>();
    Map<Integer, Integer> columns = new HashMap<>();
    for (String raw : texts) {
      int n = raw.length();
      char[] t = new char[n];
      for (int i = 0; i < n; i++) {
        t[i] = FeatureExtractor.fold(raw.charAt(i));
      }
      for (int i = 0; i < n; i++) {
        int r = row[t[i]];
        if (r < 0) {
          continue;
        }
        for (int d = -2; d <= 2; d++) {
          if (d == 0) {
            continue;
          }
          char o = i + d >= 0 && i + d < n ? t[i + d] : OUTSIDE;
          int context = (d + 2) << 16 | o;
          int c = columns.computeIfAbsent(context, x -> columns.size());
          pairs.merge((long) r << 32 | c, 1, Integer::sum);
        }
      }
    }
    int rows = vocab.length;
    int cols = columns.size();
    double[] rowSum = new double[rows];
    double[] colSum = new double[cols];
    double total = 0;
    for (Map.Entry<Long, Integer> e : pairs.entrySet()) {
      rowSum[(int) (e.getKey() >>> 32)] += e.getValue();
      colSum[(int) (long) e.getKey()] += e.getValue();
      total += e.getValue();
    }
    double smoothedTotal = 0;
    for (int c = 0; c < cols; c++) {
      colSum[c] = Math.pow(colSum[c], 0.75);
      smoothedTotal += colSum[c];
    }
    long[] keys = pairs.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    int[] start = new int[rows + 1];
    int[] col = new int[keys.length];
    double[] value = new double[keys.length];
    int k = 0;
    for (long key : keys) {
      int r = (int) (key >>> 32);
      int c = (int) key;
      double pmi =
          Math.log(pairs.get(key) / total)
              - Math.log(rowSum[r] / total)
              - Math.log(colSum[c] / smoothedTotal);
      if (pmi > 0) {
        start[r + 1]++;
        col[k] = c;
        value[k] = pmi;
        k++;
      }
    }
    for (int r = 0; r < rows; r++) {
      start[r + 1] += start[r];
    }
    return new Sparse(rows, cols, start, Arrays.copyOf(col, k), Arrays.copyOf(value, k));
  }

  /**
   * Rows of U·√Σ of a rank-64 randomised SVD (Halko, Martinsson and Tropp 2011), scaled to unit
   * length.
   */
  private static double[][] embed(Sparse m, int rows, Random random) {
    int k = Math.min(DIMENSIONS + OVERSAMPLING, Math.min(rows, m.cols()));
    double[][] omega = new double[m.cols()][k];
    for (double[] r : omega) {
      for (int c = 0; c < k; c++) {
        r[c] = random.nextGaussian();
      }
    }
    double[][] q = orthonormalize(m.times(omega, k));
    for (int i = 0; i < POWER_ITERATIONS; i++) {
      q = orthonormalize(m.times(orthonormalize(m.transposeTimes(q, k)), k));
    }
    // B = Qᵀ M; the eigenvectors of B Bᵀ (k × k) give U = Q V, its eigenvalues Σ².
    double[][] bt = m.transposeTimes(q, k); // cols × k, i.e. Bᵀ
    double[][] bbt = new double[k][k];
    for (double[] r : bt) {
      for (int a = 0; a < k; a++) {
        if (r[a] == 0) {
          continue;
        }
        for (int b = a; b < k; b++) {
          bbt[a][b] += r[a] * r[b];
        }
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < a; b++) {
        bbt[a][b] = bbt[b][a];
      }
    }
    double[][] vectors = new double[k][k];
    double[] eigen = jacobi(bbt, vectors);
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(eigen[b], eigen[a]));
    int dims = Math.min(DIMENSIONS, k);
    double[][] out = new double[rows][dims];
    for (int r = 0; r < rows; r++) {
      double norm = 0;
      for (int d = 0; d < dims; d++) {
        int e = order[d];
        double u = 0;
        for (int j = 0; j < k; j++) {
          u += q[r][j] * vectors[j][e];
        }
        out[r][d] = u * Math.pow(Math.max(eigen[e], 0), 0.25); // U·√σ, σ = √eigenvalue
        norm += out[r][d] * out[r][d];
      }
      double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (int d = 0; d < dims; d++) {
        out[r][d] *= scale;
      }
    }
    return out;
  }

  /** Modified Gram–Schmidt on the columns of {@code a} (rows × k), in place; returns {@code a}. */
  private static double[][] orthonormalize(double[][] a) {
    int rows = a.length;
    int k = rows == 0 ? 0 : a[0].length;
    for (int c = 0; c < k; c++) {
      for (int p = 0; p < c; p++) {
        double dot = 0;
        for (double[] r : a) {
          dot += r[c] * r[p];
        }
        for (double[] r : a) {
          r[c] -= dot * r[p];
        }
      }
      double norm = 0;
      for (double[] r : a) {
        norm += r[c] * r[c];
      }
      double scale = norm > 1e-20 ? 1 / Math.sqrt(norm) : 0;
      for (double[] r : a) {
        r[c] *= scale;
      }
    }
    return a;
  }

  /**
   * Eigenvalues of symmetric {@code a} by cyclic Jacobi rotations; eigenvectors go to the columns
   * of {@code vectors}. {@code a} is destroyed.
   */
  private static double[] jacobi(double[][] a, double[][] vectors) {
    int n = a.length;
    for (int i = 0; i < n; i++) {
      Arrays.fill(vectors[i], 0);
      vectors[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off < 1e-22) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (Math.abs(a[p][q]) < 1e-300) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = vectors[k][p];
            double vkq = vectors[k][q];
            vectors[k][p] = c * vkp - s * vkq;
            vectors[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    double[] eigen = new double[n];
    for (int i = 0; i < n; i++) {
      eigen[i] = a[i][i];
    }
    return eigen;
  }

  /** k-means with k-means++ seeding (Arthur and Vassilvitskii 2007); returns each row's cluster. */
  private static int[] kMeans(double[][] x, int k, Random random) {
    int n = x.length;
    int dims = n == 0 ? 0 : x[0].length;
    double[][] centers = new double[k][];
    double[] nearest = new double[n];
    Arrays.fill(nearest, Double.MAX_VALUE);
    centers[0] = x[random.nextInt(n)].clone();
    for (int c = 1; c < k; c++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        nearest[i] = Math.min(nearest[i], distance(x[i], centers[c - 1]));
        sum += nearest[i];
      }
      double pick = random.nextDouble() * sum;
      int chosen = n - 1;
      for (int i = 0; i < n; i++) {
        pick -= nearest[i];
        if (pick <= 0) {
          chosen = i;
          break;
        }
      }
      centers[c] = x[chosen].clone();
    }
    int[] assignment = new int[n];
    for (int iteration = 0; iteration < KMEANS_ITERATIONS; iteration++) {
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int c = 0; c < k; c++) {
          double d = distance(x[i], centers[c]);
          if (d < bestDistance) {
            bestDistance = d;
            best = c;
          }
        }
        changed |= assignment[i] != best || iteration == 0;
        assignment[i] = best;
      }
      if (!changed) {
        break;
      }
      double[][] sums = new double[k][dims];
      int[] sizes = new int[k];
      for (int i = 0; i < n; i++) {
        sizes[assignment[i]]++;
        for (int d = 0; d < dims; d++) {
          sums[assignment[i]][d] += x[i][d];
        }
      }
      for (int c = 0; c < k; c++) {
        if (sizes[c] > 0) {
          for (int d = 0; d < dims; d++) {
            centers[c][d] = sums[c][d] / sizes[c];
          }
        }
      }
    }
    return assignment;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      double diff = a[d] - b[d];
      s += diff * diff;
    }
    return s;
  }
}
