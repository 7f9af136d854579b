import { EPS, type Operator } from './operator';

/** Moves u to just after w, or else to just before w, in w's trip or within its own. */
export const relocate: Operator = {
  name: 'relocate',
  tryImprove(m, { A, B, iu, iw, lu, lw, pW, nW, removeU, same }) {
    if (!(same && iw === iu - 1)) {
      const delta = m.d(lw, lu) + m.d(lu, nW) - m.d(lw, nW) - removeU;
      if (delta < -EPS && (same || m.fits(B, A, iu, 1, null, 0, 0)) && m.apply(A, B, m.moved(A, iu, 1, B, iw + 1, false))) return -delta;
    }
    if (!(same && iw === iu + 1)) {
      const delta = m.d(pW, lu) + m.d(lu, lw) - m.d(pW, lw) - removeU;
      if (delta < -EPS && (same || m.fits(B, A, iu, 1, null, 0, 0)) && m.apply(A, B, m.moved(A, iu, 1, B, iw, false))) return -delta;
    }
    return 0;
  },
};
