// robust-predicates 2.x ships no type declarations. Only what geometry code uses.
declare module 'robust-predicates' {
  /**
   * Exact sign of the orientation of c relative to the directed line a→b (Shewchuk's adaptive
   * arithmetic). In this 2.x release: negative when c lies to the LEFT (counter-clockwise), positive
   * when to the right, zero when collinear.
   */
  export function orient2d(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number;
}
