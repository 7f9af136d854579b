import { EPS, type Operator } from './operator';

/** Moves the string starting at u, 2 or 3 stops long, to just after w, kept or reversed. */
export const orOpt: Operator = {
  name: 'or-opt',
  tryImprove(m, { A, B, iu, iw, lu, lw, pU, nW, same }) {
    for (let len = 2; len <= 3; len++) {
      if (iu + len > A.nodes.length || (same && iw >= iu - 1 && iw < iu + len)) continue;
      const le = m.loc(A, iu + len - 1);
      const after = m.loc(A, iu + len);
      const out = m.d(pU, lu) + m.d(le, after) - m.d(pU, after);
      // One-way streets: walking the string backwards costs something else.
      const inner = m.c.symmetric ? 0 : m.pathCost(A, iu, len, true) - m.pathCost(A, iu, len, false);
      const keep = m.d(lw, lu) + m.d(le, nW) - m.d(lw, nW) - out;
      const rev = m.d(lw, le) + m.d(lu, nW) - m.d(lw, nW) - out + inner;
      if ((keep >= -EPS && rev >= -EPS) || (!same && !m.fits(B, A, iu, len, null, 0, 0))) continue;
      if (keep < -EPS && keep <= rev && m.apply(A, B, m.moved(A, iu, len, B, iw + 1, false))) return -keep;
      if (rev < -EPS && m.apply(A, B, m.moved(A, iu, len, B, iw + 1, true))) return -rev;
    }
    return 0;
  },
};
