import { EPS, type Operator } from './operator';

/**
 * 2-opt*: exchanges the tails after u and after w between two different trips, so u is followed
 * by w's old successor and w by u's. With different depots each moved tail also returns to its new depot.
 */
export const twoOptStar: Operator = {
  name: '2-opt*',
  tryImprove(m, { A, B, iu, iw, lu, lw, nU, nW, same }) {
    if (same) return 0;
    const dA = m.c.vehDepot[A.v]!;
    const dB = m.c.vehDepot[B.v]!;
    const tailA = A.nodes.length - iu - 1;
    const tailB = B.nodes.length - iw - 1;
    let star = m.d(lu, tailB > 0 ? nW : dA) + m.d(lw, tailA > 0 ? nU : dB) - m.d(lu, nU) - m.d(lw, nW);
    if (dA !== dB) {
      const lastA = m.loc(A, A.nodes.length - 1);
      const lastB = m.loc(B, B.nodes.length - 1);
      if (tailB > 0) star += m.d(lastB, dA) - m.d(lastB, dB);
      if (tailA > 0) star += m.d(lastA, dB) - m.d(lastA, dA);
    }
    if (star < -EPS && m.fits(A, B, iw + 1, tailB, A, iu + 1, tailA) && m.fits(B, A, iu + 1, tailA, B, iw + 1, tailB)) {
      const a = [...A.nodes.slice(0, iu + 1), ...B.nodes.slice(iw + 1)];
      const b = [...B.nodes.slice(0, iw + 1), ...A.nodes.slice(iu + 1)];
      if (m.apply(A, B, [a, b])) return -star;
    }
    return 0;
  },
};
