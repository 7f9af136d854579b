import { starRing } from '../server/testing/polygons';
import { firstRingConflict } from '../server/domain/simple-rings';
import { ringEdges } from '../server/domain/ring-edges';
const r = starRing(4999);
let t = performance.now(); const e = ringEdges([r]); console.log('edges', (performance.now() - t).toFixed(1));
t = performance.now(); firstRingConflict([r]); console.log('cold sweep', (performance.now() - t).toFixed(1));
t = performance.now(); firstRingConflict([r]); console.log('2nd sweep', (performance.now() - t).toFixed(1));
