package org.jingchain.store;

/** Small dense matrices over GF(2^8): the coding matrix and its inverses for decoding. */
final class Matrix {
  final int rows;
  final int cols;
  final byte[][] a;

  Matrix(int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    this.a = new byte[rows][cols];
  }

  int get(int r, int c) {
    return a[r][c] & 0xff;
  }

  void set(int r, int c, int v) {
    a[r][c] = (byte) v;
  }

  /** The Vandermonde matrix {@code v[r][c] = r^c}: any {@code cols} of its rows are independent. */
  static Matrix vandermonde(int rows, int cols) {
    Matrix m = new Matrix(rows, cols);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        m.set(r, c, Gf256.pow(r, c));
      }
    }
    return m;
  }

  Matrix times(Matrix o) {
    Matrix p = new Matrix(rows, o.cols);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < o.cols; c++) {
        int v = 0;
        for (int i = 0; i < cols; i++) {
          v ^= Gf256.mul(get(r, i), o.get(i, c));
        }
        p.set(r, c, v);
      }
    }
    return p;
  }

  Matrix rows(int from, int to) {
    Matrix m = new Matrix(to - from, cols);
    for (int r = from; r < to; r++) {
      m.a[r - from] = a[r].clone();
    }
    return m;
  }

  /** The inverse by Gauss–Jordan elimination; fails if the matrix is singular. */
  Matrix inverse() {
    if (rows != cols) {
      throw new IllegalStateException("only a square matrix has an inverse");
    }
    int n = rows;
    Matrix w = new Matrix(n, 2 * n);
    for (int r = 0; r < n; r++) {
      System.arraycopy(a[r], 0, w.a[r], 0, n);
      w.set(r, n + r, 1);
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      while (pivot < n && w.get(pivot, col) == 0) {
        pivot++;
      }
      if (pivot == n) {
        throw new IllegalStateException("singular matrix");
      }
      byte[] t = w.a[col];
      w.a[col] = w.a[pivot];
      w.a[pivot] = t;
      int scale = Gf256.div(1, w.get(col, col));
      for (int c = 0; c < 2 * n; c++) {
        w.set(col, c, Gf256.mul(w.get(col, c), scale));
      }
      for (int r = 0; r < n; r++) {
        int f = w.get(r, col);
        if (r != col && f != 0) {
          for (int c = 0; c < 2 * n; c++) {
            w.set(r, c, w.get(r, c) ^ Gf256.mul(f, w.get(col, c)));
          }
        }
      }
    }
    Matrix inv = new Matrix(n, n);
    for (int r = 0; r < n; r++) {
      System.arraycopy(w.a[r], n, inv.a[r], 0, n);
    }
    return inv;
  }
}
