import { EPS, type Operator } from './operator';

/** Exchanges u and w between two different trips. */
export const swap: Operator = {
  name: 'swap',
  tryImprove(m, { A, B, u, w, iu, iw, lu, lw, pU, nU, pW, nW, same }) {
    if (same) return 0;
    const delta = m.d(pU, lw) + m.d(lw, nU) - m.d(pU, lu) - m.d(lu, nU)
      + m.d(pW, lu) + m.d(lu, nW) - m.d(pW, lw) - m.d(lw, nW);
    if (delta < -EPS && m.fits(A, B, iw, 1, A, iu, 1) && m.fits(B, A, iu, 1, B, iw, 1)) {
      const a = [...A.nodes];
      const b = [...B.nodes];
      a[iu] = w;
      b[iw] = u;
      if (m.apply(A, B, [a, b])) return -delta;
    }
    return 0;
  },
};
