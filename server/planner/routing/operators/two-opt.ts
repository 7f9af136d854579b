import { EPS, type Operator } from './operator';

/** Within one trip, with u before w: reverses the stops after u up to w, so u is followed by w. */
export const twoOpt: Operator = {
  name: '2-opt',
  tryImprove(m, { A, iu, iw, lu, lw, nW, same }) {
    if (!same || iu >= iw) return 0;
    const lo = iu + 1;
    let delta = m.d(lu, lw) + m.d(m.loc(A, lo), nW) - m.d(lu, m.loc(A, lo)) - m.d(lw, nW);
    // One-way streets: the reversed part is walked the other way.
    if (!m.c.symmetric) delta += m.pathCost(A, lo, iw - lo + 1, true) - m.pathCost(A, lo, iw - lo + 1, false);
    if (delta < -EPS) {
      const a = [...A.nodes.slice(0, lo), ...A.nodes.slice(lo, iw + 1).reverse(), ...A.nodes.slice(iw + 1)];
      if (m.apply(A, A, [a, a])) return -delta;
    }
    return 0;
  },
};
